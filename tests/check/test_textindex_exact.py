"""The joined-text shortcuts of the table, field and date rules never change a result.

docgen/check/textindex.py joins each table's cells into one string so that the rules can ask
"does this table hold X at all?" with one substring search; each shortcut built on it must give
exactly what the cell-by-cell computation gives. These tests compare the two on every table and
text of the rendered sample reports and on hand-made edge cases (full-width forms, traditional
characters, spaces inside labels, the joining character in a cell, placeholders, n/a markers)."""

from __future__ import annotations

import re
import sys

import pytest

from docgen.check.dates import date_shapes, find_dates, find_invalid_dates
from docgen.check.kinds import fields
from docgen.check.kinds.fields import _LABEL_FOLD, _label_probe, _label_regex, _table_values
from docgen.check.kinds.tables import is_section_row
from docgen.check.profile import load_profile
from docgen.check.tables import (
    NA_MARKERS,
    PREFIX_SLACK,
    _alias_forms,
    _find_cell,
    _header_forms,
    _index,
    _split_normalised,
    cell_tests,
    concept_aliases,
    concept_where,
    folded_markers,
    is_filled,
    is_na,
    is_placeholder,
    profile_specs,
    spec_probe,
)
from docgen.check.textindex import JOIN, table_text
from docgen.read.model import Cell, Location, Paragraph, Table
from docgen.read.normalize import fold

PACKS = ("national-2018-evaluation", "national-2018-acceptance", "shanghai-evaluation", "shanghai-acceptance")

ODD_TEXTS = ["企业名称：", "企 业 名 称（盖章）：某某有限公司", "（1）编制单位：", "編制單位：", "审核启动时间：2024年5月",
             "XX", "××", "【待填】", "{{ name }}", "____", "待定", "ｘ", "Ｘ", "—", "-", "/", "／", " 无 ", "不适用", "无",
             "合计", "小计（万元）", "平衡剂", "一、无/低费方案", "投资（万元）", "削減率(%)", "发电机组", "TBD", "",
             "   ", "日期：2025年2月", "2024.6.15", "二〇二四年六月", "2024年13月", "e\u0301", "\u3000\u3000合 计\u3000",
             "e \u0301", "= \u0338", "无 \u0308"]  # (e ́ and = ̸ fold to texts that fold again to é, ≠)


def _table(index: int, rows: list[list[str]]) -> Table:
    grid = [[Cell(t, row=r, col=c) for c, t in enumerate(row)] for r, row in enumerate(rows)]
    return Table(index, grid, 1, rows[0], Location(index))


@pytest.fixture(scope="module")
def tables(documents):
    padded = ODD_TEXTS + [""] * (-len(ODD_TEXTS) % 6)
    odd = [_table(900, [padded[i:i + 6] for i in range(0, len(padded), 6)]),
           _table(901, [["\ue000私用", "電", "合计"], ["企业名称", "XX", "—"]]),  # the joiner in a text
           _table(902, [["", ""], ["", ""]])]
    merged = _table(903, [["阶段", "完成时间", "备注"], ["筹划和组织", "2024年5月", ""], ["", "", ""]])
    merged.grid[2] = [merged.grid[1][0], merged.grid[1][0], Cell("合计", row=2, col=2)]  # a cell over two rows
    return [t for doc in documents for t in doc.tables] + odd + [merged]


def _all_specs():
    return [spec for pack in PACKS for spec in profile_specs(load_profile(pack))]


def _all_forms():
    forms = set()
    for spec in _all_specs():
        for c in spec.get("columns", []):
            forms.update(_alias_forms(concept_aliases(c)))
    return sorted(forms)


# --- textindex --------------------------------------------------------------------------------


def test_joined_forms_equal_the_forms_of_each_cell(tables):
    from docgen.read.normalize import fold, norm

    for table in tables:
        text = table_text(table)
        if text.aligned:
            assert text.folded == JOIN.join(fold(c.text) for c in text.cells), table.index
            assert text.norm == JOIN.join(norm(c.text) for c in text.cells), table.index
        assert (text.folded, text.norm) == (fold(text.text), norm(text.text)), table.index


def test_containing_equals_a_look_at_every_cell(tables):
    forms = _all_forms() + ["合", "计", "(", "万元", JOIN]
    for table in tables:
        text = table_text(table)
        for form in forms + [c.norm[:3] for c in text.cells[:20] if c.norm]:
            expected = [i for i, cell in enumerate(text.cells) if form in cell.norm]
            assert list(text.containing(form)) == expected, (table.index, form)


def test_piece_starts_are_where_each_piece_begins(tables):
    from docgen.check.textindex import piece_starts

    for table in tables:
        text = table_text(table)
        pieces = [c.norm for c in text.cells]
        # piece i begins after the pieces before it and their joiners; one entry more: where a
        # piece after the last would begin
        expected = [len(JOIN.join(pieces[:i] + [""])) if i else 0 for i in range(len(pieces) + 1)]
        assert piece_starts(pieces) == text.starts() == expected, table.index
    assert piece_starts([]) == [0] and piece_starts(["ab", "", "c"]) == [0, 3, 4, 6]


def _header_levels(table: Table, col: int) -> list[str]:
    """A column's header texts, top level first, one per distinct header cell, else its header
    path — column by column, as the table index read them before it took all columns at once."""
    levels, seen = [], []
    for r in range(min(table.header_rows, table.n_rows)):
        row = table.grid[r]
        if col >= len(row) or any(row[col] is s for s in seen):
            continue
        seen.append(row[col])
        if row[col].text.strip():
            levels.append(row[col].text)
    if not levels and col < len(table.header_paths) and table.header_paths[col]:
        levels = [table.header_paths[col]]
    return levels


def test_header_names_from_cell_norms_equal_split_unit_of_each_level(tables):
    from docgen.check.tables import split_unit

    for table in tables:
        index = _index(table)
        for col in range(table.n_cols):
            levels = _header_levels(table, col)
            names = [n for n in (split_unit(t)[0] for t in levels) if n]
            if len(names) > 1:
                names.append("/".join(names))
            assert index.columns[col] == tuple(names), (table.index, col)
            assert index.levels[col] == levels


# --- recognition --------------------------------------------------------------------------------


def _find_cell_by_scanning(table: Table, aliases: list[str], match: str):
    """The cell search as it was: name every short cell, then exact, then prefix/contains."""
    cells, seen = [], set()
    for r, row in enumerate(table.grid):
        for c, cell in enumerate(row):
            if id(cell) in seen:
                continue
            seen.add(id(cell))
            if cell.text and len(cell.text) <= 60:
                name = _split_normalised(cell.norm)[0]
                if name:
                    cells.append((r, c, name))
    forms = _alias_forms(aliases)
    for a in forms:
        exact = [(r, c) for r, c, name in cells if name == a]
        if exact:
            return (1.0, *exact[0])

    def scores(name: str, a: str) -> bool:
        return name == a or (len(a) >= 2 and name.startswith(a) and len(name) <= len(a) + PREFIX_SLACK) or (
            match == "contains" and len(a) >= 2 and a in name)

    hits = [(r, c) for r, c, name in cells if any(scores(name, a) for a in forms)]
    return (0.8, *min(hits)) if hits else None


def test_cell_concept_search_equals_a_scan_of_every_cell(tables):
    concepts = [c for spec in _all_specs() for c in spec.get("columns", [])]
    concepts += [{"id": "x", "aliases": ["合计"], "match": "contains"}, {"id": "y", "aliases": ["编制单位", "企业名称"]}]
    for table in tables:
        for c in concepts:
            for match in ("prefix", "contains"):
                aliases = concept_aliases(c)
                assert _find_cell(table, aliases, match) == _find_cell_by_scanning(table, aliases, match), (
                    table.index, aliases, match)


def test_caption_score_per_spec_equals_the_score_against_its_names(documents):
    from docgen.check.tables import caption_score, spec_caption_score

    captions = {t.caption for doc in documents for t in doc.tables} | {None, "", "表3-1 物料平衡表", "续表 方案汇总"}
    for spec in _all_specs():
        names = [spec.get("name", "")] + list(spec.get("aliases", []))
        for caption in captions:
            assert spec_caption_score(caption, spec) == caption_score(caption, names), (spec["target_id"], caption)
    assert any(spec_caption_score(c, s) for s in _all_specs() for c in captions)  # (not all 0)


@pytest.mark.parametrize("prepared", [False, True], ids=["form-by-form", "one-automaton-pass"])
def test_header_concepts_counted_per_document_equal_a_count_per_table(documents, prepared):
    from docgen.check.formsearch import form_search
    from docgen.check.tables import _probe_forms

    for doc in documents:
        doc.__dict__.pop("_header_forms", None)
        candidates = [t for t in doc.tables if t.continued_from is None]
        counts_by_form = _header_forms(doc, candidates)
        if prepared:  # as _assign does: every header form of every pack answered in one pass
            counts_by_form.prepare(form_search(_probe_forms([spec_probe(s) for s in _all_specs()], "header")))
        for spec in _all_specs():
            concepts, _ = spec_probe(spec)
            counts = counts_by_form.hits(concepts)
            for t in candidates:
                blob = _index(t).header_blob
                expected = sum(1 for where, forms in concepts if where != "cell" and any(f in blob for f in forms))
                assert counts.get(t.index, 0) == expected, (spec["target_id"], t.caption)
    assert all(concept_where(c, s) in ("cell", "header") for s in _all_specs() for c in s.get("columns", []))


# --- cells: filled, placeholder, n/a --------------------------------------------------------


def _assert_cell_tests(table, marker_sets):
    """Every answer of ``cell_tests(table)`` — per cell and as the sets a table rule asks — equals
    the text functions'."""
    tests = cell_tests(table)
    for row in table.grid:
        for cell in row:
            assert tests.placeholder(cell) == is_placeholder(cell.text), cell.text
            for na in marker_sets:
                markers = folded_markers(na)
                filled = is_filled(cell.text, na)
                assert tests.filled(cell, markers) == filled, (table.index, cell.text, na)
                assert bool(cell.text and cell not in tests.unfilled(markers)) == filled, (table.index, cell.text, na)
                assert tests.na(cell, markers) == is_na(cell.text, na), (table.index, cell.text, na)
                reported = not is_placeholder(cell.text) and (not cell.text.strip() or is_na(cell.text, na))
                assert (not cell.text or cell in tests.refused(markers)) == reported, (table.index, cell.text, na)


def test_cell_tests_equal_the_text_functions(tables):
    for table in tables:  # (é, ≠: what e ́ and = ̸ fold to twice)
        _assert_cell_tests(table, (NA_MARKERS, (), ("无", "/", "不适用"), (" ",), ("é", "≠")))


def test_every_whitespace_character_folds_to_nothing():
    """``CellTests.refused`` looks for the cells of whitespace only among those whose folded text is
    empty: so every character ``str.strip`` removes must fold to nothing."""
    spaces = [chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace()]
    assert len(spaces) > 20 and all(fold(ch) == "" for ch in spaces)
    assert fold("".join(spaces)) == ""


def test_cell_tests_find_blank_and_marker_cells_at_every_place_in_the_joined_text():
    """The special cells (folded text empty, equal to a marker, a placeholder) are found by
    searching the table's joined folded text: at its start, its end, between two others, next to
    each other, alone in a one-cell table, and not where a marker is only part of a cell."""
    rows = [["无", "/", " ", "无"], ["无无", "有无", "无有", "—"], ["　", " ", "/", "XX"],
            ["-", "--", "X", "不适用"], ["无", " ", "", "无"], ["\u200b", "待定", "\ufeff", "X"]]  # (zero-width: folded away, not stripped)
    tables = [_table(950, rows), _table(951, [["无"]]), _table(952, [[" "]]), _table(953, [["/", "/"], ["/", "/"]]),
              _table(954, [[" ", "无"], ["无", " "]]), _table(955, [["XX", "合计"], ["1", "××"]])]
    tables += [_table(960 + i, [[a, b]]) for i, (a, b) in enumerate([("无", "无"), (" ", " "), ("无", " "), (" ", "无")])]
    for table in tables:
        assert table_text(table).aligned
        assert cell_tests(table).folded is None  # (the searched path, not the per-cell fallback)
        _assert_cell_tests(table, (NA_MARKERS, (), ("无",), ("无", "无无"), (" ",), ("-", "--"), ("X", "待定")))


def test_summary_label_regex_answers_any_label_in_the_text(tables):
    from docgen.check.kinds.tables import DEFAULT_SUMMARY_LABELS, _any_of
    from docgen.check.tables import norm_all

    label_sets = [norm_all(tuple(DEFAULT_SUMMARY_LABELS)), (), ("合计",), ("",), ("a.b", "(", "计合"), ("平衡", "平衡剂", "衡剂")]
    texts = [table_text(t).norm for t in tables] + ["", "平衡剂", "衡剂", "a.b", "axb", "合 计", "计合计"]
    for labels in label_sets:
        for text in texts:
            assert (_any_of(labels).search(text) is not None) == any(f in text for f in labels), (labels, text[:40])


def _section_row_as_it_was(cells: list) -> bool:
    distinct = list({id(cell): cell for cell in cells}.values())
    if len(distinct) == 1:
        return True
    filled = [c for c in distinct if c.text.strip()]
    return len(filled) == 1 and bool(re.match(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）])",
                                              filled[0].text.strip()))


def test_section_row_test_equals_the_distinct_cell_count(tables):
    a, b, label, blank = Cell("一、无/低费方案"), Cell("x"), Cell("（二）中高费"), Cell(" ")
    rows = [[a, a, a], [a, blank, blank], [blank, a, blank], [b, a, a], [label, b], [a, label], [blank, blank],
            [blank], [], [a, blank, a], [b, blank, blank]]
    rows += [row for table in tables for row in table.grid]
    for row in rows:
        assert is_section_row(row) == _section_row_as_it_was(row), [c.text for c in row]


# --- field labels ---------------------------------------------------------------------------


def _label_lists():
    lists = []
    for pack in PACKS:
        for rule in load_profile(pack).rules:
            params = rule.params
            for spec in params.get("fields", []) or []:
                lists.append(tuple(spec.get("labels", [])))
            for event in (params.get("events") or {}).values():
                if isinstance(event, dict):
                    lists.append(tuple(event.get("labels", [])))
                    lists.append(tuple((event.get("field") or {}).get("labels", [])))
            lists.append(tuple(params.get("front_labels", [])))
    lists += [("企业名称",), ("与会人员", "（1）编制"), (" ",), ()]
    return [tuple(x) for x in dict.fromkeys(lists)]


def test_label_probe_finds_every_label_the_patterns_find(documents):
    texts = [b.text for doc in documents for b in doc.blocks if isinstance(b, Paragraph)] + ODD_TEXTS
    texts += ["企 业 名 称：", "企业\u3000名称：", "（２）企业名称：", "编制单位及人员：", "编制单位与人员："]
    for labels in _label_lists():
        probe = _label_probe(labels)
        for text in texts:
            folded = text.translate(_LABEL_FOLD)
            holds = any(re.search(_label_regex(label), folded) for label in labels) if labels else False
            if holds:
                assert probe.search(text), (labels, text)


def test_table_labels_found_with_and_without_the_prefilter(tables, monkeypatch):
    label_lists = [list(x) for x in _label_lists() if x]
    everything = [x for labels in label_lists for x in labels]
    fast = [[_table_values(t, labels, everything) for labels in label_lists] for t in tables]
    for t in tables:
        t.__dict__.pop("_label_index", None)
    monkeypatch.setattr(fields._LabelIndex, "may_hold", lambda self, labels: True)
    monkeypatch.setattr(fields._LabelIndex, "colon", property(lambda self: [
        (r, c) for r, c, cell in self._origins() if ":" in cell.text.translate(_LABEL_FOLD)]))
    slow = [[_table_values(t, labels, everything) for labels in label_lists] for t in tables]
    assert fast == slow


# --- dates ----------------------------------------------------------------------------------


def test_texts_without_a_date_shape_have_no_dates(documents):
    texts = [b.text for doc in documents for b in doc.blocks if isinstance(b, Paragraph)] + ODD_TEXTS
    for text in texts:
        if not date_shapes(text):
            assert find_dates(text) == [] and find_invalid_dates(text) == [], text
    assert date_shapes("2024年2月30日") and not find_dates("2024年2月30日")


def test_fold_and_norm_replace_as_translate_did(documents):
    """fold/norm swap brackets and 与/及 by search + str.replace: the same as str.translate."""
    import unicodedata

    from docgen.read.normalize import _BRACKETS, _CONJUNCTIONS, _brackets, _conjunctions

    texts = [b.text for doc in documents for b in doc.blocks if isinstance(b, Paragraph)] + ODD_TEXTS
    texts += [c.text for doc in documents for t in doc.tables for row in t.grid for c in row]
    texts += ["（１）【注】〔2018〕［a］｛b｝－—–‑−．《》、。", "与及和", "ASCII only - (x)", ""]
    for text in texts:
        t = unicodedata.normalize("NFKC", text)
        assert _brackets(t) == t.translate(_BRACKETS), text
        assert _conjunctions(text) == text.translate(_CONJUNCTIONS), text
