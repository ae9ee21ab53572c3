"""`docgen render`: outputs, exit codes, and one document's failure not stopping the others."""

from __future__ import annotations

import re
import zipfile

from click.testing import CliRunner
from lxml import etree

from docgen.cli import main
from docgen.render.template_build.build import build_template
from tests.conftest import MINIMAL

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(path) -> str:
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return "".join(t.text or "" for t in root.iter(f"{W}t"))


def test_render_reports_docx_only(tmp_path):
    result = CliRunner().invoke(main, ["render", str(MINIMAL), "--kind", "audit-report", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    path = tmp_path / "上海测试化工有限公司清洁生产审核报告.docx"
    assert result.stdout.strip() == str(path)
    text = _text(path)
    # minimal fixture: 2 无/低费 + 1 中/高费 (counted by hand in tests/data/minimal-audit.yaml)
    assert "共提出清洁生产方案3项，其中无/低费方案2项、中/高费方案1项" in text


def test_unknown_kind_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["render", str(MINIMAL), "--kind", "brochure", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "未知的文档类型" in result.output
    assert list(tmp_path.iterdir()) == []


def test_acceptance_without_post_audit_fails_alone(tmp_path, minimal_text, write_yaml):
    start = minimal_text.index("post_audit:")
    data = write_yaml(minimal_text[:start])
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(data), "--kind", "all", "--out", str(out)])
    assert result.exit_code == 2
    assert "post_audit" in result.stderr
    # the evaluation report still rendered
    assert (out / "上海测试化工有限公司清洁生产审核报告.docx").is_file()
    assert not (out / "上海测试化工有限公司清洁生产审核验收报告.docx").exists()


def test_invalid_data_renders_nothing(tmp_path, minimal_text, write_yaml):
    data = write_yaml(minimal_text.replace("  selected: C1", "  selected: C9"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(data), "--out", str(out)])
    assert result.exit_code == 2 and "audit_focus.selected" in result.stderr
    assert not out.exists()


def test_custom_template_directory_wins(tmp_path):
    import io

    from docx import Document

    template = Document(io.BytesIO(build_template("national/audit-report.docx")))
    template.paragraphs[4].runs[0].text = "清洁生产审核报告（本公司定制版式）"
    custom = tmp_path / "tpl"
    custom.mkdir()
    template.save(custom / "audit-report.docx")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(MINIMAL), "--kind", "audit-report", "--out", str(out), "--template", str(custom)])
    assert result.exit_code == 0, result.output
    assert "本公司定制版式" in _text(out / "上海测试化工有限公司清洁生产审核报告.docx")


def test_pdfa_through_the_cli(tmp_path, pdf_toolchain):
    from pypdf import PdfReader

    result = CliRunner().invoke(main, ["render", str(MINIMAL), "--kind", "audit-report", "--out", str(tmp_path), "--pdfa"])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "上海测试化工有限公司清洁生产审核报告.pdf"
    xmp = PdfReader(str(pdf)).trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8", "replace")
    # PDF/A-2b: XMP identification schema part 2, conformance B (ISO 19005-2)
    assert re.search(r"pdfaid:part[^0-9]{0,3}2", xmp) and re.search(r"pdfaid:conformance[^A-Z]{0,3}B", xmp), xmp[:500]
