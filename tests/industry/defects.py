"""Seeded-defect copies of the rendered industry documents: the failing ``examples`` of the
checks/industry-*.yaml rules (``industry/<name>``), generated here instead of committed.

Each defect edits a copy of a rendered DOCX the way a careless editor would (a chapter heading
deleted, a table deleted with its caption, one figure retyped) — or, for the coverage case, renders
from a data copy whose list is too small. ``EXPECTED`` lists, per defect, every finding of severity
error/warning the pack must report as (rule, status): worked out by hand from the edit (a deleted
table also makes the numeric rules on it ``not_evaluable`` — never a silent pass).
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from dataclasses import dataclass

import docx
from docx.oxml.ns import qn

REPORT, PHASES, SHEET = "report", "phases", "sheet"
PACK = {REPORT: "industry-jiangsu-2025", PHASES: "industry-national-2024", SHEET: "industry-sheet"}


def _body_items(document):
    return list(document.element.body.iterchildren())


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(qn("w:t")))


def _caption_index(items, name: str) -> int:
    for i, el in enumerate(items):
        if el.tag == qn("w:p") and (_text(el).startswith("表") or _text(el).startswith("附表")) and _text(el).endswith(name):
            return i
    raise AssertionError(f"caption {name} not found")


def delete_table(name: str) -> Callable:
    """Delete the caption, the table and its note paragraph."""

    def edit(document):
        items = _body_items(document)
        i = _caption_index(items, name)
        for el in items[i:i + 3]:
            el.getparent().remove(el)

    return edit


def delete_heading(title: str) -> Callable:
    def edit(document):
        for p in document.paragraphs:
            if p.style.name.lower().startswith("heading") and p.text.strip() == title:
                p._element.getparent().remove(p._element)
                return
        raise AssertionError(f"heading {title} not found")

    return edit


def _table_after(document, name: str):
    items = _body_items(document)
    i = _caption_index(items, name)
    tbl = items[i + 1]
    assert tbl.tag == qn("w:tbl")
    return docx.table.Table(tbl, document)


def set_cell(name: str, row_label: str, column: str, new: str, *, expect: str | None = None) -> Callable:
    """Retype one cell: the row whose first cell is ``row_label``, the column whose last header cell is
    ``column`` (or whose header contains it; the first such column)."""

    def edit(document):
        table = _table_after(document, name)
        headers = [[c.text for c in table.rows[k].cells] for k in (0, 1)]  # a two-level header's labels are in row 2
        col = next(i for header in headers for i, h in enumerate(header) if h == column or column in h)
        row = next(r for r in table.rows if r.cells[0].text.strip() == row_label or r.cells[1].text.strip() == row_label)
        cell = row.cells[col]
        if expect is not None:
            assert cell.text == expect, (name, row_label, column, cell.text)
        runs = cell.paragraphs[0].runs
        runs[0].text = new
        for r in runs[1:]:
            r.text = ""

    return edit


def apply(data: bytes, edit: Callable) -> bytes:
    document = docx.Document(io.BytesIO(data))
    edit(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def shrink_list(data):
    """A data copy whose list leaves out the four largest emitters (E01, E03, E08, E11)."""
    shrunk = copy.deepcopy(data)
    for e in shrunk.enterprises:
        if e.id in ("E01", "E03", "E08", "E11"):
            e.selected = False
    shrunk.enterprise_schemes = [s for s in shrunk.enterprise_schemes if s.enterprise not in ("E01", "E03", "E08", "E11")]
    return shrunk


@dataclass(frozen=True)
class Defect:
    name: str
    base: str
    edit: Callable | None  # None: rendered from ``shrink_list`` data
    expected: frozenset  # {(rule, status)} of error/warning findings


def _d(name, base, edit, *expected):
    return Defect(name, base, edit, frozenset(expected))


F, NE = "fail", "not_evaluable"
DEFECTS = [
    _d("missing-chapter", REPORT, delete_heading("方案实施"), ("ISEC-001", F)),
    _d("missing-team-table", REPORT, delete_table("审核小组成员表"), ("ITBL-001", F)),
    # the census feeds the census total and the coverage: both cannot run
    _d("missing-census-table", REPORT, delete_table("行业企业基本情况及审核企业名单确定表"),
       ("ITBL-002", F), ("INUM-001", NE), ("INUM-010", NE)),
    # the before-only statistics (chapter 2) is then the nearest table: it lacks the 审核后 columns and
    # sits in the wrong chapter (both ITBL-003); its 审核前 counts are right, so INUM-011 passes
    _d("missing-level-table", REPORT, delete_table("企业清洁生产水平分级统计表（审核前后）"), ("ITBL-003", F)),
    _d("missing-focus-table", REPORT, delete_table("审核重点表"), ("ITBL-004", F)),
    _d("missing-targets-table", REPORT, delete_table("清洁生产目标表"), ("ITBL-005", F)),
    _d("missing-common-problems", REPORT, delete_table("行业共性问题诊断表"), ("ITBL-006", F)),
    _d("missing-individual-problems", REPORT, delete_table("企业个性问题诊断表"), ("ITBL-007", F)),
    _d("missing-library", REPORT, delete_table("行业层面清洁生产方案库"), ("ITBL-008", F)),
    _d("missing-per-enterprise-schemes", REPORT, delete_table("企业层面清洁生产方案汇总表"),
       ("ITBL-009", F), ("INUM-002", NE)),
    _d("missing-attainment-table", REPORT, delete_table("清洁生产目标完成情况表"), ("ITBL-010", F), ("INUM-012", NE)),
    _d("missing-pollutant-table", REPORT, delete_table("污染物减排情况表"), ("ITBL-011", F), ("INUM-013", NE)),
    _d("missing-ghg-table", REPORT, delete_table("温室气体减排情况表"), ("ITBL-012", F), ("INUM-014", NE)),
    _d("missing-return-table", REPORT, delete_table("投入产出效益表"), ("ITBL-013", F)),
    # the level statistics compare with the list only when it is there (if_missing: skip)
    _d("missing-annex-list", REPORT, delete_table("审核企业名单"), ("ITBL-014", F)),
    _d("missing-annex-performance", REPORT, delete_table("名单企业绩效汇总表"), ("ITBL-015", F), ("INUM-003", NE)),
    # 268.40 → 278.40 in the census 合计 row
    _d("wrong-census-total", REPORT, set_cell("行业企业基本情况及审核企业名单确定表", "合计", "VOCs排放量", "278.40", expect="268.40"),
       ("INUM-001", F)),
    _d("wrong-scheme-total", REPORT, set_cell("企业层面清洁生产方案汇总表", "合计", "投资（万元）", "850.3", expect="840.3"),
       ("INUM-002", F)),
    _d("wrong-performance-total", REPORT, set_cell("名单企业绩效汇总表", "合计", "审核后", "171.80", expect="161.80"),
       ("INUM-003", F)),
    _d("coverage-below-80", REPORT, None, ("INUM-010", F)),
    _d("wrong-coverage-share", REPORT, set_cell("审核企业名单覆盖情况表", "VOCs排放量", "名单企业占比", "86.91%", expect="96.91%"),
       ("INUM-010", F)),
    # II级 after: 9 → 8 — Σ 21 ≠ 合计 22, list has 9 at II级, 8/22 ≠ 40.91 %
    _d("wrong-level-count", REPORT, set_cell("企业清洁生产水平分级统计表（审核前后）", "II级", "审核后企业数（家）", "8", expect="9"),
       ("INUM-011", F)),
    _d("wrong-attainment", REPORT, set_cell("清洁生产目标完成情况表", "名单企业综合能耗", "是否达标", "未达标", expect="达标"),
       ("INUM-012", F)),
    _d("wrong-reduction", REPORT, set_cell("污染物减排情况表", "VOCs排放量", "削减量", "88.30", expect="98.30"),
       ("INUM-013", F)),
    _d("wrong-ghg-rate", REPORT, set_cell("温室气体减排情况表", "二氧化碳排放量", "削减率", "9.48%", expect="8.48%"),
       ("INUM-014", F)),
    _d("phases-missing-chapter", PHASES, delete_heading("诊断审核"), ("ISEC-002", F)),
    _d("sheet-missing-part", SHEET, delete_heading("三、问题诊断"), ("ISHT-001", F)),
    _d("sheet-missing-performance", SHEET, delete_table("审核前后清洁生产水平及绩效对比表"), ("ISHT-010", F), ("ISHT-021", NE)),
    _d("sheet-missing-diagnosis", SHEET, delete_table("问题诊断表"), ("ISHT-011", F)),
    _d("sheet-missing-schemes", SHEET, delete_table("企业清洁生产方案表"), ("ISHT-012", F), ("ISHT-020", NE)),
    _d("sheet-wrong-total", SHEET, set_cell("企业清洁生产方案表", "合计", "投资（万元）", "115.8", expect="105.8"), ("ISHT-020", F)),
    _d("sheet-wrong-reduction", SHEET, set_cell("审核前后清洁生产水平及绩效对比表", "VOCs排放量", "削减量", "7.20", expect="17.20"),
       ("ISHT-021", F)),
]
GOOD = {"good-packaging-printing": REPORT, "good-phases": PHASES, "good-sheet": SHEET}
