"""Assemble a template DOCX from blocks: cover section, TOC section, numbered body section.

Sections (notes/generation.md §3): cover without page number; the TOC in its own section numbered
i, ii … so that a TOC growing by a page never shifts the body's numbers; the body from page 1 in
Arabic numerals. The TOC is a real ``TOC \\o "1-3" \\h \\z \\u`` field and ``settings.xml`` asks Word
to update fields on open; LibreOffice refreshes it before PDF export (docgen.render.pdf).
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen.render.docxpkg import core_properties_xml, write_zip
from docgen.render.ooxml import NSDECL, esc, paragraph
from docgen.render.template_build.typography import A4_TWIPS, margins_twips, numbering_xml, styles_xml


@dataclass(frozen=True)
class Block:
    """One piece of a template body; ``xml`` is final WordprocessingML (may contain Jinja tags)."""

    xml: str


def h(level: int, text: str, numbered: bool = True) -> Block:
    """标题 1–3. Unnumbered headings (前言, 附件) keep the outline level but switch the list off."""
    extra = "" if numbered else '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'
    return Block(paragraph(text, f"Heading{level}", extra_ppr=extra))


def p(text: str, style: str | None = None) -> Block:
    return Block(paragraph(text, style))


def tag_paragraph(tag: str) -> Block:
    """A paragraph holding only a docxtpl block tag (``{%p for … %}``, ``{{p table }}``)."""
    return Block(f"<w:p><w:r><w:t>{esc(tag)}</w:t></w:r></w:p>")


def loop(items_expr: str, style: str | None = None, var: str = "para") -> list[Block]:
    """One paragraph per item of ``items_expr`` (a list of strings in the context)."""
    return [tag_paragraph(f"{{%p for {var} in {items_expr} %}}"), p(f"{{{{ {var} }}}}", style), tag_paragraph("{%p endfor %}")]


def if_(cond: str) -> Block:
    return tag_paragraph(f"{{%p if {cond} %}}")


def endif() -> Block:
    return tag_paragraph("{%p endif %}")


def table(table_id: str) -> Block:
    """Placeholder replaced by the generated caption + table XML (styles from this template)."""
    key = table_id.replace("-", "_")
    return tag_paragraph(f"{{{{p tbl.{key} }}}}")


def raw(xml: str) -> Block:
    return Block(xml)


def _sect_pr(page_format: str | None, start: int | None, footer: bool) -> str:
    m = margins_twips()
    footer_ref = '<w:footerReference w:type="default" r:id="rIdFooter1"/><w:headerReference w:type="default" r:id="rIdHeader1"/>' if footer else ""
    pg = ""
    if page_format:
        pg = f'<w:pgNumType w:fmt="{page_format}"' + (f' w:start="{start}"' if start else "") + "/>"
    return (
        f"<w:sectPr>{footer_ref}<w:type w:val=\"nextPage\"/>"
        f'<w:pgSz w:w="{A4_TWIPS[0]}" w:h="{A4_TWIPS[1]}"/>'
        f'<w:pgMar w:top="{m["top"]}" w:right="{m["right"]}" w:bottom="{m["bottom"]}" w:left="{m["left"]}" '
        f'w:header="{m["header"]}" w:footer="{m["footer"]}" w:gutter="0"/>{pg}'
        '<w:cols w:space="425"/><w:docGrid w:linePitch="312"/></w:sectPr>'
    )


def section_end(page_format: str | None, start: int | None, footer: bool) -> Block:
    """Ends a section: its properties ride on an empty last paragraph (OOXML §17.6.17)."""
    return Block(f"<w:p><w:pPr>{_sect_pr(page_format, start, footer)}</w:pPr></w:p>")


def toc_field(placeholder: str = "目录") -> Block:
    """A real TOC field. The cached result is rewritten by the renderer with the document's headings."""
    return Block(
        '<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr>'
        '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{esc(placeholder)}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )


_FOOTER = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:ftr {NSDECL}><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
    '<w:r><w:t xml:space="preserve">— </w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    '<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>'
)


def _header(text: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:hdr {NSDECL}><w:p><w:pPr><w:pStyle w:val="Header"/>'
        '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="000000"/></w:pBdr></w:pPr>'
        f"<w:r><w:t>{esc(text)}</w:t></w:r></w:p></w:hdr>"
    )


_SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:settings {NSDECL}><w:zoom w:percent="100"/><w:updateFields w:val="true"/>'
    '<w:defaultTabStop w:val="420"/><w:evenAndOddHeaders w:val="0"/>'
    '<w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    "</w:settings>"
)

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
    '<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    '<Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
    '<Relationship Id="rIdHeader1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
    "</Relationships>"
)

_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>docgen</Application></Properties>"
)


def build_docx(blocks: list[Block], *, title: str, header_text: str) -> bytes:
    """The template package. The body's last section properties close the document."""
    body = "".join(b.xml for b in blocks)
    final_sect = '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter1"/><w:headerReference w:type="default" r:id="rIdHeader1"/>'
    m = margins_twips()
    final_sect += (
        f'<w:pgSz w:w="{A4_TWIPS[0]}" w:h="{A4_TWIPS[1]}"/>'
        f'<w:pgMar w:top="{m["top"]}" w:right="{m["right"]}" w:bottom="{m["bottom"]}" w:left="{m["left"]}" '
        f'w:header="{m["header"]}" w:footer="{m["footer"]}" w:gutter="0"/>'
        '<w:pgNumType w:fmt="decimal" w:start="1"/><w:cols w:space="425"/><w:docGrid w:linePitch="312"/></w:sectPr>'
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:document {NSDECL}><w:body>{body}{final_sect}</w:body></w:document>"
    )
    parts = [
        ("[Content_Types].xml", _CONTENT_TYPES),
        ("_rels/.rels", _ROOT_RELS),
        ("docProps/core.xml", core_properties_xml(title, "docgen", "2020-01-01T00:00:00Z")),
        ("docProps/app.xml", _APP),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", _DOC_RELS),
        ("word/styles.xml", styles_xml()),
        ("word/numbering.xml", numbering_xml()),
        ("word/settings.xml", _SETTINGS),
        ("word/footer1.xml", _FOOTER),
        ("word/header1.xml", _header(header_text)),
    ]
    return write_zip((name, text.encode("utf-8")) for name, text in parts)
