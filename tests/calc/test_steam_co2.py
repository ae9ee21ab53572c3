"""Steam bought in tonnes: CO2 = heat content × heat factor (domain.md §7.3, §7.4)."""

from decimal import Decimal

from docgen.calc.carbon import co2_emission


def test_steam_co2_by_mass():
    # 0.11 tCO2/GJ × 3.763 GJ/t = 0.41393 ≈ 0.414 tCO2/t; 1 000 t → 414 tCO2
    assert co2_emission(1000, "t", "steam", "cn-grid-2023") == Decimal("414")
