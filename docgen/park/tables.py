"""The tables of the park reports, as ``TableData`` (docgen.tables.model) for docgen.render.tablexml.

Ids ``P-n`` (the 园区清洁生产审核报告) and ``Y-n`` (only in the 园区年度清洁生产整体报告); the rule packs
(checks/park-*.yaml) name them as target ids. Headers carry the unit in （）, the form the checker's
column matching strips. Numbers are printed with the precision of docgen.numfmt (ROUND_HALF_UP);
shares as percentages with 2 decimals, so the checker can recompute the 80 % coverage from the
printed figures (docgen/check/kinds/park_coverage.py).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from docgen.calc.energy import select_energy_factor, to_standard_coal
from docgen.numfmt import fmt_number
from docgen.park.figures import SCHEME_LEVELS, ParkFigures
from docgen.park.grading import level_table
from docgen.park.model import ParkData
from docgen.tables.model import EMPTY, TableData

DIRECTION_ZH = {"lower_better": "越低越好", "higher_better": "越高越好", "reduce": "降低", "increase": "提高"}
YES, NO = "是", "否"

Builder = Callable[[ParkData, ParkFigures], TableData | None]
BUILDERS: dict[str, Builder] = {}


def builder(table_id: str):
    def register(fn: Builder) -> Builder:
        BUILDERS[table_id] = fn
        return fn
    return register


def _n(value, places: int = 2) -> str:
    return fmt_number(value, places) if value is not None else EMPTY


def _pct(fraction: Decimal | None, places: int = 2) -> str:
    return EMPTY if fraction is None else fmt_number(fraction * 100, places)


def _grid(tid: str, name: str, headers: list[str], rows: list[list], numeric: set[int], total: list | None = None,
          note: str | None = None) -> TableData:
    text = [[c if isinstance(c, str) else _n(c) for c in row] for row in rows]
    total_text = [c if isinstance(c, str) else _n(c) for c in total] if total else None
    return TableData(tid, name, [headers], text, numeric, total_text, note, raw_rows=rows, raw_total=total)


def _element_headers(elements) -> list[str]:
    """Wide tables (one column per element) use the short names: 7 elements + 4 other columns must
    fit the 15.5 cm text width of A4 portrait without numbers wrapping."""
    return [f"{e.short_name or e.name}（{e.unit}）" for e in elements]


def _chain_names(data: ParkData) -> dict[str, str]:
    return {c.id: c.name for c in data.chains}


@builder("P-1")
def team(data: ParkData, fig: ParkFigures) -> TableData:
    rows = [[m.name, m.unit, m.role, m.duty] for m in data.audit.team]
    return _grid("P-1", "园区清洁生产审核工作组成员表", ["姓名", "单位及职务", "工作组职务", "职责分工"], rows, set())


@builder("P-2")
def sources(data: ParkData, fig: ParkFigures) -> TableData:
    rows = [[str(i), s.item, s.provider, s.source] for i, s in enumerate(data.audit.data_sources, 1)]
    return _grid("P-2", "资料收集清单", ["序号", "资料名称", "提供部门/主体", "数据来源"], rows, set())


@builder("P-3")
def park_basics(data: ParkData, fig: ParkFigures) -> TableData:
    p = data.park
    rows = [["园区名称", p.name], ["所在地", p.location], ["园区级别", p.grade], ["管理机构", p.management_body],
            ["设立年份", f"{p.established}年"], ["规划面积", f"{fmt_number(p.area_km2, 1)} km²"],
            ["主导产业", "、".join(p.leading_industries)], ["规模以上工业企业数", f"{len(data.enterprises)} 家"],
            ["产业链/产业集群", "、".join(c.name for c in data.chains)]]
    if p.output_value is not None:
        rows.append(["工业总产值", f"{fmt_number(p.output_value, 2)} 亿元"])
    return _grid("P-3", "园区基本情况表", ["项目", "内容"], rows, set())


@builder("P-4")
def chains(data: ParkData, fig: ParkFigures) -> TableData:
    rows = [[c.name, c.kind, str(fig.chain_counts[c.id])] + [fig.chain_totals[c.id][e.id] for e in data.elements] for c in data.chains]
    total = ["合计", EMPTY, str(len(data.enterprises))] + [fig.totals[e.id] for e in data.elements]
    numeric = set(range(2, 3 + len(data.elements)))
    return _grid("P-4", "产业链/产业集群资源能源消耗及污染物排放汇总表", ["产业链/产业集群", "类型", "企业数"] + _element_headers(data.elements),
                 rows, numeric, total)


@builder("P-5")
def enterprises(data: ParkData, fig: ParkFigures) -> TableData:
    """One column per element that takes part in the selection (``in_selection``), so that the
    checker's coverage rule (PARK-030) can recompute the 80 % rule from exactly these columns; the
    other elements appear in the chain table and the annual change table."""
    els = [e for e in data.elements if e.in_selection]
    rows = [[str(i), ent.name] + [fig.values[ent.id][e.id] for e in els]
            + [YES if fig.control.is_member(ent.id) else NO] for i, ent in enumerate(data.enterprises, 1)]
    total = ["合计", EMPTY] + [fig.totals[e.id] for e in els] + [f"{len(fig.control.members)} 家"]
    numeric = set(range(2, 2 + len(els)))
    sources = "；".join(f"{e.short_name or e.name}：{e.source}" for e in els)
    return _grid("P-5", "企业资源能源消耗及污染物排放汇总表", ["序号", "企业名称"] + _element_headers(els) + ["重点管控"],
                 rows, numeric, total, note=f"数据年份 {data.audit.base_year} 年。数据来源：{sources}。企业所属产业链见表「园区重点管控企业名单」及产业链汇总表。")


@builder("P-6")
def energy(data: ParkData, fig: ParkFigures) -> TableData | None:
    rows = []
    for ent in data.enterprises:
        for use in ent.energy:
            factor = select_energy_factor(use.carrier)
            rows.append([ent.name, factor.name_zh, use.amount, use.unit, f"{factor.value} {factor.unit}",
                         to_standard_coal(use.amount, use.unit, use.carrier)])
    if not rows:
        return None
    coal = next(e.id for e in data.elements if e.standard_coal)
    total = ["合计", EMPTY, EMPTY, EMPTY, EMPTY, fig.totals[coal]]
    return _grid("P-6", "企业能源消费量折标准煤计算表", ["企业名称", "能源品种", "实物量", "计量单位", "折标准煤系数", "折标准煤（tce）"],
                 rows, {2, 5}, total, note="折标准煤系数取 GB/T 2589-2020《综合能耗计算通则》附录A 参考值，电力按当量值折算。")


@builder("P-7")
def control_list(data: ParkData, fig: ParkFigures) -> TableData:
    names = {e.id: e.name for e in data.elements}
    chain = _chain_names(data)
    ents = {e.id: e for e in data.enterprises}
    rows = [[str(i), ents[m].name, chain[ents[m].chain], ents[m].permit_management, "、".join(names[x] for x in fig.control.reasons[m])]
            for i, m in enumerate(fig.control.members, 1)]
    return _grid("P-7", "园区重点管控企业名单", ["序号", "企业名称", "所属产业链/产业集群", "排污许可管理类别", "入选依据（要素）"], rows, set())


@builder("P-8")
def selection_steps(data: ParkData, fig: ParkFigures) -> TableData:
    ents = {e.id: e.name for e in data.enterprises}
    rows = []
    for el in data.elements:
        sel = fig.control.elements.get(el.id)
        if sel is None or sel.not_applicable:
            continue
        for rank, r in enumerate(sel.ranking, 1):
            if r.selected:
                rows.append([el.name, str(rank), ents[r.enterprise], r.value, _pct(r.share), _pct(r.cumulative)])
    pct = fmt_number(fig.control.threshold * 100, 0)
    return _grid("P-8", "重点管控名单筛选过程表（按要素）", ["要素", "位次", "企业名称", "数值", "占园区比例（%）", "累计占比（%）"],
                 rows, {3, 4, 5}, note=f"各要素按企业数值由大到小排序，依次选取至累计占比不低于 {pct}% 为止；数值相同的企业按数据文件中的顺序排列。")


@builder("P-9")
def coverage(data: ParkData, fig: ParkFigures) -> TableData:
    c = fig.control
    rows = [[e.name, e.unit, c.totals[e.id], c.listed_totals[e.id], _pct(c.coverage[e.id]), str(len(c.elements[e.id].selected))]
            for e in data.elements if e.id in c.elements]
    pct = fmt_number(c.threshold * 100, 0)
    return _grid("P-9", "重点管控名单要素覆盖情况表", ["要素", "单位", "园区合计", "名单企业合计", "名单企业占比（%）", "按该要素入选企业数"],
                 rows, {2, 3, 4, 5}, note=f"名单企业占比 = 名单企业合计 / 园区合计，均应不低于 {pct}%（《产业园区清洁生产审核指南》）。")


def _grades(ind) -> list[str]:
    g = ind.grades or {}
    return [_n(g.get(k), 2) if g.get(k) is not None else EMPTY for k in ("I", "II", "III")]


@builder("P-10")
def indicator_system(data: ParkData, fig: ParkFigures) -> TableData:
    w = data.grading.class_weights
    if data.grading.method == "graded":
        rows = [[i.level1, w[i.level1], i.name, i.unit, i.weight, DIRECTION_ZH[i.direction]] + _grades(i) + [i.source] for i in data.indicators]
        headers = ["一级指标", "一级指标权重", "二级指标", "单位", "二级指标权重", "指标方向", "I级基准值", "II级基准值", "III级基准值", "数据来源"]
        numeric = {1, 4, 6, 7, 8}
    else:
        rows = [[i.level1, w[i.level1], i.name, i.unit, i.weight, DIRECTION_ZH[i.direction], i.benchmark, i.source] for i in data.indicators]
        headers = ["一级指标", "一级指标权重", "二级指标", "单位", "二级指标权重", "指标方向", "基准值", "数据来源"]
        numeric = {1, 4, 6}
    return _grid("P-10", "园区清洁生产审核指标体系表", headers, rows, numeric)


@builder("P-11")
def indicator_evaluation(data: ParkData, fig: ParkFigures) -> TableData:
    g = fig.grading
    if g.method == "graded":
        rows = [[i.level1, i.name, i.unit, DIRECTION_ZH[i.direction], i.current] + _grades(i)
                + [f"{g.indicators[i.id].best}级" if g.indicators[i.id].best else "未达到III级", YES if i.limiting else NO]
                for i in data.indicators]
        headers = ["一级指标", "二级指标", "单位", "指标方向", "园区现状值", "I级基准值", "II级基准值", "III级基准值", "达到级别", "限定性指标"]
        numeric = {4, 5, 6, 7}
    else:
        rows = [[i.level1, i.name, i.unit, DIRECTION_ZH[i.direction], i.current, i.benchmark, g.indicators[i.id].score]
                for i in data.indicators]
        headers = ["一级指标", "二级指标", "单位", "指标方向", "园区现状值", "基准值", "得分"]
        numeric = {4, 5, 6}
    return _grid("P-11", "园区清洁生产水平评价表", headers, rows, numeric)


@builder("P-12")
def index_table(data: ParkData, fig: ParkFigures) -> TableData:
    g = fig.grading
    if g.method == "graded":
        rules = level_table(data.grading).rules
        rows = [[f"{r.level}级", r.label_zh, g.index[r.level], f"≥ {fmt_number(r.index_min, 0)}",
                 YES if g.index[r.level] >= r.index_min else NO] for r in rules]
        return _grid("P-12", "园区清洁生产综合评价指数计算表", ["级别", "水平", "综合评价指数", "指数要求", "指数是否达到"], rows, {2},
                     note=f"评价结论：{g.reason_zh}。")
    rows = [["综合得分", g.index["S"], g.label_zh]]
    return _grid("P-12", "园区清洁生产综合评价指数计算表", ["项目", "得分", "评价等级"], rows, {1}, note=f"评价结论：{g.reason_zh}。")


@builder("P-13")
def enterprise_findings(data: ParkData, fig: ParkFigures) -> TableData:
    rows = [[e.name, "；".join(e.findings) or EMPTY, "；".join(e.directions) or EMPTY]
            for e in data.enterprises if fig.control.is_member(e.id) and (e.findings or e.directions)]
    return _grid("P-13", "重点管控企业审核发现及审核方向表", ["企业名称", "主要问题", "审核方向"], rows, set())


def _subject(data: ParkData, s) -> str:
    if s.level == "企业":
        return next(e.name for e in data.enterprises if e.id == s.subject)
    if s.level == "产业链/产业集群":
        return _chain_names(data)[s.subject]
    return data.park.short_name or data.park.name


@builder("P-14")
def schemes(data: ParkData, fig: ParkFigures) -> TableData:
    rows = [[s.id, s.level, s.name, _subject(data, s), s.content, s.investment, s.status] for s in data.schemes]
    total = ["合计", EMPTY, f"{len(data.schemes)} 项", EMPTY, EMPTY, fig.scheme_total.investment, EMPTY]
    return _grid("P-14", "清洁生产改进方案汇总表", ["编号", "方案层级", "方案名称", "实施主体", "主要内容", "投资（万元）", "实施状态"],
                 rows, {5}, total)


@builder("P-15")
def scheme_levels(data: ParkData, fig: ParkFigures) -> TableData:
    rows = [[lv, str(fig.schemes[lv].count), str(fig.schemes[lv].done), fig.schemes[lv].investment, fig.schemes[lv].benefit]
            for lv in SCHEME_LEVELS]
    t = fig.scheme_total
    total = ["合计", str(t.count), str(t.done), t.investment, t.benefit]
    return _grid("P-15", "改进方案分级统计表", ["方案层级", "方案数（项）", "已实施（项）", "投资（万元）", "经济效益（万元/a）"],
                 rows, {1, 2, 3, 4}, total)


@builder("P-16")
def effects(data: ParkData, fig: ParkFigures) -> TableData:
    used = [e for e in data.elements if fig.reductions[e.id] > 0]
    rows = [[s.id, s.name, s.economic_benefit] + [s.reductions.get(e.id, Decimal(0)) for e in used] for s in data.schemes]
    total = ["合计", EMPTY, fig.scheme_total.benefit] + [fig.reductions[e.id] for e in used]
    headers = ["编号", "方案名称", "经济效益（万元/a）"] + [f"{e.short_name or e.name}削减量（{e.unit}）" for e in used]
    return _grid("P-16", "方案实施效果汇总表", headers, rows, set(range(2, 3 + len(used))), total)


@builder("P-17")
def targets(data: ParkData, fig: ParkFigures) -> TableData:
    rows = []
    for i, t in enumerate(data.targets, 1):
        a = fig.achievements[t.id]
        rows.append([str(i), t.name, t.unit, DIRECTION_ZH[t.direction], t.horizon, t.baseline, t.target, t.actual,
                     a.status if a else "尚未到期"])
    return _grid("P-17", "园区清洁生产目标及完成情况表", ["序号", "指标", "单位", "方向", "期限", "现状值", "目标值", "实际值", "完成情况"],
                 rows, {5, 6, 7})


@builder("P-18")
def access_list(data: ParkData, fig: ParkFigures) -> TableData:
    rows = [[str(i), a.category, a.requirement, a.basis] for i, a in enumerate(data.continuity.access_list, 1)]
    return _grid("P-18", "园区清洁生产准入清单", ["序号", "类别", "准入要求", "依据"], rows, set())


@builder("P-19")
def mechanisms(data: ParkData, fig: ParkFigures) -> TableData:
    rows = [[m.name, m.content] for m in data.continuity.mechanisms]
    return _grid("P-19", "园区持续清洁生产长效机制表", ["机制", "主要内容"], rows, set())


@builder("Y-1")
def annual_change(data: ParkData, fig: ParkFigures) -> TableData | None:
    if data.annual is None:
        return None
    rows = []
    for e in data.elements:
        prev = data.annual.previous_totals.get(e.id)
        now = fig.totals[e.id]
        change = None if prev is None else now - prev
        rate = None if not prev else change / prev
        rows.append([e.name, e.unit, prev, now, change, _pct(rate)])
    y = data.annual.year
    return _grid("Y-1", "园区年度资源能源消耗及污染物排放变化表", ["要素", "单位", f"上年度（{y - 1}年）", f"本年度（{y}年）", "变化量", "变化率（%）"],
                 rows, {2, 3, 4, 5}, note="变化量 = 本年度 − 上年度，负值表示下降；变化率 = 变化量 / 上年度。")


def build(data: ParkData, fig: ParkFigures, ids: list[str]) -> list[TableData]:
    out = []
    for tid in ids:
        t = BUILDERS[tid](data, fig)
        if t is not None:
            out.append(t)
    return out
