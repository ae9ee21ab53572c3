"""The numeric kinds' third round of shortcuts never changes a result (docs/benchmarks.md issue 5):
a column's header unit kept per table, a column's sum added up in locals, same_figure's row search
with one C-level test per cell, a weighted-score candidate's Σ W×R kept. Each is compared with the
computation it replaces on every table of the rendered samples and the conformance documents."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from docgen.calc.errors import UnitError
from docgen.check.numbers import Interval, parse_number
from docgen.read import read_document
from docgen.read.normalize import norm

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def documents(rendered_reports):
    docs = [read_document(path) for path in rendered_reports.values()]
    docs += [read_document(path) for path in sorted((ROOT / "samples" / "conformance").glob("*.docx"))]
    return docs


def test_kept_column_unit_equals_the_header_parse(documents):
    """column_unit answers from what it kept for the table and column: on every column of every
    table (and one beyond the grid), asked twice in two orders, the unit parsed anew from the header."""
    from docgen.check.kinds.numeric import _column_unit, column_unit

    units = set()
    for doc in documents:
        for table in doc.tables:
            table.__dict__.pop("_column_units", None)
            cols = list(range(table.n_cols + 1))
            for order in (cols, cols[::-1]):
                for c in order:
                    expected = _column_unit(table, c)
                    assert column_unit(table, c) == expected, (doc.path, table.index, c)
                    units.add(expected)
    assert len(units - {None}) >= 5  # (columns of one table with different units: a per-table answer fails)


def _sum_term_by_term(rows, members, c, target_unit, unit_col):
    """The column sum as it was computed: one Interval per term, added with Interval.__add__."""
    from docgen.check.kinds.numeric import cell_unit, is_blank, origin_cell, value_in

    acc, used, nums = Interval.exact(0), [], []
    for j in members:
        table, r = rows[j][0], rows[j][1]
        cell = origin_cell(table, r, c)
        if cell is None or is_blank(cell.text):
            continue
        num = parse_number(cell.text)
        if num is None or num.approx or num.percent:
            return "not summable"
        try:
            acc = acc + value_in(num, cell_unit(table, r, c, num, unit_col), target_unit)
        except UnitError:
            return "units"
        used.append(r)
        nums.append(num)
    return (acc, used, nums) if used else "nothing"


def test_column_sum_in_locals_equals_interval_additions(documents):
    """column_sum (bounds and point added in locals) gives the Interval — bounds, point, Decimal
    exponents — the rows and figures that adding one Interval per term gives, or fails where it
    fails: every total/subtotal scope of every table, every column, with no unit column and with
    each column as the unit column (conversions and refusals)."""
    from docgen.check.kinds.numeric import (
        DEFAULT_SUBTOTAL_LABELS,
        DEFAULT_TOTAL_LABELS,
        cell_unit,
        classify_rows,
        column_sum,
        number_at,
        total_scopes,
    )

    summed = refused = 0
    for doc in documents:
        for table in doc.tables:
            rows = classify_rows([(table, r) for r in range(table.header_rows, table.n_rows)],
                                 DEFAULT_TOTAL_LABELS, DEFAULT_SUBTOTAL_LABELS)
            for i, members in total_scopes(rows):
                t_row = rows[i][1]
                for unit_col in [None, *range(table.n_cols)]:
                    for c in range(table.n_cols):
                        target = cell_unit(table, t_row, c, number_at(table, t_row, c), unit_col)
                        expected = _sum_term_by_term(rows, members, c, target, unit_col)
                        got = column_sum(rows, members, c, target, unit_col)
                        if isinstance(expected, str):
                            assert isinstance(got, str), (doc.path, table.index, t_row, c)
                            refused += 1
                            continue
                        assert repr(got) == repr(expected), (doc.path, table.index, t_row, c)
                        summed += 1
    assert summed > 300 and refused > 300


def test_row_search_with_one_test_per_cell_equals_form_by_form(documents):
    """same_figure's _row (set membership, then str.startswith with a tuple) finds the row that
    comparing each form in turn finds: every table of the samples as a match, the aliases of the
    packs' same_figure sides and odd ones (none, empty, a prefix of another, traditional)."""
    from docgen.check.kinds.numeric_figures import _row
    from docgen.check.profile import load_profile
    from docgen.check.tables import TableMatch
    from docgen.check.textindex import table_text

    def form_by_form(match, aliases):
        forms = [norm(a) for a in aliases]
        for exact in (True, False):
            for t, r, _ in match.data_rows():
                for cell in t.grid[r]:
                    n = norm(cell.text)
                    if n and any(n == f if exact else n.startswith(f) for f in forms):
                        return t, r
        return None

    alias_sets = [[], [""], ["合计", "合"], ["總計"], ["经济效益", "经济效益合计"]]
    for pack in ("national-2018-evaluation", "shanghai-evaluation"):
        for rule in load_profile(pack).rules:
            alias_sets += [side["row"] for side in rule.params.get("sides", []) if "row" in side]
    found = 0
    for doc in documents:
        for table in doc.tables:
            table_text(table)
            match = TableMatch(target_id="x", table=table, score=1.0, how="header", columns={})
            for aliases in alias_sets:
                expected = form_by_form(match, aliases)
                got = _row(match, aliases)
                assert (got and (got[0].index, got[1])) == (expected and (expected[0].index, expected[1])), \
                    (doc.path, table.index, aliases)
                found += expected is not None
    assert found > 200


def test_kept_weighted_score_sum_follows_the_terms():
    """Candidate.exact, kept once summed, is Σ W×R of the terms also after more terms are added."""
    from docgen.check.kinds.numeric_scores import Candidate

    cand = Candidate("甲")
    assert cand.exact == 0
    terms = [("10", "3"), ("8.5", "2"), ("6", "0.5")]
    for k, (w, r) in enumerate(terms, 1):
        cand.terms.append((parse_number(w), parse_number(r)))
        expected = sum((Decimal(a) * Decimal(b) for a, b in terms[:k]), Decimal(0))
        assert cand.exact == expected and cand.exact == expected  # (asked twice: the kept answer)


def test_alias_match_with_kept_forms_equals_alias_by_alias(documents):
    """weighted_score's _match_any (the alias list's forms normalised once, one ``in`` test each)
    answers as normalising each alias and testing equality, then containment: every cell text of
    the samples against the kind's default alias lists and odd ones (empty, traditional)."""
    from docgen.check.kinds.numeric_scores import _match_any

    def alias_by_alias(text, aliases):
        t = norm(text)
        return any(norm(a) and (t == norm(a) or norm(a) in t) for a in aliases)

    alias_lists = [["得分R", "得分", "评分", "R"], ["加权分R×W", "加权分", "R×W", "加权得分", "W×R"],
                   ["总分", "总计", "合计", "总得分"], ["排序", "名次", "排名"], ["权重值W", "权重值", "权重"],
                   [], [""], ["", "總計"], [" 合 计 "]]
    texts = sorted({cell.text for doc in documents for table in doc.tables for row in table.grid for cell in row})
    hits = 0
    for aliases in alias_lists:
        for text in texts:
            expected = alias_by_alias(text, aliases)
            assert _match_any(text, aliases) == expected, (text, aliases)
            hits += expected
    assert hits > 50


def test_balance_label_tests_parse_only_labelled_cells(documents):
    """_labelled_value and _is_total (row_cells without figures: a cell is parsed only once its form
    holds a label) answer as testing each cell's parsed figure first: every data row of every table
    of the samples, the balance kind's label sets and odd ones (a figure as label, an empty label)."""
    from docgen.check.kinds.numeric import label_forms
    from docgen.check.kinds.numeric_balance import _is_total, _labelled_value

    def parsed_first_labelled(table, r, labels):
        forms = [f for f in label_forms(tuple(labels)) if f]
        seen = set()
        for c, cell in enumerate(table.grid[r]):
            if id(cell) in seen:
                continue
            seen.add(id(cell))
            if parse_number(cell.text) is None and any(f in cell.norm for f in forms):
                for c2 in range(c + 1, len(table.grid[r])):
                    other = table.grid[r][c2]
                    if other.row == r and other.col == c2 and other.colspan == 1 and parse_number(other.text):
                        return c2, parse_number(other.text)
                return None
        return None

    def parsed_first_total(table, r, labels, skip):
        forms = label_forms(tuple(labels))
        seen = set()
        for c, cell in enumerate(table.grid[r]):
            if id(cell) in seen:
                continue
            seen.add(id(cell))
            if c not in skip and parse_number(cell.text) is None and cell.norm and cell.norm.endswith(forms):
                return True
        return False

    label_sets = [["差值", "差额"], ["偏差率", "相对偏差", "误差率", "平衡误差"], ["总计", "合计"], ["12"], [""], ["合 計"]]
    labelled = totals = 0
    for doc in documents:
        for table in doc.tables:
            for r in range(table.header_rows, table.n_rows):
                for labels in label_sets:
                    expected = parsed_first_labelled(table, r, labels)
                    got = _labelled_value(table, r, labels)
                    assert repr(got) == repr(expected), (doc.path, table.index, r, labels)
                    labelled += expected is not None
                    for skip in ((), (1,)):
                        expected_total = parsed_first_total(table, r, labels, skip)
                        assert _is_total(table, r, labels, skip) == expected_total, (doc.path, table.index, r, labels)
                        totals += expected_total
    assert labelled > 20 and totals > 100
