"""``docgen batch`` end to end (outputs, summary contents, refusal to overwrite), ``docgen check
--workers`` giving the in-process answer, the progress line, and ``--memory`` parsing."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from docgen.batch.cli import parse_memory
from docgen.batch.progress import Progress
from docgen.cli import main
from tests.check.conftest import edit_docx
from tests.check.test_cli import drop_chapter

FIRM = "江苏澄和环保科技有限公司"        # samples/audit-electroplating.yaml: consultancy.name
ENTERPRISE = "常州宏澜表面处理有限公司"  # samples/audit-electroplating.yaml: enterprise.name


@pytest.fixture
def mixed(make_corpus, reports):
    """Two passing reports, one without chapter 预审核 (SEC-001 fails), one empty file."""
    folder = make_corpus(["ok-1.docx", "ok-2.docx"])
    edit_docx(reports["evaluation"], folder / "no-s2.docx", drop_chapter("预审核"))
    (folder / "empty.docx").write_bytes(b"")
    return folder


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_batch_writes_the_summaries(mixed, tmp_path):
    out = tmp_path / "out"
    result = run("batch", mixed, "--out", out, "-j", "2", "--timeout", "60")
    assert result.exit_code == 3, result.output                   # an unreadable file takes precedence
    assert "共 4 份：通过 2 份、未通过 1 份、无法审查 1 份" in result.stderr
    assert "无法审查：" in result.stderr and "empty.docx" in result.stderr

    summary = json.loads((out / "batch-summary.json").read_text(encoding="utf-8"))
    assert summary["total"] == 4
    assert summary["verdicts"] == {"pass": 2, "fail": 1, "not_evaluable": 1}
    docs = {d["file"].rsplit("/", 1)[-1]: d for d in summary["documents"]}
    assert docs["no-s2.docx"]["enterprise"] == ENTERPRISE and docs["no-s2.docx"]["consultancy"] == FIRM
    assert docs["no-s2.docx"]["stage"] == "evaluation"
    assert docs["no-s2.docx"]["top"][0]["rule"] == "SEC-001"
    assert docs["empty.docx"]["consultancy"] == ""
    sec = next(r for r in summary["rules"] if r["rule"] == "SEC-001")
    assert sec["documents"] == 1 and {h["file"].rsplit("/", 1)[-1] for h in sec["hits"]} == {"no-s2.docx"}
    firms = {f["name"]: f for f in summary["consultancies"]}
    assert (firms[FIRM]["documents"], firms[FIRM]["pass"], firms[FIRM]["fail"]) == (3, 2, 1)
    assert firms["未注明"]["not_evaluable"] == 1

    wb = load_workbook(out / "batch-summary.xlsx")
    assert wb.sheetnames[:3] == ["文件汇总", "规则统计", "咨询机构统计"]
    assert "SEC-001" in wb.sheetnames and f"机构-{FIRM}" in wb.sheetnames
    rows = list(wb["文件汇总"].iter_rows(values_only=True))
    assert rows[0][:6] == ("文件", "企业", "咨询机构", "阶段", "规则包", "结论")
    assert len(rows) == 5                                          # header + one row per document
    by_file = {r[0].rsplit("/", 1)[-1]: r for r in rows[1:]}
    assert by_file["no-s2.docx"][5] == "未通过" and by_file["empty.docx"][5] == "无法审查"
    assert by_file["no-s2.docx"][3] == "审核报告（评估）"
    sec_rows = list(wb["SEC-001"].iter_rows(values_only=True))
    assert [r[0].rsplit("/", 1)[-1] for r in sec_rows[1:]] == ["no-s2.docx"] * (len(sec_rows) - 1)
    assert len(list(wb[f"机构-{FIRM}"].iter_rows())) == 4           # header + its three documents

    html = (out / "batch-summary.html").read_text(encoding="utf-8")
    assert "<svg" in html and "SEC-001" in html and FIRM in html
    jsonl = (out / "batch-findings.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["file"].rsplit("/", 1)[-1] for x in jsonl] == ["empty.docx", "no-s2.docx", "ok-1.docx",
                                                                          "ok-2.docx"]


def test_batch_never_overwrites_without_resume_or_force(mixed, tmp_path):
    out = tmp_path / "out"
    assert run("batch", mixed / "ok-1.docx", "--out", out, "-j", "1").exit_code == 0
    again = run("batch", mixed / "ok-1.docx", "--out", out, "-j", "1")
    assert again.exit_code == 2 and "--resume" in again.stderr
    assert run("batch", mixed / "ok-1.docx", "--out", out, "--resume", "--force").exit_code == 2
    forced = run("batch", mixed / "ok-1.docx", "--out", out, "-j", "1", "--force")
    assert forced.exit_code == 0 and "沿用" not in forced.stderr
    assert len((out / "journal.jsonl").read_text().splitlines()) == 1


def test_check_with_workers_gives_the_in_process_output_and_exit_code(mixed):
    plain = run("check", mixed, "--format", "json")
    isolated = run("check", mixed, "--format", "json", "--workers", "2", "--quiet")
    assert isolated.exit_code == plain.exit_code == 3
    assert json.loads(isolated.stdout) == json.loads(plain.stdout)


def test_check_usage_errors():
    assert run("check", ".", "--resume").exit_code == 2
    result = run("check", "no-such-file.docx", "-j", "2")
    assert result.exit_code == 2 and "不存在" in result.stderr


def test_memory_sizes():
    assert parse_memory("1024") == 1 << 30
    assert parse_memory("512M") == 512 << 20
    assert parse_memory("1.5G") == 3 << 29
    with pytest.raises(Exception):
        parse_memory("lots")


def test_progress_line_only_when_wanted():
    silent = io.StringIO()                                          # not a terminal
    p = Progress(4, stream=silent)
    p.update("pass")
    p.close()
    assert silent.getvalue() == ""

    shown = io.StringIO()
    p = Progress(4, stream=shown, enabled=True)
    p.MIN_INTERVAL_S = 0
    for verdict in ("pass", "fail", "not_evaluable"):
        p.update(verdict)
    text = shown.getvalue()
    assert "已完成 3/4（75%）" in text and "未通过 1" in text and "无法审查 1" in text and "预计剩余" in text
    p.update("pass")
    assert "已完成 4/4（100%）" in shown.getvalue()
