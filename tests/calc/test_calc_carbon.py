"""CO2 emissions (docgen.calc.carbon) in tCO2. Expected values by hand."""

from decimal import Decimal

import pytest

from docgen.calc.carbon import co2_emission, co2_total
from docgen.calc.errors import FactorError, UnitError


def test_default_table_is_2023_national_average():
    # 100 万kWh = 1 000 000 kWh × 0.5306 kgCO2/kWh = 530 600 kgCO2 = 530.6 tCO2
    assert co2_emission(100, "万kWh", "electricity") == Decimal("530.6")


def test_grid_2021_in_mwh():
    # 100 MWh = 100 000 kWh × 0.5568 kgCO2/kWh = 55 680 kgCO2 = 55.68 tCO2
    assert co2_emission(100, "MWh", "electricity", "cn-grid-2021") == Decimal("55.68")


def test_ghg_reporting_factor_from_wan_kwh():
    # 100 万kWh = 1 000 MWh × 0.5703 tCO2/MWh = 570.3 tCO2
    assert co2_emission(100, "万kWh", "electricity", "cn-ghg-reporting-2022") == Decimal("570.3")


def test_shanghai_factor():
    # 10 万kWh = 100 MWh × 0.42 tCO2/MWh = 42 tCO2 (= 4.2 tCO2/万kWh × 10)
    assert co2_emission(10, "万kWh", "electricity", "shanghai") == Decimal("42")


def test_natural_gas():
    # 3 万m³ = 30 000 m³ × 2.16 kgCO2/m³ = 64 800 kgCO2 = 64.8 tCO2
    assert co2_emission(3, "万m³", "natural_gas") == Decimal("64.8")


def test_diesel_in_t_and_kg():
    # 50 t × 3.10 tCO2/t = 155 tCO2; 50 000 kg is the same amount
    assert co2_emission(50, "t", "diesel") == Decimal("155")
    assert co2_emission(50000, "kg", "diesel") == Decimal("155")


def test_heat_and_coal():
    # 2 000 GJ × 0.11 tCO2/GJ = 220 tCO2; 100 t raw coal × 1.90 tCO2/t = 190 tCO2
    assert co2_emission(2000, "GJ", "heat") == Decimal("220")
    assert co2_emission(100, "t", "raw_coal") == Decimal("190")


def test_saving_times_factor():
    # ΔCO2 = ΔE × EF: 12 万kWh saved = 120 000 kWh × 0.5306 = 63 672 kgCO2 = 63.672 tCO2
    assert co2_emission(12, "万kWh", "electricity", "cn-grid-2023") == Decimal("63.672")


def test_total():
    # 530.6 (100 万kWh) + 64.8 (3 万m³ gas) = 595.4 tCO2
    assert co2_total([(100, "万kWh", "electricity"), (3, "万m³", "natural_gas")]) == Decimal("595.4")


def test_errors():
    with pytest.raises(FactorError):
        co2_emission(1, "t", "coke")  # no CO2 factor for coke in the shipped tables
    with pytest.raises(UnitError):
        co2_emission(1, "t", "natural_gas")  # gas factor is per m³
