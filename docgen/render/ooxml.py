"""Small, fast builders of WordprocessingML strings.

Generated tables and paragraphs are written as XML strings (the floor measured in
notes/generation.md §5: 6–8× faster than docxtpl, 20–35× faster than tuned python-docx) and refer
to styles by id, so their look comes from the template's styles, which a consultancy restyles in
Word. Every text goes through :func:`esc`.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECL = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'


def esc(text: object) -> str:
    return escape(str(text), {'"': "&quot;"})


def run(text: str, *, bold: bool = False, preserve: bool = True) -> str:
    rpr = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
    space = ' xml:space="preserve"' if preserve else ""
    return f"<w:r>{rpr}<w:t{space}>{esc(text)}</w:t></w:r>"


def paragraph(text: str = "", style: str | None = None, *, bold: bool = False, extra_ppr: str = "", runs: str | None = None) -> str:
    ppr = ""
    if style or extra_ppr:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "") + extra_ppr + "</w:pPr>"
    body = runs if runs is not None else (run(text, bold=bold) if text else "")
    return f"<w:p>{ppr}{body}</w:p>"


def page_break() -> str:
    return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
