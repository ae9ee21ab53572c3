"""The form templates (表格): 附表1, 评估/验收申请表, 绩效表, 企业自我声明, 审核工作计划.

Same machinery as the reports (``build_docx`` → styles, header, footer, A4 portrait): a form is a
title (CoverTitle) and one or more form tables (DocgenTable style, label cells in TableHeader, values
in TableText/TableNumber), so its fonts come from the template's styles (仿宋 text, 黑体 title) and a
consultancy restyles it in Word. Values are Jinja tags over the form context
(``docgen.render.forms.context``); repeated rows are docxtpl row loops (``{%tr for %}``), multi-line
cells paragraph loops (``{%p for %}``), the 类别 column of the 绩效表 is merged per group (``{% vm %}``).

Layouts: 附表1 follows seed 003 field by field and word by word. The official layouts of the other
forms are unknown (domain.md §10 G4); they are laid out as Chinese administrative forms usually are —
numbered sections (一、二、…) as full-width rows, label | value pairs, 企业意见 and 受理意见 boxes
with the seal and date at the lower right — with the fields of domain.md §3.2 and §4.2.
Every seal has its labelled place (``（盖章）`` followed by blank space); signatures and hand-written
dates are blank lines, never placeholder text.
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen.render.forms.wording import (
    BLANK_DATE,
    CAPABILITY_INSTRUCTION,
    CAPABILITY_LABEL,
    CAPABILITY_STATEMENTS,
    CONSULTANCY_FILLED_BY,
    CONSULTANCY_TITLE,
    DECLARATION_CLOSING,
    DECLARATION_POINTS,
    ENTERPRISE_DECLARATION,
    ENTERPRISE_FILLED_BY,
    PERFORMANCE_FOOTNOTE,
    PERFORMANCE_HEADERS,
    STAFF_CAPTION,
    STAFF_HEADERS,
)
from docgen.render.ooxml import esc
from docgen.render.template_build.front import _kv_table
from docgen.render.template_build.package import Block, h, raw, tag_paragraph
from docgen.render.template_build.typography import text_width_twips

#: The 附表1 table is 17 cm wide (2 cm page margins, centred over the 14.6 cm text block): the seed's
#: ten-column staff table does not fit the report's text width without breaking every cell.
WIDE_TWIPS = 9638
#: Left indent of signature lines (the right half of the text block, as on paper forms).
SIGN_INDENT = 4620
SIGN_INDENT_IN_CELL = 3600

_NO_INDENT = '<w:ind w:firstLine="0" w:firstLineChars="0"/>'


# ─── paragraphs ──────────────────────────────────────────────────────────────────────────────
def para(text: str = "", style: str = "TableText", *, jc: str | None = None, bold: bool = False,
         left: int | None = None, first_line_chars: int | None = None, before: int | None = None,
         after: int | None = None, keep_next: bool = False) -> str:
    """One paragraph; only paragraph properties and bold are set here, fonts come from the style."""
    ppr = f'<w:pStyle w:val="{style}"/>'
    if keep_next:
        ppr += "<w:keepNext/>"
    if before is not None or after is not None:
        ppr += "<w:spacing" + (f' w:before="{before}"' if before is not None else "") + (f' w:after="{after}"' if after is not None else "") + "/>"
    if left is not None:
        ppr += f'<w:ind w:left="{left}" w:firstLine="0" w:firstLineChars="0"/>'
    elif first_line_chars is not None:
        ppr += f'<w:ind w:firstLineChars="{first_line_chars * 100}" w:firstLine="{first_line_chars * 210}"/>'
    elif style == "Normal":
        ppr += _NO_INDENT
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    rpr = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
    body = f'<w:r>{rpr}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>' if text else ""
    return f"<w:p><w:pPr>{ppr}</w:pPr>{body}</w:p>"


def loop_paras(expr: str, style: str = "TableText", var: str = "line", **kw) -> list[str]:
    """A paragraph per item of ``expr`` (a list of strings), inside a cell or the body."""
    return [para(f"{{%p for {var} in {expr} %}}", style), para(f"{{{{ {var} }}}}", style, **kw), para("{%p endfor %}", style)]


# ─── form tables ─────────────────────────────────────────────────────────────────────────────
@dataclass(frozen=True)
class Cell:
    width: int
    paras: tuple[str, ...]
    vmerge: str | None = None  # "restart" | "continue" | "vm" (docxtpl merges it per loop)
    valign: str = "center"


def label(text: str, width: int, **kw) -> Cell:
    return Cell(width, (para(text, "TableHeader"),), **kw)


def value(text: str, width: int, *, jc: str | None = None, style: str = "TableText") -> Cell:
    return Cell(width, (para(text, style, jc=jc),))


def section(text: str, width: int) -> Cell:
    """A full-width section row of a form: 一、企业基本情况 (kept with the row below it)."""
    return Cell(width, (para(text, "TableText", bold=True, keep_next=True),))


def box(width: int, paras: list[str], valign: str = "top") -> Cell:
    return Cell(width, tuple(paras), valign=valign)


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    height: int | None = None
    header: bool = False
    split: bool = False  # may this row break across pages (tall text cells)


def row(*cells: Cell, height: int | None = None, header: bool = False, split: bool = False) -> Row:
    return Row(tuple(cells), height, header, split)


def tag_row(tag: str, width: int) -> Row:
    """A row holding only a docxtpl row tag (``{%tr for … %}``); docxtpl removes the row."""
    return row(Cell(width, (para(tag),)))


def _grid(rows: list[Row], width: int) -> list[int]:
    edges = {0, width}
    for r in rows:
        x = 0
        for c in r.cells:
            x += c.width
            edges.add(x)
        if x != width:
            raise ValueError(f"表格行宽 {x} 与表宽 {width} 不一致")
    return sorted(edges)


def _cell_xml(cell: Cell, start: int, edges: list[int]) -> str:
    end = start + cell.width
    span = sum(1 for e in edges if start < e <= end)
    props = f'<w:tcW w:w="{cell.width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    paras = "".join(cell.paras)
    if cell.vmerge == "vm":
        # docxtpl appends the w:vMerge after the last property: keep tcPr to tcW (schema order)
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{paras}</w:tc>"
    if cell.vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif cell.vmerge == "continue":
        props += "<w:vMerge/>"
        paras = para()
    props += f'<w:vAlign w:val="{cell.valign}"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paras}</w:tc>"


def form_table(rows: list[Row], width: int | None = None) -> Block:
    """A form table on the DocgenTable style: fixed layout, centred, grid from the rows' cells."""
    width = width or text_width_twips()
    edges = _grid(rows, width)
    grid = "".join(f'<w:gridCol w:w="{b - a}"/>' for a, b in zip(edges, edges[1:]))
    xml = (f'<w:tbl><w:tblPr><w:tblStyle w:val="DocgenTable"/><w:tblW w:w="{width}" w:type="dxa"/>'
           f'<w:jc w:val="center"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>')
    for r in rows:
        trpr = "" if r.split else "<w:cantSplit/>"
        if r.height:
            trpr += f'<w:trHeight w:val="{r.height}"/>'
        if r.header:
            trpr += "<w:tblHeader/>"
        xml += f"<w:tr><w:trPr>{trpr}</w:trPr>" if trpr else "<w:tr>"
        x = 0
        for c in r.cells:
            xml += _cell_xml(c, x, edges[1:])
            x += c.width
        xml += "</w:tr>"
    return raw(xml + "</w:tbl>")


# ─── page pieces ─────────────────────────────────────────────────────────────────────────────
def title(text: str) -> Block:
    return raw(para(text, "CoverTitle", before=120, after=360))


def body(text: str) -> Block:
    """A body paragraph (Normal: 仿宋 小四, 2-character first-line indent, justified)."""
    return raw(f'<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t xml:space="preserve">{esc(text)}</w:t></w:r></w:p>')


def signature(*lines: str, before: int = 360) -> list[Block]:
    """Signature, seal and date lines in the right half of the page, with room to sign and stamp."""
    return [raw(para(line, "Normal", left=SIGN_INDENT, before=before, keep_next=i < len(lines) - 1))
            for i, line in enumerate(lines)]


def opinion_box(lines: tuple[str, ...]) -> list[str]:
    """An 意见 cell: blank space for the text, then the signature/seal and date lines at the lower right."""
    return [para(), para(), para()] + [para(line, left=SIGN_INDENT_IN_CELL, before=240) for line in lines] + [para()]


# ─── 附表1 咨询服务机构基本情况表 (Shanghai, seed 003) ──────────────────────────────────────
def consultancy_form_blocks() -> list[Block]:
    w = WIDE_TWIPS
    l1, v1, l2, v2, l3 = 1300, 1750, 1550, 1600, 1450
    v3 = w - l1 - v1 - l2 - v2 - l3
    tick_w = 1000
    staff_w = [450, 850, 450, 800, 800, 900, 1150, 1150, 850]
    staff_w.append(w - sum(staff_w))

    def triple(a: str, av: str, b: str, bv: str, c: str, cv: str) -> Row:
        return row(label(a, l1), value(av, v1), label(b, l2), value(bv, v2), label(c, l3), value(cv, v3), height=560)

    rows = [
        row(label("机构名称（盖章）", l1), value("{{ c.name }}", w - l1), height=900),
        triple("成立时间", "{{ c.founded }}", "法定代表人", "{{ c.legal_representative }}", "注册资本", "{{ c.registered_capital }}"),
        triple("机构性质", "{{ c.nature }}", "固定资产", "{{ c.fixed_assets }}", "工作场所面积", "{{ c.area }}"),
        row(label("地址", l1), value("{{ c.address }}", v1 + l2 + v2), label("邮编", l3), value("{{ c.postcode }}", v3), height=560),
        triple("联系人", "{{ c.contact_name }}", "固定电话/手机", "{{ c.contact_phone }}", "E-mail", "{{ c.contact_email }}"),
        triple("技术负责人", "{{ c.lead_name }}", "固定电话/手机", "{{ c.lead_phone }}", "E-mail", "{{ c.lead_email }}"),
        row(label(CAPABILITY_LABEL, l1, vmerge="restart"), value(CAPABILITY_INSTRUCTION, w - l1), height=480),
    ]
    for key, statement in CAPABILITY_STATEMENTS:
        rows.append(row(Cell(l1, (), vmerge="continue"), value(statement, w - l1 - tick_w),
                        value(f"{{{{ c.ticks.{key} }}}}", tick_w, jc="center"), height=480))
    rows += [
        row(label(STAFF_CAPTION, w), height=480),
        row(*(label(text, width) for text, width in zip(STAFF_HEADERS, staff_w))),
        tag_row("{%tr for s in c.staff %}", w),
        row(*(value(f"{{{{ s.{field} }}}}", width, jc=None if field == "achievements" else "center")
              for field, width in zip(("no", "name", "age", "education", "title", "specialty", "certificate_name",
                                       "certificate_no", "since", "achievements"), staff_w))),
        tag_row("{%tr endfor %}", w),
        row(section(ENTERPRISE_FILLED_BY, w), height=480),
        row(label("企业名称", l1), value("{{ e.name }}", v1 + l2), label("联系人和联系方式", v2),
            value("{{ ent.contact }}", w - l1 - v1 - l2 - v2), height=680),
        row(box(w, [para()]
                + [para(sentence, first_line_chars=2, before=60) for sentence in ENTERPRISE_DECLARATION]
                + [para(), para("经办人签字：", left=5600, before=240), para("企业盖章：", left=5600, before=480),
                   para(f"时间：{BLANK_DATE}", left=5000, before=480), para()]), height=3400),
    ]
    return [
        raw(para("附表1", "Normal")),
        title(CONSULTANCY_TITLE),
        raw(para(CONSULTANCY_FILLED_BY, "Normal", after=60)),
        form_table(rows, w),
    ]


# ─── shared rows of the application forms ────────────────────────────────────────────────────
_W = 8300  # = text_width_twips() for the report's A4 margins (checked in the builder below)
_L, _V = 1900, 2250
_SPAN = _W - _L


def _pair(a: str, av: str, b: str, bv: str) -> Row:
    return row(label(a, _L), value(av, _V), label(b, _L), value(bv, _V), height=560)


def _wide(text: str, val: str | list[str], height: int = 560) -> Row:
    if isinstance(val, list):
        return row(label(text, _L), box(_SPAN, val, valign="center"), height=height)
    return row(label(text, _L), value(val, _SPAN), height=height)


def _enterprise_rows() -> list[Row]:
    return [
        row(section("一、企业基本情况", _W), height=480),
        _wide("企业名称", "{{ e.name }}"),
        _pair("统一社会信用代码", "{{ e.credit_code }}", "所属行业", "{{ ent.industry }}"),
        _pair("地址", "{{ e.address }}", "邮政编码", "{{ ent.postcode }}"),
        _pair("法定代表人", "{{ e.legal_representative }}", "联系人及电话", "{{ ent.contact_name }}，{{ ent.contact_phone }}"),
    ]


def _opinion_rows() -> list[Row]:
    return [
        row(label("企业意见", _L), box(_SPAN, opinion_box(("法定代表人（签字）：", "企业（盖章）：", BLANK_DATE))), height=2800),
        row(label("受理意见", _L), box(_SPAN, opinion_box(("受理部门（盖章）：", BLANK_DATE))), height=2400),
    ]


def _check_width() -> None:
    if text_width_twips() != _W:  # pragma: no cover - typography changed: recompute the columns
        raise ValueError(f"表格列宽按版心 {_W} twips 设计，当前版心 {text_width_twips()} twips")


# ─── 清洁生产审核评估申请表 ──────────────────────────────────────────────────────────────────
def evaluation_application_blocks() -> list[Block]:
    _check_width()
    rows = _enterprise_rows() + [
        row(section("二、清洁生产审核情况", _W), height=480),
        _wide("审核类型", "{{ aud.type_boxes }}"),
        _pair("审核轮次", "{{ aud.round }}", "审核基准年", "{{ aud.baseline_year }}"),
        _wide("审核咨询机构", "{{ aud.consultancy }}"),
        _pair("审核启动时间", "{{ aud.started }}", "审核报告完成时间", "{{ f.report_date }}"),
        _wide("审核重点", "{{ aud.focus }}"),
        _wide("清洁生产目标", loop_paras("f.targets")),
        _wide("清洁生产方案", "{{ f.schemes }}"),
        _wide("方案投资", "{{ f.investment }}"),
        _wide("方案效益", "{{ f.benefit }}"),
        row(section("三、申请评估", _W), height=480),
        _wide("申请评估时间", "{{ f.applied }}"),
        _wide("申请材料", loop_paras("f.materials")),
    ] + _opinion_rows()
    return [title("清洁生产审核评估申请表"), form_table(rows, _W)]


# ─── 清洁生产审核验收申请表 ──────────────────────────────────────────────────────────────────
def acceptance_application_blocks() -> list[Block]:
    _check_width()
    rows = _enterprise_rows() + [
        row(section("二、审核及评估情况", _W), height=480),
        _wide("审核类型", "{{ aud.type_boxes }}"),
        _wide("审核咨询机构", "{{ aud.consultancy }}"),
        _pair("审核启动时间", "{{ aud.started }}", "审核基准年", "{{ aud.baseline_year }}"),
        _pair("评估时间", "{{ f.evaluation_date }}", "评估结论", "{{ f.evaluation_result }}"),
        tag_row("{%tr if f.opinions %}", _W),
        _wide("评估意见整改", "{{ f.opinions }}"),
        tag_row("{%tr endif %}", _W),
        row(section("三、清洁生产方案实施情况", _W), height=480),
        _wide("无/低费方案", "{{ f.low_cost }}"),
        _wide("中/高费方案", [para("{{ f.high_cost }}")] + loop_paras("f.high_cost_lines")),
        row(section("四、清洁生产目标完成情况", _W), height=480),
        _wide("目标完成情况", [para("{{ f.targets_summary }}")] + loop_paras("f.targets")),
        row(section("五、清洁生产绩效", _W), height=480),
        _wide("主要绩效", loop_paras("f.performance")),
        _wide("审核后统计期", "{{ f.period }}"),
        row(section("六、申请验收", _W), height=480),
        _wide("申请验收时间", "{{ f.applied }}"),
        _wide("申请材料", loop_paras("f.materials")),
    ] + _opinion_rows()
    return [title("清洁生产审核验收申请表"), form_table(rows, _W)]


# ─── 清洁生产审核绩效表 ──────────────────────────────────────────────────────────────────────
def performance_blocks() -> list[Block]:
    _check_width()
    stats_w = [2100, 1400, 1400, 1700, 1700]
    stats_fields = ("label", "proposed", "implemented", "investment", "benefit")
    stats_headers = ("方案类别", "提出数量（项）", "实施数量（项）", "投资（万元）", "经济效益（万元/a）")
    info = _enterprise_rows()[1:2] + [
        _pair("所属行业", "{{ perf.industry }}", "审核类型", "{{ aud.type_text }}"),
        _wide("审核起止时间", "{{ perf.period }}"),
        _pair("评估时间", "{{ perf.evaluation_date }}", "验收时间", "{{ perf.acceptance_date }}"),
        _wide("咨询机构", "{{ aud.consultancy }}"),
        row(label("方案实施统计", _W), height=480),
        row(*(label(t, w) for t, w in zip(stats_headers, stats_w))),
        tag_row("{%tr for x in perf.stats %}", _W),
        row(*(value(f"{{{{ x.{k} }}}}", w, style="TableNumber" if k in ("investment", "benefit") else "TableText",
                    jc=None if k in ("investment", "benefit") else "center")
              for k, w in zip(stats_fields, stats_w)), height=480),
        tag_row("{%tr endfor %}", _W),
        row(*(Cell(w, (para(f"{{{{ perf.total.{k} }}}}", "TableNumber" if k in ("investment", "benefit") else "TableHeader",
                            bold=True),))
              for k, w in zip(stats_fields, stats_w)), height=480),
    ]
    perf_w = [1050, 2150, 1000, 1100, 1100, 1100, 800]
    numbers = ("before", "after", "reduction", "rate")
    indicator_rows = [
        row(*(label(t, w) for t, w in zip(PERFORMANCE_HEADERS, perf_w)), header=True),
        tag_row("{%tr for g in perf.groups %}", _W),
        tag_row("{%tr for r in g.rows %}", _W),
        row(Cell(perf_w[0], (para("{{ g.name }}{% vm %}", jc="center"),), vmerge="vm"),
            value("{{ r.item }}", perf_w[1]), value("{{ r.unit }}", perf_w[2], jc="center"),
            *(value(f"{{{{ r.{k} }}}}", w, style="TableNumber") for k, w in zip(numbers, perf_w[3:]))),
        tag_row("{%tr endfor %}", _W),
        tag_row("{%tr endfor %}", _W),
        # the 合计 row, the notes and the seal stay together on the last page
        row(Cell(sum(perf_w[:3]), (para("经济效益合计", "TableHeader", keep_next=True),)),
            *(Cell(w, (para(text, "TableNumber", bold=bold, keep_next=True),)) for text, w, bold in (
                ("—", perf_w[3], False), ("—", perf_w[4], False), ("{{ perf.benefit_total }}", perf_w[5], True),
                ("—", perf_w[6], False)))),
    ]
    return [
        title("清洁生产审核绩效表"),
        form_table(info, _W),
        raw(para("{{ perf.stats_note }}", "TableNote")),
        raw(para("清洁生产绩效指标", "Caption", before=240)),
        form_table(indicator_rows, _W),
        raw(para(PERFORMANCE_FOOTNOTE, "TableNote", before=60, keep_next=True)),
        raw(para("{{ perf.basis }}", "TableNote", keep_next=True)),
        *signature("企业（盖章）：", "日期：{{ perf.date }}", before=480),
    ]


# ─── 企业自我声明 ────────────────────────────────────────────────────────────────────────────
_CHINESE_ORDINALS = "一二三四五六七八九十"


def self_declaration_blocks() -> list[Block]:
    points = [p.replace("{report}", "{{ decl.report }}") for p in DECLARATION_POINTS]
    return [
        title("企业自我声明"),
        body("{{ decl.intro }}"),
        *(body(f"{_CHINESE_ORDINALS[i]}、{text}") for i, text in enumerate(points)),
        body(DECLARATION_CLOSING),
        *signature("法定代表人（签字）：", "企业（盖章）：", "日期：{{ decl.date }}", before=600),
    ]


# ─── 清洁生产审核工作计划 ────────────────────────────────────────────────────────────────────
def work_plan_blocks() -> list[Block]:
    return [
        raw(para("{{ e.name }}", "CoverText", before=120)),
        title("清洁生产审核工作计划"),
        h(2, "一、审核概况", numbered=False),
        raw(_kv_table([
            ("企业名称", "{{ e.name }}"),
            ("审核类型", "{{ aud.type_text }}"),
            ("审核轮次", "{{ aud.round }}"),
            ("审核基准年", "{{ aud.baseline_year }}"),
            ("审核范围", "{{ aud.scope }}"),
            ("审核咨询服务机构", "{{ aud.consultancy }}"),
            ("审核工作期限", "{{ plan.period }}"),
        ])),
        h(2, "二、审核小组", numbered=False),
        body("{{ plan.team }}"),
        tag_paragraph("{{p plan.team_table }}"),
        h(2, "三、审核工作计划", numbered=False),
        body("{{ plan.schedule }}"),
        tag_paragraph("{{p plan.plan_table }}"),
        *signature("企业（盖章）：", "日期：{{ plan.date }}", before=480),
    ]
