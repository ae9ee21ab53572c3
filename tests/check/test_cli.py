"""`docgen check` and `docgen rules`: exit codes and their precedence, profile choice, policy,
waivers, usage errors, and the rule docs that must match the shipped packs.

The documents are the engine's own rendered reports (which must pass) and copies broken by XML
surgery with a known defect: the chapter 预审核 (S2) removed — its level-1 heading and every
sub-heading under it — so SEC-001 must report exactly "缺少「预审核」章节（S2）".
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from docgen.check.engine import DEFAULT_PROFILES
from docgen.check.profile import available_profiles, load_profile
from docgen.cli import main
from tests.check.conftest import ROOT, W, edit_docx, paragraph_text

EVAL = "national-2018-evaluation"
SAMPLE = "audit-shanghai-fine-chemical"


def drop_chapter(title: str):
    """Delete the Heading1 paragraph titled ``title`` and every heading paragraph until the next
    Heading1 (the chapter's sub-headings); body text and tables stay."""
    def edit(root):
        body = root.find(f"{W}body")
        inside, removed = False, 0
        for p in list(body):
            if p.tag != f"{W}p":
                continue
            style = p.find(f"{W}pPr/{W}pStyle")
            name = style.get(f"{W}val") if style is not None else ""
            if name == "Heading1":
                inside = paragraph_text(p) == title
            if inside and name.startswith("Heading"):
                body.remove(p)
                removed += 1
        assert removed >= 1, f"chapter {title} not found"
    return edit


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def good(rendered_reports) -> Path:
    return rendered_reports[(SAMPLE, "evaluation")]


@pytest.fixture
def broken(rendered_reports, tmp_path) -> Path:
    return edit_docx(rendered_reports[(SAMPLE, "evaluation")], tmp_path / "missing-s2.docx", drop_chapter("预审核"))


@pytest.fixture
def empty(tmp_path) -> Path:
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    return path


def only_sec001_policy(tmp_path: Path, **extra) -> Path:
    """A policy that disables every rule but SEC-001, so expectations do not depend on other rules."""
    others = [r.code for r in load_profile(EVAL).rules if r.code != "SEC-001"]
    data = {"disable": others + extra.pop("disable", [])}
    data.update(extra)
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def check(runner, *args):
    return runner.invoke(main, ["check", *map(str, args)])


# ---------------------------------------------------------------- verdicts and exit codes

def test_own_rendered_reports_pass_with_exit_0(runner, rendered_reports):
    paths = [p for (stem, kind), p in sorted(rendered_reports.items()) if kind == "evaluation"]
    result = check(runner, *paths, "--profile", EVAL, "--format", "json")
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout)
    assert [d["verdict"] for d in docs] == ["pass"] * 3
    # zero errors and zero warnings (issue 5 round trip); the only info is SEAL-001: our renders mark
    # the place for the seal but carry no seal image, which a human has to verify on the real copy
    assert all(d["counts"]["error"] == d["counts"]["warning"] == d["counts"]["not_evaluable"] == 0 for d in docs)
    assert {f["rule"] for d in docs for f in d["findings"]} <= {"SEAL-001"}


def test_text_report_of_a_passing_report(runner, good):
    result = check(runner, good, "--profile", EVAL)
    assert result.exit_code == 0
    assert "✓ 通过：0 个错误、0 个警告、0 项无法审查" in result.stdout
    assert f"规则包：{EVAL} " in result.stdout


def test_missing_chapter_exits_1_with_sec001(runner, broken, tmp_path):
    result = check(runner, broken, "--profile", EVAL, "--policy", only_sec001_policy(tmp_path))
    assert result.exit_code == 1, result.output
    # grouped under the chapter before the gap, then the one-line verdict
    assert "【筹划和组织】" in result.stdout
    assert "SEC-001  缺少「预审核」章节（S2）" in result.stdout
    assert result.stdout.rstrip().endswith("✗ 未通过：1 个错误、0 个警告、0 项无法审查")

    data = json.loads(check(runner, broken, "--profile", EVAL, "--format", "json").stdout)
    (sec,) = [f for f in data["findings"] if f["rule"] == "SEC-001"]
    assert sec["target_id"] == "S2" and sec["severity"] == "error" and sec["status"] == "fail"
    assert data["verdict"] == "fail"


def test_zero_byte_docx_exits_3_with_the_input_finding(runner, empty):
    result = check(runner, empty, "--format", "json")
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["verdict"] == "not_evaluable"
    assert data["sha256"] in (None, hashlib.sha256(b"").hexdigest())
    (f,) = data["findings"]
    assert (f["rule"], f["category"], f["status"], f["severity"]) == ("DOC-001", "input", "not_evaluable", "error")
    assert "DOC.EMPTY" in f["evidence"]
    assert data["counts"] == {"error": 0, "warning": 0, "info": 0, "not_evaluable": 1}


def test_not_evaluable_takes_precedence_over_findings(runner, broken, empty):
    # one failing report and one unreadable file: 3, not 1
    result = check(runner, broken, empty, "--profile", EVAL, "--format", "jsonl")
    assert result.exit_code == 3
    verdicts = [json.loads(line)["verdict"] for line in result.stdout.splitlines()]
    assert verdicts == ["fail", "not_evaluable"]


def test_fail_on_warning(runner, broken, tmp_path):
    # SEC-001 lowered to a warning by policy: not blocking by default, blocking with --fail-on warning
    policy = only_sec001_policy(tmp_path, overrides={"SEC-001": {"severity": "warning"}})
    default = check(runner, broken, "--profile", EVAL, "--policy", policy, "--format", "json")
    assert default.exit_code == 0, default.output
    data = json.loads(default.stdout)
    assert data["verdict"] == "pass"
    assert data["counts"] == {"error": 0, "warning": 1, "info": 0, "not_evaluable": 0}
    (f,) = data["findings"]
    assert f["rule"] == "SEC-001" and f["severity"] == "warning"
    strict = check(runner, broken, "--profile", EVAL, "--policy", policy, "--fail-on", "warning")
    assert strict.exit_code == 1
    assert "✓ 通过：0 个错误、1 个警告、0 项无法审查" in strict.stdout


def test_policy_disabling_a_rule(runner, broken, tmp_path):
    kept = check(runner, broken, "--profile", EVAL, "--policy", only_sec001_policy(tmp_path), "--format", "json")
    assert kept.exit_code == 1 and [f["rule"] for f in json.loads(kept.stdout)["findings"]] == ["SEC-001"]
    policy = only_sec001_policy(tmp_path, disable=["SEC-001"])
    result = check(runner, broken, "--profile", EVAL, "--policy", policy, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"] == []


def test_waiver_marks_the_finding_and_it_no_longer_counts(runner, broken, tmp_path):
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(yaml.safe_dump({"waivers": [{
        "rule": "SEC-001", "target_id": "S2", "file": broken.name,
        "justification": "预审核内容并入第一章，专家组同意", "by": "区生态环境局", "date": "2024-05-10"}]},
        allow_unicode=True), encoding="utf-8")
    policy = only_sec001_policy(tmp_path)
    result = check(runner, broken, "--profile", EVAL, "--policy", policy, "--waivers", waivers, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (f,) = data["findings"]
    assert f["waived"] == {"justification": "预审核内容并入第一章，专家组同意", "by": "区生态环境局", "date": "2024-05-10"}
    assert data["counts"]["error"] == 0 and data["verdict"] == "pass"
    text = check(runner, broken, "--profile", EVAL, "--policy", policy, "--waivers", waivers)
    assert "〔已豁免：预审核内容并入第一章，专家组同意〕" in text.stdout

    # a waiver pinned to another file's hash does not apply
    waivers.write_text(yaml.safe_dump({"waivers": [{"rule": "SEC-001", "sha256": "0" * 64, "justification": "x"}]}),
                       encoding="utf-8")
    assert check(runner, broken, "--profile", EVAL, "--policy", policy, "--waivers", waivers).exit_code == 1


# ---------------------------------------------------------------- profile choice

def test_profile_auto_detection_evaluation(runner, good):
    result = check(runner, good, "--format", "json")
    data = json.loads(result.stdout)
    assert data["profile"]["id"] == EVAL
    assert f"未指定规则包，识别为审核报告（评估），使用 {EVAL}" in data["notes"]
    assert f"使用 {EVAL}" in result.stderr


def test_profile_auto_detection_acceptance(runner, rendered_reports):
    path = rendered_reports[(SAMPLE, "acceptance")]
    acceptance = DEFAULT_PROFILES["acceptance"]
    result = check(runner, path, "--format", "json")
    if acceptance in available_profiles():
        data = json.loads(result.stdout)
        assert data["profile"]["id"] == acceptance
        assert f"未指定规则包，识别为验收报告，使用 {acceptance}" in data["notes"]
        assert f"识别为验收报告，使用 {acceptance}" in result.stderr
        assert result.exit_code == 0, result.output  # the engine's own acceptance report passes
    else:  # the acceptance pack is not shipped yet: a usage error naming it, never the wrong pack
        assert result.exit_code == 2
        assert acceptance in result.stderr and "--profile" in result.stderr


def test_directory_expands_to_report_files(runner, good, broken, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "b.docx").write_bytes(good.read_bytes())
    (folder / "a.docx").write_bytes(broken.read_bytes())
    (folder / "~$a.docx").write_bytes(b"lock")       # Word's lock file: skipped
    (folder / "notes.txt").write_text("x", encoding="utf-8")  # not a report: skipped
    result = check(runner, folder, "--profile", EVAL, "--format", "jsonl")
    files = [Path(json.loads(line)["file"]).name for line in result.stdout.splitlines()]
    assert files == ["a.docx", "b.docx"]


# ---------------------------------------------------------------- usage errors (2)

@pytest.mark.parametrize("args, message", [
    (["--profile", "no-such-pack"], "没有名为「no-such-pack」的规则包"),
    (["--format", "html"], "--out"),
    (["--format", "xlsx"], "--out"),
    (["--waivers", "missing-waivers.yaml"], "豁免文件"),
    (["--audit", "missing-audit.yaml"], "审核数据文件"),
])
def test_usage_errors_exit_2(runner, good, args, message):
    result = check(runner, good, *args)
    assert result.exit_code == 2
    assert message in result.output + result.stderr


def test_missing_path_and_bad_policy_and_waiver_without_reason_exit_2(runner, good, tmp_path):
    assert check(runner, tmp_path / "nope.docx").exit_code == 2
    policy = tmp_path / "bad-policy.yaml"
    policy.write_text("overrides:\n  NOPE-999: {severity: info}\n", encoding="utf-8")
    result = check(runner, good, "--profile", EVAL, "--policy", policy)
    assert result.exit_code == 2 and "NOPE-999" in result.stderr
    waivers = tmp_path / "w.yaml"
    waivers.write_text("waivers:\n  - rule: SEC-001\n    file: x.docx\n", encoding="utf-8")
    result = check(runner, good, "--profile", EVAL, "--waivers", waivers)
    assert result.exit_code == 2 and "justification" in result.stderr


# ---------------------------------------------------------------- docgen rules

def test_rules_list(runner):
    result = runner.invoke(main, ["rules", "list", "--profile", EVAL])
    assert result.exit_code == 0
    line = next(x for x in result.stdout.splitlines() if x.startswith("SEC-001"))
    assert "章节" in line and "错误" in line and "七个审核阶段章节齐全且顺序正确" in line
    rows = json.loads(runner.invoke(main, ["rules", "list", "--format", "json"]).stdout)
    codes = [r["code"] for r in rows]
    assert {"SEC-001", "DOC-001", "DOC-002"} <= set(codes) and codes == sorted(codes)
    assert runner.invoke(main, ["rules", "list", "--profile", "nope"]).exit_code == 2


def test_rules_show(runner):
    result = runner.invoke(main, ["rules", "show", "sec-001", "--profile", EVAL])
    assert result.exit_code == 0
    out = result.stdout
    for expected in ("SEC-001  七个审核阶段章节齐全且顺序正确", "All seven audit-stage chapters present, in order",
                     "类型（kind）：required_sections", "类别：章节（section）", "严重程度：错误（error）",
                     "审查要点：评估要点1（审核过程真实、方法合理）；R1 报告规范性", "《清洁生产审核办法》规定审核按",
                     "sections: 7 项（S1 筹划和组织、S2 预审核、S3 审核", "fuzzy_threshold: 85",
                     "不通过的示例：\n  - conformance/missing-s3", "通过的示例：\n  - conformance/good-heading-styles"):
        assert expected in out, expected
    assert "提交的文件可以读取" in runner.invoke(main, ["rules", "show", "DOC-001"]).stdout
    unknown = runner.invoke(main, ["rules", "show", "XYZ-999"])
    assert unknown.exit_code == 2 and "XYZ-999" in unknown.stderr


def test_rule_docs_are_current():
    """docs/rules/ is what `python -m docgen.check.rulesdoc` generates from the shipped packs."""
    from docgen.check.rulesdoc import generate

    pages = generate()
    folder = ROOT / "docs" / "rules"
    committed = {p.name for p in folder.glob("*.md")}
    assert committed == set(pages), "docs/rules is stale: run `python -m docgen.check.rulesdoc`"
    for name, text in pages.items():
        assert (folder / name).read_text(encoding="utf-8") == text, \
            f"docs/rules/{name} is stale: run `python -m docgen.check.rulesdoc`"


def test_every_rule_has_a_page_with_examples():
    from docgen.check.report.registry import registry
    from docgen.check.rulesdoc import generate

    pages = generate()
    entries = registry()
    assert set(pages) == {f"{code}.md" for code in entries} | {"index.md"}
    for code, entry in entries.items():
        page = pages[f"{code}.md"]
        assert page.startswith("<!-- Generated") and f"# {code} — {entry.rule.title_zh}" in page
        assert "## Examples" in page and entry.rule.review_point in page and f"[{code}]({code}.md)" in pages["index.md"]
        for example in (entry.rule.examples or {}).get("fail", []):
            assert f"- `{example}`" in page
