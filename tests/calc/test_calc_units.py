"""Unit registry and conversions (docgen.calc.units). Expected values derived by hand."""

from decimal import Decimal

import pytest

from docgen.calc.errors import CalcError
from docgen.calc.units import UnitError, convert, convertible, is_known_unit, parse_unit


def test_wan_kwh_to_kwh():
    # 100 万kWh = 100 × 10 000 kWh = 1 000 000 kWh
    assert convert(100, "万kWh", "kWh") == Decimal("1000000")


def test_wan_kwh_spellings_normalise():
    # "万 kWh" (space), 万千瓦时 (Chinese), 万度 (colloquial) all mean 10 000 kWh
    for text in ("万 kWh", "万千瓦时", "万度", "万KWh", "万kW·h"):
        assert parse_unit(text).text == "万kWh"
        assert parse_unit(text).factor == Decimal(10000)


def test_kwh_case_and_colloquial_variants():
    for text in ("kwh", "KWH", "度", "千瓦时", "kW·h"):
        assert parse_unit(text).text == "kWh"


def test_fullwidth_percent_is_a_fraction():
    # 85 ％ = 85 × 0.01 = 0.85 (dimensionless)
    assert convert(85, "％", "1") == Decimal("0.85")
    assert parse_unit("％") == parse_unit("%")
    assert parse_unit("%").dimension == ()


def test_m3_spellings():
    # m3, M3, ㎥ and m³ are one unit; 2.5 m³ = 2.5 × 1000 L = 2500 L
    for text in ("m3", "M3", "㎥", "m³", "立方米"):
        assert parse_unit(text).text == "m³"
    assert convert(2.5, "m3", "L") == Decimal("2500")


def test_wan_m3_to_m3():
    # 3.2 万m³ = 32 000 m³
    assert convert("3.2", "万m3", "m³") == Decimal("32000")
    assert parse_unit("万方").text == "万m³"


def test_area_units():
    # ㎡ → m²; 15 亩 = 15 × 10000/15 m² = 10 000 m² = 1 公顷
    assert parse_unit("㎡").text == "m²"
    assert convert(15, "亩", "m²") == Decimal("10000")
    assert convert(1, "公顷", "亩") == Decimal("15")


def test_mass_units():
    # 1.2 t = 1 200 kg; 3 万t = 30 000 t; 2 500 mg = 2.5 g
    assert convert("1.2", "t", "kg") == Decimal("1200")
    assert convert(3, "万t", "t") == Decimal("30000")
    assert convert(2500, "mg", "g") == Decimal("2.5")
    assert parse_unit("吨").text == "t"


def test_heat_and_electricity_share_energy_dimension():
    # 1 kWh = 3.6 MJ ⇒ 36 MJ = 10 kWh; 3.6 GJ = 3 600 MJ = 1 000 kWh
    assert convert(36, "MJ", "kWh") == Decimal("10")
    assert convert("3.6", "GJ", "kWh") == Decimal("1000")
    # 1 MWh = 1 000 kWh = 3 600 MJ = 3.6 GJ
    assert convert(1, "MWh", "GJ") == Decimal("3.6")


def test_kcal_definition():
    # GB/T 2589: 7 000 kcal = 29 307.6 kJ ⇒ 7 000 kcal in kJ = 7000 × 4.1868 = 29 307.6
    assert convert(7000, "kcal", "kJ") == Decimal("29307.6")


def test_standard_coal_units():
    # 2.5 tce = 2 500 kgce; 1.5 万tce = 15 000 tce
    assert convert("2.5", "tce", "kgce") == Decimal("2500")
    assert convert("1.5", "万tce", "tce") == Decimal("15000")
    assert parse_unit("吨标准煤").text == "tce"


def test_money_units():
    # 1.5 亿元 = 1.5 × 10^8 元 = 15 000 万元
    assert convert("1.5", "亿元", "万元") == Decimal("15000")
    assert convert(3, "万元/a", "元/a") == Decimal("30000")


def test_composite_rate_conversion():
    # 12 t/d = 12 000 kg / 24 h = 500 kg/h
    assert convert(12, "t/d", "kg/h") == Decimal("500")


def test_concentration_units():
    # 50 mg/L = 50 mg / 0.001 m³ = 50 000 mg/m³ = 50 g/m³
    assert convert(50, "mg/L", "mg/m³") == Decimal("50000")
    assert convert(50, "mg/L", "g/m3") == Decimal("50")


def test_co2_mass_units():
    # 5 306 kgCO2 = 5.306 tCO2; 0.5703 tCO2/MWh = 0.5703 × 1000 kg / 1000 kWh = 0.5703 kgCO2/kWh
    assert convert(5306, "kgCO2", "tCO2") == Decimal("5.306")
    assert convert("0.5703", "tCO2/MWh", "kgCO2/kWh") == Decimal("0.5703")


def test_chinese_composite_spelling():
    assert parse_unit("吨/年").text == "t/a"
    assert parse_unit(" m3 / h ").text == "m³/h"
    assert parse_unit("tce/万元").text == "tce/万元"


def test_noise_unit_full_width_parentheses():
    assert parse_unit("dB（A）").text == "dB(A)"
    assert convert(65, "dB(A)", "dB（A）") == Decimal("65")


def test_dimension_tuple_decides_convertibility():
    assert parse_unit("t/a").dimension == parse_unit("kg/a").dimension
    assert convertible("万kWh/a", "MJ/a")
    assert convertible("m3/h", "L/h")


@pytest.mark.parametrize(
    "source, target",
    [
        ("t", "m³"),  # water t is mass; no density guessed
        ("kWh", "kgce"),  # needs a GB/T 2589 factor, not a unit conversion
        ("t/d", "t/a"),  # operating days are enterprise data
        ("tCO2", "t"),  # CO2 mass is never material mass
        ("tCO2e", "tCO2"),  # CO2 equivalent (all GHGs) is not CO2
        ("台", "套"),  # counted nouns do not mix
        ("%", "kg"),
    ],
)
def test_not_convertible(source, target):
    assert not convertible(source, target)
    with pytest.raises(UnitError) as info:
        convert(1, source, target)
    assert source in str(info.value) and target in str(info.value)


def test_unknown_unit_message_names_the_text():
    with pytest.raises(UnitError) as info:
        parse_unit("furlong")
    assert "furlong" in str(info.value)
    assert isinstance(info.value, ValueError) and isinstance(info.value, CalcError)
    assert not is_known_unit("furlong")
    assert not convertible("furlong", "kg")


def test_malformed_units():
    for text in ("", "t/a/d", "/a", "万%"):
        assert not is_known_unit(text)


@pytest.mark.parametrize(
    "text",
    ["t/a", "万kWh/a", "tce/t", "m³/t", "万元/a", "kg/h", "m³/h", "kgce/kWh", "kgCO2/kWh",
     "mg/L", "mg/m³", "个", "项", "人", "台", "套", "dB(A)", "亩", "公顷", "万tCO2", "kg/批"],
)
def test_common_report_units_are_known(text):
    assert is_known_unit(text)


def test_float_input_goes_through_str():
    # 0.1 t = 100 kg exactly (float 0.1 converted via str, not its binary value)
    result = convert(0.1, "t", "kg")
    assert isinstance(result, Decimal) and result == Decimal("100")
