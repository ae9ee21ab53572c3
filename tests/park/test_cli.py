"""``docgen park validate|calc|render`` and ``docgen check`` on park reports: exit codes, Chinese
messages with field path and line, no overwrite without --force."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import SAMPLE

from docgen.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def _broken(tmp_path, old: str, new: str):
    text = SAMPLE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "park.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text.splitlines().index(next(x for x in text.splitlines() if old.strip() in x)) + 1
    return path, line


def test_validate_ok():
    r = run("park", "validate", str(SAMPLE))
    assert r.exit_code == 0 and "数据有效" in r.output


def test_validate_reports_path_and_line(tmp_path):
    path, line = _broken(tmp_path, "chain: C3\n", "chain: C9\n")
    r = run("park", "validate", str(path))
    assert r.exit_code == 2
    assert "enterprises[9].chain: 产业链/产业集群「C9」未在 chains 中定义" in r.output and f"第 {line} 行" in r.output


def test_validate_reports_negative_value_and_weights(tmp_path):
    path, _ = _broken(tmp_path, "资源能源利用: 0.35", "资源能源利用: 0.45")
    r = run("park", "validate", str(path))
    assert r.exit_code == 2 and "一级指标权重之和应为 1，实为 1.10" in r.output
    path, _ = _broken(tmp_path, "values: {water: 185,", "values: {water: -185,")
    r = run("park", "validate", str(path))
    assert r.exit_code == 2 and "enterprises[0].values.water: 必须 ≥ 0" in r.output


def test_validate_missing_element_value(tmp_path):
    path, _ = _broken(tmp_path, "values: {water: 185, cod: 38.5,", "values: {water: 185,")
    r = run("park", "validate", str(path))
    assert r.exit_code == 2 and "缺少要素「cod」" in r.output


def test_calc_json():
    r = run("park", "calc", str(SAMPLE), "--format", "json")
    assert r.exit_code == 0
    out = json.loads(r.stdout)
    assert out["control_list"]["members"] == ["E01", "E02", "E03", "E04", "E06", "E08", "E10", "E11", "E13", "E17"]
    assert out["grading"]["level"] == "III" and out["schemes"]["合计"]["count"] == 15
    assert out["targets"]["G4"]["status"] == "未完成"  # 提高: 72.5 < 75


def test_render_refuses_to_overwrite(tmp_path):
    r = run("park", "render", str(SAMPLE), "--out", str(tmp_path), "--kind", "audit")
    assert r.exit_code == 0
    (docx,) = list(tmp_path.glob("*.docx"))
    before = docx.read_bytes()
    r = run("park", "render", str(SAMPLE), "--out", str(tmp_path), "--kind", "audit")
    assert r.exit_code == 2 and "已存在" in r.output and docx.read_bytes() == before
    assert run("park", "render", str(SAMPLE), "--out", str(tmp_path), "--kind", "audit", "--force").exit_code == 0


def test_check_picks_the_park_pack_by_itself(tmp_path):
    assert run("park", "render", str(SAMPLE), "--out", str(tmp_path)).exit_code == 0
    for docx in tmp_path.glob("*.docx"):
        r = run("check", str(docx), "--format", "json")
        assert r.exit_code == 0, r.output
        assert "park-" in r.output


def test_yaml_syntax_error_and_missing_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("park:\n  name: [unclosed\n", encoding="utf-8")
    r = run("park", "validate", str(bad))
    assert r.exit_code == 2 and "第" in r.output
    r = run("park", "calc", str(tmp_path / "none.yaml"))
    assert r.exit_code == 2 and "文件不存在" in r.output


def test_annual_year_other_than_base_year_is_a_warning(tmp_path):
    path, _ = _broken(tmp_path, "  year: 2024\n", "  year: 2025\n")
    r = run("park", "validate", str(path))
    assert r.exit_code == 0 and "[警告] annual.year" in r.output


def test_schema_lists_the_top_level_keys():
    r = run("park", "schema")
    assert r.exit_code == 0
    props = json.loads(r.stdout)["properties"]
    assert {"park", "enterprises", "elements", "indicators", "grading", "schemes", "continuity", "annual"} <= set(props)
