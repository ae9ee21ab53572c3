"""Number intake (docgen.calc.num)."""

from decimal import Decimal

import pytest

from docgen.calc.errors import CalcError
from docgen.calc.num import to_decimal


def test_to_decimal_accepts_all_number_types():
    assert to_decimal(Decimal("1.5")) == Decimal("1.5")
    assert to_decimal(3) == Decimal(3)
    # float via str: 0.1229 stays 0.1229, not 0.12290000000000000701…
    assert to_decimal(0.1229) == Decimal("0.1229")
    assert to_decimal(" 2.50 ") == Decimal("2.5")


@pytest.mark.parametrize("bad", ["abc", "", float("inf"), "NaN", True, None, [1]])
def test_to_decimal_rejects(bad):
    with pytest.raises(CalcError):
        to_decimal(bad)
