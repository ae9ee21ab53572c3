"""`docgen validate` rejects broken copies with the field path and the line of the mistake.

Each case edits one spot of tests/data/minimal-audit.yaml; the expected line is found by searching
the edited text for the edited line (independent of the loader), the expected path and wording
come from the model and the rule.
"""

import pytest

from docgen.load import load_audit


def _line_of(text: str, needle: str) -> int:
    """1-based line containing ``needle`` (``^`` prefix: the line starts with it)."""
    if needle.startswith("^"):
        lines = [i for i, line in enumerate(text.splitlines(), 1) if line.startswith(needle[1:])]
    else:
        lines = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(lines) == 1, f"needle {needle!r} must be unique, found on {lines}"
    return lines[0]


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# (case id, old text, new text, expected path, message fragment, line needle (in edited text))
CASES = [
    ("negative-investment", "investment: 120\n", "investment: -120\n",
     "schemes[2].investment", "必须 ≥ 0", "investment: -120"),
    ("credit-code-check-digit", "credit_code: 91350100M000100Y43", "credit_code: 91350100M000100Y44",
     "enterprise.credit_code", "第18位应为 3", "credit_code: 91350100M000100Y44"),
    ("missing-required-field", "  legal_representative: 张三\n", "",
     "enterprise.legal_representative", "缺少必填字段", "enterprise:"),
    ("unknown-field-typo", "  employees: 120", "  employes: 120",
     "enterprise.employes", "不认识的字段", "employes: 120"),
    ("impossible-date", "founded: 2005-06-01", "founded: 2005-02-30",
     "enterprise.founded", "不是有效日期", "founded: 2005-02-30"),
    ("enum-value", "  type: 强制性", "  type: 强制",
     "audit.type", "取值只能是", "type: 强制"),
    ("dates-out-of-order", "evaluation_onsite: 2025-03-15", "evaluation_onsite: 2025-02-01",
     "audit.timeline.evaluation_onsite", "早于评估申请", "evaluation_onsite: 2025-02-01"),
    ("focus-not-a-candidate", "  selected: C1", "  selected: C9",
     "audit_focus.selected", "不是备选审核重点之一", "selected: C9"),
    ("duplicate-scheme-id", "  - {id: F2, name: 冷却水循环利用", "  - {id: F1, name: 冷却水循环利用",
     "schemes", "方案编号「F1」重复", "^schemes:"),
    ("unknown-unit", "{name: 产品A, unit: t,", "{name: 产品A, unit: t/y,",
     "baseline.products[0].unit", "t/y", "unit: t/y"),
    ("low-cost-over-threshold", "cost_class: 无/低费, proposed_stage: S2, description: 空压机加装变频器, investment: 5,",
     "cost_class: 无/低费, proposed_stage: S2, description: 空压机加装变频器, investment: 15,",
     "schemes[0].cost_class", "应为中/高费方案", "investment: 15,"),
    ("missing-year", "consumption: {2021: 50, 2022: 55, 2023: 60}", "consumption: {2021: 50, 2022: 55}",
     "baseline.materials[0].consumption", "缺少 2023 年数据", "consumption: {2021: 50, 2022: 55}"),
    ("stated-total-wrong", "  stated_difference: 15", "  stated_difference: 43",
     "material_balance.stated_difference", "与各项之和 15 不一致", "stated_difference: 43"),
    ("unknown-energy-carrier", "carrier: natural_gas, unit: 万m³", "carrier: natgas, unit: 万m³",
     "baseline.energy[1].carrier", "没有「natgas」", "carrier: natgas"),
    ("rating-missing-factor", "{id: C2, name: 包装车间, ratings: {废弃物量: 5, 主要消耗: 6}}",
     "{id: C2, name: 包装车间, ratings: {废弃物量: 5}}",
     "audit_focus.candidates[1].ratings", "缺少因素评分：主要消耗", "name: 包装车间"),
    ("level-weights", "      weight: 0.6", "      weight: 0.7",
     "level.classes", "一级指标权重之和为 1.1", "^  classes:"),
    ("stated-energy-total", "stated_energy_total: {2021: 244.33", "stated_energy_total: {2021: 240.00",
     "baseline.stated_energy_total[2021]", "244.33 tce", "stated_energy_total:"),
    ("mandatory-without-reason", "  mandatory_reasons: [双有]\n", "  mandatory_reasons: []\n",
     "audit.mandatory_reasons", "须写明原因", "mandatory_reasons: []"),
    ("hazardous-without-code", "category: 危险废物, hw_code: HW06 900-404-06,", "category: 危险废物,",
     "baseline.solid_waste[0].hw_code", "须填写《国家危险废物名录》代码", "{name: 废溶剂, category: 危险废物, process"),
    ("target-wrong-direction", "baseline: 0.25, near_term: 0.23", "baseline: 0.25, near_term: 0.27",
     "targets[0].near_term", "应低于现状值 0.25", "near_term: 0.27"),
    ("auditor-not-in-staff", "  auditors: [钱七]", "  auditors: [孙八]",
     "report.auditors[0]", "不在咨询机构人员表", "auditors: [孙八]"),
    ("high-cost-without-feasibility", None, None, None, None, None),
]


@pytest.mark.parametrize("case", [c for c in CASES if c[1] is not None], ids=lambda c: c[0])
def test_mistake_is_reported_with_path_and_line(case, minimal_text, write_yaml):
    _, old, new, path, fragment, needle = case
    text = _edit(minimal_text, old, new)
    result = load_audit(write_yaml(text))
    assert not result.ok
    matching = [p for p in result.errors if p.render().startswith(path + ":") and fragment in p.message]
    assert matching, "\n".join(p.render() for p in result.problems)
    assert matching[0].line == _line_of(text, needle)


def test_high_cost_without_feasibility(minimal_text, write_yaml):
    start = minimal_text.index("    feasibility:\n")
    end = minimal_text.index("    status: 已实施\n    actual_start: 2025-04-01")
    text = minimal_text[:start] + minimal_text[end:]
    result = load_audit(write_yaml(text))
    msgs = [p.render() for p in result.errors]
    assert any(m.startswith("schemes[2].feasibility:") and "缺少可行性分析" in m for m in msgs), msgs


def test_all_problems_come_back_at_once(minimal_text, write_yaml):
    text = _edit(minimal_text, "employees: 120", "employees: -5")
    text = _edit(text, "investment: 120\n", "investment: -1\n")
    text = _edit(text, "founded: 2005-06-01", "founded: yesterday")
    result = load_audit(write_yaml(text))
    paths = {p.render().split(":")[0] for p in result.errors}
    assert {"enterprise.employees", "schemes[2].investment", "enterprise.founded"} <= paths


def test_duplicate_key_and_syntax_error(minimal_text, write_yaml):
    text = _edit(minimal_text, "  employees: 120\n", "  employees: 120\n  employees: 130\n")
    result = load_audit(write_yaml(text))
    dup = [p for p in result.errors if "重复的键" in p.message]
    assert dup and dup[0].line == _line_of(text, "employees: 130")

    broken = _edit(minimal_text, "  scope: 全厂生产及辅助设施", "  scope: [全厂生产及辅助设施")
    result = load_audit(write_yaml(broken))
    assert result.audit is None and "YAML 语法错误" in result.errors[0].message
    assert result.errors[0].line is not None


def test_top_level_not_a_mapping(write_yaml):
    result = load_audit(write_yaml("- a\n- b\n"))
    assert not result.ok and "顶层应为键值对" in result.errors[0].message


def test_valid_fixture_has_no_problems(minimal_text, write_yaml):
    result = load_audit(write_yaml(minimal_text))
    assert result.ok and result.problems == [], [p.render() for p in result.problems]


def test_json_input_is_equivalent(minimal_text, tmp_path):
    import json

    from docgen.load.source import parse_yaml_text

    data = parse_yaml_text(minimal_text).data
    path = tmp_path / "audit.json"
    def plain(value):  # JSON has numbers and strings: write Decimals as numbers, dates as text
        from decimal import Decimal

        return float(value) if isinstance(value, Decimal) else str(value)

    path.write_text(json.dumps(data, ensure_ascii=False, default=plain, indent=2), encoding="utf-8")
    result = load_audit(path)
    assert result.ok, [p.render() for p in result.problems]
    assert result.audit.enterprise.name == "上海测试化工有限公司"
