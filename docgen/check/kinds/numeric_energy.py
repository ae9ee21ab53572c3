"""``product_column``: a result column is the product of a quantity and a factor — 折标准煤 =
实物消耗量 × 折标系数 in the energy table T-7e (domain.md §7.8 rule 3, GB/T 2589-2020 综合能耗计算通则).

Why it matters: 综合能耗 feeds the 单位产品综合能耗, the targets and the savings claimed for every
scheme; a wrong 折标准煤 figure (a factor in kgce/kWh applied to 万kWh, a 当量值/等价值 mix-up, a typo)
silently moves all of them. The check recomputes each row from the printed quantity, in the unit of
the row (万kWh, 万m³, t …, converted through docgen.calc.units), and the printed factor (with its
unit, e.g. 0.1229 kgce/kWh), into the unit of the result column (tce), with the interval tolerance
of the printed figures. When the table prints no factor (no column, or "—"), the factor is taken
from the project's factor table (docgen.calc.factors, GB/T 2589-2020 附录A by default) for the
carrier named in the row — and the evidence says which factor was assumed, so a reviewer can see
that a different (declared) coefficient would explain a difference.

Several years side by side (近三年消耗量/2021年 … and 折标准煤/2021年 …) are paired by their lower
header level (the year); a single quantity and result column are paired directly.

params:

* ``table`` — spec or target id; concepts named by ``quantity`` (default ``quantity``), ``result``
  (default ``result``), ``factor`` (default ``factor``, optional in the table), ``carrier`` (default
  ``carrier``: the energy name) and ``unit_column`` (default ``unit``: the row's physical unit);
* ``result_unit`` — the unit of the result when its header shows none (default tce);
* ``carriers`` — {name as written: factor-table key}, e.g. {电力: electricity, 天然气: natural_gas,
  蒸汽: steam}: the longest name contained in the row's carrier cell wins;
* ``factor_table`` (default gbt2589-2020), ``electricity_basis`` (calorific = 当量值 (default) |
  generation = 等价值) and ``generation_factor_key`` for the assumed factors;
* ``check_factors`` (default false): instead of the products, compare each PRINTED factor with the
  reference values of the factor table for that carrier (every variant: natural_gas and its
  Shanghai DB31 value; electricity 当量值 and 等价值) — a separate, warning-level rule, since a
  measured heating value may legitimately differ (§7.8 rule 3: "coefficients match the declared
  standard version").
"""

from __future__ import annotations

from functools import lru_cache

from docgen.calc.energy import select_energy_factor
from docgen.calc.errors import CalcError, UnitError
from docgen.calc.factors import Factor, resolve_table
from docgen.check.kinds import NotEvaluableRule, kind
from docgen.check.kinds.numeric import (
    blank_unless_figure,
    cell_unit,
    cnorm,
    column_name,
    column_unit,
    concept_column,
    find_tables,
    fmt,
    fmt_tol,
    loc,
    number_at,
    origin_cell,
    row_label,
    table_name,
)
from docgen.check.numbers import (
    Interval,
    ParsedNumber,
    convert_interval,
    known_unit,
    parse_number,
)
from docgen.check.tables import column_score, header_names


def _aliases(spec, concept: str) -> list[str]:
    for c in (spec.get("columns", []) if isinstance(spec, dict) else []):
        if c["id"] == concept:
            return [a for a in [c.get("name", "")] + list(c.get("aliases", [])) if a]
    return [concept]


def _pairs(table, spec, quantity: str, result: str) -> list[tuple[int, int]]:
    """(quantity column, result column) pairs: by the lower header level when several years."""
    q_cols = [c for c in range(table.n_cols) if column_score(table, c, _aliases(spec, quantity))]
    r_cols = [c for c in range(table.n_cols) if column_score(table, c, _aliases(spec, result))]
    q_cols = [c for c in q_cols if c not in r_cols]
    if not q_cols or not r_cols:
        return []
    if len(q_cols) == 1 and len(r_cols) == 1:
        return [(q_cols[0], r_cols[0])]

    def tail(c):
        names = header_names(table, c)
        return names[-2] if len(names) > 1 else (names[0] if names else "")

    by_tail = {tail(c): c for c in r_cols}
    pairs = [(q, by_tail[tail(q)]) for q in q_cols if tail(q) in by_tail]
    if not pairs and len(q_cols) == len(r_cols):
        pairs = list(zip(q_cols, r_cols))
    return pairs


def carrier_key(text: str, carriers: dict[str, str], form: str | None = None) -> str | None:
    """The carrier key of the longest carrier name contained in the text (``form``: its matching
    form when known, e.g. ``Cell.norm``)."""
    t = cnorm(text) if form is None else form
    for name_form, name in _carrier_forms(tuple(carriers)):
        if name_form in t:
            return carriers[name]
    return None


@lru_cache(maxsize=64)
def _carrier_forms(names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(matching form, name) of the carrier names, longest name first, empty forms left out (rule
    data: sorted and normalised once, not for every row)."""
    return tuple((cnorm(name), name) for name in sorted(names, key=len, reverse=True) if cnorm(name))


def _reference(ctx, key: str) -> Factor:
    p = ctx.params
    return select_energy_factor(key, p.get("factor_table"), p.get("electricity_basis", "calorific"),
                                p.get("generation_factor_key"))


def multiply(q: Interval, q_unit: str | None, k: Interval, k_unit: str, result_unit: str) -> Interval:
    """q [q_unit] × k [A/B] in result_unit: q brought to B, the product in A, then to result_unit."""
    numerator, denominator = k_unit.split("/", 1)
    product = convert_interval(q, q_unit, denominator) * k
    return convert_interval(product, numerator, result_unit)


@kind("product_column")
def product_column(ctx):
    p = ctx.params
    spec = p["table"]
    carriers = dict(p.get("carriers", {}))
    names = {k: p.get(k, k) for k in ("quantity", "result", "factor", "carrier")}
    unit_concept = p.get("unit_column", "unit")
    checked = 0
    for match in find_tables(ctx, spec, many=bool(p.get("all_tables", False))):
        table = match.table
        # (the factor check reads no product column: its pairs were worked out for nothing)
        pairs = [] if p.get("check_factors") else _pairs(table, spec, names["quantity"], names["result"])
        if not pairs and not p.get("check_factors"):
            raise NotEvaluableRule(f"{table_name(table)}中未找到实物量与折标准煤的对应列")
        factor_col = concept_column(match, spec, names["factor"])
        carrier_col = concept_column(match, spec, names["carrier"])
        unit_col = concept_column(match, spec, unit_concept)
        for t, r, _ in match.data_rows():
            if carrier_col is not None:
                carrier_cell = t.grid[r][carrier_col]
                carrier_text = carrier_cell.text
                key = carrier_key(carrier_text, carriers, carrier_cell.norm)
            else:
                carrier_text = row_label(t, r)
                key = carrier_key(carrier_text, carriers)
            factor = number_at(t, r, factor_col) if factor_col is not None else None
            if factor is not None and factor.unit is None:
                factor = _with_reference_unit(ctx, factor, key)
            if p.get("check_factors"):
                if factor is None or key is None:
                    continue
                checked += 1
                finding = _check_factor(ctx, t, r, factor_col, factor, key, carrier_text)
                if finding:
                    yield finding
                continue
            for q_col, r_col in pairs:
                found = _check_product(ctx, t, r, q_col, r_col, unit_col, factor, key, carrier_text)
                if found is None:
                    continue
                checked += 1
                if found is not True:
                    yield found
    if not checked:
        raise NotEvaluableRule("表中没有可核算的能源行（缺少实物量、折标系数或能源名称无法识别）")


def _reference_or_none(ctx, key: str | None) -> Factor | None:
    """The reference factor for a recognised carrier; None when there is none to compare with."""
    if key is None:
        return None
    try:
        return _reference(ctx, key)
    except CalcError:
        return None


def _with_reference_unit(ctx, factor: ParsedNumber, key: str | None) -> ParsedNumber | None:
    """A factor printed without a unit takes the unit of the reference factor for its carrier."""
    ref = _reference_or_none(ctx, key)
    if ref is None:
        return None
    return ParsedNumber(factor.value, factor.places, factor.step, ref.unit, factor.percent, factor.text, factor.approx)


def _check_product(ctx, t, r, q_col, r_col, unit_col, factor, key, carrier_text):
    """None (row not checkable), True (agrees) or a finding."""
    p = ctx.params
    res_cell = origin_cell(t, r, r_col)
    q_cell = origin_cell(t, r, q_col)
    if res_cell is None or q_cell is None:
        return None
    # (number_at of the origin cells just found; a blank or a cell without figure: None either way)
    result, quantity = parse_number(res_cell.text), parse_number(q_cell.text)
    if result is None or quantity is None or result.approx or quantity.approx:
        return None
    if blank_unless_figure(res_cell.text, result) or blank_unless_figure(q_cell.text, quantity):
        return None
    q_unit = cell_unit(t, r, q_col, quantity, unit_col)
    result_unit = result.unit or column_unit(t, r_col) or p.get("result_unit", "tce")
    assumed = ""
    if factor is not None:
        k_iv, k_unit, k_text = factor.interval(), factor.unit, f"{factor.text.strip()}"
        if factor.unit and factor.unit not in k_text:
            k_text = f"{k_text} {factor.unit}"
    else:
        ref = _reference_or_none(ctx, key)
        if ref is None:
            return None
        k_iv, k_unit = Interval.exact(ref.value), ref.unit
        k_text = f"{ref.value} {ref.unit}"
        table_id = resolve_table("energy", p.get("factor_table")).id
        assumed = f"（表中未列折标系数，按系数表 {table_id}「{ref.name_zh}」{ref.value} {ref.unit} 核算）"
    if not q_unit or "/" not in (k_unit or ""):
        return None
    try:
        computed = multiply(quantity.interval(), q_unit, k_iv, k_unit, result_unit)
    except UnitError:
        return None
    if computed.meets(result.interval()):
        return True
    places = result.places
    tol = computed.half_width + result.half_unit
    col = column_name(t, r_col)
    name = carrier_text.strip() or row_label(t, r)
    return ctx.finding(
        f"{table_name(t)}「{name}」的{col}与实物量×折标系数不符：应为 {fmt(computed.point, places)} {result_unit}，"
        f"表中为 {result.text.strip()}",
        evidence=(f"{col} = {quantity.text.strip()} {q_unit} × {k_text} = {fmt(computed.point, places)} {result_unit}"
                  f" ≠ 表中 {result.text.strip()}（容差 ±{fmt_tol(tol, places)}）{assumed}"),
        location=loc(t, r, r_col),
        suggestion="请核对实物量、计量单位（万kWh 与 kWh、万m³ 与 m³、t 与 kg）和折标系数，重新计算折标准煤。")


def _check_factor(ctx, t, r, factor_col, factor: ParsedNumber, key: str, carrier_text: str):
    p = ctx.params
    table = resolve_table("energy", p.get("factor_table"))
    try:
        primary = _reference(ctx, key)
    except CalcError:
        return None
    carrier = primary.carrier
    refs = [f for f in table.factors.values() if f.carrier == carrier] or [primary]
    printed = factor.interval()
    for ref in refs:
        try:
            value = convert_interval(Interval.exact(ref.value), *_per(ref.unit, factor.unit))
        except (UnitError, ValueError):
            continue
        if printed.contains(value.lo):
            return None
    shown = "；".join(f"{f.name_zh} {f.value} {f.unit}" + ("" if f.verified else "（待核实）") for f in refs)
    return ctx.finding(
        f"{table_name(t)}「{carrier_text.strip()}」的折标系数 {factor.text.strip()} 与系数表 {table.id}（{table.title}）的参考值不符",
        evidence=f"表中系数 {factor.text.strip()}{'' if factor.unit in factor.text else ' ' + str(factor.unit)}；"
                 f"{table.id} 参考值：{shown}",
        location=loc(t, r, factor_col),
        suggestion="请说明系数来源（实测低位发热量或地方标准），或改用所声明标准的参考系数。")


def _per(ref_unit: str, printed_unit: str | None) -> tuple[str, str]:
    """Units to convert a reference factor (A/B) into the printed factor's unit (A'/B'): a factor
    in kgce/kWh equals 1000 × the same factor in kgce/MWh, so it converts like A/B as a composite."""
    if not printed_unit or known_unit(printed_unit) is None:
        raise ValueError("printed factor has no unit")
    return ref_unit, printed_unit

