"""Report number and date conventions (issue 3 requirements), half-up rounding by hand."""

import datetime as dt
from decimal import Decimal

from docgen.numfmt import fmt_date, fmt_number, fmt_percent, fmt_quantity


def test_half_up_not_bankers():
    assert fmt_number(Decimal("0.125"), 2) == "0.13"  # banker's rounding would give 0.12
    assert fmt_number(Decimal("2.5"), 0) == "3"


def test_units_precision_and_percent():
    assert fmt_quantity(Decimal("122.9"), "tce") == "122.90 tce"
    assert fmt_quantity(Decimal("12.345"), "万元") == "12.35 万元"
    assert fmt_percent(Decimal("0.1234")) == "12.3%"
    assert fmt_number(Decimal("-0.001"), 2) == "0.00"
    assert fmt_number(None) == "—"


def test_dates_as_in_official_documents():
    assert fmt_date(dt.date(2025, 3, 15)) == "2025年3月15日"
    assert fmt_date(dt.date(2025, 10, 5)) == "2025年10月5日"


def test_readable_rescales_tiny_per_unit_figures():
    from docgen.numfmt import fmt_readable

    # 942.2 tce / 1 320 000 m² = 0.000713788 tce/m² = 0.714 kgce/m²
    assert fmt_readable(Decimal("942.2") / Decimal("1320000"), "tce/m²") == "0.714 kgce/m²"
    # already readable: unchanged
    assert fmt_readable(Decimal("1.2236"), "tce/t", 4) == "1.2236 tce/t"
