"""合计 rows and recomputed cells against sums written here with plain Decimal arithmetic.

domain.md §7.8: rule 1 (every 合计 = Σ rows: T-16, T-18, A-5), rule 8 (经济效益 = 节能降耗 +
削减污染物排放), rule 11 (物料平衡 差值 = Σ输入 − Σ输出), rule 12 (T-11 S = Σ W×R). The
expected values come from the model's raw fields, never from the builder code.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from tables_helpers import SAMPLES, fmt2, load, parse_number

from docgen.derive import derive_figures
from docgen.tables import build_table

ZERO = Decimal(0)


@pytest.fixture(scope="module", params=SAMPLES, ids=lambda p: p.stem)
def sample(request):
    audit = load(request.param)
    return audit, derive_figures(audit)


def test_t16_totals(sample):
    audit, figures = sample
    table = build_table(audit, "T-16", figures)
    invest = ZERO
    benefit = ZERO
    for s in audit.schemes:
        invest += s.investment
        benefit += s.expected_economic_benefit
    assert table.total_row[table.column("预计投资（万元）")] == fmt2(invest)
    assert table.total_row[table.column("预计效果/经济效益（万元/a）")] == fmt2(benefit)
    low = len([s for s in audit.schemes if s.cost_class == "无/低费"])
    assert f"无/低费 {low} 项" in table.total_row[2]
    assert len(table.rows) == len(audit.schemes)


def test_t18_totals(sample):
    audit, figures = sample
    done = [s for s in audit.schemes if s.cost_class == "无/低费" and s.status == "已实施"]
    table = build_table(audit, "T-18", figures)
    if not done:
        assert table is None
        return
    invest = ZERO
    benefit = ZERO
    for s in done:
        invest += s.actual_investment if s.actual_investment is not None else s.investment
        benefit += s.actual_economic_benefit if s.actual_economic_benefit is not None else s.expected_economic_benefit
    assert table.total_row[table.column("投资（万元）")] == fmt2(invest)
    assert table.total_row[table.column("经济效益（万元/a）")] == fmt2(benefit)
    # the 节能量 total is the sum of the printed rows' exact values
    col = table.column("环境效益/节能量（tce/a）")
    rows_tce = sum((r[col] for r in table.raw_rows if r[col] is not None), ZERO)
    if table.raw_total[col] is not None:
        assert table.raw_total[col] == rows_tce


def test_a5_economic_total(sample):
    audit, figures = sample
    table = build_table(audit, "A-5", figures)
    post = audit.post_audit
    if post is None:
        assert table is None
        return
    expected = post.economic_benefit_energy + post.economic_benefit_pollution
    col = table.column("削减（节约）量")
    assert table.total_row[col] == fmt2(expected)
    parts = [parse_number(r[col]) for r in table.rows if r[0] == "经济效益"]
    assert sum(parts, ZERO) == parse_number(table.total_row[col])
    # every indicator row: 削减量 = 审核前 − 审核后 (rule 2), on the raw values
    for raw in table.raw_rows:
        before, after, reduction = raw[3], raw[4], raw[5]
        if before is not None and after is not None:
            assert reduction == before - after, raw


def test_t11_scores_are_weighted_sums(sample):
    audit, figures = sample
    table = build_table(audit, "T-11", figures)
    focus = audit.audit_focus
    weights = {f.name: f.weight for f in focus.factors}
    total_row = next(r for r in table.rows if r[0].startswith("总分"))
    rank_row = next(r for r in table.rows if r[0] == "排序")
    scores = {}
    for k, c in enumerate(focus.candidates):
        expected = ZERO
        for name, w in weights.items():
            expected += w * c.ratings[name]
        scores[c.id] = expected
        weighted_col = 2 + 2 * k + 1
        assert table.header_rows[0][weighted_col] == c.name
        assert parse_number(total_row[weighted_col]) == expected
        for i, f in enumerate(focus.factors):
            assert parse_number(table.rows[i][weighted_col]) == f.weight * c.ratings[f.name]
    best = max(scores.values())
    for k, c in enumerate(focus.candidates):
        if scores[c.id] == best:
            assert rank_row[2 + 2 * k + 1] == "1"
    assert scores[focus.selected] == best or focus.justification


def test_t13_difference_is_inputs_minus_outputs(sample):
    audit, figures = sample
    mb = audit.material_balance
    table = build_table(audit, "T-13", figures)
    total_in = ZERO
    total_out = ZERO
    for x in mb.inputs:
        total_in += x.amount
    for x in mb.outputs:
        total_out += x.amount
    qty = 3
    by_name = {r[1]: (r, raw) for r, raw in zip(table.rows, table.raw_rows)}
    assert by_name["输入总计"][1][qty] == total_in
    assert by_name["输出总计"][1][qty] == total_out
    diff_row, diff_raw = by_name["差值（输入总计−输出总计）"]
    assert diff_raw[qty] == total_in - total_out
    printed = parse_number(diff_row[qty])
    assert printed == (total_in - total_out).quantize(printed, rounding=ROUND_HALF_UP)
    rate_raw = by_name["偏差率"][1][qty]
    assert rate_raw == (total_in - total_out) / total_in


def test_t14_and_t7e_totals(sample):
    audit, figures = sample
    if audit.water_balance is not None:
        table = build_table(audit, "T-14", figures)
        fresh = ZERO
        for u in audit.water_balance.units:
            fresh += u.fresh
        assert table.raw_total[1] == fresh
    table = build_table(audit, "T-7e", figures)
    n = len(audit.baseline.years)
    for j in range(n):
        col = 2 + n + 1 + j
        column_sum = ZERO
        for raw in table.raw_rows:
            if raw[col] is not None:
                column_sum += raw[col]
        assert table.raw_total[col] == column_sum
