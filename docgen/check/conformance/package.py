"""A DOCX as an ordered list of parts, with lazily parsed XML and WordprocessingML helpers.

Edits work on lxml trees of the parts; ``Package.to_bytes`` re-serialises only the parts that were
parsed and writes the ZIP with fixed timestamps (docgen.render.docxpkg.write_zip), so the same
edits on the same rendered report give byte-identical files.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from docgen.render.docxpkg import write_zip

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class Package:
    """The parts of a DOCX; ``xml(name)`` parses a part once and keeps the tree for editing."""

    def __init__(self, data: bytes):
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            self.names = zf.namelist()
            self.raw = {n: zf.read(n) for n in self.names}
        self._trees: dict[str, etree._Element] = {}

    def xml(self, name: str) -> etree._Element:
        if name not in self._trees:
            self._trees[name] = etree.fromstring(self.raw[name])
        return self._trees[name]

    @property
    def document(self) -> etree._Element:
        return self.xml("word/document.xml")

    def add(self, name: str, data: bytes) -> None:
        if name not in self.names:
            self.names.append(name)
        self.raw[name] = data

    def to_bytes(self) -> bytes:
        parts = []
        for name in self.names:
            if name in self._trees:
                data = etree.tostring(self._trees[name], xml_declaration=True, encoding="UTF-8", standalone=True)
            else:
                data = self.raw[name]
            parts.append((name, data))
        return write_zip(parts)


# --- text --------------------------------------------------------------------------------------

def text(el) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def set_text(el, new: str) -> None:
    """Put ``new`` into the first w:t of ``el`` (a paragraph or cell) and empty the others; a
    paragraph without any run gets one."""
    ts = list(el.iter(f"{W}t"))
    if not ts:
        p = el if el.tag == f"{W}p" else el.find(f"{W}p")
        r = etree.SubElement(p, f"{W}r")
        ts = [etree.SubElement(r, f"{W}t")]
    ts[0].text = new
    ts[0].set(XML_SPACE, "preserve")
    for t in ts[1:]:
        t.text = ""


def body_paragraphs(root):
    """Paragraphs outside tables, in document order."""
    return [p for p in root.iter(f"{W}p") if not any(a.tag == f"{W}tc" for a in p.iterancestors())]


def style_of(p) -> str | None:
    ps = p.find(f"{W}pPr/{W}pStyle")
    return ps.get(f"{W}val") if ps is not None else None


def ppr(p):
    """The paragraph's w:pPr, created (as first child) when missing."""
    pr = p.find(f"{W}pPr")
    if pr is None:
        pr = etree.Element(f"{W}pPr")
        p.insert(0, pr)
    return pr


def paragraph(old: str, *, contains: bool = False, in_tables: bool = False, nth: int = 0):
    """The ``nth`` paragraph whose text is ``old`` (or contains it)."""
    def ok(p):
        t = text(p)
        return (old in t) if contains else (t == old)

    def find(root):
        ps = list(root.iter(f"{W}p")) if in_tables else body_paragraphs(root)
        hits = [p for p in ps if ok(p)]
        if len(hits) <= nth:
            raise LookupError(f"paragraph {old!r} not found")
        return hits[nth]
    return find


def replace_in_paragraph(root, old: str, new: str, *, in_tables: bool = False) -> None:
    """Replace ``old`` by ``new`` in the first paragraph containing it (body paragraphs unless
    ``in_tables``)."""
    p = paragraph(old, contains=True, in_tables=in_tables)(root)
    set_text(p, text(p).replace(old, new))


# --- tables ------------------------------------------------------------------------------------

def table_after(root, caption: str):
    """(caption paragraph, w:tbl) for the table whose caption starts with ``caption``."""
    for tbl in root.iter(f"{W}tbl"):
        prev = tbl.getprevious()
        if prev is not None and prev.tag == f"{W}p" and text(prev).startswith(caption):
            return prev, tbl
    raise LookupError(f"table {caption!r} not found")


def cells(tr):
    return tr.findall(f"{W}tc")


def row(tbl, label: str):
    """The first row with a cell reading ``label``."""
    for tr in tbl.iter(f"{W}tr"):
        if any(text(tc).strip() == label for tc in cells(tr)):
            return tr
    raise LookupError(f"row {label!r} not found")


def set_cell(root, caption: str, row_label: str, old: str, new: str) -> None:
    """In the table captioned ``caption``, the cell reading ``old`` of the row labelled
    ``row_label`` becomes ``new`` (asserting the old text, so an edit cannot hit another cell)."""
    _, tbl = table_after(root, caption)
    hits = [tc for tc in cells(row(tbl, row_label)) if text(tc).strip() == old]
    if not hits:
        raise LookupError(f"{caption} / {row_label}: no cell {old!r}")
    set_text(hits[0], new)


def delete_table(root, caption: str) -> None:
    """Remove a table with its caption and the note paragraph right after it."""
    cap, tbl = table_after(root, caption)
    note = tbl.getnext()
    for el in (cap, tbl):
        el.getparent().remove(el)
    if note is not None and style_of(note) == "TableNote":
        note.getparent().remove(note)


def set_row_cell(root, first: str, col: int, old: str, new: str) -> None:
    """In the first table row whose first cell reads ``first`` (front-matter tables have no
    caption), cell ``col`` — asserted to read ``old`` — becomes ``new``."""
    for tr in root.iter(f"{W}tr"):
        tcs = cells(tr)
        if tcs and text(tcs[0]).strip() == first:
            if text(tcs[col]) != old:
                raise LookupError(f"row {first!r} col {col}: {text(tcs[col])!r} ≠ {old!r}")
            set_text(tcs[col], new)
            return
    raise LookupError(f"row {first!r} not found")


def remove_table_containing(root, needle: str) -> None:
    for tbl in root.iter(f"{W}tbl"):
        if needle in text(tbl):
            tbl.getparent().remove(tbl)
            return
    raise LookupError(f"no table with {needle!r}")


def set_paragraph(root, old: str, new: str) -> None:
    """The body paragraph reading exactly ``old`` gets the text ``new``."""
    set_text(paragraph(old)(root), new)
