"""``list_coverage`` and ``target_attainment``: two relations of an industry-wide audit report.

``list_coverage`` — the 审核企业名单 covers enough of the industry. Seed 002's 环境影响突出原则 asks
for the enterprises with large emissions, GHG intensity and unit consumption; the share that makes
a list "enough" is seed 004's 80 % (重点管控名单: 资源、能源、污染物排放占总量 80% 以上), applied to
the industry [inferred]. From the census table (every enterprise, a 是否纳入名单 column and figure
columns) the rule recomputes, per figure column, Σ listed / Σ all, reports a share below the
``threshold``, and compares it with a summary table (名单企业合计, 名单企业占比) when one is given.

params: ``table`` (census spec; concepts ``selected`` and those in ``columns``), ``columns`` (concept
ids of the figure columns, e.g. [pollutant, energy]), ``selected_values`` (default [是, √, ✓]),
``threshold`` (default 0.8), ``summary`` (spec, optional; concepts ``indicator``, ``listed_total``,
``share``).

``target_attainment`` — the 是否达标 of each 清洁生产目标 follows from its figures (seed 002: 清洁生产
目标达标情况 is the first performance indicator). Direction from the row itself: a target below the
现状值 is a reduction (met when 实际值 ≤ 目标值), above it an increase (met when 实际值 ≥ 目标值).
Rows without an 实际值 (中远期 targets) are skipped; a stated 达标 that the figures contradict, or the
reverse, is a finding.

params: ``table`` (spec; concepts ``baseline``, ``target``, ``actual``, ``status``), ``met_words``
(default [达标, 完成, 超额完成, 是]), ``not_met_words`` (default [未达标, 未完成, 否]).
"""

from __future__ import annotations

from decimal import Decimal

from docgen.check.kinds import NotEvaluableRule, kind
from docgen.check.kinds.industry_common import cell_text, same, table_and_columns
from docgen.check.kinds.numeric import column_name, detail_rows, loc, number_at, row_label, table_name
from docgen.check.numbers import Interval
from docgen.check.tables import split_unit
from docgen.read.normalize import norm


@kind("list_coverage")
def list_coverage(ctx):
    p = ctx.params
    figures = list(p.get("columns", []))
    match, cols = table_and_columns(ctx, p["table"], ["selected"] + figures)
    if cols.get("selected") is None:
        raise NotEvaluableRule(f"{table_name(match.table)}中没有“是否纳入名单”列，无法核算名单覆盖率")
    yes = [str(v) for v in p.get("selected_values", ["是", "√", "✓"])]
    threshold = Decimal(str(p.get("threshold", "0.8")))
    rows = detail_rows(match)[0]
    summary = None
    if p.get("summary"):
        s_match, s_cols = table_and_columns(ctx, p["summary"], ["indicator", "listed_total", "share"], required=False)
        if s_match is not None:
            summary = (s_match, s_cols, detail_rows(s_match)[0])
    checked = 0
    for concept in figures:
        c = cols.get(concept)
        if c is None:
            continue
        total = listed = Interval.exact(0)
        n_listed = 0
        for t, r in rows:
            num = number_at(t, r, c)
            if num is None:
                continue
            total = total + num.interval()
            if any(same(cell_text(t, r, cols["selected"]), v) for v in yes):
                listed = listed + num.interval()
                n_listed += 1
        if total.hi <= 0:
            continue
        checked += 1
        share_iv = listed / total if total.lo > 0 else Interval.exact(listed.point / total.point)
        share = share_iv.point
        name = split_unit(column_name(match.table, c))[0]
        evidence = f"名单 {n_listed} 家 Σ{name} = {listed.point} ÷ 全部 {len(rows)} 家 Σ = {total.point} → {share * 100:.2f}%"
        if share_iv.hi < threshold:
            yield ctx.finding(f"审核企业名单的{name}仅占全行业的 {share * 100:.2f}%，低于 {threshold * 100:.0f}%",
                              evidence=evidence, location=loc(match.table, None, c),
                              suggestion="按环境影响突出原则补充排放量（能耗）大的企业，使名单覆盖全行业的主要排放。")
        if summary is not None:
            yield from _compare_summary(ctx, summary, name, listed, share_iv, evidence)
    if not checked:
        raise NotEvaluableRule(f"{table_name(match.table)}中未找到可核算覆盖率的数值列")


def _compare_summary(ctx, summary, name: str, listed: Interval, share: Interval, evidence: str):
    """The summary table's 名单企业合计 and 占比 can stand for the recomputed ones (intervals meet)."""
    s_match, s_cols, s_rows = summary
    for t, r in s_rows:
        if norm(cell_text(t, r, s_cols.get("indicator"))) != norm(name):
            continue
        printed_total = number_at(t, r, s_cols["listed_total"]) if s_cols.get("listed_total") is not None else None
        if printed_total is not None and not printed_total.interval().meets(listed):
            yield ctx.finding(f"{table_name(t)}中名单企业{name}合计写 {printed_total.text}，按名单确定表应为 {listed.point}",
                              evidence=evidence, location=loc(t, r, s_cols["listed_total"]),
                              suggestion="名单企业合计应等于名单确定表中纳入名单企业的数值之和。")
        printed_share = number_at(t, r, s_cols["share"]) if s_cols.get("share") is not None else None
        if printed_share is not None and not any(iv.meets(share) for iv in printed_share.rate_readings()):
            yield ctx.finding(f"{table_name(t)}中名单企业{name}占比写 {printed_share.text}，按名单确定表应为 {share.point * 100:.2f}%",
                              evidence=evidence, location=loc(t, r, s_cols["share"]),
                              suggestion="占比 = 名单企业合计 ÷ 全行业合计。")


def _claims(text: str, met_words, not_met_words) -> bool | None:
    if any(norm(w) in norm(text) for w in not_met_words):
        return False
    if any(norm(w) in norm(text) for w in met_words):
        return True
    return None


@kind("target_attainment")
def target_attainment(ctx):
    p = ctx.params
    met_words = p.get("met_words", ["达标", "完成", "超额完成", "是"])
    not_met_words = p.get("not_met_words", ["未达标", "未完成", "否"])
    match, cols = table_and_columns(ctx, p["table"], ["baseline", "target", "actual", "status"])
    missing = [k for k in ("baseline", "target", "actual", "status") if cols.get(k) is None]
    if missing:
        raise NotEvaluableRule(f"{table_name(match.table)}缺少列：{'、'.join(missing)}，无法判断目标是否达标")
    checked = 0
    for t, r in detail_rows(match)[0]:
        nums = {k: number_at(t, r, cols[k]) for k in ("baseline", "target", "actual")}
        claim = _claims(cell_text(t, r, cols["status"]), met_words, not_met_words)
        if any(v is None for v in nums.values()) or claim is None or nums["target"].value == nums["baseline"].value:
            continue
        checked += 1
        base, target, actual = (nums[k].value for k in ("baseline", "target", "actual"))
        reduce = target < base
        met = actual <= target if reduce else actual >= target
        if met == claim:
            continue
        label = row_label(t, r, {cols["baseline"], cols["target"], cols["actual"], cols["status"]})
        rule = f"实际值 {nums['actual'].text} {'≤' if reduce else '≥'} 目标值 {nums['target'].text}" if met else \
            f"实际值 {nums['actual'].text} {'>' if reduce else '<'} 目标值 {nums['target'].text}"
        yield ctx.finding(f"目标“{label}”写“{cell_text(t, r, cols['status'])}”，但{rule}（{'降低' if reduce else '提高'}类指标），应为“{'达标' if met else '未达标'}”",
                          evidence=f"现状值 {nums['baseline'].text}，目标值 {nums['target'].text}，实际值 {nums['actual'].text}",
                          location=loc(t, r, cols["status"]), suggestion="请按实际值与目标值的比较结果填写是否达标。")
    if not checked:
        raise NotEvaluableRule(f"{table_name(match.table)}中没有同时给出现状值、目标值、实际值和达标结论的目标")
