"""Ground truth from the DOCX a PDF was converted from (raw lxml; the project's DOCX reader is
written elsewhere and is not a dependency of these tests): headings with levels, and tables as
text grids with merged cells repeated at every covered position, as ``Table.rows_text`` does."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING_STYLES = {"Heading1": 1, "Heading2": 2, "Heading3": 3}


def _squash(text: str) -> str:
    return "".join(text.split()).replace("\u3000", "")


@dataclass
class DocxTruth:
    headings: list[tuple[int, str]]          # (level, text as written)
    tables: list[list[list[str]]]            # squashed cell texts
    captions: list[str]                      # Caption-style paragraphs (表X-Y …)
    body_paragraphs: list[str]               # squashed unstyled body paragraphs


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(W + "t"))


def _table(tbl) -> list[list[str]]:
    rows: list[list[str]] = []
    for tr in tbl.findall(W + "tr"):
        row: list[str] = []
        for tc in tr.findall(W + "tc"):
            pr = tc.find(W + "tcPr")
            span = 1
            vmerge = None
            if pr is not None:
                gs = pr.find(W + "gridSpan")
                span = int(gs.get(W + "val")) if gs is not None else 1
                vm = pr.find(W + "vMerge")
                if vm is not None:
                    vmerge = vm.get(W + "val", "continue")
            text = _squash(_text(tc))
            if vmerge == "continue" and rows:
                col = len(row)
                text = rows[-1][col] if col < len(rows[-1]) else ""
            row.extend([text] * span)
        rows.append(row)
    return rows


def read_truth(docx: Path) -> DocxTruth:
    with zipfile.ZipFile(docx) as zf:
        root = etree.fromstring(zf.read("word/document.xml"), etree.XMLParser(resolve_entities=False))
    body = root.find(W + "body")
    headings, captions, paragraphs = [], [], []
    for p in body.iter(W + "p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        sid = style.get(W + "val") if style is not None else None
        text = _text(p)
        if sid in HEADING_STYLES and text.strip():
            headings.append((HEADING_STYLES[sid], text.strip()))
        elif sid == "Caption":
            captions.append(text.strip())
        elif sid is None and text.strip() and p.getparent().tag == W + "body":
            paragraphs.append(_squash(text))
    tables = [_table(t) for t in body.iter(W + "tbl")]
    return DocxTruth(headings, tables, captions, paragraphs)
