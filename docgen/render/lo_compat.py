"""Make a copy of a rendered DOCX that LibreOffice 7.4 lays out the way Word does.

Measured (issue 3 work): LibreOffice 7.4 ignores ``w:isLgl`` (legal numbering), so with a list of
第%1章 (chineseCountingThousand) / %1.%2 it prints section numbers as "一.1" where Word prints "1.1".
The DOCX we hand out keeps the real multilevel numbering (correct in Word, Word's navigation pane
and TOC). For the PDF only, this copy writes each chapter label ("第一章 ") as literal text and turns
level 1 of the list into an invisible decimal counter, so "%1.%2" reads "1.1" in LibreOffice too.
The headings, their outline levels and the TOC field are unchanged, so the PDF's TOC and bookmarks
still come from real headings.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from docgen.render.docxpkg import write_zip
from docgen.render.ooxml import W_NS
from docgen.read.numerals import counting_thousand

W = f"{{{W_NS}}}"


def _numbering_for_lo(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    for lvl in root.iter(f"{W}lvl"):
        if lvl.get(f"{W}ilvl") != "0":
            continue
        fmt = lvl.find(f"{W}numFmt")
        text = lvl.find(f"{W}lvlText")
        if fmt is None or text is None or fmt.get(f"{W}val") not in ("chineseCountingThousand", "chineseCounting"):
            continue
        fmt.set(f"{W}val", "decimal")
        text.set(f"{W}val", "")
        suff = lvl.find(f"{W}suff")
        if suff is None:
            suff = etree.SubElement(lvl, f"{W}suff")
        suff.set(f"{W}val", "nothing")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _document_for_lo(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    chapter = 0
    for p in root.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is None or style.get(f"{W}val") != "Heading1":
            continue
        num = p.find(f"{W}pPr/{W}numPr/{W}numId")
        if num is not None and num.get(f"{W}val") == "0":
            continue
        chapter += 1
        run = etree.Element(f"{W}r")
        t = etree.SubElement(run, f"{W}t")
        t.text = f"第{counting_thousand(chapter)}章 "
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        ppr = p.find(f"{W}pPr")
        p.insert(p.index(ppr) + 1 if ppr is not None else 0, run)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def libreoffice_copy(docx: bytes) -> bytes:
    """The DOCX bytes to hand to LibreOffice for PDF export."""
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        parts = []
        for name in zf.namelist():
            data = zf.read(name)
            if name == "word/numbering.xml":
                data = _numbering_for_lo(data)
            elif name == "word/document.xml":
                data = _document_for_lo(data)
            parts.append((name, data))
    return write_zip(parts)
