"""Fixtures for the DOCX → PDF tests: the real toolchain, and small Chinese DOCX files built here.

The PDF tests run REAL LibreOffice. A missing toolchain is a failure, not a skip — CI must not go
green without having converted anything — unless DOCGEN_ALLOW_NO_LIBREOFFICE=1 says so explicitly.

DOCX files are written by hand: python-docx supplies the package (content types, styles, theme),
the body is raw WordprocessingML, and the styles are fixed the way the engine must write them
(four explicit ``w:rFonts`` slots, no ``*Theme`` attributes, ``w:lang w:eastAsia="zh-CN"``;
notes/generation.md §2.1) so each face reaches LibreOffice by name.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_DECL = f'xmlns:w="{W_NS}"'

HEADINGS = ("企业基本情况概述", "清洁生产审核准备", "预审核与审核重点")
TOC_PLACEHOLDER = "目录占位：请在 Word 中更新域"


# --------------------------------------------------------------------------- raw OOXML


def run_xml(text: str, east_asia: str) -> str:
    return (
        "<w:r><w:rPr>"
        f'<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{east_asia}" w:cs="Times New Roman"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
        f'</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    )


def para_xml(text: str, east_asia: str = "宋体", style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p {W_DECL}>{ppr}{run_xml(text, east_asia)}</w:p>"


def page_break_xml() -> str:
    return f'<w:p {W_DECL}><w:r><w:br w:type="page"/></w:r></w:p>'


def toc_field_xml(placeholder: str = TOC_PLACEHOLDER) -> str:
    """A complex TOC field whose cached result is only a placeholder (what the engine writes)."""
    return (
        f"<w:p {W_DECL}>"
        '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run_xml(placeholder, '宋体')}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        "</w:p>"
    )


def body_paragraph(k: int) -> str:
    return f"第{k}段：企业按照《清洁生产促进法》开展审核，对能源、水和主要物料的消耗进行系统分析，提出无低费方案。"


def _fix_styles(document) -> None:
    """Explicit fonts instead of theme fonts in docDefaults and Heading 1 (theme attributes win over
    explicit names, and python-docx's theme has an empty East Asian font)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    styles = document.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:rFonts", "w:lang"):
        old = rpr.find(qn(tag))
        if old is not None:
            rpr.remove(old)
    rpr.insert(0, parse_xml(f'<w:rFonts {W_DECL} w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/>'))
    rpr.append(parse_xml(f'<w:lang {W_DECL} w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'))
    heading = document.styles["Heading 1"].element.get_or_add_rPr()
    old = heading.find(qn("w:rFonts"))
    if old is not None:
        heading.remove(old)
    heading.insert(0, parse_xml(f'<w:rFonts {W_DECL} w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="黑体" w:cs="Times New Roman"/>'))


def build_docx(path: Path, body: list[str]) -> Path:
    """Write a DOCX whose body is the given raw ``<w:p>`` strings (python-docx package + styles)."""
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    _fix_styles(document)
    body_el = document.element.body
    for child in list(body_el):
        if not child.tag.endswith("}sectPr"):
            body_el.remove(child)
    sect = body_el[-1]
    for xml in body:
        sect.addprevious(parse_xml(xml))
    document.save(path)
    return path


def report_body(long_section: int = 60) -> list[str]:
    """Page 1: 目录 + TOC field. Then the three Heading 1 chapters, each after a page break; the
    second is long so the third lands several pages later (non-trivial page numbers)."""
    body = [para_xml("目录", "黑体"), toc_field_xml(), page_break_xml()]
    for index, heading in enumerate(HEADINGS):
        if index:
            body.append(page_break_xml())
        body.append(para_xml(heading, "黑体", style="Heading1"))
        for k in range(1, (long_section if index == 1 else 3) + 1):
            body.append(para_xml(body_paragraph(k), "宋体"))
        body.append(para_xml("仿宋段落：审核小组组长由企业总经理担任，成员包括生产、设备、环保部门负责人。", "仿宋"))
        body.append(para_xml("楷体段落：注：数据来源于企业2023年度生产台账与能源计量记录。", "楷体"))
    return body


@pytest.fixture(scope="session")
def report_docx(tmp_path_factory) -> Path:
    return build_docx(tmp_path_factory.mktemp("docx") / "report.docx", report_body())


@pytest.fixture(scope="session")
def big_docx(tmp_path_factory) -> Path:
    """Long enough (≈150 pages) that LibreOffice is certainly still working after a few seconds."""
    return build_docx(tmp_path_factory.mktemp("docx") / "big.docx", report_body(long_section=4000))


@pytest.fixture
def pdf_builders():
    """The raw-OOXML helpers, for tests that assemble their own body."""
    return para_xml, page_break_xml, toc_field_xml


@pytest.fixture
def make_docx(tmp_path):
    def make(body: list[str], name: str = "doc.docx") -> Path:
        return build_docx(tmp_path / name, body)

    return make
