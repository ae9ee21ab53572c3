"""Rendering the industry report (both frames) and the enterprise sheets, DOCX and PDF, and the
``docgen industry`` commands."""

from __future__ import annotations

import io
import json

import docx
import pytest
from click.testing import CliRunner

from docgen.cli import main
from tests.industry.conftest import SAMPLE


def _headings(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs if p.style.name.lower() == "heading 1"]


def _captions(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs if p.style.name == "Caption"]


def test_report_follows_the_five_stages_of_seed_002(rendered):
    assert _headings(rendered["report"]) == ["前言", "审核准备", "审核", "方案产生和确定", "方案实施", "绩效评估和持续清洁生产", "附表"]
    captions = _captions(rendered["report"])
    assert "表1-3 行业企业基本情况及审核企业名单确定表" in captions
    assert captions.index("表2-2 行业清洁生产评价指标体系表") + 1 == captions.index("表2-3 名单企业清洁生产水平对标评估表（审核前）")
    assert "表5-5 企业清洁生产水平分级统计表（审核前后）" in captions  # after 表5-4, the grading after the audit
    assert captions[-3:] == ["附表1 审核企业名单", "附表2 企业层面清洁生产方案清单", "附表3 名单企业绩效汇总表"]


def test_three_phase_frame_of_seed_001(rendered):
    assert _headings(rendered["phases"]) == ["前言", "总体要求", "前期准备", "诊断审核", "审核结论与绩效", "附表"]


def test_level_table_prints_the_hand_counted_levels(rendered):
    """samples/industry-packaging-printing.yaml, level_before/level_after of the 22 listed enterprises,
    counted by hand: before I 0, II 5 (E02 E05 E08 E15 E18), III 12, below 5 (E03 E06 E12 E16 E20);
    after I 2 (E02 E08), II 9, III 10, below 1 (E16)."""
    document = docx.Document(io.BytesIO(rendered["report"]))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "清洁生产水平" and len(t.columns) == 5)
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows[1:]}
    assert rows["I级"] == ["0", "0.00%", "2", "9.09%"]
    assert rows["II级"] == ["5", "22.73%", "9", "40.91%"]
    assert rows["III级"] == ["12", "54.55%", "10", "45.45%"]
    assert rows["未达III级"] == ["5", "22.73%", "1", "4.55%"]
    assert rows["合计"] == ["22", "100.00%", "22", "100.00%"]


def test_sheet_has_its_parts_and_numbered_tables(rendered):
    document = docx.Document(io.BytesIO(rendered["sheet"]))
    heads = [p.text for p in document.paragraphs if p.style.name.lower() == "heading 1"]
    assert heads == ["一、企业基本情况", "二、清洁生产水平和绩效", "三、问题诊断", "四、清洁生产方案", "五、企业确认"]
    assert _captions(rendered["sheet"]) == ["表1 企业基本情况表", "表2 审核前后清洁生产水平及绩效对比表", "表3 问题诊断表",
                                            "表4 企业清洁生产方案表"]
    assert document.paragraphs[0].text == "青溪恒彩软包装有限公司"


def test_every_sheet_of_the_sample_passes_its_pack(sample, tmp_path):
    from docgen.check.engine import check_document
    from docgen.check.profile import load_profile
    from docgen.industry.render import render_all
    from docgen.read import read_document

    docs = render_all(sample, tmp_path)
    assert len(docs) == 1 + 22
    profile = load_profile("industry-sheet")
    for d in docs[1:]:
        result = check_document(read_document(d.path), profile)
        assert result.findings == [], (d.path.name, [f.message for f in result.findings])


def test_rendering_is_deterministic(sample, tmp_path, rendered):
    from docgen.industry.render import render_report

    assert render_report(sample, tmp_path).data == rendered["report"]


def test_pdf_of_report_and_sheet(pdf_toolchain, sample, tmp_path):
    """LibreOffice converts the report and a sheet; the report's TOC carries the PDF's page numbers
    and the PDF passes the pack like the DOCX."""
    from pypdf import PdfReader

    from docgen.check.engine import check_document
    from docgen.check.profile import load_profile
    from docgen.industry.render import _convert, render_report, render_sheet
    from docgen.read import read_document

    docs = [render_report(sample, tmp_path), render_sheet(sample, sample.listed[1], tmp_path, number=2)]
    _convert(docs, sample, workers=2, timeout=240)
    assert [d.error for d in docs] == [None, None]
    report, sheet = docs
    text = "".join(page.extract_text() for page in PdfReader(report.pdf).pages[:4])
    assert "审核准备" in text and "绩效评估和持续清洁生产" in text
    assert report.pages > 10 and sheet.pages >= 1
    result = check_document(read_document(report.pdf), load_profile("industry-jiangsu-2025"))
    assert [f for f in result.findings if f.severity in ("error", "warning")] == [], [f.message for f in result.findings]


# ─── CLI ──────────────────────────────────────────────────────────────────────────────────────────

def test_cli_validate_ok_and_bad_file(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(main, ["industry", "validate", str(SAMPLE)])
    assert ok.exit_code == 0, ok.output
    bad = tmp_path / "bad.yaml"
    text = SAMPLE.read_text(encoding="utf-8").replace("scale: 中型", "scale: 特大型", 1)
    bad.write_text(text, encoding="utf-8")
    line = next(i + 1 for i, t in enumerate(text.splitlines()) if "特大型" in t)
    result = runner.invoke(main, ["industry", "validate", str(bad), "--format", "json"])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    problem = report["problems"][0]
    assert problem["path"].startswith("enterprises[0].scale") and problem["line"] == line


def test_cli_calc_json(tmp_path):
    result = CliRunner().invoke(main, ["industry", "calc", str(SAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    # VOCs: Σ all 30 enterprises 268.4 t/a, Σ listed 22 = 260.1 → 0.9691
    assert figures["coverage"][0] == {"basis": "pollutant", "industry_total": "268.4", "listed_total": "260.1",
                                      "share": "0.9691", "threshold": "0.8", "met": True}
    assert figures["levels_after"] == {"I级": 2, "II级": 9, "III级": 10, "未达III级": 1}
    assert figures["reductions"]["pollutant"]["amount"] == "98.3"  # 260.1 − 161.8


def test_cli_render_refuses_to_overwrite_without_force(tmp_path):
    runner = CliRunner()
    first = runner.invoke(main, ["industry", "render", str(SAMPLE), "--out", str(tmp_path), "--no-sheets"])
    assert first.exit_code == 0, first.output
    path = tmp_path / "东陵市青溪区包装印刷行业清洁生产审核报告.docx"
    before = path.read_bytes()
    path.write_bytes(b"edited by hand")
    again = runner.invoke(main, ["industry", "render", str(SAMPLE), "--out", str(tmp_path), "--no-sheets"])
    assert again.exit_code == 2 and "--force" in again.stderr
    assert path.read_bytes() == b"edited by hand"
    forced = runner.invoke(main, ["industry", "render", str(SAMPLE), "--out", str(tmp_path), "--no-sheets", "--force"])
    assert forced.exit_code == 0 and path.read_bytes() == before


@pytest.mark.parametrize("profile", ["jiangsu-5-stage", "national-3-phase"])
def test_cli_render_then_check_passes(tmp_path, profile):
    runner = CliRunner()
    out = tmp_path / profile
    result = runner.invoke(main, ["industry", "render", str(SAMPLE), "--out", str(out), "--no-sheets", "--profile", profile])
    assert result.exit_code == 0, result.output
    checked = runner.invoke(main, ["check", str(next(out.glob("*.docx")))])
    assert checked.exit_code == 0, checked.output


def test_enterprise_commands_point_to_the_industry_group():
    result = CliRunner().invoke(main, ["validate", str(SAMPLE)])
    assert result.exit_code == 2
    assert "kind: industry" in result.output and "docgen industry validate" in result.output
    assert result.output.count("\n") <= 3  # one clear message, not a flood of unknown-field errors


def test_cli_schema_is_the_models_json_schema():
    result = CliRunner().invoke(main, ["industry", "schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert {"subject", "industry", "enterprises", "indicator_system", "enterprise_schemes"} <= set(schema["properties"])
    assert schema["$defs"]["Enterprise"]["properties"]["principles"]["items"]["enum"] == ["环境影响突出", "关键环境治理需求", "可行性", "代表性"]
