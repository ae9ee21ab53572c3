"""Recognition of every required table in the engine's own reports (three samples × evaluation and
acceptance), with captions and from the headers alone, and the round trip: zero TBL findings."""

from __future__ import annotations

import pytest

from docgen.check.context import RuleContext
from docgen.check.engine import check_document
from docgen.check.profile import load_profile
from docgen.check.tables import caption_title, recognise
from docgen.read import read_document
from docgen.read.normalize import norm
from tests.check.conftest import W, edit_docx

SAMPLES = ("audit-shanghai-fine-chemical", "audit-electroplating", "audit-packaging-printing")

# Written from the catalogue (domain.md §2.4 / §3.1), not from the output: target → caption title.
EVALUATION = {
    "T-1": "审核小组成员表", "T-2": "审核工作计划表", "T-5": "企业基本情况表", "T-6": "主要产品产量表",
    "T-7": "主要原辅材料消耗表", "T-7e": "能源消耗表", "T-8": "主要生产设备表", "T-9a": "废水产生及排放表",
    "T-9b": "废气产生及排放表", "T-9c": "固体废物产生及处置表", "T-10": "备选审核重点情况汇总表",
    "T-11": "权重总和计分排序表", "T-12": "清洁生产目标表", "T-13": "物料平衡表", "T-15": "废弃物产生原因分析表",
    "T-16": "清洁生产方案汇总表", "T-17": "方案筛选表", "T-18": "已实施无/低费方案实施效果表",
    "T-19a": "中/高费方案技术评估表", "T-19b": "中/高费方案环境评估表", "T-19c": "中/高费方案经济评估表",
    "T-20": "清洁生产水平对标表", "T-21": "方案实施计划表", "T-24": "持续清洁生产计划表",
}
ACCEPTANCE = {
    "A-1": "企业基本情况表", "A-2": "评估意见整改落实表", "A-3": "无/低费方案实施情况汇总表",
    "A-4": "中/高费方案实施情况表", "A-5": "重点企业清洁生产审核绩效表", "A-6": "方案实施前后监测数据对比表",
    "A-7": "清洁生产目标完成情况表", "A-8": "清洁生产水平对标表（审核前后）", "A-9": "持续清洁生产计划表",
}
EXPECTED = {"evaluation": EVALUATION, "acceptance": ACCEPTANCE}


def recognised(path, kind):
    profile = load_profile(f"national-2018-{kind}")
    doc = read_document(path)
    ctx = RuleContext(doc, profile.rules[0], profile, None, {})
    return doc, recognise(ctx)


@pytest.mark.parametrize("kind", ["evaluation", "acceptance"])
@pytest.mark.parametrize("sample", SAMPLES)
def test_every_required_table_is_recognised_by_caption_and_header(rendered_reports, sample, kind):
    _, found = recognised(rendered_reports[(sample, kind)], kind)
    # caption_title is in matching form: （审核前后） → (审核前后)
    expected = {t: norm(n) for t, n in EXPECTED[kind].items()}
    assert {t: caption_title(m.table.caption) for t, m in found.items()} == expected
    for target, m in found.items():
        assert m.how == "caption+header" and m.missing == [] and m.coverage == 1.0, target


def _drop_captions(root):
    for p in list(root.iter(f"{W}p")):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(f"{W}val") == "Caption":
            p.getparent().remove(p)


@pytest.mark.parametrize("kind", ["evaluation", "acceptance"])
@pytest.mark.parametrize("sample", SAMPLES)
def test_headers_alone_give_the_same_assignment(rendered_reports, tmp_path, sample, kind):
    """Measured margin: without captions every target still gets its own table (the header-only
    score of a target on any other table stays below 0.8, except the second balance table, which
    comes after the 物料平衡表 and loses the tie)."""
    src = rendered_reports[(sample, kind)]
    _, with_captions = recognised(src, kind)
    doc, bare = recognised(edit_docx(src, tmp_path / "bare.docx", _drop_captions), kind)
    assert all(t.caption is None for t in doc.tables)
    assert {t: m.table.index for t, m in bare.items()} == {t: m.table.index for t, m in with_captions.items()}
    assert all(m.how == "header" for m in bare.values())


@pytest.mark.parametrize("kind", ["evaluation", "acceptance"])
@pytest.mark.parametrize("sample", SAMPLES)
def test_round_trip_has_no_table_findings(rendered_reports, sample, kind):
    result = check_document(read_document(rendered_reports[(sample, kind)]), load_profile(f"national-2018-{kind}"))
    mine = [f for f in result.findings if f.rule.startswith("TBL-") or f.rule == "SEC-101"]
    assert mine == [], [(f.rule, f.message) for f in mine]


def test_rule_packs_declare_every_target_once():
    for kind, expected in EXPECTED.items():
        profile = load_profile(f"national-2018-{kind}")
        rules = [r for r in profile.rules if r.kind == "required_table"]
        assert sorted(r.target_id for r in rules) == sorted(expected)
        for r in rules:
            assert r.category == "table" and r.review_point and r.rationale and r.examples.get("fail")
            assert r.params["placement"] and r.params["columns"]
    acceptance = load_profile("national-2018-acceptance")
    assert [s["id"] for s in acceptance.rule("SEC-101").params["sections"]] == [f"AC{i}" for i in range(1, 9)]
