"""The numeric kinds' shortcuts never change a result (docs/benchmarks.md issue 5).

Each shortcut of docgen/check/numbers.py and docgen/check/kinds/numeric*.py skips or replaces work
only where the full computation is proven to give the same answer; these tests compare the two on
every cell and paragraph of the rendered sample reports and of the conformance documents, and on
hand-made edge cases (signs, zeros, grouping, full-width forms, 百分之, units, footnotes, dates)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from docgen.check.kinds.numeric import row_cells
from docgen.check.numbers import _fold, _parse_folded, _parse_number, parse_number
from docgen.check.textindex import JOIN, table_text
from docgen.read import read_document
from docgen.read.model import Cell, Location, Table
from docgen.read.normalize import norm

ROOT = Path(__file__).resolve().parents[2]

EDGE_TEXTS = ["0", "-0", "-0.00", "0.00", "007", "1.", ".5", "-.5", "+3", "1,234", "1,234.50", "12 000", "12\u00a0000",
              "５", "１２．５０", "－12", "−12", "‑3.5", "12%", "12.0%", "-3%", "12 %", "12%%", "%", "-", "—", "--1",
              "1e5", "1.2×10^3", "١٢", "12.5万", "3亿", "12.5万元", "0.1229 kgce/kWh", "8.60 万kWh/a", "约12", "≈12",
              "大约 12.5", "百分之五", "百分之十二点五", "约百分之五", "百分之", "百 分之五", "12*", "12①", "12 ※",
              "2024年9月26日", "W-1", "5500–7000", "≥99.5%", "<0.5", " 12", "12 ", "\t12\n", "9" * 40, "0." + "0" * 30 + "1",
              "", " ", "　", "合计", "方案名称（万元）", "㎡", "m³", "2021年", "91320411692105873A", "12.5 t/a", "12.50元"]


@pytest.fixture(scope="module")
def documents(rendered_reports):
    docs = [read_document(path) for path in rendered_reports.values()]
    docs += [read_document(path) for path in sorted((ROOT / "samples" / "conformance").glob("*.docx"))]
    return docs


@pytest.fixture(scope="module")
def texts(documents):
    found = set(EDGE_TEXTS)
    for doc in documents:
        found.update(cell.text for table in doc.tables for row in table.grid for cell in row)
        found.update(p.text for p in doc.paragraphs)
    return sorted(found)


def test_parse_shortcuts_equal_the_full_parse(texts):
    """_parse_number (plain-figure shortcut, no-digit early return) builds exactly the figure the
    full parse builds from the folded text: every field, the Decimal's exponent and sign included
    (repr), on every text of the documents and the edge cases."""
    plain = figures = 0
    for text in texts:
        full = _parse_folded(_fold(text), text)
        got = _parse_number.__wrapped__(text)
        assert repr(got) == repr(full), text
        figures += full is not None
        plain += full is not None and text.isascii() and text.strip() == text and "," not in text
    assert figures > 300 and plain > 100  # (the shortcuts are exercised, not only the fall-backs)


def _table(index: int, rows: list[list[str]]) -> Table:
    grid = [[Cell(t, row=r, col=c) for c, t in enumerate(row)] for r, row in enumerate(rows)]
    return Table(index, grid, 1, rows[0], Location(index))


def test_row_cells_equal_cell_by_cell(documents):
    """row_cells takes each cell's matching form from the table's one normalisation (Cell.norm):
    the same as norm(cell.text) cell by cell — also for a table whose joined text cannot be split
    per cell (a cell holding the joining character), merged cells and empty cells."""
    odd = _table(900, [["\ue000合计", "12.5", "合 計"], ["", "１２", "—"]])
    merged = _table(901, [["项目", "数量", "备注"], ["合计", "12.5", ""]])
    merged.grid[1][2] = merged.grid[1][1]
    tables = [t for doc in documents for t in doc.tables] + [odd, merged]
    assert not table_text(odd).aligned
    rows = 0
    for table in tables:
        table.__dict__.pop("_row_cells", None)
        for r, line in enumerate(table.grid):
            expected, seen = [], set()
            for c, cell in enumerate(line):
                if id(cell) not in seen:
                    seen.add(id(cell))
                    expected.append((c, cell, norm(cell.text)))
            got = row_cells(table, r)
            assert [(c, id(cell), t) for c, cell, t in got] == \
                   [(c, id(cell), t) for c, cell, t in expected], (table.index, r)
            rows += 1
    assert rows > 1000
    assert [t for _c, _cell, t in row_cells(odd, 0)] == [norm("\ue000合计"), "12.5", norm("合 計")]
    assert JOIN not in norm("合 計")


LABEL_SETS = [("合计", "总计"), ("小计",), ("合计", "总计", "小计"), ("综合能耗", "合计", "总计"), ("总分", "总计", "合计", "总得分"),
              ("合 計",), ("计",), ("12",), ("",), (), ("\ue000",), ("合计", "")]


def _total_label_cell_by_cell(table, r, labels):
    """The original test: the first text cell of the row (in column order) ending with a label."""
    from docgen.check.kinds.numeric import label_forms

    forms = label_forms(labels)
    for _c, cell, t in row_cells(table, r):
        if not t or parse_number(cell.text) is not None or not t.endswith(forms):
            continue
        for lab in forms:
            if t.endswith(lab):
                return cell.text.strip(), t[: -len(lab)]
    return None


def test_total_rows_from_the_joined_text_equal_row_by_row(documents):
    """_total_label answers from the cells whose matching form contains a label (found in the
    table's joined form): the same as testing every cell of the row — for every table of the
    samples, the label sets of the packs and odd ones (an empty label, a figure as label, the
    joining character), merged cells and a table whose joined text cannot be split per cell."""
    from docgen.check.kinds.numeric import _total_label

    odd = _table(900, [["\ue000合计", "12.5", "合 計"], ["小计", "１２", "—"], ["经济效益合计", "12", "合计"]])
    merged = _table(901, [["项目", "数量", "备注"], ["合计", "12.5", ""], ["", "3", "小计"], ["\u3000", "合计", "1"]])
    merged.grid[2][0] = merged.grid[1][0]  # 合计 over two rows
    merged.grid[1][2] = merged.grid[1][1]
    tables = [t for doc in documents for t in doc.tables] + [odd, merged]
    found = 0
    for table in tables:
        table.__dict__.pop("_total_rows", None)
        for labels in LABEL_SETS:
            for r in range(len(table.grid)):
                expected = _total_label_cell_by_cell(table, r, labels)
                assert _total_label(table, r, labels) == expected, (table.index, r, labels)
                found += expected is not None
    assert found > 200
    assert _total_label(merged, 3, ("",)) == ("合计", "")  # (a blank cell is no label, even for "")
    assert _total_label(merged, 2, ("合计",)) == ("合计", "") and _total_label(odd, 2, ("合计",)) == ("经济效益合计", "经济效益")


def _pack_patterns() -> list[str]:
    """Every regular expression the numeric kinds run on body text: the packs' focus_patterns,
    same_figure text sides and economics input_patterns, and the kinds' defaults."""
    from docgen.check.kinds.numeric_economics import DEFAULT_PATTERNS
    from docgen.check.kinds.numeric_scores import DEFAULT_FOCUS_PATTERNS
    from docgen.check.profile import available_profiles, load_profile

    found = set(DEFAULT_FOCUS_PATTERNS) | {pat for pats in DEFAULT_PATTERNS.values() for pat in pats}

    def walk(value, key=None):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key in ("text", "focus_patterns", "input_patterns"):
            found.add(value)

    for pack in available_profiles():
        for rule in load_profile(pack).rules:
            walk(rule.params)
    return sorted(found)


def test_required_literal_is_in_every_match(documents):
    """required_literal gives characters every match holds: checked on every paragraph and cell of
    the documents for every pattern of the packs (and found for most of them); by hand below."""
    from docgen.check.kinds.numeric import required_literal

    patterns = _pack_patterns()
    assert len(patterns) >= 10
    texts = [p.text for doc in documents for p in doc.paragraphs] + [c.text for doc in documents for t in doc.tables
                                                                      for row in t.grid for c in row]
    matched = 0
    for pattern in patterns:
        rx = re.compile(pattern)
        literal = required_literal(rx.pattern, rx.flags)
        for text in texts:
            for m in rx.finditer(text):
                matched += 1
                assert literal in m.group(0), (pattern, text)
    assert matched > 20
    assert sum(1 for pat in patterns if required_literal(pat, re.compile(pat).flags)) >= len(patterns) - 2
    assert required_literal(r"(?<!单位产品)综合能耗(?P<value>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>tce|万tce|kgce)(?![/\w])") == "综合能耗"
    assert required_literal(r"(?:本轮)?(?:清洁生产)?审核重点(?:确定|选定)?为[「“]?(?P<name>[^「」“”，。；]{2,40}?)[」”]?[，。；]") == "审核重点"
    assert required_literal(r"无\s*[/、]?\s*低费方案[^、。；]{0,12}?投资") == "低费方案"
    assert required_literal(r"ab\.c") == "ab.c"
    assert required_literal(r"a|bc") == "" and required_literal(r"(?i)审核重点") == "" and required_literal("(") == ""
    assert required_literal(r"审核重点", re.IGNORECASE) == ""


def test_body_paragraphs_are_those_containing_a_literal(documents):
    """body_paragraphs(ctx, literals) = the paragraphs whose text holds one of the literals, in
    order (one search of the joined body text): also for literals met at a paragraph's start or
    end, a paragraph holding the joining character, and empty or joiner-bearing literals (then
    every paragraph)."""
    from docgen.check.context import RuleContext
    from docgen.check.kinds.numeric import body_paragraphs
    from docgen.check.profile import load_profile
    from docgen.read.model import Document, Paragraph

    profile = load_profile("national-2018-evaluation")
    odd = Document(path="odd.docx", format="docx", sha256="", blocks=[Paragraph(text=t, location=Location(i)) for i, t in enumerate(
        ["审核重点", "", "共3项\ue000审核", "重点", "确定为审核重点。", "审核重", "点"])])
    literal_sets = [("审核重点",), ("项", "个"), ("综合能耗",), ("低费方案", "所需资金"), ("重点",), ("点",),
                    ("审核重点", ""), ("\ue000",), ("核重点\ue000",), ()]
    for doc in [*documents, odd]:
        ctx = RuleContext(doc, profile.rules[0], profile)
        paragraphs = doc.paragraphs
        for literals in literal_sets:
            if not all(literals) or any(JOIN in lit for lit in literals):
                expected = paragraphs
            else:
                expected = [p for p in paragraphs if any(lit in p.text for lit in literals)]
            assert [id(p) for p in body_paragraphs(ctx, literals)] == [id(p) for p in expected], literals
        assert [id(p) for p in body_paragraphs(ctx)] == [id(p) for p in paragraphs]
    ctx = RuleContext(odd, profile.rules[0], profile)
    assert [p.text for p in body_paragraphs(ctx, ("审核重点",))] == ["审核重点", "确定为审核重点。"]


def test_balance_side_test_on_the_joined_form_never_skips_a_side(documents):
    """_may_name_a_side is False only for tables none of whose data cells starts with an input or
    output label (the test _stacked made on every data cell), for every table of the samples and
    the packs' and odd label sets; and it does rule tables out."""
    from docgen.check.kinds.numeric_balance import _line_starting, _may_name_a_side

    odd = _table(900, [["\ue000输入", "数量"], ["一、输入", "12"], ["输出", "3"]])
    label_sets = [(("输入", "投入"), ("输出", "产出")), (("进料",), ("出料",)), (("入",), ("出",)), (("输 入",), ("合计",))]
    ruled_out = 0
    for table in [t for doc in documents for t in doc.tables] + [odd]:
        for ins, outs in label_sets:
            starts_in, starts_out = _line_starting(ins), _line_starting(outs)
            every_cell = "\n".join(t for r in range(table.header_rows, len(table.grid))
                                   for _c, _cell, t in row_cells(table, r))
            if not _may_name_a_side(table, starts_in, starts_out):
                ruled_out += 1
                assert not (starts_in(every_cell) or starts_out(every_cell)), (table.index, ins, outs)
    assert ruled_out > 100
    assert _may_name_a_side(odd, *map(_line_starting, label_sets[0]))


NUMERIC_KINDS = {"column_total", "row_difference", "row_rate", "product_column", "balance", "weighted_score",
                 "economics", "scheme_counts", "same_figure"}


def test_numeric_rules_give_the_same_findings_alone(rendered_reports):
    """What the numeric kinds keep per document (a balance table's layout, the joined body text,
    the tables' total rows and row facts) never changes a rule's findings: each numeric rule of the
    packs, run after all the others on one shared cache, finds exactly what it finds run alone
    (fresh cache, nothing kept on the tables) — on the rendered samples, one with every table
    twice (two balance tables of each kind, as in bench/check_docs.py), and the NUM conformance
    documents."""
    from docgen.check.context import RuleContext
    from docgen.check.engine import release_caches
    from docgen.check.kinds import KINDS, NotEvaluableRule, load_kinds
    from docgen.check.profile import load_profile
    from docgen.load import load_audit
    from docgen.render.docx import render_report_docx

    load_kinds()

    def run(ctx):
        try:
            return [f.to_json() for f in KINDS[ctx.rule.kind](ctx)]
        except NotEvaluableRule as exc:
            return ["not evaluable: " + str(exc)]

    spec = importlib.util.spec_from_file_location("render_docx", ROOT / "bench" / "render_docx.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    audit = load_audit(ROOT / "samples" / "audit-electroplating.yaml").audit
    doubled = rendered_reports[("audit-electroplating", "evaluation")].with_name("doubled.docx")
    doubled.write_bytes(render_report_docx(bench.scaled(audit, 2), "evaluation").data)
    paths = [doubled, *(p for (_, kind), p in sorted(rendered_reports.items()) if kind == "evaluation"),
             *sorted((ROOT / "samples" / "conformance").glob("num-*.docx"))]
    compared = layouts = 0
    for path in paths:
        doc = read_document(path)
        layouts += _balance_layouts_kept_per_table(doc)
        for pack in ("national-2018-evaluation", "shanghai-evaluation"):
            profile = load_profile(pack)
            rules = [rule for rule in profile.rules if rule.kind in NUMERIC_KINDS]
            release_caches(doc)
            cache: dict = {}
            together = {rule.code: run(RuleContext(doc, rule, profile, None, cache)) for rule in rules}
            for rule in rules:
                release_caches(doc)  # (what the rules kept on the tables and the document)
                alone = run(RuleContext(doc, rule, profile, None, {}))
                assert alone == together[rule.code], (path.name, pack, rule.code)
                compared += 1
    assert compared > 100 and layouts >= 10


def _balance_layouts_kept_per_table(doc) -> int:
    """The layout the balance rules share (numeric_balance.layout) is, for every table each rule
    works on, the one computed afresh for that table and rule."""
    from docgen.check.context import RuleContext
    from docgen.check.kinds import NotEvaluableRule
    from docgen.check.kinds.numeric import find_tables
    from docgen.check.kinds.numeric_balance import (
        _side_by_side,
        _stacked,
        balance,
        layout,
    )
    from docgen.check.profile import load_profile

    def shown(found):
        if found is None:
            return None
        sides, special = found
        rows = {k: (v[0].index, *v[1:3], repr(v[3])) for k, v in special.items()}
        for name, side in sides.items():
            rows[name] = ([(t.index, r, c, repr(n)) for t, r, c, n in side.items],
                          side.total and (side.total[0].index, *side.total[1:3], repr(side.total[3])))
        return rows

    profile = load_profile("national-2018-evaluation")
    cache: dict = {}
    seen = 0
    for rule in [r for r in profile.rules if r.kind == "balance"]:
        ctx = RuleContext(doc, rule, profile, None, cache)
        try:
            list(balance(ctx))
        except NotEvaluableRule:
            pass
        p = dict(balance_defaults(), **ctx.params)
        for match in find_tables(ctx, p["table"], many=bool(p.get("all_tables", True)), required=False):
            fresh = _side_by_side(match, p) or _stacked(match, p["table"], p)
            assert shown(layout(ctx, match, p["table"], p)) == shown(fresh), (doc.path, rule.code, match.table.index)
            seen += 1
    return seen


def balance_defaults() -> dict:
    return {"input_labels": ["输入", "投入"], "output_labels": ["输出", "产出"], "total_labels": ["总计", "合计"],
            "difference_labels": ["差值", "差额"], "rate_labels": ["偏差率", "相对偏差", "误差率", "平衡误差"]}


def test_economics_evidence_written_only_for_a_disagreeing_figure():
    """_check_row writes the computed figure and the evidence only for a figure that disagrees
    (hand-computed below, each from the PRINTED inputs), and nothing for agreeing ones."""
    from docgen.check.kinds.numeric_economics import _check_row

    def row(**printed):
        return {k: parse_number(t) for k, t in printed.items()}

    checked, _ = _check_row(row(I="100.00", Y="10", P="25.00", t="25%", D="11.00", T="15.00", E="12.00", F="21.00",
                                N="5.00"), "either")
    wrong = {key: rest for key, *rest in checked}
    # D = 100.00 / 10 = [9.9995, 10.0005]; tolerance 0.0005 + 0.005 = 0.0055 → ±0.006
    assert wrong["D"] == [False, "10.00", "D = I / Y = 100.00 / 10 = 10.00 ≠ 表中 11.00（容差 ±0.006）"]
    # T = 25.00 − 11.00 = [13.99, 14.01]; tolerance 0.01 + 0.005
    assert wrong["T"] == [False, "14.00", "T = P − D = 25.00 − 11.00 = 14.00 ≠ 表中 15.00（容差 ±0.015）"]
    # E = 15.00 × 0.75 = [11.24625, 11.25375]; tolerance 0.00375 + 0.005 = 0.00875 → ±0.009
    assert wrong["E"] == [False, "11.25", "E = T × (1 − t) = 15.00 × (1 − 25%) = 11.25 ≠ 表中 12.00（容差 ±0.009）"]
    assert wrong["F"] == [False, "23.00", "F = E + D = 12.00 + 11.00 = 23.00 ≠ 表中 21.00（容差 ±0.015）"]
    # N: I / F = 100.00 / 21.00 = 4.76 (half width (100.005/20.995 − 99.995/21.005) / 2 = 0.00137, + 0.005);
    # the static I / P = 4.00 is shown after it
    assert wrong["N"] == [False, "4.76", ("N = I / F = 100.00 / 21.00 = 4.76 ≠ 表中 5.00（容差 ±0.006）"
                                          "；N = I / P = 100.00 / 25.00（静态） = 4.00")]
    right, missing = _check_row(row(I="100.00", Y="10", P="25.00", t="25%", D="10.00", T="15.00", E="11.25", F="21.25",
                                    N="4.00"), "either")
    assert right == [(k, True, None, None) for k in ("D", "T", "E", "F", "N")] and missing == {}


def test_remembered_unit_answers_equal_parsing_anew(texts):
    """units._parse remembers a text's unit or why it has none: parse_unit and is_known_unit give
    what parsing the text anew gives — the same unit, or UnitError with the same message, on
    every ask (every cell and paragraph text of the documents, their comma-separated parts as
    column headers are split, and unit spellings)."""
    from docgen.calc.errors import UnitError
    from docgen.calc.units import _parse_text, is_known_unit, parse_unit

    candidates = set(texts) | {"t/a", "万 kWh", "万千瓦时", "m3", "M3", "㎡", "％", "kgce/kWh", "t/d/a", "", " ", "KWH", "xx"}
    candidates |= {part.strip() for t in texts if len(t) < 40 for part in t.replace("，", ",").split(",")}
    units = 0
    for text in sorted(candidates):
        try:
            expected = _parse_text(text)
        except UnitError as exc:
            expected = exc
        for _ in range(2):  # (the second ask is answered from memory)
            if isinstance(expected, UnitError):
                assert not is_known_unit(text), text
                with pytest.raises(UnitError) as raised:
                    parse_unit(text)
                assert str(raised.value) == str(expected), text
            else:
                assert is_known_unit(text) and parse_unit(text) == expected, text
        units += not isinstance(expected, UnitError)
    assert units > 20
    assert not is_known_unit(None)


def test_irr_clearly_within_only_when_the_exact_interval_meets():
    """_irr_clearly_within (float estimates with their error as margin) is True only where the
    exact IRR interval meets a reading of the printed IRR — on random schemes with printed IRRs
    around the true one (the shortcut's edge: within a few 1e-6) and far from it — and it does
    answer most clear cases."""
    import random
    from decimal import Decimal

    from docgen.calc.economics import irr
    from docgen.check.kinds.numeric_economics import _irr_clearly_within

    rng = random.Random(7)
    clear = 0
    for _ in range(600):
        f = parse_number(f"{rng.uniform(1, 300):.2f}").interval()
        inv = parse_number(f"{rng.uniform(10, 2000):.2f}").interval()
        years = rng.randint(1, 25)
        point = irr(f.point, inv.point, years)
        if point is None:
            continue
        for shift in (Decimal(0), Decimal("0.000004"), Decimal("-0.000004"), Decimal("0.001"), Decimal("0.05")):
            for places in (1, 2, 3):
                stated = parse_number(f"{(point + shift) * 100:.{places}f}%")
                lo, hi = irr(f.lo, inv.hi, years), irr(f.hi, inv.lo, years)
                exact = any(lo <= r.hi and r.lo <= hi for r in stated.rate_readings())
                if _irr_clearly_within(f, inv, years, stated):
                    clear += 1
                    assert exact, (f, inv, years, stated.text)
    assert clear > 1000


def test_carrier_key_from_remembered_forms_equals_the_name_by_name_search(documents):
    """carrier_key (carrier names sorted and normalised once, a cell's Cell.norm as its form) gives
    what searching each name, longest first, in norm(text) gives: every cell of the samples, the
    pack's carriers and odd names (empty, spaced, traditional, equal lengths in dict order)."""
    from docgen.check.kinds.numeric_energy import carrier_key
    from docgen.check.profile import load_profile

    def by_name(text, carriers):
        t = norm(text)
        for name in sorted(carriers, key=len, reverse=True):
            if norm(name) and norm(name) in t:
                return carriers[name]
        return None

    pack = next(r.params["carriers"] for r in load_profile("national-2018-evaluation").rules if r.code == "NUM-005")
    odd = {"": "nothing", "天 然 气": "gas2", "電力": "power", "水": "water", "汽": "steam2", "电": "e2", "煤": "coal"}
    found = 0
    for carriers in (dict(pack), odd, dict(reversed(list(pack.items())))):
        for doc in documents[:12]:
            for table in doc.tables:
                table_text(table)
                for cell in {id(c): c for row in table.grid for c in row}.values():
                    expected = by_name(cell.text, carriers)
                    assert carrier_key(cell.text, carriers) == expected, cell.text
                    assert carrier_key(cell.text, carriers, cell.norm) == expected, cell.text
                    found += expected is not None
    assert found > 100


def test_count_statements_quick_test_never_drops_one(texts):
    """parse_counts with the aliases' common characters as a quick test gives what it gives
    without it, for every sentence and cell text of the samples, hand-made statements and alias
    lists (the defaults, spaced or traditional ones, an empty alias, none)."""
    from docgen.check.kinds.numeric_counts import _alias_chars, _count_rx, parse_counts

    statements = {s for t in texts for s in re.split(r"[。\n]", t)} | {
        "共提出清洁生产方案15项，其中无/低费方案12项、中/高费方案3项", "按审核报告9个无/低费方案，1个中/高费方案实施",
        "无 低费方案 12 项，中高费方案 3 项，合计 15 项", "其中无、低费方案十二项，中、高费方案三项", "共3项", "低费3项高费2项",
        # (not NFKC-normal: the class names appear only once folded — ㊥ is 中, ／ is /)
        "无/低费方案12项，㊥/高费方案3项", "无／低费方案１２项，中／高费方案３项", "无/低费方案2项，中/高费方案1项（㈠）"}
    alias_sets = [(["无/低费", "无低费", "无、低费"], ["中/高费", "中高费", "中、高费"]), (["無/低費"], ["中/高費"]),
                  (["低费", ""], ["高费"]), ([], ["中/高费"]), (["无 / 低费", "低费方案"], ["中　高费", "高 费"])]
    stated = 0
    for lows, highs in alias_sets:
        low_rx, high_rx = _count_rx(lows), _count_rx(highs)
        needs = (_alias_chars(lows), _alias_chars(highs))
        for text in statements:
            full = parse_counts(text, low_rx, high_rx)
            assert parse_counts(text, low_rx, high_rx, needs) == full, (lows, text)
            stated += full is not None
    assert stated > 10
    assert _alias_chars(["无/低费", "无低费", "无、低费"]) == "低无费" and _alias_chars(["低费", ""]) == ""


def test_kept_interval_equals_a_new_one_and_changes_nothing_else(texts):
    """ParsedNumber.interval, kept on the figure, is the interval made anew (value ± half a unit)
    on every ask, and keeping it leaves the figure's equality, hash and repr as they were."""
    from docgen.check.numbers import Interval, ParsedNumber

    figures = [n for n in map(parse_number, texts) if n is not None]
    assert len(figures) > 300
    for n in figures:
        fresh = ParsedNumber(n.value, n.places, n.step, n.unit, n.percent, n.text, n.approx)
        before = (repr(fresh), hash(fresh))
        for _ in range(2):
            iv = fresh.interval()
            made = Interval.around(n.value, n.half_unit)
            assert [str(x) for x in (iv.lo, iv.hi, iv.point)] == [str(x) for x in (made.lo, made.hi, made.point)], n.text
        assert (repr(fresh), hash(fresh)) == before and fresh == n
