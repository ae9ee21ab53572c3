"""The CLI contract: stdout carries machine output, stderr messages; exit codes per DESIGN.md."""

import json
from decimal import Decimal

import jsonschema
import pytest
from click.testing import CliRunner

from docgen import __version__
from docgen.cli import main
from docgen.load.source import read_source
from tests.conftest import MINIMAL, ROOT, SAMPLES


@pytest.fixture
def runner():
    return CliRunner()


def test_version_and_help(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output
    for command in ([], ["validate"], ["calc"], ["schema"], ["doctor"]):
        result = runner.invoke(main, command + ["--help"])
        assert result.exit_code == 0, command
        assert "Usage" in result.output


def test_validate_ok_and_error_exit_codes(runner, minimal_text, write_yaml):
    ok = runner.invoke(main, ["validate", str(MINIMAL)])
    assert ok.exit_code == 0
    assert "通过" in ok.stderr
    bad = write_yaml(minimal_text.replace("employees: 120", "employees: -1"))
    result = runner.invoke(main, ["validate", str(bad)])
    assert result.exit_code == 2
    assert "enterprise.employees: 必须 ≥ 1" in result.stdout
    assert "未通过" in result.stderr


def test_validate_json_output_parses(runner, minimal_text, write_yaml):
    bad = write_yaml(minimal_text.replace("  selected: C1", "  selected: C7"))
    result = runner.invoke(main, ["validate", str(bad), "--format", "json"])
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    assert payload["valid"] is False and payload["errors"] >= 1
    assert any(p["path"] == "audit_focus.selected" and p["line"] for p in payload["problems"])


def test_validate_missing_file_is_input_error(runner, tmp_path):
    result = runner.invoke(main, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2 and "文件不存在" in result.stdout


def test_calc_text_and_json(runner):
    text = runner.invoke(main, ["calc", str(MINIMAL)])
    assert text.exit_code == 0
    assert "综合能耗 293.20 tce" in text.stdout
    assert "共提出清洁生产方案3项，其中无/低费方案2项、中/高费方案1项" in text.stdout
    as_json = runner.invoke(main, ["calc", str(MINIMAL), "--format", "json"])
    assert as_json.exit_code == 0
    figures = json.loads(as_json.stdout)
    assert figures["schemes"]["total"] == 3


def test_calc_refuses_invalid_data(runner, minimal_text, write_yaml):
    bad = write_yaml(minimal_text.replace("  selected: C1", "  selected: C7"))
    result = runner.invoke(main, ["calc", str(bad)])
    assert result.exit_code == 2 and result.stdout == ""
    assert "audit_focus.selected" in result.stderr


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def test_schema_validates_fixture_and_samples(runner, tmp_path):
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    validator.check_schema(schema)
    assert SAMPLES, "samples/audit-*.yaml must exist"
    for path in [MINIMAL, *SAMPLES]:
        data = _jsonable(read_source(path).data)
        errors = sorted(validator.iter_errors(data), key=str)
        assert not errors, f"{path.name}: {errors[0].message} at {list(errors[0].absolute_path)}"
    broken = _jsonable(read_source(MINIMAL).data)
    broken["enterprise"]["employees"] = -3
    assert list(validator.iter_errors(broken)), "the schema must reject what the model rejects"


def test_schema_to_file_is_written_atomically(runner, tmp_path):
    out = tmp_path / "schema.json"
    result = runner.invoke(main, ["schema", "--out", str(out)])
    assert result.exit_code == 0 and json.loads(out.read_text())["$schema"]
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_data_reference_is_current(runner, monkeypatch):
    """docs/data-reference.md is what `docgen schema --format markdown` produces (never stale)."""
    monkeypatch.chdir(ROOT)
    result = runner.invoke(main, ["schema", "--format", "markdown", "--example", "samples/audit-shanghai-fine-chemical.yaml"])
    assert result.exit_code == 0, result.output
    committed = (ROOT / "docs" / "data-reference.md").read_text(encoding="utf-8")
    assert committed == result.stdout, "docs/data-reference.md is stale: regenerate it (README, Development)"


def test_doctor_reports_and_exit_code(runner):
    result = runner.invoke(main, ["doctor", "--format", "json"])
    report = json.loads(result.stdout)
    names = {c["name"] for c in report["checks"]}
    assert {"Python", "LibreOffice", "中文字体", "pydantic"} <= names
    assert result.exit_code == (0 if report["ok"] else 2)
    text = runner.invoke(main, ["doctor"])
    assert "docgen 运行环境检查" in text.stdout
