"""The tables of the 《行业清洁生产审核报告》 and of the per-enterprise sheet, as ``TableData``.

Why ``TableData`` and ``ColumnSpec`` of docgen.tables: the renderer (docgen.render.tablexml) lays
them out with the template's styles, and cells print with the report precision of docgen.numfmt —
so an industry report looks and reads (for the checker) like an enterprise report. Ids are
``I-n`` (report body), ``I-An`` (附表) and ``E-n`` (enterprise sheet), never the enterprise
catalogue's ``T-``/``A-`` ids. Every 合计 is computed here from the rows, never typed.

Table names are the seeds' words where they exist (审核企业名单, 审核重点, 清洁生产目标, 行业层面方案,
企业层面方案, 先进适用技术推荐目录, 绩效评估 items of seed 002); column layouts are [inferred] from
the enterprise report's tables (domain.md §2.4), since neither seed publishes a table layout.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from docgen.numfmt import fmt_date
from docgen.tables.build import header_rows
from docgen.tables.catalogue import ColumnSpec
from docgen.tables.cells import Pct, render
from docgen.tables.model import TableData

from .calc import BASIS_NAMES, BASIS_UNITS, TOP_LEVELS, IndustryFigures, enterprise_schemes, totals
from .model import LEVELS, Enterprise, IndustryAuditData

Col = tuple  # (header, places | None for text[, group])


def _columns(cols: Sequence[Col]) -> list[ColumnSpec]:
    out = []
    for col in cols:
        header, places = col[0], col[1]
        group = col[2] if len(col) > 2 else None
        out.append(ColumnSpec(f"{group}/{header}" if group else header, places is not None, places, "fixed", group, header))
    return out


def make(table_id: str, name: str, cols: Sequence[Col], rows: list[list], total: list | None = None,
         note: str | None = None) -> TableData:
    columns = _columns(cols)
    for row in rows + ([total] if total else []):
        if len(row) != len(columns):
            raise ValueError(f"{table_id}: 行宽 {len(row)} ≠ 表头 {len(columns)}")
    return TableData(
        id=table_id, name=name, header_rows=header_rows(columns),
        rows=[[render(c, columns[i]) for i, c in enumerate(row)] for row in rows],
        numeric_cols={i for i, c in enumerate(columns) if c.numeric},
        total_row=[render(c, columns[i]) for i, c in enumerate(total)] if total else None,
        note=note,
    )


def _sum(values) -> Decimal:
    return sum((Decimal(v) for v in values if v is not None), Decimal(0))


def _pct(value: Decimal | None) -> Pct:
    return Pct(value, 2)


class ReportTables:
    """Builds every table of one report from the data and its figures."""

    def __init__(self, data: IndustryAuditData, figures: IndustryFigures):
        self.data, self.fig = data, figures
        self.listed = data.listed
        self.unit = "t/a"
        self.pol = data.audit.main_pollutant

    def all(self) -> list[TableData]:
        """Every table the data supports (the indicator tables need ``indicator_system``)."""
        names = [n for n in dir(self) if n.startswith("t_")]
        tables = [getattr(self, n)() for n in sorted(names, key=lambda n: int(n.split("_")[1]))]
        return [t for t in tables if t is not None]

    # ── 审核准备 ────────────────────────────────────────────────────────────────
    def t_1_team(self):
        rows = [[i + 1, m.name, m.organisation, m.role, m.title, m.duty] for i, m in enumerate(self.data.team)]
        return make("I-1", "审核小组成员表", [("序号", None), ("姓名", None), ("单位", None), ("审核小组职务", None),
                                          ("职务/职称", None), ("职责分工", None)], rows)

    def t_2_plan(self):
        rows = [[s.stage, s.content, f"{fmt_date(s.start)}—{fmt_date(s.end)}", s.output] for s in self.data.plan]
        return make("I-2", "审核工作计划表", [("阶段", None), ("工作内容", None), ("时间安排", None), ("产出", None)], rows)

    def t_3_census(self):
        before = self.fig.before
        rows = [[i + 1, e.name, e.town, e.scale, e.process, e.permit, e.baseline.pollutant, before[e.id].energy,
                 "是" if e.selected else "否", "、".join(e.principles) or "—"] for i, e in enumerate(self.data.enterprises)]
        total = ["合计", f"共 {len(rows)} 家", "—", "—", "—", "—", _sum(e.baseline.pollutant for e in self.data.enterprises),
                 _sum(t.energy for t in before.values()), f"{len(self.listed)} 家", "—"]
        return make("I-3", "行业企业基本情况及审核企业名单确定表",
                    [("序号", None), ("企业名称", None), ("所在街镇", None), ("企业规模", None), ("主要生产工艺", None),
                     ("排污许可管理类别", None), (f"{self.pol}排放量（t/a）", 2), ("综合能耗（tce/a）", 2),
                     ("是否纳入名单", None), ("入选原则", None)], rows, total,
                    note=f"数据来源：{self.data.audit.baseline_year}年排污许可执行报告及能源统计；综合能耗按GB/T 2589—2020折算。")

    def t_4_coverage(self):
        rows = []
        for c in self.fig.coverage:
            unit = BASIS_UNITS[c.basis]
            name = f"{self.pol}排放量" if c.basis == "pollutant" else BASIS_NAMES[c.basis]
            rows.append([name, unit, c.industry_total, c.listed_total, _pct(c.share), _pct(c.threshold), "是" if c.met else "否"])
        return make("I-4", "审核企业名单覆盖情况表",
                    [("指标", None), ("单位", None), ("全行业合计", 2), ("名单企业合计", 2), ("名单企业占比", None),
                     ("覆盖率要求", None), ("是否满足", None)], rows)

    # ── 审核 ────────────────────────────────────────────────────────────────────
    def t_5_distribution(self):
        rows = []
        for label, key in (("企业规模", "scale"), ("地域分布", "town"), ("工艺类型", "kind")):
            groups: dict[str, list[Enterprise]] = {}
            for e in self.listed:
                value = _process_kind(e.process) if key == "kind" else getattr(e, key)
                groups.setdefault(value, []).append(e)
            for value, members in groups.items():
                rows.append([label, value, len(members), _sum(m.baseline.pollutant for m in members)])
        return make("I-5", "审核企业名单代表性分析表",
                    [("分类", None), ("类别", None), ("企业数（家）", 0), (f"{self.pol}排放量（t/a）", 2)], rows,
                    note=f"每一分类的企业数之和均为名单企业总数 {len(self.listed)} 家。")

    def t_6_baseline(self):
        rows, before = [], self.fig.before
        for i, e in enumerate(self.listed):
            t = before[e.id]
            rows.append([i + 1, e.name, t.output_value, t.pollutant, t.energy, t.co2, t.water, t.energy_intensity])
        total = ["合计", "—"] + [_sum(before[e.id].get(k) for e in self.listed)
                                for k in ("output_value", "pollutant", "energy", "co2", "water")] + [None]
        return make("I-6", "名单企业现状数据汇总表",
                    [("序号", None), ("企业名称", None), ("工业总产值（万元）", 1), (f"{self.pol}排放量（t/a）", 2),
                     ("综合能耗（tce/a）", 2), ("二氧化碳排放量（tCO2/a）", 2), ("新鲜水用量（m³/a）", 0),
                     ("单位产值综合能耗（tce/万元）", 4)], rows, total)

    def t_7_levels_before(self):
        return self._levels("I-7", "企业清洁生产水平分级统计表（审核前）", before_only=True)

    def t_8_focus(self):
        rows = [[i + 1, f.orientation, f.title, f.link, f.reason] for i, f in enumerate(self.data.focus)]
        return make("I-8", "审核重点表", [("序号", None), ("导向", None), ("审核重点", None), ("对应环节", None),
                                        ("确定理由", None)], rows)

    def t_9_targets(self):
        rows = []
        for t in self.data.targets:
            change = (t.baseline - t.target) if t.direction == "降低" else (t.target - t.baseline)
            rate = change / t.baseline if t.baseline else None
            rows.append([t.category, t.indicator, t.unit, t.baseline, t.target, _pct(rate), t.term])
        return make("I-9", "清洁生产目标表", [("目标类别", None), ("指标", None), ("单位", None), ("现状值", 2),
                                            ("目标值", 2), ("削减/提升幅度", None), ("期限", None)], rows)

    def t_10_common(self):
        rows = [[d.id, d.orientation, d.problem, d.cause, d.method] for d in self.data.diagnosis if d.dimension == "行业共性"]
        return make("I-10", "行业共性问题诊断表", [("编号", None), ("导向", None), ("问题", None), ("原因分析", None),
                                               ("诊断方法", None)], rows)

    def t_11_individual(self):
        names = {e.id: e.name for e in self.data.enterprises}
        rows = [[d.id, "、".join(names[i] for i in d.enterprises), d.problem, d.cause, d.method]
                for d in self.data.diagnosis if d.dimension == "企业个性"]
        return make("I-11", "企业个性问题诊断表", [("编号", None), ("涉及企业", None), ("问题", None), ("原因分析", None),
                                               ("诊断方法", None)], rows)

    # ── 方案产生和确定 ────────────────────────────────────────────────────────────
    def t_12_catalogue(self):
        rows = [[t.id, t.name, t.category, t.applicability, t.effect, t.investment] for t in self.data.technologies]
        return make("I-12", "行业清洁生产先进适用技术推荐目录",
                    [("编号", None), ("技术名称", None), ("技术类别", None), ("适用条件", None), ("主要效果", None),
                     ("参考投资", None)], rows)

    def t_13_library(self):
        users = Counter(s.industry_scheme for s in self.data.enterprise_schemes if s.industry_scheme)
        adopters = {h.id: len({s.enterprise for s in self.data.enterprise_schemes if s.industry_scheme == h.id})
                    for h in self.data.industry_schemes}
        rows = [[h.id, h.name, h.kind, h.content, "、".join(h.problems), "、".join(h.technologies) or "—", h.period,
                 adopters[h.id], users[h.id]] for h in self.data.industry_schemes]
        return make("I-13", "行业层面清洁生产方案库",
                    [("编号", None), ("方案名称", None), ("方案类型", None), ("主要内容", None), ("针对问题", None),
                     ("推荐技术", None), ("实施周期", None), ("采用企业数（家）", 0), ("企业方案数（项）", 0)], rows)

    def t_14_per_enterprise(self):
        rows = []
        for i, e in enumerate(self.listed):
            mine = enterprise_schemes(self.data, e)
            low = sum(1 for s in mine if s.cost_class == "无/低费")
            rows.append([i + 1, e.name, low, len(mine) - low, len(mine), _sum(s.investment for s in mine),
                         _sum(s.benefit for s in mine)])
        total = ["合计", "—"] + [_sum(r[k] for r in rows) for k in range(2, 7)]
        return make("I-14", "企业层面清洁生产方案汇总表",
                    [("序号", None), ("企业名称", None), ("无/低费方案（项）", 0), ("中/高费方案（项）", 0), ("方案总数（项）", 0),
                     ("投资（万元）", 1), ("年经济效益（万元/a）", 1)], rows, total)

    # ── 方案实施 ────────────────────────────────────────────────────────────────
    def t_15_implementation(self):
        rows = []
        schemes = self.data.enterprise_schemes
        for kind in dict.fromkeys(s.kind for s in schemes):
            mine = [s for s in schemes if s.kind == kind]
            rows.append([kind, len(mine)] + [sum(1 for s in mine if s.status == st) for st in ("已实施", "实施中", "计划实施")]
                        + [_sum(s.investment for s in mine)])
        total = ["合计"] + [_sum(r[k] for r in rows) for k in range(1, 6)]
        return make("I-15", "企业层面方案实施情况统计表",
                    [("方案类型", None), ("方案数（项）", 0), ("已实施（项）", 0), ("实施中（项）", 0), ("计划实施（项）", 0),
                     ("投资（万元）", 1)], rows, total)

    # ── 绩效评估和持续清洁生产 ──────────────────────────────────────────────────
    def t_16_attainment(self):
        rows = [[r.target.category, r.target.indicator, r.target.unit, r.target.baseline, r.target.target, r.actual,
                 r.status if r.met is not None else f"{r.target.term}目标，跟踪考核"] for r in self.fig.targets]
        return make("I-16", "清洁生产目标完成情况表",
                    [("目标类别", None), ("指标", None), ("单位", None), ("现状值", 2), ("目标值", 2), ("实际值", 2),
                     ("是否达标", None)], rows)

    def _reduction_rows(self, keys):
        names = {"pollutant": f"{self.pol}排放量", "energy": "综合能耗", "co2": "二氧化碳排放量", "water": "新鲜水用量"}
        rows = []
        for key in keys:
            r = self.fig.reductions.get(key)
            if r is not None:
                rows.append([names[key], BASIS_UNITS[key], r.before, r.after, r.amount, _pct(r.rate)])
        return rows

    _RED_COLS = [("指标", None), ("单位", None), ("审核前", 2), ("审核后", 2), ("削减量", 2), ("削减率", None)]

    def t_17_pollutants(self):
        return make("I-17", "污染物减排情况表", self._RED_COLS, self._reduction_rows(("pollutant", "water")))

    def t_18_ghg(self):
        return make("I-18", "温室气体减排情况表", self._RED_COLS, self._reduction_rows(("energy", "co2")),
                    note=f"二氧化碳排放因子取 {self.data.audit.co2_table} 因子表；综合能耗按GB/T 2589—2020当量值折算。")

    def t_19_levels(self):
        return self._levels("I-19", "企业清洁生产水平分级统计表（审核前后）", before_only=False)

    def t_20_return(self):
        rows = []
        for cls in ("无/低费", "中/高费"):
            mine = [s for s in self.data.enterprise_schemes if s.cost_class == cls]
            inv, ben = _sum(s.investment for s in mine), _sum(s.benefit for s in mine)
            rows.append([cls, len(mine), inv, ben])
        total = ["合计"] + [_sum(r[k] for r in rows) for k in range(1, 4)]
        return make("I-20", "投入产出效益表", [("费用类别", None), ("方案数（项）", 0), ("投资（万元）", 1),
                                            ("年经济效益（万元/a）", 1)], rows, total)

    def _levels(self, table_id: str, name: str, *, before_only: bool) -> TableData:
        n = len(self.listed)
        b, a = self.fig.levels_before, self.fig.levels_after
        if before_only:
            rows = [[lv, b[lv], _pct(Decimal(b[lv]) / n)] for lv in LEVELS]
            total = ["合计", sum(b.values()), _pct(Decimal(sum(b.values())) / n)]
            cols = [("清洁生产水平", None), ("审核前企业数（家）", 0), ("审核前占比", None)]
        else:
            rows = [[lv, b[lv], _pct(Decimal(b[lv]) / n), a[lv], _pct(Decimal(a[lv]) / n)] for lv in LEVELS]
            total = ["合计", sum(b.values()), _pct(Decimal(sum(b.values())) / n), sum(a.values()),
                     _pct(Decimal(sum(a.values())) / n)]
            cols = [("清洁生产水平", None), ("审核前企业数（家）", 0), ("审核前占比", None),
                    ("审核后企业数（家）", 0), ("审核后占比", None)]
        return make(table_id, name, cols, rows, total,
                    note=f"按{self.data.industry.indicator_system}对标评估；{'、'.join(TOP_LEVELS)}分别对应国际领先、国内先进水平。")

    # ── 清洁生产水平对标评估 (indicator system and grading) ─────────────────────────────
    def t_24_indicator_system(self):
        system = self.data.indicator_system
        if system is None:
            return None
        rows = []
        for cls in system.classes:
            for ind in cls.indicators:
                b = ind.benchmarks
                rows.append([cls.name, cls.weight, ind.name, ind.unit, ind.weight, ind.direction,
                             b.get("I"), b.get("II"), b.get("III"), "是" if ind.limiting else "否"])
        return make("I-21", "行业清洁生产评价指标体系表",
                    [("一级指标", None), ("一级指标权重", 2), ("二级指标", None), ("单位", None), ("二级指标权重", 2),
                     ("指标方向", None), ("I级基准值", None), ("II级基准值", None), ("III级基准值", None), ("限定性指标", None)],
                    rows, note=system.source)

    def _grading(self, table_id: str, name: str, when: str):
        from .grading import graded_level

        system = self.data.indicator_system
        graded = [(e, getattr(e, f"indicators_{when}")) for e in self.listed]
        if system is None or not any(v for _, v in graded):
            return None
        rows = []
        for i, (e, values) in enumerate(graded):
            if not values:
                rows.append([i + 1, e.name, None, None, None, getattr(e, f"level_{when}") or "—"])
                continue
            level, result = graded_level(system, values)
            rows.append([i + 1, e.name, result.index["I"], result.index["II"], result.index["III"], level])
        return make(table_id, name, [("序号", None), ("企业名称", None), ("综合评价指数YI", 2), ("综合评价指数YII", 2),
                                     ("综合评价指数YIII", 2), ("清洁生产水平", None)], rows,
                    note="按GB/T 43329综合评价指数法：YI、YII≥85且限定性指标达到相应级别为I级、II级；YIII=100且限定性指标达到III级为III级。")

    def t_25_grading_before(self):
        return self._grading("I-22", "名单企业清洁生产水平对标评估表（审核前）", "before")

    def t_26_grading_after(self):
        return self._grading("I-23", "名单企业清洁生产水平对标评估表（审核后）", "after")

    # ── 附表 ────────────────────────────────────────────────────────────────────
    def t_31_annex_list(self):
        rows = [[i + 1, e.name, e.scale, e.process, "、".join(e.principles), e.level_before, e.level_after]
                for i, e in enumerate(self.listed)]
        return make("I-A1", "审核企业名单", [("序号", None), ("企业名称", None), ("企业规模", None), ("主要生产工艺", None),
                                        ("入选原则", None), ("审核前水平", None), ("审核后水平", None)], rows)

    def t_32_annex_schemes(self):
        names = {e.id: e.name for e in self.data.enterprises}
        rows = [[i + 1, names[s.enterprise], s.name, s.kind, s.cost_class, s.industry_scheme or "—", s.investment, s.benefit, s.status]
                for i, s in enumerate(self.data.enterprise_schemes)]
        total = ["合计", f"共 {len(rows)} 项", "—", "—", "—", "—", _sum(s.investment for s in self.data.enterprise_schemes),
                 _sum(s.benefit for s in self.data.enterprise_schemes), "—"]
        return make("I-A2", "企业层面清洁生产方案清单",
                    [("序号", None), ("企业名称", None), ("方案名称", None), ("方案类型", None), ("费用类别", None),
                     ("对应行业方案", None), ("投资（万元）", 1), ("年经济效益（万元/a）", 1), ("实施状态", None)], rows, total)

    def t_33_annex_performance(self):
        rows, b, a = [], self.fig.before, self.fig.after
        listed = [e for e in self.listed if e.id in a]
        for i, e in enumerate(listed):
            rows.append([i + 1, e.name, b[e.id].pollutant, a[e.id].pollutant, b[e.id].energy, a[e.id].energy,
                         b[e.id].co2, a[e.id].co2])
        total = ["合计", "—"] + [_sum(src[e.id].get(k) for e in listed) for k in ("pollutant", "energy", "co2") for src in (b, a)]
        return make("I-A3", "名单企业绩效汇总表",
                    [("序号", None), ("企业名称", None), ("审核前", 2, f"{self.pol}排放量（t/a）"), ("审核后", 2, f"{self.pol}排放量（t/a）"),
                     ("审核前", 2, "综合能耗（tce/a）"), ("审核后", 2, "综合能耗（tce/a）"),
                     ("审核前", 2, "二氧化碳排放量（tCO2/a）"), ("审核后", 2, "二氧化碳排放量（tCO2/a）")], rows, total)


def _process_kind(process: str) -> str:
    """The leading process of an enterprise (代表性: 主要生产工艺类型)."""
    for key in ("凹版印刷", "平版胶印", "柔性版印刷", "金属印刷", "丝网印刷", "数码印刷"):
        if process.startswith(key):
            return key
    return process.split("、")[0]


# ── the per-enterprise sheet ────────────────────────────────────────────────────────────────────

def sheet_tables(data: IndustryAuditData, figures: IndustryFigures, e: Enterprise) -> list[TableData]:
    """The tables of one enterprise's 企业清洁生产审核简表 (E-1 … E-5)."""
    pol = data.audit.main_pollutant
    info = [["企业名称", e.name], ["所在街镇", e.town], ["企业规模", e.scale], ["主要产品", e.products],
            ["主要生产工艺", e.process], ["排污许可管理类别", e.permit],
            ["特征污染物", "、".join(e.characteristic_pollutants) or "—"], ["入选原则", "、".join(e.principles)]]
    t1 = make("E-1", "企业基本情况表", [("项目", None), ("内容", None)], info)
    before = figures.before[e.id]
    after = figures.after.get(e.id) or (totals(e.after, data.audit.co2_table) if e.after else None)
    rows = [["清洁生产水平", "—", e.level_before, e.level_after, "—", "—"]]
    for key, label, unit in (("pollutant", f"{pol}排放量", "t/a"), ("energy", "综合能耗", "tce/a"),
                             ("co2", "二氧化碳排放量", "tCO2/a"), ("water", "新鲜水用量", "m³/a")):
        b = before.get(key)
        a = after.get(key) if after else None
        rows.append([label, unit, b, a, (b - a) if a is not None else None,
                     _pct((b - a) / b) if a is not None and b else _pct(None)])
    t2 = make("E-2", "审核前后清洁生产水平及绩效对比表",
              [("指标", None), ("单位", None), ("审核前", 2), ("审核后", 2), ("削减量", 2), ("削减率", None)], rows)
    problems = [[d.id, d.dimension, d.problem, d.method] for d in data.diagnosis
                if d.dimension == "行业共性" or e.id in d.enterprises]
    t3 = make("E-3", "问题诊断表", [("编号", None), ("维度", None), ("问题", None), ("诊断方法", None)], problems)
    mine = enterprise_schemes(data, e)
    srows = [[i + 1, s.name, s.kind, s.cost_class, s.industry_scheme or "—", s.investment, s.benefit, s.status]
             for i, s in enumerate(mine)]
    total = ["合计", f"共 {len(mine)} 项", "—", "—", "—", _sum(s.investment for s in mine), _sum(s.benefit for s in mine), "—"]
    t4 = make("E-4", "企业清洁生产方案表",
              [("序号", None), ("方案名称", None), ("方案类型", None), ("费用类别", None), ("对应行业方案", None),
               ("投资（万元）", 1), ("年经济效益（万元/a）", 1), ("实施状态", None)], srows, total)
    return [t1, t2, t3, t4]
