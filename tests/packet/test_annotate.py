"""Annotated copies: each Word comment wraps the paragraph or table the finding names (read back
with lxml and compared with what the READER calls that paragraph/table — a different code path),
and PDF highlights sit on the finding's text."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from docgen.check.findings import Finding, FindingLocation
from docgen.check.run import check_paths
from docgen.packet.annotate_docx import annotate_docx
from docgen.read import read_document
from docgen.read.model import Heading, Paragraph
from tests.conftest import ROOT

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
CONFORMANCE = ROOT / "samples" / "conformance"


def text_of(el) -> str:
    return "".join(el.itertext()).replace(" ", "")


def plain(el) -> str:
    """Text with line breaks where the comment has w:br or a new paragraph."""
    parts = []
    for node in el.iter(f"{{{W}}}t", f"{{{W}}}br", f"{{{W}}}p"):
        if node.tag == f"{{{W}}}t":
            parts.append(node.text or "")
        elif parts:
            parts.append("\n")
    return "".join(parts)


def comment_ranges(data: bytes) -> dict[str, tuple]:
    """comment id → (enclosing element of the range start, of the range end, comment text)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        body = etree.fromstring(zf.read("word/document.xml"))
        comments = etree.fromstring(zf.read("word/comments.xml"))
    texts = {c.get(f"{{{W}}}id"): plain(c) for c in comments.iterfind("w:comment", NS)}
    out = {}
    for start in body.iterfind(".//w:commentRangeStart", NS):
        cid = start.get(f"{{{W}}}id")
        (end,) = body.findall(f".//w:commentRangeEnd[@w:id='{cid}']", NS)
        out[cid] = (start, end, texts[cid])
    return out


def enclosing(el, tag: str):
    while el is not None and el.tag != f"{{{W}}}{tag}":
        el = el.getparent()
    return el


def reader_paragraph_texts(doc, index: int) -> set[str]:
    """What the reader calls paragraph ``index``: its text, and for a heading also the title alone
    (an automatic label such as 第二章 comes from numbering.xml, not from the paragraph's runs)."""
    (block,) = [b for b in doc.blocks if isinstance(b, (Paragraph, Heading)) and b.location.paragraph == index]
    texts = {block.text.replace(" ", "")}
    if isinstance(block, Heading):
        texts.add(block.title.replace(" ", ""))
    return texts


def reader_table_text(doc, index: int) -> str:
    row, seen = [], set()
    for c in doc.tables[index].grid[0]:
        if c is not None and id(c) not in seen:  # merged positions share one Cell
            seen.add(id(c))
            row.append(c.text)
    return "".join(row).replace(" ", "")


def common_table(a, b):
    """The innermost table holding both range marks."""
    tables_a = []
    el = enclosing(a, "tbl")
    while el is not None:
        tables_a.append(el)
        el = enclosing(el.getparent(), "tbl")
    el = enclosing(b, "tbl")
    while el is not None and el not in tables_a:
        el = enclosing(el.getparent(), "tbl")
    return el


@pytest.mark.parametrize("name", ["placeholder-xxx-paragraph", "num-001-options-total-changed", "cover-name-xxx",
                                  "missing-s3", "num-014-score-changed"])
def test_each_comment_wraps_the_paragraph_or_table_the_finding_names(name):
    path = CONFORMANCE / f"{name}.docx"
    (checked,) = check_paths([path], log=None)
    findings = checked.result.findings
    assert findings
    doc = read_document(path)
    data, anchors = annotate_docx(path.read_bytes(), findings)
    ranges = comment_ranges(data)
    assert len(ranges) == len(findings) == len(docx.Document(io.BytesIO(data)).comments)
    by_text = {}
    for cid, (start, end, text) in ranges.items():
        by_text.setdefault(text.split("]")[0], []).append((start, end, text))
    for f, anchor in zip(findings, anchors):
        (start, end, text), *_ = [r for r in by_text[f"[{f.rule}" + text_key(f)] if f.message in r[2]]
        if f.location.table is not None:
            assert anchor.kind == "table"
            table = common_table(start, end)
            assert table is not None  # the range starts and ends inside one table…
            first_row = table.find("w:tr", NS)
            assert text_of(first_row) == reader_table_text(doc, f.location.table)  # …the reader's table n
            runs = [r for r in table.iter(f"{{{W}}}r") if r.getparent().tag == f"{{{W}}}p"
                    and r.find("w:commentReference", NS) is None]  # not the comments' own reference runs
            after = start.getnext()
            while after.tag == f"{{{W}}}commentRangeStart":         # another comment on the same table
                after = after.getnext()
            before = end.getprevious()
            while before.tag == f"{{{W}}}commentRangeEnd" or before.find("w:commentReference", NS) is not None:
                before = before.getprevious()
            assert after is runs[0] and before is runs[-1]        # from its first run to its last
        elif f.location.paragraph is not None:
            assert anchor.kind == "paragraph"
            p = enclosing(start, "p")
            assert p is not None and enclosing(end, "p") is p and enclosing(p.getparent(), "tbl") is None
            assert text_of(p) in reader_paragraph_texts(doc, f.location.paragraph)
        assert f.message in text and f.review_point in text


def text_key(f: Finding) -> str:
    labels = {"error": "错误", "warning": "警告", "info": "提示"}
    return " " + ("无法审查" if f.status == "not_evaluable" else labels[f.severity])


def _doc_with_sdt_and_nested_table(path: Path) -> Path:
    """Paragraphs, a content control around one paragraph, a table with a nested table, more text."""
    document = docx.Document()
    document.add_paragraph("第一段")
    wrapped = document.add_paragraph("控件中的段落")
    document.add_paragraph("第三段")
    outer = document.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "外表A"
    outer.cell(0, 1).text = "外表B"
    inner = outer.cell(1, 0).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "内表"
    document.add_paragraph("表后段落")
    second = document.add_table(rows=1, cols=1)
    second.cell(0, 0).text = "第二个表"
    sdt = etree.SubElement(wrapped._p.getparent(), f"{{{W}}}sdt")
    content = etree.SubElement(sdt, f"{{{W}}}sdtContent")
    wrapped._p.addprevious(sdt)
    content.append(wrapped._p)
    document.save(path)
    return path


def test_numbering_matches_the_reader_with_content_controls_and_nested_tables(tmp_path):
    path = _doc_with_sdt_and_nested_table(tmp_path / "x.docx")
    doc = read_document(path)
    targets = {b.text: b.location.paragraph for b in doc.blocks if isinstance(b, Paragraph)}
    tables = {t.grid[0][0].text: t.index for t in doc.tables}
    assert tables["内表"] == 1 and tables["第二个表"] == 2  # nested table counted where it starts
    findings = [Finding(rule="T-1", category="field", target_id="DOC", target="", severity="warning", status="fail",
                        review_point="R", location=FindingLocation(paragraph=targets[t]), message=f"段落：{t}")
                for t in ("控件中的段落", "表后段落")]
    findings += [Finding(rule="T-2", category="table", target_id="DOC", target="", severity="error", status="fail",
                         review_point="R", location=FindingLocation(table=tables[t]), message=f"表格：{t}")
                 for t in ("内表", "第二个表")]
    data, anchors = annotate_docx(path.read_bytes(), findings)
    ranges = {text.split("\n")[0].split("] ", 1)[1]: (start, end) for start, end, text in comment_ranges(data).values()}
    for t in ("控件中的段落", "表后段落"):
        start, end = ranges[f"段落：{t}"]
        assert text_of(enclosing(start, "p")) == t and enclosing(end, "p") is enclosing(start, "p")
    start, end = ranges["表格：内表"]
    assert text_of(enclosing(start, "tbl")) == "内表" and enclosing(end, "tbl") is enclosing(start, "tbl")
    start, _ = ranges["表格：第二个表"]
    assert text_of(enclosing(start, "tbl")) == "第二个表"


def test_a_finding_without_location_goes_on_its_heading_or_the_first_paragraph():
    path = CONFORMANCE / "missing-t1.docx"
    (checked,) = check_paths([path], log=None)
    (missing,) = [f for f in checked.result.findings if f.rule == "TBL-001"]
    data, (anchor,) = annotate_docx(path.read_bytes(), [missing])
    assert anchor.kind == "document" and anchor.index == 0
    ((start, _end, text),) = comment_ranges(data).values()
    assert text.startswith("（全文）[TBL-001") and "审核小组成员表" in text
