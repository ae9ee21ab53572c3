"""The quarterly return: 附表3 (情况表) and, when the list changed, 附表4 (名单调整表), as DOCX and XLSX.

Seed 003 六: "区生态环境局应在每季度 10 日前向上海市清洁生产中心提交上季度《重点行业实施强制性清洁生产
审核情况表》（附表 3）和《强制性清生产审核企业名单调整表》（附表 4）（如名单有变化）". So the return
for quarter Q describes the register **as at the end of Q**: events after the quarter's last day
are not shown, and 附表4 lists the changes dated within Q — no change, no 附表4.

附表3 rows: every enterprise listed on or before the quarter's end, except those whose list entry
ended (名单撤销 / 审核终止) before the quarter began. 要求完成期限 is the rule set's 评估 and 验收
deadlines (domain.md §5.4 reads the column that way) computed by ``docgen.track.status``.

Rendering: python-docx builds the tables (a tabular form needs no template), fonts and sizes come
from the project's typography (docgen/data/typography/report.yaml: 黑体 title, 仿宋 text, 五号
tables), A4 landscape for the seven columns of 附表3, and the package is normalised
(``docgen.render.docxpkg``) so the same register and date give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from docgen.fsutil import atomic_write_bytes
from docgen.render.docxpkg import core_properties_xml, normalise_docx
from docgen.render.template_build.typography import TWIPS_PER_MM, typography
from docgen.track import wording as W
from docgen.track.changes import adjustment
from docgen.track.periods import quarter_bounds, show
from docgen.track.register import Enterprise, ListChange
from docgen.track.rules import RuleSet, load_rule_set
from docgen.track.sheets import save_workbook
from docgen.track.status import evaluate_rule


@dataclass
class QuarterlyReturn:
    year: int
    quarter: int
    district: str | None
    filler: str | None
    filled_on: dt.date
    form3: list[list[str]] = field(default_factory=list)
    form4: list[list[str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _cut(d: dt.date | None, end: dt.date) -> dt.date | None:
    return d if d is not None and d <= end else None


class _AsAt:
    """An enterprise as the register stood at ``end``: later events are hidden."""

    def __init__(self, e: Enterprise, end: dt.date):
        self._e, self._end = e, end

    def __getattr__(self, name):
        value = getattr(self._e, name)
        return _cut(value, self._end) if isinstance(value, dt.date) else value


def _stage(label: str, onsite, result, applied) -> str:
    if onsite is not None:
        return f"{show(onsite)}，{result or '结果待定'}"
    if applied is not None:
        return f"{show(applied)} 已申请{label}，尚未现场{label}"
    return f"尚未{label}"


def _required(rs: RuleSet, e: _AsAt, end: dt.date, cal) -> str:
    parts = []
    for rule_id, label in (("evaluation", "评估"), ("acceptance", "验收")):
        try:
            rule = rs.rule(rule_id)
        except KeyError:
            continue
        state = evaluate_rule(rule, e, end, 0, cal=cal)
        if state.due is None:
            parts.append(f"{label}：{W_SINCE.get(rule.from_, rule.from_)}后{rule.period_zh()}")
        else:
            parts.append(f"{label}：{show(state.due.date)}{'（暂定）' if state.due.provisional else ''}")
    return "；".join(parts)


W_SINCE = {"list_published": "名单公布", "started": "审核启动", "evaluation_onsite": "通过评估"}


def build_return(Session, year: int, quarter: int, *, district: str | None = None, filler: str | None = None,
                 filled_on: dt.date | None = None, cal=None) -> QuarterlyReturn:
    first, end = quarter_bounds(year, quarter)
    ret = QuarterlyReturn(year, quarter, district, filler, filled_on or dt.date.today())
    with Session() as session:
        query = select(Enterprise).options(selectinload(Enterprise.changes)).where(Enterprise.list_published <= end)
        if district:
            query = query.where(Enterprise.district == district)
        enterprises = list(session.scalars(query.order_by(Enterprise.list_published, Enterprise.name)))
        for e in enterprises:
            rs = load_rule_set(e.jurisdiction)
            vocab = rs.list_changes
            adjustments = [(c, adjustment(vocab, c, e.started)) for c in e.changes] if vocab else []
            ended = [c for c, a in adjustments if a.effect == "stop" and c.changed_on < first]
            if not ended:
                a = _AsAt(e, end)
                ret.form3.append([str(len(ret.form3) + 1), e.name, show(e.list_published), _required(rs, a, end, cal),
                                  e.consultancy or "自行审核",
                                  _stage("评估", a.evaluation_onsite, e.evaluation_result if a.evaluation_onsite else None,
                                         a.evaluation_applied),
                                  _stage("验收", a.acceptance_onsite, e.acceptance_result if a.acceptance_onsite else None,
                                         a.acceptance_applied)])
            for c, adj in adjustments:
                if first <= c.changed_on <= end:
                    ret.form4.append(_change_row(len(ret.form4) + 1, e, c, adj))
                    if adj.evidence_missing:
                        ret.warnings.append(f"{e.name}：调整结果为「{adj.result}」，{vocab.evidence_hint}；证明材料尚未登记")
    return ret


def _change_row(n: int, e: Enterprise, c: ListChange, adj) -> list[str]:
    change = c.change + (f"（{c.relocation}）" if c.relocation else "") + (f"：{c.detail}" if c.detail else "")
    return [str(n), e.name, change, adj.result, c.evidence or "", c.remark or ""]


# --- DOCX ---------------------------------------------------------------------------------------


def _font(run, style: str, *, bold: bool | None = None, superscript: bool = False) -> None:
    t = typography()
    spec = t["styles"][style]
    run.font.size = Pt(float(t["sizes_pt"][spec["size"]]))
    run.font.name = t["latin_font"]
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), t["latin_font"])
    fonts.set(qn("w:eastAsia"), spec["east_asia"])
    run.font.bold = spec.get("bold", False) if bold is None else bold
    if superscript:
        run.font.superscript = True


def _para(doc, text: str, style: str, align=None, *, bold=None, space_after: float = 0):
    p = doc.add_paragraph()
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.first_line_indent = Pt(0)
    if align is not None:
        p.alignment = align
    _font(p.add_run(text), style, bold=bold)
    return p


def _cell(cell, text: str, *, header: bool = False, marker: str = "") -> None:
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if header or len(text) <= 4 else WD_ALIGN_PARAGRAPH.LEFT
    _font(p.add_run(text), "table", bold=header)
    if marker:
        _font(p.add_run(marker), "table", bold=header, superscript=True)


def _document(landscape: bool):
    doc = Document()
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    m = typography()["page"]["margins_mm"]
    section.top_margin, section.bottom_margin = Mm(m["top"]), Mm(m["bottom"])
    section.left_margin = section.right_margin = Mm(25)
    return doc


#: column widths in mm (text width: 247 mm landscape, 160 mm portrait with 25 mm side margins)
FORM3_WIDTHS_MM = (12, 42, 30, 48, 41, 37, 37)
FORM4_WIDTHS_MM = (12, 36, 40, 24, 28, 20)


def _form_docx(label: str, title: str, quarter: str, headers, rows, notes, ret: QuarterlyReturn,
               landscape: bool, widths: tuple[int, ...]) -> bytes:
    doc = _document(landscape)
    _para(doc, label, "heading1", WD_ALIGN_PARAGRAPH.LEFT)
    _para(doc, title, "toc_title", WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, quarter, "body", WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    table = doc.add_table(rows=1 + max(len(rows), 1), cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # LibreOffice lays a table out by its grid (w:tblGrid), Word by the cells' w:tcW: set both
    for i, (grid_col, width) in enumerate(zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths)):
        grid_col.set(qn("w:w"), str(round(width * TWIPS_PER_MM)))
        for cell in table.columns[i].cells:
            cell.width = Mm(width)
    for i, (text, marker) in enumerate(headers):
        _cell(table.rows[0].cells[i], text, header=True, marker=marker)
    for r, row in enumerate(rows, start=1):
        for i, text in enumerate(row):
            _cell(table.rows[r].cells[i], text)
    for note in notes:
        _para(doc, note, "footer", WD_ALIGN_PARAGRAPH.LEFT)
    _para(doc, "", "body")
    _para(doc, W.seal_line(ret.district), "body", WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, W.FILLER + (ret.filler or ""), "body", WD_ALIGN_PARAGRAPH.LEFT)
    _para(doc, W.FILLED_ON + show(ret.filled_on), "body", WD_ALIGN_PARAGRAPH.LEFT)
    buf = io.BytesIO()
    doc.save(buf)
    core = core_properties_xml(f"{title}{quarter}", "docgen", f"{ret.filled_on.isoformat()}T00:00:00Z")
    return normalise_docx(buf.getvalue(), core)


def form3_docx(ret: QuarterlyReturn) -> bytes:
    return _form_docx(W.FORM3_LABEL, W.FORM3_TITLE, W.quarter_line(ret.year, ret.quarter),
                      [(h, "") for h in W.FORM3_HEADERS], ret.form3, (), ret, landscape=True,
                      widths=FORM3_WIDTHS_MM)


def form4_docx(ret: QuarterlyReturn) -> bytes:
    return _form_docx(W.FORM4_LABEL, W.FORM4_TITLE, W.quarter_line(ret.year, ret.quarter), W.FORM4_HEADERS,
                      ret.form4, W.FORM4_NOTES, ret, landscape=False, widths=FORM4_WIDTHS_MM)


# --- XLSX ---------------------------------------------------------------------------------------

_SUPERSCRIPT = str.maketrans("123", "¹²³")


def _form_xlsx(label: str, title: str, quarter: str, headers: list[str], rows, notes, ret: QuarterlyReturn) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = label
    width = len(headers)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append([label])
    for text in (title, quarter):
        ws.append([text])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)
        ws.cell(ws.max_row, 1).alignment = Alignment(horizontal="center")
    ws.cell(2, 1).font = Font(name="黑体", bold=True, size=16)
    header_row = ws.max_row + 1
    ws.append(headers)
    for row in rows:
        ws.append(row)
    for r in range(header_row, ws.max_row + 1):
        for c in range(1, width + 1):
            cell = ws.cell(r, c)
            cell.border = box
            cell.alignment = Alignment(wrap_text=True, vertical="center",
                                       horizontal="center" if r == header_row else None)
            if r == header_row:
                cell.font = Font(bold=True)
    for note in notes:
        ws.append([note])
    ws.append([])
    ws.append([""] * (width - 1) + [W.seal_line(ret.district)])
    ws.append([W.FILLER + (ret.filler or "")])
    ws.append([W.FILLED_ON + show(ret.filled_on)])
    for c in range(1, width + 1):
        ws.column_dimensions[ws.cell(header_row, c).column_letter].width = 8 if c == 1 else 24
    return save_workbook(wb, f"{title}{quarter}", ret.filled_on)


def form3_xlsx(ret: QuarterlyReturn) -> bytes:
    return _form_xlsx(W.FORM3_LABEL, W.FORM3_TITLE, W.quarter_line(ret.year, ret.quarter), list(W.FORM3_HEADERS),
                      ret.form3, (), ret)


def form4_xlsx(ret: QuarterlyReturn) -> bytes:
    headers = [h + m.translate(_SUPERSCRIPT) for h, m in W.FORM4_HEADERS]
    return _form_xlsx(W.FORM4_LABEL, W.FORM4_TITLE, W.quarter_line(ret.year, ret.quarter), headers, ret.form4,
                      W.FORM4_NOTES, ret)


def write_return(ret: QuarterlyReturn, out_dir: Path, *, force: bool = False) -> list[Path]:
    """Write 附表3 (and 附表4 when the list changed in the quarter) as DOCX and XLSX; the paths."""
    tag = f"{ret.year}年第{ret.quarter}季度"
    outputs = [(f"附表3-{W.FORM3_TITLE}-{tag}.docx", form3_docx), (f"附表3-{W.FORM3_TITLE}-{tag}.xlsx", form3_xlsx)]
    if ret.form4:
        outputs += [(f"附表4-{W.FORM4_TITLE}-{tag}.docx", form4_docx), (f"附表4-{W.FORM4_TITLE}-{tag}.xlsx", form4_xlsx)]
    paths = [Path(out_dir) / name for name, _ in outputs]
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        raise FileExistsError(f"文件「{existing[0]}」已存在；如需覆盖请加 --force")
    data = [(p, make(ret)) for p, (_, make) in zip(paths, outputs)]   # render all before writing any
    for p, blob in data:
        atomic_write_bytes(p, blob)
    return paths
