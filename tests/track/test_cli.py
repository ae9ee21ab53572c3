"""``docgen track``: exit codes, stdout/stderr split, --db as a path or a URL."""

from __future__ import annotations

import json
import shutil

from click.testing import CliRunner
from openpyxl import load_workbook

from docgen.cli import main
from tests.track.conftest import SAMPLE


def run(*args, cwd=None):
    runner = CliRunner()
    return runner.invoke(main, list(args), catch_exceptions=False)


def test_import_status_quarterly_export(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)                       # the default register lives in the working directory
    r = run("track", "import", str(SAMPLE))
    assert r.exit_code == 0 and "新增企业 12 家" in r.stderr
    assert (tmp_path / "docgen-register.sqlite").exists()
    r = run("track", "status", "--as-of", "2026-11-21", "--format", "json")
    data = json.loads(r.stdout)
    assert r.exit_code == 0 and data["counts"]["overdue"] == 3 and data["as_of"] == "2026-11-21"
    r = run("track", "status", "--as-of", "2026-11-21")
    assert "[已逾期] 上海临港电镀有限公司" in r.stdout and "2027 年的法定节假日安排尚未收录" in r.stdout
    r = run("track", "status", "--as-of", "2026-11-21", "--format", "xlsx", "--out", "s.xlsx")
    assert r.exit_code == 0 and load_workbook(tmp_path / "s.xlsx").active["A2"].value == "企业名称"
    r = run("track", "quarterly", "--year", "2026", "--quarter", "3", "--date", "2026-10-09", "--out", "q")
    assert r.exit_code == 0 and len(r.stdout.split()) == 4 and "附表4：4 条名单调整" in r.stderr
    r = run("track", "quarterly", "--year", "2026", "--quarter", "3", "--out", "q")
    assert r.exit_code == 2 and "已存在" in r.stderr
    r = run("track", "export", "out.csv")
    assert r.exit_code == 0 and (tmp_path / "out-名单调整.csv").exists()


def test_malformed_import_exits_2_and_keeps_the_register(tmp_path):
    db = str(tmp_path / "r.sqlite")
    assert run("track", "import", str(SAMPLE), "--db", db).exit_code == 0
    bad = tmp_path / "bad.xlsx"
    shutil.copy(SAMPLE, bad)
    wb = load_workbook(bad)
    wb["企业名录"]["F2"] = "2024-13-01"
    wb.save(bad)
    r = run("track", "import", str(bad), "--db", db)
    assert r.exit_code == 2
    assert "拒绝：工作表「企业名录」 第 2 行「名单公布时间」" in r.stderr and "名录保持原样" in r.stderr
    r = run("track", "import", str(bad), "--db", db, "--skip-invalid", "--format", "json")
    assert r.exit_code == 3 and json.loads(r.stdout)["updated"] == 11
    r = run("track", "status", "--db", db, "--as-of", "2026-11-21", "--format", "json")
    assert len(json.loads(r.stdout)["enterprises"]) == 12


def test_db_url_and_missing_db(tmp_path):
    url = f"sqlite:///{tmp_path / 'u.sqlite'}"
    assert run("track", "import", str(SAMPLE), "--db", url).exit_code == 0
    assert run("track", "status", "--db", url, "--as-of", "2026-11-21").exit_code == 0
    r = run("track", "status", "--db", str(tmp_path / "none.sqlite"))
    assert r.exit_code == 2 and "不存在" in r.stderr and "docgen track import" in r.stderr
    r = run("track", "status", "--db", "nosuchdialect://x")
    assert r.exit_code == 2 and "无法打开名录数据库" in r.stderr


def test_bad_date_option_is_a_usage_error(tmp_path):
    r = run("track", "status", "--db", str(tmp_path / "x.sqlite"), "--as-of", "2026-02-30")
    assert r.exit_code == 2 and "2026年2月只有28天" in r.stderr


def test_due_command():
    r = run("track", "due", "2026-01-17", "--months", "1")
    assert r.stdout.strip() == "2026-02-24" and "春节" in r.stderr
    r = run("track", "due", "2026-12-31", "--months", "1")
    assert r.stdout.strip() == "2027-02-01" and "2027 年的法定节假日安排尚未收录" in r.stderr


def test_postgresql_url_without_driver_is_a_clear_error():
    r = run("track", "status", "--db", "postgresql+psycopg://u@127.0.0.1:1/db")
    assert r.exit_code == 2 and "缺少数据库驱动 psycopg" in r.stderr


def test_wuhan_enterprise_uses_its_own_rules(tmp_path):
    from docgen.track.sheets import ENTERPRISE_HEADER

    header = ["企业名称", "适用期限规则", "名单公布时间", "信息公开时间", "审核启动时间"]
    assert set(header) <= set(ENTERPRISE_HEADER)
    src = tmp_path / "wh.csv"
    src.write_text(",".join(header) + "\n武汉某化工有限公司,wuhan,2026-01-20,2026-02-10,2026-03-10\n", encoding="utf-8")
    db = str(tmp_path / "w.sqlite")
    assert run("track", "import", str(src), "--db", db).exit_code == 0
    (e,) = json.loads(run("track", "status", "--db", db, "--as-of", "2026-11-21", "--format", "json").stdout)["enterprises"]
    ev = next(d for d in e["deadlines"] if d["id"] == "evaluation")
    # Wuhan: 评估申请 within the listing year → 2026-12-31 (a Thursday), 40 days after 11-21
    assert (e["rule_set"], ev["due"], ev["state"], ev["days"]) == ("wuhan", "2026-12-31", "pending", 40)
    bad = tmp_path / "bad.csv"
    bad.write_text(",".join(header) + "\n某公司,beijing,2026-01-20,,\n", encoding="utf-8")
    r = run("track", "import", str(bad), "--db", db)
    assert r.exit_code == 2 and "没有名为「beijing」的期限规则" in r.stderr
