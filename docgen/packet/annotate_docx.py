"""The submitted DOCX with a real Word comment at every finding (python-docx ≥ 1.2 comments).

Where a comment goes: a finding's location uses the reader's numbering (docgen.read.model.Location:
``paragraph`` counts the body's top-level paragraphs in document order, content controls and
``mc:AlternateContent`` branches included as the reader walks them; ``table`` counts ALL tables,
nested ones where they start). :class:`BodyIndex` walks the body the same way, so index n here is
the element the checker meant by n. A table finding's comment wraps the whole table (from the first
run of its first cell to the last run of its last cell — Word highlights the range); a paragraph
finding's comment wraps the paragraph. A finding with neither (a missing chapter or table) goes on
the heading its ``heading_path`` names, else on the first paragraph, and says so.

Comments are the review medium experts already use in Word; the file is otherwise untouched
(every original part is kept; only comments.xml and the range markers are added).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from docgen.check.findings import Finding
from docgen.read.docx.text import choose_branch

P, TBL, R = qn("w:p"), qn("w:tbl"), qn("w:r")
SDT, SDT_CONTENT, CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
ALTERNATE_CONTENT = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"

AUTHOR = "docgen 预审"
INITIALS = "预审"


class BodyIndex:
    """Body paragraphs and tables numbered as the reader numbers them."""

    def __init__(self, body):
        self.paragraphs: list = []
        self.tables: list = []
        self._walk(body)

    def _walk(self, container) -> None:
        for el in container:
            if el.tag == P:
                self.paragraphs.append(el)
            elif el.tag == TBL:
                self.tables.append(el)
                self.tables.extend(t for t in el.iter(TBL) if t is not el)  # nested, where they start
            elif el.tag == SDT:
                content = el.find(SDT_CONTENT)
                if content is not None:
                    self._walk(content)
            elif el.tag == CUSTOM_XML:
                self._walk(el)
            elif el.tag == ALTERNATE_CONTENT:
                branch = choose_branch(el)
                if branch is not None:
                    self._walk(branch)


@dataclass
class Anchor:
    kind: str            # paragraph | table | heading | document
    index: int | None    # paragraph or table index (reader numbering)


def _runs_in(element) -> list:
    """Runs that are direct children of paragraphs (python-docx places range marks beside them)."""
    return [r for r in element.iter(R) if r.getparent().tag == P]


def _ensure_run(p_el, paragraph_parent) -> Run:
    return Paragraph(p_el, paragraph_parent).add_run("")


def comment_text(f: Finding) -> str:
    where = ""
    loc = f.location
    if loc.table is not None and loc.row is not None:
        where = f"（表内第 {loc.row + 1} 行" + (f"第 {loc.col + 1} 列" if loc.col is not None else "") + "）"
    parts = [f"[{f.rule} {'无法审查' if f.status == 'not_evaluable' else {'error': '错误', 'warning': '警告', 'info': '提示'}.get(f.severity, f.severity)}] {f.message}{where}"]
    if f.evidence:
        parts.append(f"依据：{f.evidence}")
    if f.suggestion:
        parts.append(f"建议：{f.suggestion}")
    parts.append(f"审查要点：{f.review_point}")
    return "\n".join(parts)


def annotate_docx(data: bytes, findings: list[Finding], heading_paragraphs: dict[tuple[str, ...], int] | None = None
                  ) -> tuple[bytes, list[Anchor]]:
    """The DOCX with one comment per finding, and where each went (same order as ``findings``)."""
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    index = BodyIndex(body)
    heading_paragraphs = heading_paragraphs or {}
    anchors: list[Anchor] = []
    for f in findings:
        loc = f.location
        anchor, first, last = None, None, None
        if loc.table is not None and loc.table < len(index.tables):
            tbl = index.tables[loc.table]
            runs = _runs_in(tbl)
            if not runs:
                first_p = next(tbl.iter(P))
                runs = [_ensure_run(first_p, document._body)._r]
            first, last = runs[0], runs[-1]
            anchor = Anchor("table", loc.table)
        elif loc.paragraph is not None and loc.paragraph < len(index.paragraphs):
            anchor = Anchor("paragraph", loc.paragraph)
        elif tuple(loc.heading_path) in heading_paragraphs:
            anchor = Anchor("heading", heading_paragraphs[tuple(loc.heading_path)])
        else:
            anchor = Anchor("document", 0 if index.paragraphs else None)
        if first is None:
            if anchor.index is None:  # an empty body: nothing to anchor to
                anchors.append(anchor)
                continue
            p_el = index.paragraphs[anchor.index]
            runs = [r for r in p_el if r.tag == R] or [_ensure_run(p_el, document._body)._r]
            first, last = runs[0], runs[-1]
        text = comment_text(f)
        if anchor.kind == "document":
            text = "（全文）" + text
        document.add_comment([Run(first, document._body), Run(last, document._body)], text=text,
                             author=AUTHOR, initials=INITIALS)
        anchors.append(anchor)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), anchors
