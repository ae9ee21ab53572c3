"""Cover (封面), responsibility page (封二) and TOC section shared by both reports (domain.md §2.2)."""

from __future__ import annotations

from docgen.render.ooxml import esc
from docgen.render.template_build.package import Block, p, raw, section_end, toc_field
from docgen.render.template_build.typography import text_width_twips


def _kv_table(rows: list[tuple[str, str]]) -> str:
    """A two-column form table (label | value) whose values are Jinja tags."""
    width = text_width_twips()
    label_w, value_w = width * 2 // 5, width - width * 2 // 5
    xml = (f'<w:tbl><w:tblPr><w:tblStyle w:val="DocgenTable"/><w:tblW w:w="{width}" w:type="dxa"/>'
           f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="{label_w}"/><w:gridCol w:w="{value_w}"/></w:tblGrid>')
    for label, value in rows:
        xml += (
            '<w:tr><w:trPr><w:trHeight w:val="680"/></w:trPr>'
            f'<w:tc><w:tcPr><w:tcW w:w="{label_w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="TableHeader"/></w:pPr><w:r><w:t>{esc(label)}</w:t></w:r></w:p></w:tc>'
            f'<w:tc><w:tcPr><w:tcW w:w="{value_w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r><w:t xml:space="preserve">{esc(value)}</w:t></w:r></w:p></w:tc></w:tr>'
        )
    return xml + "</w:tbl>"


def _seal_box() -> str:
    """The marked place for the enterprise seal (盖章处): a dashed 4 cm square, right of centre."""
    side = 2268  # 4 cm in twips
    border = "".join(f'<w:{b} w:val="dashed" w:sz="6" w:space="0" w:color="808080"/>' for b in ("top", "left", "bottom", "right"))
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{side}" w:type="dxa"/><w:jc w:val="right"/><w:tblBorders>{border}</w:tblBorders>'
        f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid><w:gridCol w:w="{side}"/></w:tblGrid>'
        f'<w:tr><w:trPr><w:trHeight w:val="{side}" w:hRule="exact"/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{side}" w:type="dxa"/>'
        '<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="TableHeader"/></w:pPr>'
        '<w:r><w:rPr><w:color w:val="808080"/></w:rPr><w:t>（企业盖章处）</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
    )


def front_matter(stage_label: str, title: str) -> list[Block]:
    """封面 + 封二 (section 1, no page number) and 目录 (section 2, numbered i, ii …)."""
    blank = p("", "CoverText")
    return [
        blank, blank, blank,
        p("{{ e.name }}", "CoverTitle"),
        p(title, "CoverTitle"),
        p(stage_label, "CoverText"),
        blank, blank,
        raw(_seal_box()),
        blank, blank,
        p("企业名称（盖章）：{{ e.name }}", "CoverText"),
        p("咨询机构：{{ consultancy_name }}", "CoverText"),
        p("{{ cover_date }}", "CoverText"),
        raw('<w:p><w:r><w:br w:type="page"/></w:r></w:p>'),
        p("企业清洁生产审核管理情况", "CoverTitle"),
        raw(_kv_table([
            ("单位名称", "{{ e.name }}"),
            ("报告编制人员", "{{ people.compiled }}"),
            ("报告审核人员", "{{ people.reviewed }}"),
            ("报告批准人员", "{{ people.approved }}"),
            ("咨询机构名称", "{{ consultancy_name }}"),
            ("审核师姓名及证书编号", "{{ people.auditors }}"),
            ("批准人姓名", "{{ people.consultancy_approver }}"),
            ("日期", "{{ report_date }}"),
        ])),
    ] + toc_section()


def toc_section() -> list[Block]:
    """Close the cover section (no page number), then the TOC in its own section numbered i, ii …"""
    return [
        section_end(None, None, footer=False),
        p("目　　录", "TOCHeading"),
        toc_field(),
        section_end("upperRoman", 1, footer=True),
    ]
