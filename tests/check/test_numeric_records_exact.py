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


def test_row_roles_from_kept_total_rows_equal_row_by_row(documents):
    """classify_rows and detail_rows (each table's total rows fetched once, the blank test mapped
    over the row's texts) give what asking _total_label and is_blank row by row gives: every table
    of the samples as a match (with its 续表 pieces; for classify_rows also its rows shuffled
    together with the next table's), the default label sets and odd ones."""
    import random

    from docgen.check.kinds.numeric import (
        _total_label,
        classify_rows,
        detail_rows,
        is_blank,
    )
    from docgen.check.tables import TableMatch

    label_sets = [(("合计", "总计"), ("小计",)), (("总分",), ()), ((), ("合计",)), (("",), ("计",))]
    rng = random.Random(5)
    details = 0
    for doc in documents:
        for k, table in enumerate(doc.tables):
            pieces = [t for t in doc.tables if t.continued_from == table.index]
            match = TableMatch(target_id="x", table=table, score=1.0, how="header", columns={}, pieces=pieces)
            pairs = [(t, r) for t, r, _ in match.data_rows()]
            after = doc.tables[k + 1:k + 2]
            mixed = pairs + [(t, r) for t in after for r in range(t.n_rows)]
            for totals, subtotals in label_sets:
                for order in (pairs, rng.sample(mixed, len(mixed))):
                    expected = []
                    for t, r in order:
                        sub, tot = _total_label(t, r, subtotals), _total_label(t, r, totals)
                        role = "subtotal" if sub else "total" if tot else "detail"
                        hit = sub or tot or ("", "")
                        expected.append((t.index, r, role, *hit))
                    got = [(t.index, r, role, label, prefix) for t, r, role, label, prefix in
                           classify_rows(order, totals, subtotals)]
                    assert got == expected, (doc.path, table.index, totals, subtotals)
                labels = totals + subtotals
                want = ([(t.index, r) for t, r, cells in match.data_rows() if not _total_label(t, r, labels)
                         and any(not is_blank(c.text) for c in cells)],
                        [(t.index, r) for t, r, _ in match.data_rows() if _total_label(t, r, labels)])
                rows, totals_found = detail_rows(match, labels)
                assert ([(t.index, r) for t, r in rows], [(t.index, r) for t, r in totals_found]) == want
                details += len(rows)
    assert details > 1000


def test_compiled_input_search_equals_re_search():
    """economics' _search(pat)(seg) finds what re.search(pat, seg) finds (same span and value) for
    the kind's input patterns on texts that state, omit and garble each input."""
    import re

    from docgen.check.kinds.numeric_economics import DEFAULT_PATTERNS, _search

    segs = ["Z-1：折旧期 Y = 10 年，项目寿命 n = 10 年，所得税率 t = 25.0%，贴现率 i = 8.0%", "净现值50.06万元（贴现率8%）",
            "折旧年限为12年", "计算期：15 年；基准收益率 10％", "所得税税率25%", "没有参数", "", "折旧期 年", "贴现率 i ＝ 7 %"]
    hits = 0
    for pats in DEFAULT_PATTERNS.values():
        for pat in pats:
            for seg in segs:
                want, got = re.search(pat, seg), _search(pat)(seg)
                assert (want and (want.span(), want.group("v"))) == (got and (got.span(), got.group("v"))), (pat, seg)
                hits += want is not None
    assert hits >= 8


def test_plain_figure_is_never_blank(documents):
    """blank_unless_figure answers is_blank for every cell text of the samples, hand-made figures and
    blanks, and ≈ 20,000 random texts over the plain-figure characters mixed with placeholder and
    not-applicable characters (a text that parses and holds only plain-figure characters is never
    a blank: the shortcut skips the test only for those)."""
    import random

    from docgen.check.kinds.numeric import (
        _PLAIN_FIGURE_CHARS,
        blank_unless_figure,
        is_blank,
    )
    from docgen.check.numbers import _parse_number

    texts = {cell.text for doc in documents for table in doc.tables for row in table.grid for cell in row}
    texts |= {"", " ", "-", "—", "/", "无", "不适用", "X", "x", "×", "XX", "12XX", "【12】", "{{ 12 }}", "12___", "待定",
              "TBD", "12 TBD", "1,234.5", "-0.00", "12.5%", "+3", " 12 ", "1 2", "12, ", "%", ".", "-.", "1-2"}
    rng = random.Random(7)
    alphabet = _PLAIN_FIGURE_CHARS + "Xx×_{}【】待定TBD—/无"
    texts |= {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6))) for _ in range(20000)}
    skipped = 0
    for text in sorted(texts):
        num = _parse_number(text)
        assert blank_unless_figure(text, num) == is_blank(text), text
        skipped += num is not None and not text.strip(_PLAIN_FIGURE_CHARS)
    assert skipped > 300


def test_canonical_unit_text_equals_known_then_parsed(documents):
    """units.canonical_text (one memoised parse) is parse_unit(t).text when is_known_unit(t), else
    None: every spelling of the unit registry, every cell text and header part of the samples,
    odd texts (empty, only a slash, case variants, three parts)."""
    from docgen.calc.units import _registry, canonical_text, is_known_unit, parse_unit
    from docgen.check.numbers import known_unit

    texts = set(_registry().exact) | {"", " ", "/", "t/", "/t", "KWH", "kwh", "M3", "万元/t/a", "万 kWh", "%", "％", "现状值"}
    texts |= {cell.text for doc in documents for table in doc.tables for row in table.grid for cell in row}
    known = 0
    for text in sorted(texts):
        expected = parse_unit(text).text if is_known_unit(text) else None
        assert canonical_text(text) == expected, text
        t = text.strip()
        was = None if not text else "%" if t in ("%", "％") else parse_unit(t).text if is_known_unit(t) else None
        assert known_unit(text) == was, text  # (known_unit as it was: is_known_unit, then parse_unit)
        known += expected is not None
    assert known > 100


def test_remembered_annuity_is_the_one_computed_for_that_rate():
    """_annuity_of hands back, for each rate as written and lifetime, exactly the Decimal _annuity
    computes (repr: exponent included) — also for equal rates written differently (0.08, 0.080,
    8E-2), asked in any order."""
    from docgen.check.kinds.numeric_economics import _annuity, _annuity_of

    rates = [Decimal("0.08"), Decimal("0.080"), Decimal("8E-2"), Decimal("0.0795"), Decimal("0.0805"), Decimal(0),
             Decimal("0.08"), Decimal("0.12"), Decimal("0.080")]
    kept: dict = {}
    for years in (10, 5, 10, 1):
        for rate in rates:
            assert repr(_annuity_of(rate, years, kept)) == repr(_annuity(rate, years)), (rate, years)
    assert len(kept) == 6 * 3  # (distinct rate spellings — 8E-2 is written 0.08 — × lifetimes)


def test_cell_matching_form_is_cnorm_of_its_text(documents):
    """balance's stacked layout reads a cell's matching form from Cell.norm (set for the whole
    table by table_text, else computed) instead of cnorm(cell.text): the same text at every grid
    position of every table of the samples, merged cells included."""
    from docgen.check.kinds.numeric import cnorm
    from docgen.check.textindex import table_text

    cells = 0
    for doc in documents:
        for table in doc.tables:
            table_text(table)
            for row in table.grid:
                for cell in row:
                    assert cell.norm == cnorm(cell.text), (doc.path, table.index, cell.text)
                    cells += 1
    assert cells > 10000


def test_scheme_class_from_kept_alias_forms_equals_alias_by_alias(documents):
    """scheme_counts' _classify (the alias lists' forms normalised once) classifies every cell text
    of the samples as normalising each alias anew does — defaults, traditional, empty aliases."""
    from docgen.check.kinds.numeric_counts import _classify

    def alias_by_alias(text, lows, highs):
        t = norm(text)
        if any(norm(a) in t for a in highs):
            return "high"
        if any(norm(a) in t for a in lows):
            return "low"
        return None

    alias_sets = [(["无/低费", "无低费", "无、低费"], ["中/高费", "中高费", "中、高费"]), (["無/低費"], ["中/高費"]),
                  (["低费", ""], ["高费"]), ([], [])]
    texts = sorted({cell.text for doc in documents for table in doc.tables for row in table.grid for cell in row})
    classified = 0
    for lows, highs in alias_sets:
        for text in texts:
            expected = alias_by_alias(text, lows, highs)
            assert _classify(text, lows, highs) == expected, (text, lows, highs)
            classified += expected is not None
    assert classified > 100


def test_parsed_number_fields_are_the_arguments():
    """ParsedNumber's written-out __init__ stores each argument in its own field (equality, hash and
    the dataclass repr see them), approx defaulting to False; its kept interval is value ± step/2."""
    from docgen.check.numbers import ParsedNumber

    n = ParsedNumber(Decimal("12.50"), 2, Decimal("0.01"), "万元", True, " 12.50万元 ", True)
    assert repr(n) == ("ParsedNumber(value=Decimal('12.50'), places=2, step=Decimal('0.01'), unit='万元', percent=True, "
                       "text=' 12.50万元 ', approx=True)")
    assert (n.value, n.places, n.step, n.unit, n.percent, n.text, n.approx) == \
           (Decimal("12.50"), 2, Decimal("0.01"), "万元", True, " 12.50万元 ", True)
    about = ParsedNumber(Decimal(5), 0, Decimal(1), None, False, "约5", True)
    assert (about.percent, about.approx) == (False, True)
    plain = ParsedNumber(Decimal(-3), 0, Decimal(1), None, False, "-3")
    assert plain.approx is False and plain == ParsedNumber(Decimal(-3), 0, Decimal(1), None, False, "-3", False)
    assert hash(plain) == hash(ParsedNumber(Decimal(-3), 0, Decimal(1), None, False, "-3", False))
    iv = n.interval()
    assert (str(iv.lo), str(iv.hi), str(iv.point)) == ("12.495", "12.505", "12.50") and n.interval() is iv
