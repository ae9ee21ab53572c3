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
from docgen.read import read_document

PACKS = ("national-2018-evaluation", "national-2018-acceptance", "shanghai-evaluation", "shanghai-acceptance")


@pytest.fixture(scope="module")
def documents(rendered_reports):
    return [read_document(path) for path in rendered_reports.values()]


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
    else:
        assert got < threshold


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
