"""The stories beside the body: headers, footers, footnotes/endnotes, comments.

Why separately: running headers and footers repeat on every page and would pollute body checks,
but they are where leftover template names (某某公司) hide and where the company-name consistency
check looks (checker.md §2.4). Only the header/footer parts a section actually references
(``w:headerReference``/``w:footerReference``) are shown by Word, so those are read, each once, in
order of first reference. Footnote separators (``w:type`` separator/continuationSeparator) are
layout, not text. Leftover reviewer comments are a finding of their own (checker.md §2.1), so
``comments.xml`` is read too (mammoth and docx2python's text ignore it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docgen.read.docx.ns import R_ID, TYPE, w
from docgen.read.docx.package import Package
from docgen.read.docx.styles import Styles
from docgen.read.docx.text import ParagraphReader, story_text

HEADER_REF = w("headerReference")
FOOTER_REF = w("footerReference")
FOOTNOTE = w("footnote")
ENDNOTE = w("endnote")
COMMENT = w("comment")
_SEPARATOR_TYPES = {"separator", "continuationSeparator", "continuationNotice"}


@dataclass
class Stories:
    headers: list[str] = field(default_factory=list)
    footers: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    revisions: int = 0
    hidden: bool = False


def read_stories(pkg: Package, styles: Styles, sections: list) -> Stories:
    out = Stories()
    seen: set[str] = set()
    for sect in sections:
        for ref in sect:
            if ref.tag not in (HEADER_REF, FOOTER_REF):
                continue
            rel = pkg.rels.get(ref.get(R_ID) or "")
            if rel is None or rel.external or rel.target in seen or not pkg.has(rel.target):
                continue
            seen.add(rel.target)
            text = _story(pkg, styles, rel.target, out)
            if text:
                (out.headers if ref.tag == HEADER_REF else out.footers).append(text)
    for rtype, tag in (("footnotes", FOOTNOTE), ("endnotes", ENDNOTE)):
        part = pkg.first_of(rtype)
        root = pkg.xml_optional(part)
        if root is None:
            continue
        reader = ParagraphReader(styles, None, pkg.part_rels(part), body=False)
        for note in root.iter(tag):
            if note.get(TYPE) in _SEPARATOR_TYPES:
                continue
            text = story_text(note, reader)
            if text:
                out.footnotes.append(text)
        out.revisions += reader.revisions
        out.hidden = out.hidden or reader.hidden_any
    part = pkg.first_of("comments")
    root = pkg.xml_optional(part)
    if root is not None:
        reader = ParagraphReader(styles, None, pkg.part_rels(part), body=False)
        for comment in root.iter(COMMENT):
            text = story_text(comment, reader)
            if text:
                out.comments.append(text)
    return out


def _story(pkg: Package, styles: Styles, part: str, out: Stories) -> str:
    reader = ParagraphReader(styles, None, pkg.part_rels(part), body=False)
    text = story_text(pkg.xml(part), reader)
    out.revisions += reader.revisions
    out.hidden = out.hidden or reader.hidden_any
    return text
