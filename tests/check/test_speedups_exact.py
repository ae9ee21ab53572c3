"""The checker's shortcuts never change a result (bench/check_docs.py, docs/benchmarks.md issue 5).

Each shortcut skips work only when a bound proves the skipped work could not matter; these tests
check the bound against the full computation on every table × spec of the rendered sample reports
and on hand-made edge cases."""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest

from docgen.check.kinds.sections import _ratio
from docgen.check.profile import load_profile
from docgen.check.tables import (
    DEFAULT_MIN_COVERAGE,
    _index,
    could_reach,
    profile_specs,
    score_table,
    split_unit,
)

PACKS = ("national-2018-evaluation", "national-2018-acceptance", "shanghai-evaluation", "shanghai-acceptance")


def test_recognition_bound_never_rules_out_a_table_that_would_match(documents):
    """could_reach is False only for pairs whose full score is below the spec's min_coverage; and
    it does rule out most pairs (or the shortcut would be pointless)."""
    pairs = ruled_out = 0
    for doc in documents:
        for pack in PACKS:
            for spec in profile_specs(load_profile(pack)):
                min_cov = float(spec.get("min_coverage", DEFAULT_MIN_COVERAGE))
                for table in doc.tables:
                    pairs += 1
                    if not could_reach(table, spec, min_cov):
                        ruled_out += 1
                        assert score_table(table, spec).score < min_cov, (spec["target_id"], table.caption)
    assert ruled_out > pairs * 0.8


def test_cell_blob_holds_every_cell_name(documents):
    """The one-string normalisation of a table's cells contains each cell's matching name."""
    for doc in documents:
        for table in doc.tables:
            blob = _index(table).cells_blob
            for row in table.grid:
                for cell in row:
                    name = split_unit(cell.text)[0] if cell.text else ""
                    assert name in blob, (table.caption, cell.text)


@pytest.mark.parametrize("a, b", [("审核准备", "筹划和组织"), ("预审核", "预审核结论"), ("方案的产生和筛选", "方案产生和筛选"),
                                  ("持续清洁生产", "持续清洁生产计划"), ("", "审核"), ("可行性分析", "中/高费方案可行性分析")])
@pytest.mark.parametrize("threshold", [0, 50, 85, 100])
def test_section_similarity_shortcut_is_exact(a, b, threshold):
    """_ratio equals difflib's ratio whenever that reaches the threshold, else is below it too."""
    full = SequenceMatcher(None, a, b).ratio() * 100
    got = _ratio(a, b, threshold)
    if full >= threshold:
        assert got == full
        assert 200.0 * min(len(a), len(b)) >= threshold * (len(a) + len(b))  # _score's length bound holds
    else:
        assert got < threshold


def _section_score_alias_by_alias(title: str, aliases: list[str], threshold: float) -> tuple[float, str]:
    """sections._score as first written: each alias in turn, exact / suffix / similarity."""
    best, how = 0.0, ""
    for alias in aliases:
        if title == alias:
            return 1.0, "exact"
        if len(alias) >= 3 and title.endswith(alias) and 0.8 > best:
            best, how = 0.8, "suffix"
        ratio = SequenceMatcher(None, title, alias).ratio() * 100
        if ratio >= threshold and 0.5 * ratio / 100 > best:
            best, how = 0.5 * ratio / 100, f"fuzzy:{ratio:.0f}"
    return best, how


def test_section_score_equals_the_alias_by_alias_loop(documents):
    from docgen.check.kinds.sections import _score
    from docgen.read.normalize import norm

    sections = [s for pack in PACKS for rule in load_profile(pack).rules if rule.kind == "required_sections"
                for s in rule.params["sections"]]
    alias_sets = [[norm(a) for a in [s["name"], *s.get("aliases", [])]] for s in sections]
    alias_sets.append(["审核", "预审核", "可行性分析", "审核准备"])  # a suffix alias after a fuzzy one, and before
    titles = {norm(h.title or h.text) for doc in documents for h in doc.headings}
    titles |= {"中/高费方案可行性分析", "审核准备", "预审核结论", "筹划和组织工作", "", "审核"}
    checked = 0
    for aliases in alias_sets:
        for title in sorted(titles):
            for threshold in (60, 85):
                assert _score(title, aliases, threshold) == _section_score_alias_by_alias(title, aliases, threshold), (
                    title, aliases, threshold)
                checked += 1
    assert checked > 1000


def test_one_pass_normalisation_equals_cell_by_cell(documents):
    """normalise_cells fills in Cell.norm exactly as docgen.read.normalize.norm does per cell —
    also for traditional characters (OpenCC phrases), full-width forms, spaces and 与/及."""
    from docgen.check.tables import normalise_cells
    from docgen.read.model import Cell, Location, Table
    from docgen.read.normalize import norm

    texts = ["發電機組", "電鍍槽", "投資（萬元）", "原輔材料與能源", "ＡＢＣ　１２３", " 合 计 ", "削減率(%)", "及", "乾燥機"]
    tables = [Table(0, [[Cell(t, row=0, col=c) for c, t in enumerate(texts)]], 1, texts, Location(0)),
              Table(1, [[Cell("\ue000私用"), Cell("電")]], 1, ["", ""], Location(1))]  # joiner in a text: cell by cell
    tables += [t for doc in documents for t in doc.tables]
    for table in tables:
        for row in table.grid:
            for cell in row:
                cell.norm = ""  # not computed yet
        normalise_cells(table)
        for row in table.grid:
            for cell in row:
                assert cell.norm == norm(cell.text), cell.text


def test_common_characters_equal_difflib_quick_ratio():
    """sections._common is the numerator of SequenceMatcher.quick_ratio (characters shared with
    multiplicity): hand-counted cases and the report's heading × alias pairs."""
    from docgen.check.kinds.sections import _common

    assert _common("预审核", "预审核结论") == 3
    assert _common("审核审核", "审核") == 2          # multiplicity: each 审/核 of b used once
    assert _common("方案的产生和筛选", "方案产生和筛选") == 7
    assert _common("", "审核") == 0
    for a, b in [("清洁生产目标", "设置清洁生产目标"), ("持续清洁生产", "持续清洁生产计划"), ("abcabc", "cab")]:
        assert 2.0 * _common(a, b) / (len(a) + len(b)) == SequenceMatcher(None, a, b).quick_ratio()


def test_placeholder_character_skip_finds_what_every_pattern_finds(documents):
    """Skipping a pattern for a text without any character its matches need changes no result:
    find_placeholders equals running every pattern, on the texts of the rendered reports and on
    texts made of the marks themselves."""
    from docgen.check.kinds.placeholders import PatternSet, find_placeholders, load_patterns, text_spots

    patterns = load_patterns()
    assert all(need for need in patterns.needs), "every shipped pattern has a needed character"
    unfiltered = PatternSet(patterns.patterns, patterns.merge_gap)
    unfiltered.__dict__["needs"] = tuple(None for _ in patterns.patterns)  # no pattern ever skipped
    texts = ["XX有限公司", "×××", "{{ 企业名称 }}", "【请填写】", "____年__月", "待定", "某某", "3×10", "有待完善",
             "20××年×月×日", "ＸＸＸ"]
    for doc in documents:
        texts += text_spots(doc).texts
    hits = 0
    for text in texts:
        found = find_placeholders(text, patterns)
        assert found == find_placeholders(text, unfiltered), text
        hits += bool(found)
    assert hits >= 8  # the hand-made marks are found


def test_released_caches_give_the_same_findings_again(documents):
    """check_document drops the rules' per-table and per-cell caches at the end (engine.
    release_caches); a second check of the same model rebuilds them and finds the same."""
    from docgen.check.engine import check_document

    doc = documents[0]
    profile = load_profile("shanghai-evaluation")
    first = check_document(doc, profile).to_json()
    assert all(not name.startswith("_") for t in doc.tables for name in t.__dict__)
    assert not any(name.startswith("_") for name in doc.__dict__)
    assert check_document(doc, profile).to_json() == first


def test_spot_prefilter_finds_what_a_pass_over_every_text_finds(documents):
    """SpotList.found skips tables whose joined cells fail the prefilter; it must return exactly
    the texts (with their places) that testing every text of the document returns — for the
    placeholder trigger class and for the date shapes with the 年/separator prefilter."""
    from docgen.check.dates import DATE_HINTS, date_shapes
    from docgen.check.kinds.placeholders import load_patterns, text_spots

    trigger = load_patterns().trigger
    for doc in documents:
        spots = text_spots(doc)
        for test, hint in ((trigger.search, trigger), (date_shapes, DATE_HINTS), (date_shapes, None)):
            every = [(s.text, s.where) for s in spots if test(s.text)]
            found = [(s.text, s.where) for s in spots.found(test, hint)]
            assert found == every
        assert any(s.where.endswith("列") for s in spots.found(date_shapes, DATE_HINTS))  # table cells too
        assert all(any(h.search(s.text) for h in DATE_HINTS) for s in spots if date_shapes(s.text))
        # the table cells listed are exactly the grid's non-blank cells at their origin, row-major
        origins = [(t.index, r, c) for t in doc.tables for r, row in enumerate(t.grid) for c, cell in enumerate(row)
                   if cell.row == r and cell.col == c and cell.text and not cell.text.isspace()]
        assert [(s.location.table, s.location.row, s.location.col) for s in spots
                if s.location is not None and s.location.table is not None] == origins


def test_identity_memo_remembers_per_object_and_never_confuses_two():
    """docgen.check.memo: the result is remembered per object (computed once), an equal but
    distinct object is computed for itself, and an object's id is not reused while remembered."""
    from docgen.check.memo import IdentityMemo, data_key

    calls = []
    memo = IdentityMemo(lambda d: calls.append(1) or sorted(d))
    spec = {"b": 1, "a": 2}
    assert memo(spec) == ["a", "b"] and memo(spec) == ["a", "b"] and len(calls) == 1
    assert memo({"b": 1, "a": 2}) == ["a", "b"] and len(calls) == 2
    keys = {data_key({"target_id": f"T-{i}"}) for i in range(50)}  # temporaries: ids would be reused
    assert len(keys) == 50
    assert data_key({"b": [1, "二"], "a": None}) == '{"a": null, "b": [1, "二"]}'
