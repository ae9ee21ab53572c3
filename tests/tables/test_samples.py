"""Every catalogue table over every sample in samples/audit-*.yaml: built, well-shaped, printable.

Rules checked (brief and domain.md §7.8): a table exists whenever its data does; header width ==
row width; no empty/"None"/"nan" cell (empty optional cells print "—"); numeric columns parse as
numbers; dates are written 2025年3月15日, never ISO; raw_rows mirror rows.
"""

from __future__ import annotations

import re

import pytest
from tables_helpers import BAD_CELLS, SAMPLES, expected_to_exist, load, parse_number

from docgen.derive import derive_figures
from docgen.tables import build_table, build_tables, load_catalogue, specs_for

KINDS = ("evaluation", "acceptance")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def test_at_least_one_sample_exists():
    assert SAMPLES, "samples/audit-*.yaml 中没有示例数据"


@pytest.fixture(scope="module", params=SAMPLES, ids=lambda p: p.stem)
def sample(request):
    audit = load(request.param)
    return audit, derive_figures(audit)


def check_shape(table):
    width = len(table.header_rows[0])
    assert 1 <= len(table.header_rows) <= 2, table.id
    for header in table.header_rows:
        assert len(header) == width, table.id
        assert not [c for c in header if c in BAD_CELLS], table.id
    assert table.rows, f"{table.id} 没有数据行"
    for row in table.all_rows():
        assert len(row) == width, (table.id, row)
        bad = [c for c in row if c.strip() in BAD_CELLS or "None" in c or c.lower() == "nan"]
        assert not bad, (table.id, row)
        assert not [c for c in row if ISO_DATE.search(c)], (table.id, row)
    for row in table.all_rows():
        for i in table.numeric_cols:
            parse_number(row[i])
    assert len(table.raw_rows) == len(table.rows)
    assert all(len(r) == width for r in table.raw_rows)
    if table.total_row is not None:
        assert table.raw_total is not None and len(table.raw_total) == width
    assert table.numeric_cols <= set(range(width))


@pytest.mark.parametrize("kind", KINDS)
def test_every_table_builds_and_is_well_formed(sample, kind):
    audit, figures = sample
    for spec in specs_for(kind):
        table = build_table(audit, spec.id, figures)
        if not expected_to_exist(audit, spec):
            assert table is None, f"{spec.id} 数据不支持时应返回 None"
            continue
        assert table is not None, f"{spec.id} 未能生成"
        assert table.id == spec.id and table.name == spec.name
        assert table.caption == spec.name and table.number is None
        check_shape(table)
        if spec.total_row:
            assert table.total_row is not None and table.total_row[0].startswith(("合计", spec.total_label)), spec.id


@pytest.mark.parametrize("kind", KINDS)
def test_build_tables_in_report_order(sample, kind):
    audit, figures = sample
    tables = build_tables(audit, kind, figures)
    order = [s.id for s in specs_for(kind)]
    ids = [t.id for t in tables]
    assert ids == sorted(ids, key=order.index)
    for table in tables:
        check_shape(table)
    if kind == "evaluation":
        # characteristic-pollutant balances follow T-13 in its layout
        assert ids.count("T-13") == 1 + len(audit.pollutant_balances)


def test_catalogue_covers_both_kinds():
    assert {k for s in load_catalogue().values() for k in s.kinds} == set(KINDS)
