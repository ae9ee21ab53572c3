"""Small Word documents (lists, cover sheets, forms) in the project's typography, built in code.

The archive list (档案材料清单) and the expert packet's sheets are filled once from data and never
edited as templates by a consultancy, so they are assembled directly with the template builder's
own pieces (docgen.render.template_build): the same styles.xml from
``docgen/data/typography/report.yaml`` (仿宋 text, 黑体 titles, A4, the DocgenTable borders),
header and page-number footer. A Jinja template would add a file to keep in step and nothing else.
Text goes through ``esc`` in the builder, so user data cannot inject XML.
"""

from __future__ import annotations

import datetime as dt

from docgen.render.docxpkg import core_properties_xml, normalise_docx
from docgen.render.ooxml import esc
from docgen.render.template_build.forms import Cell, box, form_table, label, para, row, signature, title, value
from docgen.render.template_build.package import Block, build_docx, raw
from docgen.render.template_build.typography import text_width_twips

__all__ = ["Block", "Cell", "box", "form_table", "heading", "label", "para", "raw", "row", "signature", "sheet_docx",
           "text", "text_width_twips", "title", "value"]


def heading(text_: str, level: int = 1, *, new_page: bool = True) -> Block:
    """An unnumbered heading (标题 1/2 with the list switched off): Word's navigation pane and the
    PDF outline see it, and no 第一章 label is added to a sheet. 标题 1 starts a page (the style's
    page break) unless ``new_page`` is False."""
    extra = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'
    style = f"Heading{level}"
    page = '<w:pageBreakBefore w:val="0"/>' if level == 1 and not new_page else ""  # schema: before numPr
    return raw(f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{page}{extra}</w:pPr>'
               f'<w:r><w:t xml:space="preserve">{esc(text_)}</w:t></w:r></w:p>')


def text(line: str, *, bold: bool = False, jc: str | None = None) -> Block:
    """A body line without first-line indent (lists and labels rather than prose)."""
    return raw(para(line, "Normal", bold=bold, jc=jc))


def sheet_docx(blocks: list[Block], *, doc_title: str, header: str, date: dt.date | None = None,
               creator: str = "docgen") -> bytes:
    """The DOCX bytes, deterministic: fixed ZIP timestamps, core properties dated from the data."""
    data = build_docx(blocks, title=doc_title, header_text=header)
    when = f"{(date or dt.date(2020, 1, 1)).isoformat()}T00:00:00Z"
    return normalise_docx(data, core_properties_xml(doc_title, creator, when))
