"""The output formats of `docgen check`: every one parses and says the same thing as the JSON
contract; --out names files after the inputs and writes atomically.

Findings are controlled with a policy that keeps only SEC-001, over the engine's own report
(no finding), a copy with the chapter 预审核 removed (one SEC-001 error, target S2, placed under
the chapter before the gap, 筹划和组织) and an empty file (DOC-001, not evaluable).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from docgen.check.report import output_names
from docgen.cli import main
from docgen.read import read_document
from tests.check.conftest import ROOT, edit_docx
from tests.check.test_cli import EVAL, SAMPLE, drop_chapter, only_sec001_policy


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def docs(rendered_reports, tmp_path):
    """good, broken, empty — and the policy keeping SEC-001 only."""
    folder = tmp_path / "in"
    folder.mkdir()
    good = folder / "good.docx"
    good.write_bytes(rendered_reports[(SAMPLE, "evaluation")].read_bytes())
    broken = edit_docx(good, folder / "broken.docx", drop_chapter("预审核"))
    empty = folder / "empty.docx"
    empty.write_bytes(b"")
    return {"good": good, "broken": broken, "empty": empty, "policy": only_sec001_policy(tmp_path)}


def run(runner, docs, *args, names=("good", "broken", "empty")):
    return runner.invoke(main, ["check", *(str(docs[n]) for n in names), "--profile", EVAL,
                                "--policy", str(docs["policy"]), *map(str, args)])


def test_json_is_one_object_or_a_list(runner, docs):
    one = run(runner, docs, "--format", "json", names=("broken",))
    assert isinstance(json.loads(one.stdout), dict)
    many = json.loads(run(runner, docs, "--format", "json").stdout)
    assert [Path(d["file"]).name for d in many] == ["good.docx", "broken.docx", "empty.docx"]
    assert [d["verdict"] for d in many] == ["pass", "fail", "not_evaluable"]


def test_jsonl_one_line_per_document(runner, docs):
    result = run(runner, docs, "--format", "jsonl")
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    objects = [json.loads(line) for line in lines]
    assert [o["counts"]["error"] for o in objects] == [0, 1, 0]
    assert objects[2]["counts"]["not_evaluable"] == 1


def test_text_groups_by_chapter_and_gives_a_verdict_per_document(runner, docs):
    out = run(runner, docs).stdout
    assert out.count("✓ 通过：0 个错误、0 个警告、0 项无法审查") == 1
    assert out.count("✗ 未通过：1 个错误、0 个警告、0 项无法审查") == 1
    assert out.count("？ 无法审查：0 个错误、0 个警告、1 项无法审查") == 1
    broken_part = out.split("报告：")[2]
    assert broken_part.index("【筹划和组织】") < broken_part.index("缺少「预审核」章节（S2）")
    assert "共 3 份：通过 1 份、未通过 1 份、无法审查 1 份" in out


def _sarif(runner, docs, *extra):
    result = run(runner, docs, "--format", "sarif", *extra)
    return json.loads(result.stdout)


def test_sarif_structure(runner, docs):
    log = _sarif(runner, docs)
    assert log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    (sarif_run,) = log["runs"]  # one rule pack → one run
    driver = sarif_run["tool"]["driver"]
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert ids == ["SEC-001", "DOC-001", "DOC-002"]  # the policy kept SEC-001 only; engine rules follow
    sec = rules[0]
    assert sec["shortDescription"]["text"] == "七个审核阶段章节齐全且顺序正确"
    assert sec["fullDescription"]["text"].startswith("《清洁生产审核办法》")
    assert sec["defaultConfiguration"]["level"] == "error"
    assert sec["helpUri"] == "docs/rules/SEC-001.md" and (ROOT / sec["helpUri"]).is_file()

    artifacts = sarif_run["artifacts"]
    assert [a["location"]["uri"] for a in artifacts] == [docs[n].as_uri() for n in ("good", "broken", "empty")]
    assert artifacts[1]["hashes"]["sha-256"] == hashlib.sha256(docs["broken"].read_bytes()).hexdigest()
    assert artifacts[1]["properties"]["verdict"] == "fail"

    results = sarif_run["results"]
    assert len(results) == 2
    fail, unreadable = results
    assert (fail["ruleId"], fail["kind"], fail["level"]) == ("SEC-001", "fail", "error")
    assert rules[fail["ruleIndex"]]["id"] == "SEC-001"
    assert fail["message"]["text"].startswith("缺少「预审核」章节（S2）")
    (loc,) = fail["locations"]
    assert loc["physicalLocation"]["artifactLocation"] == {"uri": docs["broken"].as_uri(), "index": 1}
    (logical,) = loc["logicalLocations"]
    assert logical["fullyQualifiedName"].startswith("筹划和组织")
    assert loc["properties"]["headingPath"] == ["筹划和组织"]
    # could not run: "open", and SARIF requires level none for any kind but fail
    assert (unreadable["ruleId"], unreadable["kind"], unreadable["level"]) == ("DOC-001", "open", "none")
    assert unreadable["properties"]["severity"] == "error"
    assert rules[unreadable["ruleIndex"]]["id"] == "DOC-001"


def test_sarif_policy_severity_and_waiver_suppression(runner, docs, tmp_path):
    policy = tmp_path / "warn.yaml"
    data = yaml.safe_load(docs["policy"].read_text(encoding="utf-8"))
    data["overrides"] = {"SEC-001": {"severity": "warning"}}
    policy.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(yaml.safe_dump({"waivers": [{"rule": "SEC-001", "file": "broken.docx",
                                                    "justification": "专家组同意", "by": "张三", "date": "2024-05-10"}]},
                                      allow_unicode=True), encoding="utf-8")
    result = runner.invoke(main, ["check", str(docs["broken"]), "--profile", EVAL, "--policy", str(policy),
                                  "--waivers", str(waivers), "--format", "sarif"])
    assert result.exit_code == 0
    (sarif_run,) = json.loads(result.stdout)["runs"]
    assert sarif_run["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] == "warning"
    assert sarif_run["properties"]["policy"] == str(policy)
    (res,) = sarif_run["results"]
    assert res["level"] == "warning"
    assert res["suppressions"] == [{"kind": "external", "status": "accepted", "justification": "专家组同意",
                                    "properties": {"by": "张三", "date": "2024-05-10"}}]


def test_xlsx_sheets_and_columns(runner, docs, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "out"
    result = run(runner, docs, "--format", "xlsx", "--out", out)
    assert result.exit_code == 3
    (path,) = out.iterdir()
    assert path.name == "docgen-check.findings.xlsx" and result.stdout.strip() == str(path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["问题清单", "文件汇总"]
    rows = list(wb["问题清单"].iter_rows(values_only=True))
    assert rows[0] == ("文件", "规则", "类别", "对象", "严重程度", "状态", "审查要点", "位置", "说明", "依据", "建议")
    assert len(rows) == 3  # header + SEC-001 + DOC-001
    sec = dict(zip(rows[0], rows[1]))
    assert (sec["规则"], sec["类别"], sec["对象"], sec["严重程度"], sec["状态"]) == ("SEC-001", "章节", "S2 预审核", "错误", "不符合")
    assert Path(sec["文件"]).name == "broken.docx" and sec["位置"].startswith("筹划和组织")
    doc = dict(zip(rows[0], rows[2]))
    assert (doc["规则"], doc["类别"], doc["状态"]) == ("DOC-001", "文件读取", "无法审查")
    summary = list(wb["文件汇总"].iter_rows(values_only=True))
    assert summary[0] == ("文件", "规则包", "结论", "错误", "警告", "提示", "无法审查")
    assert [(Path(r[0]).name, r[2], r[3], r[4], r[5], r[6]) for r in summary[1:]] == [
        ("good.docx", "通过", 0, 0, 0, 0), ("broken.docx", "未通过", 1, 0, 0, 0), ("empty.docx", "无法审查", 0, 0, 0, 1)]
    assert summary[1][1] == f"{EVAL} 2018.1"


def test_xlsx_never_turns_document_text_into_a_formula(tmp_path):
    from openpyxl import load_workbook

    from docgen.check.findings import DocumentResult, Finding, FindingLocation
    from docgen.check.report.xlsx import render_xlsx
    from docgen.check.run import CheckedDocument

    f = Finding("SEC-001", "section", "S1", "筹划和组织", "error", "fail", "R1",
                FindingLocation(heading_path=['=HYPERLINK("http://x","y")']), "=1+1\x07")
    result = DocumentResult("x.docx", None, {"id": "p", "version": "1"}, "0", "fail",
                            {"error": 1, "warning": 0, "info": 0, "not_evaluable": 0}, [f])
    path = tmp_path / "x.xlsx"
    path.write_bytes(render_xlsx([CheckedDocument(result)]))
    ws = load_workbook(path)["问题清单"]
    assert ws["I2"].value == "=1+1" and ws["I2"].data_type == "s"
    assert ws["H2"].data_type == "s"


def test_html_page_per_report(runner, docs, tmp_path):
    out = tmp_path / "out"
    result = run(runner, docs, "--format", "html", "--out", out)
    assert result.exit_code == 3
    assert sorted(p.name for p in out.iterdir()) == ["broken.findings.html", "empty.findings.html", "good.findings.html"]
    page = (out / "broken.findings.html").read_text(encoding="utf-8")
    assert "✗ 未通过" in page and "✗ 未通过：1 个错误、0 个警告、0 项无法审查" in page
    headings = read_document(docs["broken"]).headings
    anchors = re.findall(r'<div class="h[^"]*" id="(h\d+)"', page)
    assert anchors == [f"h{i}" for i in range(len(headings))]  # one anchor per heading, in order
    for h in headings:
        assert h.text in page
    # the finding links to the heading it belongs to (第一章 筹划和组织), which lists it back
    chapter = next(i for i, h in enumerate(headings) if h.title == "筹划和组织")
    assert re.search(rf'<a href="#h{chapter}">第一章 筹划和组织', page)
    block = page[page.index(f'id="h{chapter}"'):]
    block = block[:block.index("</div>")]
    assert "缺少「预审核」章节（S2）" in block and 'href="#f0"' in block
    # self-contained: no scripts, no external resources
    assert "<script" not in page and not re.search(r'(src|href)="(https?:)?//', page)
    assert "✓ 通过" in (out / "good.findings.html").read_text(encoding="utf-8")
    assert "文件是空的" in (out / "empty.findings.html").read_text(encoding="utf-8")


def test_out_names_and_no_temporary_files(runner, docs, tmp_path):
    out = tmp_path / "out"
    for fmt in ("json", "sarif", "jsonl", "text"):
        run(runner, docs, "--format", fmt, "--out", out)
    names = sorted(p.name for p in out.iterdir())
    assert names == ["broken.findings.json", "broken.findings.sarif", "broken.findings.txt", "docgen-check.findings.jsonl",
                     "empty.findings.json", "empty.findings.sarif", "empty.findings.txt",
                     "good.findings.json", "good.findings.sarif", "good.findings.txt"]
    assert json.loads((out / "broken.findings.json").read_text(encoding="utf-8"))["verdict"] == "fail"
    # a single directory argument names the run
    result = runner.invoke(main, ["check", str(docs["good"].parent), "--profile", EVAL, "--format", "jsonl",
                                  "--out", str(out)])
    assert (out / "in.findings.jsonl").is_file() and result.stdout.strip() == str(out / "in.findings.jsonl")


def test_out_is_atomic_when_writing_fails(runner, docs, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / "good.findings.json").write_text("previous", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    result = run(runner, docs, "--format", "json", "--out", out, names=("good",))
    assert result.exit_code != 0
    assert [p.name for p in out.iterdir()] == ["good.findings.json"]  # no temp file left behind
    assert (out / "good.findings.json").read_text(encoding="utf-8") == "previous"  # old file intact


def test_output_names_are_unique():
    assert output_names(["a/x.docx", "b/y.pdf"]) == ["x", "y"]
    assert output_names(["r.docx", "r.pdf"]) == ["r.docx", "r.pdf"]
    assert output_names(["a/x.docx", "b/x.docx"]) == ["x.docx", "x.docx-2"]


def test_help_uri_of_rules_outside_the_packs_points_at_an_existing_section():
    """ARC-nnn (package verify) and TRK-nnn (check --register) have no page in docs/rules: their
    helpUri is the section of the command's document that lists them, and that section exists."""
    from docgen.check.report.registry import help_uri

    for code, heading in (("ARC-002", "## What `verify` checks"), ("TRK-005", "## Checker integration")):
        page, anchor = help_uri(code).split("#")
        text = (ROOT / page).read_text(encoding="utf-8")
        assert heading in text and anchor == heading.lstrip("# ").lower().replace(" ", "-").replace("`", "")
    assert help_uri("SEC-001") == "docs/rules/SEC-001.md"
