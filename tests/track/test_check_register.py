"""``docgen check --register``: deadline findings for the report's enterprise, in the findings contract."""

from __future__ import annotations

import json
from datetime import date as D
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from sqlalchemy import select

from docgen.check.run import check_paths
from docgen.load import load_audit
from docgen.track.checking import RegisterCheck
from docgen.track.register import Enterprise, open_register
from tests.track.conftest import ROOT

FC = ROOT / "samples" / "audit-shanghai-fine-chemical.yaml"
NAME = "上海澄霖精细化学品有限公司"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    from docgen.render.docx import render_report_docx

    path = tmp_path_factory.mktemp("rep") / "fc-evaluation.docx"
    path.write_bytes(render_report_docx(load_audit(FC).audit, "evaluation").data)
    return path


def _edit(db, **values):
    Session = open_register(db)
    with Session.begin() as s:
        e = s.scalars(select(Enterprise).where(Enterprise.name == NAME)).one()
        for k, v in values.items():
            setattr(e, k, v)


def _trk(result):
    return [f for f in result.findings if f.rule.startswith("TRK")]


def test_on_time_enterprise_gives_no_deadline_findings(sample_db, report):
    (checked,) = check_paths([report], profile_id="shanghai-evaluation", log=None,
                             register=RegisterCheck.open(sample_db, as_of=D(2026, 11, 21)))
    assert _trk(checked.result) == []
    assert any("已按名录" in n for n in checked.result.notes)


def test_late_and_overdue_events_become_deadline_findings(sample_db, report):
    # archive after the on-site evaluation of 2025-03-27: due 2025-04-27, a Sunday that is the 劳动节
    # make-up working day (国办发明电〔2024〕12号: 4月27日上班) → no shift; archived 05-06 → 9 days late.
    # The acceptance archive (on-site 2026-05-08 → due 2026-06-08, a Monday) is missing: 166 days.
    _edit(sample_db, evaluation_archived=D(2025, 5, 6), acceptance_archived=None)
    (checked,) = check_paths([report], profile_id="shanghai-evaluation", log=None,
                             register=RegisterCheck.open(sample_db, as_of=D(2026, 11, 21)))
    late, overdue = _trk(checked.result)
    assert (late.rule, late.category, late.severity, late.status) == ("TRK-005", "deadline", "warning", "fail")
    assert late.message == f"名录记录：{NAME}「评估材料归档」逾期完成（期限 2025年4月27日，逾期 9 天完成）"
    assert overdue.message == f"名录记录：{NAME}「验收材料归档」已逾期（期限 2026年6月8日，已逾期 166 天）"
    assert "统一社会信用代码 91310116695783215E" in late.evidence
    assert checked.result.counts["warning"] >= 2
    schema = json.loads((ROOT / "docgen" / "data" / "findings.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(checked.result.to_json(), schema)


def test_matching_by_audit_data(sample_db, report):
    _edit(sample_db, acceptance_archived=None)
    audit = load_audit(FC).audit
    tracker = RegisterCheck.open(sample_db, as_of=D(2026, 11, 21))
    with tracker.Session() as s:
        from docgen.read import read_document

        e, how = tracker.find(s, read_document(report), audit)
    assert e.name == NAME and how.startswith("按审核数据中的企业")


def test_enterprise_not_in_register_is_said(tmp_path, report):
    db = tmp_path / "empty.sqlite"
    open_register(db)
    (checked,) = check_paths([report], profile_id="shanghai-evaluation", log=None,
                             register=RegisterCheck.open(db, as_of=D(2026, 11, 21)))
    (f,) = _trk(checked.result)
    assert (f.rule, f.status, f.severity, f.category) == ("TRK-000", "not_evaluable", "info", "deadline")
    assert "没有找到本报告所属的企业" in f.message


def test_cli_register_option(sample_db, report, tmp_path):
    from docgen.cli import main

    _edit(sample_db, acceptance_archived=None)
    r = CliRunner().invoke(main, ["check", str(report), "--profile", "shanghai-evaluation", "--register", str(sample_db),
                                  "--format", "json"])
    data = json.loads(r.stdout)
    assert [f["rule"] for f in data["findings"] if f["rule"].startswith("TRK")] == ["TRK-006"]
    r = CliRunner().invoke(main, ["check", str(report), "--register", str(tmp_path / "missing.sqlite")])
    assert r.exit_code == 2 and "名录数据库" in r.stderr


def test_register_findings_also_in_isolated_workers(sample_db, report):
    """``--workers`` checks each report in a worker process; the register travels as its path and
    the worker adds the same deadline findings as the in-process check."""
    from docgen.cli import main

    _edit(sample_db, acceptance_archived=None)
    args = ["check", str(report), "--profile", "shanghai-evaluation", "--register", str(sample_db), "--format", "json"]
    alone = json.loads(CliRunner().invoke(main, args).stdout)
    isolated = json.loads(CliRunner().invoke(main, [*args, "--workers", "1", "--quiet"]).stdout)
    trk = [f["rule"] for f in isolated["findings"] if f["rule"].startswith("TRK")]
    assert trk == ["TRK-006"]
    assert isolated["findings"] == alone["findings"]
