"""The catalogue YAML: complete against domain.md, well-formed, and wired to a builder."""

from __future__ import annotations

import pytest

from docgen.tables import load_catalogue, specs_for
from docgen.tables.build import BUILDERS
from docgen.tables.catalogue import CatalogueError, parse_catalogue

# domain.md §2.4 (T-1 … T-24; T-4 is named in §2.3 1.5) and §3.1 (A-1 … A-9, A-5 = 绩效表 §3.2).
DOMAIN_EVALUATION_IDS = [
    "T-1", "T-2", "T-3", "T-4", "T-5", "T-6", "T-7", "T-7e", "T-7w", "T-8",
    "T-9a", "T-9b", "T-9c", "T-9d", "T-10", "T-11", "T-12", "T-13", "T-14", "T-15",
    "T-16", "T-17", "T-18", "T-19a", "T-19b", "T-19c", "T-20", "T-21", "T-22", "T-23", "T-24",
]
DOMAIN_ACCEPTANCE_IDS = ["A-1", "A-2", "A-3", "A-4", "A-5", "A-6", "A-7", "A-8", "A-9"]

# Tables whose entry in domain.md starts with a [src: …] tag (seen in a real form or source).
SOURCED = {"T-1", "T-2", "T-5", "T-6", "T-7", "T-10", "T-12", "T-13", "T-18", "T-20", "T-22", "T-23", "A-5"}

# §7.8 rule 1 names T-16, T-18, T-21, T-22 and the 绩效表; T-7e (Σ 折标煤 = 综合能耗, rule 3),
# T-7w (新鲜水合计), T-14 (水平衡合计) and the acceptance option tables A-3/A-4 (their T-18/T-21
# counterparts) add theirs.
WITH_TOTAL = {"T-16", "T-18", "T-21", "T-22", "A-5", "T-7e", "T-7w", "T-14", "A-3", "A-4"}

NAMES = {
    "T-1": "审核小组成员表", "T-2": "审核工作计划表", "T-11": "权重总和计分排序表", "T-13": "物料平衡表",
    "T-16": "清洁生产方案汇总表", "T-19c": "中/高费方案经济评估表", "T-23": "清洁生产目标完成情况表",
}


def test_catalogue_lists_every_domain_id():
    catalogue = load_catalogue()
    assert set(DOMAIN_EVALUATION_IDS + DOMAIN_ACCEPTANCE_IDS) <= set(catalogue)
    assert [s.id for s in specs_for("acceptance")] == DOMAIN_ACCEPTANCE_IDS
    assert sorted(s.id for s in specs_for("evaluation")) == sorted(DOMAIN_EVALUATION_IDS)


def test_names_and_performance_table():
    catalogue = load_catalogue()
    for tid, name in NAMES.items():
        assert catalogue[tid].name == name
    assert "绩效表" in catalogue["A-5"].aliases
    assert "绩效表" in catalogue["A-5"].name


def test_source_tags_follow_domain_md():
    for spec in load_catalogue().values():
        assert spec.source.startswith(("[src", "[domain knowledge, to verify]")), spec.id
        assert spec.sourced == (spec.id in SOURCED), spec.id


def test_placement_kinds_and_totals():
    for spec in load_catalogue().values():
        if spec.id.startswith("T-"):
            assert spec.kinds == ("evaluation",) and spec.placement in {"前言", "S1", "S2", "S3", "S4", "S5", "S6", "S7"}
        else:
            assert spec.kinds == ("acceptance",) and spec.placement in {str(n) for n in range(1, 8)}
        assert spec.total_row == (spec.id in WITH_TOTAL), spec.id
    assert load_catalogue()["T-13"].summary_rows[-1] == "偏差率"


def test_columns_numeric_have_precision_and_units_in_headers():
    catalogue = load_catalogue()
    for spec in catalogue.values():
        assert spec.columns, spec.id
        for col in spec.columns:
            if col.numeric:
                assert col.places is not None or col.precision in ("unit", "natural", "sig"), (spec.id, col.header)
    headers = {c.header for c in catalogue["T-16"].columns}
    assert "预计投资（万元）" in headers and "预计效果/经济效益（万元/a）" in headers
    assert catalogue["T-7"].columns[3].header == "近三年消耗量/{year}年"
    assert catalogue["T-7"].columns[3].repeat == "years"
    assert catalogue["T-5"].layout == catalogue["A-1"].layout == "key_value"
    assert [c.header for c in catalogue["A-1"].columns] == ["项目", "内容"]


def test_every_table_has_a_builder():
    assert set(load_catalogue()) <= set(BUILDERS)


def test_parse_rejects_mistakes():
    good = "tables:\n  - {id: X-1, name: 表, kinds: [evaluation], placement: S1, total_row: false, source: '[src: x]', columns: [{header: a}]}\n"
    assert "X-1" in parse_catalogue(good)
    with pytest.raises(CatalogueError):
        parse_catalogue(good + good.split("\n", 1)[1])  # duplicate id
    with pytest.raises(CatalogueError):
        parse_catalogue(good.replace("S1", "S9"))
    with pytest.raises(CatalogueError):
        parse_catalogue(good.replace("{header: a}", "{header: '{nope}'}"))
    with pytest.raises(CatalogueError):
        parse_catalogue(good.replace("{header: a}", "{header: a, numeric: true}"))
