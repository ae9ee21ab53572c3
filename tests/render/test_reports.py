"""End-to-end: every sample renders both reports to DOCX and PDF; the output is read back with
independent readers (lxml on the package XML, pypdf and pdffonts on the PDF).

What is asserted comes from the outline in domain.md §2.3/§3.1, the table catalogue
(docgen/data/tables.yaml) and the typography rules (domain.md §2.2), not from the renderer's output.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from docgen.load import load_audit
from docgen.render.pipeline import RenderOptions, expand_kinds, render_all, render_report
from docgen.tables import build_tables
from tests.conftest import SAMPLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

EVALUATION_CHAPTERS = ["筹划和组织", "预审核", "审核", "方案的产生和筛选", "可行性分析", "方案实施", "持续清洁生产"]
ACCEPTANCE_CHAPTERS = ["企业概况", "清洁生产审核工作回顾", "清洁生产方案实施情况", "清洁生产绩效",
                       "清洁生产目标完成情况", "清洁生产水平评价", "持续清洁生产", "结论"]
CN = "一二三四五六七八九"


@pytest.fixture(scope="module", params=SAMPLES, ids=lambda p: p.stem)
def rendered(request, tmp_path_factory, pdf_toolchain):
    """Every kind (both reports and every form of the sample's profile), DOCX and PDF."""
    audit = load_audit(request.param).audit
    out = tmp_path_factory.mktemp(request.param.stem)
    outputs = {o.kind: o for o in render_all(audit, "all", out, RenderOptions(pdf=True))}
    outputs["evaluation"] = outputs["audit-report"]
    outputs["acceptance"] = outputs["acceptance-report"]
    return audit, outputs


def test_every_kind_renders_docx_and_pdf(rendered):
    audit, outputs = rendered
    kinds = expand_kinds("all", audit.audit.profile)
    assert len(kinds) >= 7  # 2 reports + at least 5 forms (附表1 only where the profile asks for it)
    for kind in kinds:
        out = outputs[kind]
        assert out.error is None, f"{kind}: {out.error}"
        assert out.docx.is_file() and out.pdf.is_file() and out.pages >= 1, kind
        assert out.pdf.read_bytes().startswith(b"%PDF-")
        # the Chinese text came through (fonts with ToUnicode maps, no lost glyphs in extraction)
        text = "".join(page.extract_text() or "" for page in PdfReader(str(out.pdf)).pages)
        assert audit.enterprise.name in re.sub(r"\s+", "", text) or (kind == "form:consultancy" and audit.consultancy.name in re.sub(r"\s+", "", text)), kind


def _document(path: Path):
    """(document.xml root, styles.xml root, {part name: bytes}) read with zipfile + lxml."""
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    return etree.fromstring(parts["word/document.xml"]), etree.fromstring(parts["word/styles.xml"]), parts


def _paragraph_text(p) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def _style_of(p) -> str | None:
    s = p.find(f"{W}pPr/{W}pStyle")
    return s.get(f"{W}val") if s is not None else None


def _headings(doc) -> list[tuple[int, str]]:
    body = doc.find(f"{W}body")
    return [(int(_style_of(p)[-1]), _paragraph_text(p)) for p in body.iter(f"{W}p")
            if (_style_of(p) or "").startswith("Heading")]


def test_file_names_as_a_consultancy_names_them(rendered):
    audit, outputs = rendered
    assert outputs["evaluation"].docx.name == f"{audit.enterprise.name}清洁生产审核报告.docx"
    assert outputs["acceptance"].docx.name == f"{audit.enterprise.name}清洁生产审核验收报告.docx"
    assert outputs["evaluation"].pdf.name == f"{audit.enterprise.name}清洁生产审核报告.pdf"


@pytest.mark.parametrize("kind,chapters", [("evaluation", EVALUATION_CHAPTERS), ("acceptance", ACCEPTANCE_CHAPTERS)])
def test_chapters_are_level_one_headings_in_order(rendered, kind, chapters):
    doc, styles, _ = _document(rendered[1][kind].docx)
    level1 = [text for level, text in _headings(doc) if level == 1]
    assert [t for t in level1 if t in chapters] == chapters
    assert "前言" in level1 or kind == "acceptance"
    # the headings are bound to the multilevel list (第一章 …) through the Heading 1 style
    h1 = styles.find(f".//{W}style[@{W}styleId='Heading1']")
    assert h1.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") == "1"
    assert h1.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == "0"
    assert h1.find(f"{W}name").get(f"{W}val") == "heading 1"


def test_numbering_is_chinese_chapters_and_legal_sections(rendered):
    _, _, zf = _document(rendered[1]["evaluation"].docx)
    numbering = etree.fromstring(zf["word/numbering.xml"])
    levels = {lvl.get(f"{W}ilvl"): lvl for lvl in numbering.iter(f"{W}lvl")}
    assert levels["0"].find(f"{W}numFmt").get(f"{W}val") == "chineseCountingThousand"
    assert levels["0"].find(f"{W}lvlText").get(f"{W}val") == "第%1章"
    assert levels["1"].find(f"{W}lvlText").get(f"{W}val") == "%1.%2"
    assert levels["1"].find(f"{W}isLgl") is not None


def test_every_supported_catalogue_table_has_caption_and_header(rendered):
    audit, outputs = rendered
    for kind in ("evaluation", "acceptance"):
        doc, _, _ = _document(outputs[kind].docx)
        body = doc.find(f"{W}body")
        captions = [_paragraph_text(p) for p in body.iter(f"{W}p") if _style_of(p) == "Caption"]
        expected = build_tables(audit, kind)
        names = [re.sub(r"^表\d+-\d+ ", "", c) for c in captions]
        for table in expected:
            assert table.name in names, f"{kind}: {table.id} {table.name} missing"
        assert all(re.match(r"^表\d+-\d+ \S", c) for c in captions), captions
        # numbered per chapter in order: 表1-1, 表1-2, …, 表2-1 …
        numbers = [tuple(map(int, re.match(r"^表(\d+)-(\d+)", c).groups())) for c in captions]
        for (c1, n1), (c2, n2) in zip(numbers, numbers[1:]):
            assert (c2 == c1 and n2 == n1 + 1) or (c2 > c1 and n2 == 1), numbers
        # each caption is followed by a table whose first row repeats as a header row
        for p in body.iter(f"{W}p"):
            if _style_of(p) == "Caption":
                table = p.getnext()
                assert table.tag == f"{W}tbl"
                assert table.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None


def test_east_asian_fonts_and_sizes_from_styles(rendered):
    _, styles, _ = _document(rendered[1]["evaluation"].docx)

    def font(style_id):
        st = styles.find(f".//{W}style[@{W}styleId='{style_id}']")
        rf = st.find(f"{W}rPr/{W}rFonts")
        assert not any(k.endswith("Theme") for k in rf.attrib), "theme fonts would override the names"
        return rf.get(f"{W}eastAsia"), int(st.find(f"{W}rPr/{W}sz").get(f"{W}val"))

    # domain.md §2.2: 正文 仿宋 小四 (12 pt = 24 half-points); 一级标题 黑体 三号 (16 pt); 次级 仿宋 四号 (14 pt);
    # table text 五号 仿宋 (10.5 pt = 21)
    assert font("Normal") == ("仿宋", 24)
    assert font("Heading1") == ("黑体", 32)
    assert font("Heading2") == ("仿宋", 28)
    assert font("TableText") == ("仿宋", 21)
    normal = styles.find(f".//{W}style[@{W}styleId='Normal']")
    spacing = normal.find(f"{W}pPr/{W}spacing")
    assert spacing.get(f"{W}lineRule") == "atLeast" and int(spacing.get(f"{W}line")) >= 480  # ≥ 24 pt
    ind = normal.find(f"{W}pPr/{W}ind")
    assert ind.get(f"{W}firstLineChars") == "200" and ind.get(f"{W}firstLine") == "480"
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}eastAsia") == "zh-CN"


PLACEHOLDERS = re.compile(r"\{\{|\{%|XXX|××|＿＿|____|待定|待补充|此处填写|None|nan\b")


def test_no_leftover_tags_or_placeholders(rendered):
    for kind in ("evaluation", "acceptance"):
        doc, _, zf = _document(rendered[1][kind].docx)
        text = "\n".join(_paragraph_text(p) for p in doc.iter(f"{W}p"))
        assert not PLACEHOLDERS.search(text), PLACEHOLDERS.search(text).group(0)
        header = zf["word/header1.xml"].decode()
        assert "{{" not in header and rendered[0].enterprise.name in header
        assert "\ue000" not in text and "\ue001" not in text


def test_counts_in_text_equal_tables(rendered):
    audit, outputs = rendered
    doc, _, _ = _document(outputs["evaluation"].docx)
    text = "".join(_paragraph_text(p) for p in doc.iter(f"{W}p"))
    low = sum(1 for s in audit.schemes if s.cost_class == "无/低费")
    high = sum(1 for s in audit.schemes if s.cost_class == "中/高费")
    assert f"共提出清洁生产方案{low + high}项，其中无/低费方案{low}项、中/高费方案{high}项" in text
    assert audit.selected_focus.name in text


def _toc_entries(reader: PdfReader) -> list[tuple[str, int]]:
    entries = []
    for page in reader.pages[:6]:
        for line in (page.extract_text() or "").splitlines():
            m = re.match(r"^\s*(.+?)\s*[.…·]{5,}\s*(\d+)\s*$", line)
            if m:
                entries.append((re.sub(r"\s+", "", m.group(1)), int(m.group(2))))
    return entries


@pytest.mark.parametrize("kind", ["evaluation", "acceptance"])
def test_pdf_toc_page_numbers_match_heading_pages(rendered, kind):
    reader = PdfReader(str(rendered[1][kind].pdf))
    pages = [re.sub(r"\s+", "", p.extract_text() or "") for p in reader.pages]
    entries = _toc_entries(reader)
    assert len(entries) >= 15, entries
    # the body's page 1 is the first page (after the TOC) showing the first TOC entry's title
    first_title = entries[0][0]
    body_start = next(i for i, t in enumerate(pages) if t.find(first_title) >= 0 and i > 1 and "目录" not in t[:40])
    for title, number in entries:
        page_text = pages[body_start + number - 1]
        assert title in page_text, f"{title} not on page {number}"
        # the footer shows the same number (— N —)
        assert re.search(rf"—{number}—", page_text), f"footer of page {number}"


@pytest.mark.parametrize("kind", ["evaluation", "acceptance"])
def test_pdf_pages_plausible_and_fonts_embedded(rendered, kind):
    pdf = rendered[1][kind].pdf
    reader = PdfReader(str(pdf))
    n = len(reader.pages)
    assert (40 if kind == "evaluation" else 15) <= n <= 200, n
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert out, "no fonts listed"
    cjk = [line for line in out if re.search(r"CJK|UMing|UKai|ZenHei", line)]
    assert cjk, out
    for line in out:
        cols = line.split()
        emb = cols[-5]  # name type encoding emb sub uni object ID → emb is 5th from the end
        assert emb == "yes", line
    assert all("Type 3" not in line for line in out)


def test_docx_toc_cached_entries_carry_the_pdf_page_numbers(rendered):
    doc, _, _ = _document(rendered[1]["evaluation"].docx)
    toc = [p for p in doc.iter(f"{W}p") if (_style_of(p) or "").startswith("TOC") and _style_of(p) != "TOCHeading"]
    assert len(toc) >= 15
    numbers = [p.findall(f".//{W}t")[-1].text for p in toc]
    assert all(n and n.isdigit() for n in numbers), numbers[:10]


def test_render_is_deterministic(rendered, tmp_path):
    audit, outputs = rendered
    again = render_report(audit, "audit-report", tmp_path, RenderOptions(pdf=False))
    first = outputs["evaluation"].docx.read_bytes()
    # the PDF pass only fills cached TOC page numbers; without it the rest is identical
    second = again.docx.read_bytes()
    third = render_report(audit, "audit-report", tmp_path / "x", RenderOptions(pdf=False)).docx.read_bytes()
    assert second == third
    assert len(first) > 10000
