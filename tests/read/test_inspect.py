"""``docgen inspect``: what the engine saw, as text for people and JSON for tools; exit 0/2/3."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.read.inspect import as_json, as_text
from docgen.read.model import (
    Cell, Document, Heading, Image, Location, PageHealth, Paragraph, Signal, Table, TocEntry,
)
from docgen.read.reasons import not_evaluable
from tests.conftest import ROOT
from tests.read import hostile as H


@pytest.fixture
def runner():
    return CliRunner()


def _cell(text: str, row: int, col: int) -> Cell:
    return Cell(text=text, norm=text, row=row, col=col)


def handmade() -> Document:
    """A small model built by hand, so the printer is tested without any reader."""
    h1 = Heading(level=1, label="第一章", title="企业基本情况", text="第一章 企业基本情况", signal=Signal.STYLE,
                 confidence=1.0, location=Location(block=0, paragraph=0, page=3))
    h2 = Heading(level=2, label="1.1", title="企业概况", text="1.1 企业概况", signal=Signal.PATTERN,
                 confidence=0.8, location=Location(block=1, paragraph=1, page=3))
    table = Table(index=0, grid=[[_cell("污染物", 0, 0), _cell("审核前", 0, 1)], [_cell("COD", 1, 0), _cell("12.5", 1, 1)]],
                  header_rows=1, header_paths=["污染物", "审核前"], location=Location(block=3, table=0, page=4),
                  caption="表1-1 主要污染物排放情况")
    inner = Table(index=1, grid=[[_cell("a", 0, 0)]], header_rows=1, header_paths=["a"],
                  location=Location(block=3, table=1, page=4), nested_in=(0, 1, 1), continued_from=None)
    return Document(
        path="report.docx", format="docx", sha256="f" * 64, pages=12,
        blocks=[h1, h2, Paragraph(text="企业位于上海市。", location=Location(block=2, paragraph=2)), table,
                Image(location=Location(block=4, page=1), width_mm=120, height_mm=40, hint="cover", name="seal.png")],
        tables=[table, inner], headers=["某某公司清洁生产审核报告"], footers=["第 1 页"],
        toc=[TocEntry("第一章 企业基本情况", 3, 1), TocEntry("1.1 企业概况", 3, 2)],
        comments=["请核实数据"], revisions=4, hidden_text=True, warnings=["扩展名与实际格式不符：…"],
        page_health=[PageHealth(page=1, status="good", chars=300, cjk_share=0.9),
                     PageHealth(page=2, status="image_only", chars=0, cjk_share=0.0, reason="扫描页")],
    )


def test_text_shows_outline_tables_images_and_counts():
    text = as_text(handmade())
    assert "sha256: " + "f" * 64 in text and "页数: 12" in text
    assert "第一章 企业基本情况  [style 1.00]  第 3 页" in text
    assert "\n    1.1 企业概况  [pattern 0.80]" in text          # indented one level deeper
    assert "#0  “表1-1 主要污染物排放情况”  2×2  表头: 污染物 | 审核前  第 4 页" in text
    assert "嵌套于 #0（第 2 行第 2 列）" in text
    assert "封面 120×40 mm  第 1 页  seal.png" in text
    assert "第一章 企业基本情况 …… 3" in text and "某某公司清洁生产审核报告" in text
    assert "修订（插入/删除）: 4" in text and "隐藏文字: 有" in text and "批注: 1" in text
    assert "第 2 页：image_only" in text


def test_json_is_the_whole_model():
    payload = json.loads(json.dumps(as_json(handmade()), ensure_ascii=False))
    assert payload["evaluable"] is True and payload["format"] == "docx"
    assert payload["blocks"][0]["signal"] == "style" and payload["blocks"][0]["kind"] == "heading"
    assert payload["tables"][1]["nested_in"] == [0, 1, 1]
    assert payload["summary"]["tables"] == 2 and payload["summary"]["headings"] == 2
    gone = as_json(not_evaluable("x.docx", "DOC.ENCRYPTED"))
    assert gone["evaluable"] is False and gone["code"] == "DOC.ENCRYPTED"


def test_cli_hostile_file_exits_3(runner, tmp_path):
    path = H.zip_bomb_docx(tmp_path / "bomb.docx")
    text = runner.invoke(main, ["inspect", str(path)])
    assert text.exit_code == 3, text.output
    assert "DOC.ZIP_BOMB_SUSPECTED" in text.stdout and "压缩炸弹" in text.stdout
    as_json_result = runner.invoke(main, ["inspect", str(path), "--format", "json"])
    assert as_json_result.exit_code == 3
    payload = json.loads(as_json_result.stdout)
    assert payload["code"] == "DOC.ZIP_BOMB_SUSPECTED" and payload["evaluable"] is False
    assert "DOC.ZIP_BOMB_SUSPECTED" in as_json_result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bomb.docx"]


def test_cli_usage_errors_exit_2(runner, tmp_path):
    assert runner.invoke(main, ["inspect"]).exit_code == 2
    missing = runner.invoke(main, ["inspect", str(tmp_path / "nope.docx")])
    assert missing.exit_code == 2 and "DOC.NOT_FOUND" in missing.stdout
    assert runner.invoke(main, ["inspect", "--help"]).exit_code == 0


@pytest.fixture(scope="module")
def rendered_report(tmp_path_factory):
    from docgen.load import load_audit
    from docgen.render.docx import render_report_docx

    data = render_report_docx(load_audit(ROOT / "samples" / "audit-shanghai-fine-chemical.yaml").audit, "evaluation").data
    path = tmp_path_factory.mktemp("rendered") / "audit-report.docx"
    path.write_bytes(data)
    return path


def test_cli_rendered_sample_report(runner, rendered_report):
    text = runner.invoke(main, ["inspect", str(rendered_report)])
    assert text.exit_code == 0, text.output
    assert "格式: docx" in text.stdout and "大纲（" in text.stdout and "表格（" in text.stdout
    result = runner.invoke(main, ["inspect", str(rendered_report), "--format", "json"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["evaluable"] is True and payload["summary"]["headings"] >= 7
    assert payload["summary"]["tables"] >= 5
