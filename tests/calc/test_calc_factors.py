"""Factor tables (docgen.calc.factors): provenance, units, lookups."""

from decimal import Decimal

import pytest

from docgen.calc.factors import (
    DEFAULT_CO2_TABLE,
    DEFAULT_ENERGY_TABLE,
    FactorError,
    FactorTable,
    available_factor_tables,
    load_factor_table,
)
from docgen.calc.units import is_known_unit, parse_unit

ALL_TABLES = [(kind, tid) for kind in ("energy", "co2") for tid in available_factor_tables(kind)]

REQUIRED_ENERGY_KEYS = [
    "electricity", "raw_coal", "washed_coal", "coke", "crude_oil", "fuel_oil", "gasoline", "kerosene",
    "diesel", "lpg", "natural_gas", "coke_oven_gas", "heat", "steam", "fresh_water", "softened_water",
    "compressed_air", "oxygen", "nitrogen",
]


@pytest.mark.parametrize("kind, table_id", ALL_TABLES)
def test_every_factor_has_source_and_known_unit(kind, table_id):
    table = load_factor_table(kind, table_id)
    assert table.title and table.source
    expected = {"energy": "coal_equivalent", "co2": "co2_mass"}[kind]
    assert table.factors
    for key, factor in table.factors.items():
        assert factor.key == key
        assert factor.source.strip(), key
        assert factor.name_zh.strip(), key
        assert is_known_unit(factor.unit), (key, factor.unit)
        assert (expected, 1) in parse_unit(factor.unit).dimension, (key, factor.unit)
        assert isinstance(factor.value, Decimal) and factor.value > 0
        if not factor.verified:
            assert "to verify" in factor.note, key


def test_default_tables_exist():
    assert DEFAULT_ENERGY_TABLE == "gbt2589-2020"
    assert DEFAULT_ENERGY_TABLE in available_factor_tables("energy")
    assert DEFAULT_CO2_TABLE in available_factor_tables("co2")


def test_energy_table_has_all_carriers():
    table = load_factor_table("energy", "gbt2589-2020")
    for key in REQUIRED_ENERGY_KEYS:
        assert key in table.factors, key
    assert table.year == 2020


def test_electricity_calorific_equivalent_is_verified():
    factor = load_factor_table("energy", "gbt2589-2020").get("electricity")
    # 3 600 kJ/kWh ÷ 29 307.6 kJ/kgce = 0.12283… ≈ 0.1229 kgce/kWh
    assert factor.value == Decimal("0.1229") and factor.unit == "kgce/kWh"
    assert factor.verified and factor.basis == "calorific"


def test_generation_equivalent_table_is_dated_and_unverified():
    table = load_factor_table("energy", "gbt2589-2020")
    f2026 = table.get("electricity_generation_db31t783_2026")
    f2017 = table.get("electricity_generation_db31t552_2017")
    assert (f2026.value, f2026.year, f2026.verified) == (Decimal("0.28078"), 2026, False)
    assert (f2017.value, f2017.year, f2017.verified) == (Decimal("0.28232"), 2017, False)
    assert "DB31/T 783-2026" in f2026.source and "DB31/T 552-2017" in f2017.source
    assert f2026.carrier == f2017.carrier == "electricity"


def test_natural_gas_national_and_shanghai():
    table = load_factor_table("energy", "gbt2589-2020")
    assert table.get("natural_gas").value == Decimal("1.2143")
    assert table.get("natural_gas_sh_db31").value == Decimal("1.29971")
    assert table.get("natural_gas_sh_db31").carrier == "natural_gas"
    assert table.get("natural_gas").unit == "kgce/m³"


def test_lookup_by_chinese_name():
    table = load_factor_table("energy", "gbt2589-2020")
    assert table.get("柴油").key == "diesel"
    assert table.get("天然气").key == "natural_gas"


def test_unknown_carrier_lists_known_keys():
    table = load_factor_table("energy", "gbt2589-2020")
    with pytest.raises(FactorError) as info:
        table.get("unobtainium")
    message = str(info.value)
    assert "unobtainium" in message and "electricity" in message and "natural_gas" in message
    assert isinstance(info.value, KeyError) and isinstance(info.value, ValueError)


def test_unknown_table_and_kind():
    with pytest.raises(FactorError) as info:
        load_factor_table("energy", "gbt2589-1990")
    assert "gbt2589-2020" in str(info.value)
    with pytest.raises(FactorError):
        available_factor_tables("water")


def test_co2_grid_series_by_year():
    # domain.md §7.4: 2021 = 0.5568, 2022 = 0.5366, 2023 = 0.5306 kgCO2/kWh
    for year, value in ((2021, "0.5568"), (2022, "0.5366"), (2023, "0.5306")):
        table = load_factor_table("co2", f"cn-grid-{year}")
        factor = table.get("electricity")
        assert (factor.value, factor.unit, factor.year) == (Decimal(value), "kgCO2/kWh", year)
        assert table.year == year


def test_co2_reporting_and_shanghai_factors():
    ghg = load_factor_table("co2", "cn-ghg-reporting-2022").get("electricity")
    assert (ghg.value, ghg.unit) == (Decimal("0.5703"), "tCO2/MWh")
    sh = load_factor_table("co2", "shanghai").get("electricity")
    assert (sh.value, sh.unit, sh.verified) == (Decimal("0.42"), "tCO2/MWh", False)


def test_co2_tables_inherit_fuel_factors():
    for table_id in available_factor_tables("co2"):
        table = load_factor_table("co2", table_id)
        assert table.get("natural_gas").value == Decimal("2.16")
        assert table.get("diesel").value == Decimal("3.10")
        assert table.get("gasoline").value == Decimal("2.93")
        assert table.get("raw_coal").value == Decimal("1.90")
        assert (table.get("heat").value, table.get("heat").unit) == (Decimal("0.11"), "tCO2/GJ")


def test_abstract_base_table_is_not_selectable():
    assert "cn-fuels" not in available_factor_tables("co2")
    with pytest.raises(FactorError):
        load_factor_table("co2", "cn-fuels")


def test_tables_are_cached_and_read_only():
    first = load_factor_table("energy", "gbt2589-2020")
    assert first is load_factor_table("energy", "gbt2589-2020")
    assert isinstance(first, FactorTable)
    with pytest.raises(TypeError):
        first.factors["electricity"] = None  # type: ignore[index]
