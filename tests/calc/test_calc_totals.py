"""Per-item totals with mixed units (docgen.calc.totals). Expected values by hand."""

from decimal import Decimal

import pytest

from docgen.calc.errors import CalcError, UnitError
from docgen.calc.totals import Total, sum_by_item

EFFECTS = [
    ("节电", "3.5", "万kWh/a"),
    ("COD", "0.8", "t/a"),
    ("节电", 12000, "kWh/a"),
    ("节水", 1200, "m3/a"),
    ("COD", 350, "kg/a"),
    ("节电", "0.5", "万 kWh/a"),
    ("节水", 800, "m³/a"),
]


def test_sum_by_item_first_unit_wins():
    totals = sum_by_item(EFFECTS)
    # 节电: 3.5 + 12 000/10 000 + 0.5 = 3.5 + 1.2 + 0.5 = 5.2 万kWh/a
    assert totals["节电"] == Total(Decimal("5.2"), "万kWh/a")
    # COD: 0.8 + 350/1 000 = 0.8 + 0.35 = 1.15 t/a
    assert totals["COD"] == (Decimal("1.15"), "t/a")
    # 节水: 1 200 + 800 = 2 000 m³/a (unit text canonicalised from m3/a)
    assert totals["节水"] == (Decimal("2000"), "m³/a")
    assert list(totals) == ["节电", "COD", "节水"]


def test_sum_by_item_target_units():
    totals = sum_by_item(EFFECTS, {"节电": "kWh/a", "COD": "kg/a"})
    # 节电: 35 000 + 12 000 + 5 000 = 52 000 kWh/a; COD: 800 + 350 = 1 150 kg/a
    amount, unit = totals["节电"]
    assert (amount, unit) == (Decimal("52000"), "kWh/a")
    assert totals["COD"] == (Decimal("1150"), "kg/a")


def test_sum_by_item_standard_coal():
    # 12.5 tce/a + 800 kgce/a = 12.5 + 0.8 = 13.3 tce/a
    assert sum_by_item([("节能", "12.5", "tce/a"), ("节能", 800, "kgce/a")])["节能"] == (Decimal("13.3"), "tce/a")


def test_sum_by_item_inconvertible_units():
    with pytest.raises(UnitError) as info:
        sum_by_item([("节水", 100, "t/a"), ("节水", 50, "m³/a")])
    assert "节水" in str(info.value)


def test_sum_by_item_bad_effect():
    with pytest.raises(CalcError):
        sum_by_item([("节电", 1)])
    with pytest.raises(UnitError):
        sum_by_item([], {"节电": "万瓦特"})
