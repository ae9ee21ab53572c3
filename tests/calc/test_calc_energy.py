"""Standard coal and 综合能耗 (docgen.calc.energy), GB/T 2589-2020. Expected values by hand."""

from decimal import Decimal

import pytest

from docgen.calc.energy import ElectricityBasis, comprehensive_energy, select_energy_factor, to_standard_coal
from docgen.calc.errors import CalcError, FactorError, UnitError
from docgen.calc.factors import load_factor_table

DB31_783 = "electricity_generation_db31t783_2026"
DB31_552 = "electricity_generation_db31t552_2017"


def test_electricity_calorific_wan_kwh():
    # 100 万kWh = 1 000 000 kWh × 0.1229 kgce/kWh = 122 900 kgce = 122.9 tce
    assert to_standard_coal(100, "万kWh", "electricity") == Decimal("122.9")


def test_domain_rule_of_thumb_wan_kwh_times_1_229():
    # domain.md §7.3: 万kWh × 1.229 = tce (当量): 1 万kWh = 10 000 × 0.1229 kgce = 1.229 tce
    assert to_standard_coal(1, "万kWh", "electricity") == Decimal("1.229")


def test_electricity_generation_db31_783():
    # 100 万kWh = 1 000 000 kWh × 0.28078 kgce/kWh = 280 780 kgce = 280.78 tce
    result = to_standard_coal(100, "万kWh", "electricity", electricity_basis="generation", generation_factor_key=DB31_783)
    assert result == Decimal("280.78")


def test_electricity_generation_db31_552_in_mwh():
    # 50 MWh = 50 000 kWh × 0.28232 kgce/kWh = 14 116 kgce = 14.116 tce
    result = to_standard_coal(50, "MWh", "electricity", electricity_basis="等价值", generation_factor_key=DB31_552)
    assert result == Decimal("14.116")


def test_generation_basis_requires_a_key():
    with pytest.raises(CalcError) as info:
        to_standard_coal(1, "kWh", "electricity", electricity_basis=ElectricityBasis.GENERATION)
    assert DB31_783 in str(info.value)


def test_generation_key_with_calorific_basis_is_rejected():
    with pytest.raises(CalcError):
        to_standard_coal(1, "kWh", "electricity", generation_factor_key=DB31_783)


def test_generation_key_must_be_a_generation_factor():
    with pytest.raises(CalcError):
        select_energy_factor("electricity", electricity_basis="generation", generation_factor_key="natural_gas")


def test_invalid_basis():
    with pytest.raises(CalcError):
        to_standard_coal(1, "kWh", "electricity", electricity_basis="average")


def test_natural_gas_in_wan_m3():
    # 5 万m³ = 50 000 m³ × 1.2143 kgce/m³ = 60 715 kgce = 60.715 tce
    assert to_standard_coal(5, "万m³", "natural_gas") == Decimal("60.715")


def test_natural_gas_shanghai_value():
    # 5 万m³ = 50 000 m³ × 1.29971 kgce/m³ = 64 985.5 kgce = 64.9855 tce
    assert to_standard_coal(5, "万m3", "natural_gas_sh_db31") == Decimal("64.9855")


def test_diesel_in_tonnes():
    # 10 t = 10 000 kg × 1.4571 kgce/kg = 14 571 kgce = 14.571 tce
    assert to_standard_coal(10, "t", "diesel") == Decimal("14.571")


def test_raw_coal():
    # 1 000 t = 1 000 000 kg × 0.7143 kgce/kg = 714 300 kgce = 714.3 tce
    assert to_standard_coal(1000, "吨", "raw_coal") == Decimal("714.3")


def test_heat_in_gj_and_mj():
    # 1 000 GJ × 34.12 kgce/GJ = 34 120 kgce = 34.12 tce
    assert to_standard_coal(1000, "GJ", "heat") == Decimal("34.12")
    # 500 000 MJ = 500 GJ × 34.12 = 17 060 kgce = 17.06 tce
    assert to_standard_coal(500000, "MJ", "heat") == Decimal("17.06")


def test_fresh_water_in_tonnes_but_not_m3():
    # 10 000 t × 0.0857 kgce/t = 857 kgce = 0.857 tce
    assert to_standard_coal(10000, "t", "fresh_water") == Decimal("0.857")
    with pytest.raises(UnitError):  # m³ of water is volume: no implicit 1 t/m³
        to_standard_coal(10000, "m³", "fresh_water")


def test_diesel_by_volume_is_rejected():
    with pytest.raises(UnitError) as info:
        to_standard_coal(10, "m³", "diesel")
    assert "柴油" in str(info.value)


def test_unknown_carrier():
    with pytest.raises(FactorError):
        to_standard_coal(1, "t", "moon_dust")


def test_float_amount():
    # 0.5 万kWh = 5 000 kWh × 0.1229 = 614.5 kgce = 0.6145 tce
    result = to_standard_coal(0.5, "万kWh", "electricity")
    assert isinstance(result, Decimal) and result == Decimal("0.6145")


def test_table_by_id_and_by_object():
    table = load_factor_table("energy", "gbt2589-2020")
    # 2 t × 1.4571 × 1000 kg/t = 2 914.2 kgce = 2.9142 tce
    assert to_standard_coal(2, "t", "diesel", table=table) == Decimal("2.9142")
    assert to_standard_coal(2, "t", "diesel", table="gbt2589-2020") == Decimal("2.9142")


def test_comprehensive_energy_with_exported_item():
    items = [
        (200, "万kWh", "electricity"),  # 2 000 000 × 0.1229 = 245 800 kgce = 245.8 tce
        (10, "万m³", "natural_gas"),  # 100 000 × 1.2143 = 121 430 kgce = 121.43 tce
        (20, "t", "diesel"),  # 20 000 × 1.4571 = 29 142 kgce = 29.142 tce
    ]
    exported = [(20, "万kWh", "electricity")]  # 200 000 × 0.1229 = 24 580 kgce = 24.58 tce
    # 245.8 + 121.43 + 29.142 = 396.372; 396.372 − 24.58 = 371.792 tce
    assert comprehensive_energy(items, exported=exported) == Decimal("371.792")


def test_comprehensive_energy_generation_basis_applies_only_to_electricity():
    items = [
        (10, "万kWh", "electricity"),  # 100 000 × 0.28078 = 28 078 kgce = 28.078 tce
        (1, "万m³", "natural_gas"),  # 10 000 × 1.2143 = 12 143 kgce = 12.143 tce
    ]
    # 28.078 + 12.143 = 40.221 tce
    result = comprehensive_energy(items, electricity_basis="generation", generation_factor_key=DB31_783)
    assert result == Decimal("40.221")


def test_comprehensive_energy_empty_and_bad_items():
    assert comprehensive_energy([]) == Decimal(0)
    with pytest.raises(CalcError):
        comprehensive_energy([(1, "t")])
