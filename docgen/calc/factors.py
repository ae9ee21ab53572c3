"""Versioned conversion-factor tables: standard coal (折标准煤系数) and CO2 emission factors.

Why tables and not constants: the same report line (e.g. 外购电力 100 万kWh) gives different
numbers under GB/T 2589-2008 vs -2020, 当量值 vs 等价值, or the 2021 vs 2023 national grid CO2
factor, and a checker must recompute with *the table the report declares*.  So each table is a
YAML file under ``data/<kind>/<id>.yaml`` carrying its standard, year, and per factor the value,
unit, source, year and whether the value was verified against a retrieved source
(domain.md §7.3/§7.4; unverified values carry the note "to verify").

A table may declare ``base: <id>`` to inherit the factors of another table of the same kind (the
CO2 tables share their fuel factors and differ in the electricity factor); tables marked
``abstract: true`` only serve as such a base and cannot be selected.

Kinds: ``energy`` (numerator unit kgce/tce, GB/T 2589-2020 附录A) and ``co2`` (numerator kgCO2/tCO2,
GB/T 32150 and the MEE/NBS grid factors).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Literal, Mapping

from docgen.calc._resources import list_yaml, load_yaml
from docgen.calc.errors import CalcError, FactorError, UnitError
from docgen.calc.num import fraction_to_decimal, to_decimal, to_fraction
from docgen.calc.units import describe_dimension, parse_unit

__all__ = [
    "FactorError",
    "Factor",
    "FactorTable",
    "load_factor_table",
    "available_factor_tables",
    "DEFAULT_ENERGY_TABLE",
    "DEFAULT_CO2_TABLE",
    "KINDS",
    "resolve_table",
    "apply_factor",
]

Kind = Literal["energy", "co2"]

#: The national standard-coal table (GB/T 2589-2020 附录A).
DEFAULT_ENERGY_TABLE = "gbt2589-2020"
#: Latest year of the MEE/NBS national average electricity CO2 factor series (domain.md §7.4).
DEFAULT_CO2_TABLE = "cn-grid-2023"

#: Kind → (dimension the factor's numerator must have, Chinese name of the kind).
KINDS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {"energy": ("coal_equivalent", "折标准煤系数表"), "co2": ("co2_mass", "二氧化碳排放因子表")}
)


@dataclass(frozen=True)
class Factor:
    """One coefficient: ``value`` in ``unit`` (e.g. 0.1229 kgce/kWh), with provenance.

    ``carrier`` is the physical energy carrier the factor applies to (``natural_gas_sh_db31`` →
    ``natural_gas``); ``basis`` distinguishes electricity 当量值 (``calorific``) from 等价值
    (``generation``) and is ``None`` for other carriers.
    """

    key: str
    name_zh: str
    value: Decimal
    unit: str
    source: str
    year: int | None
    verified: bool
    note: str = ""
    carrier: str = ""
    basis: str | None = None


@dataclass(frozen=True)
class FactorTable:
    """A named, dated set of factors keyed by carrier key (read-only; instances are cached)."""

    id: str
    title: str
    source: str
    year: int | None
    factors: Mapping[str, Factor]
    kind: str = ""
    standard: str = ""
    defaults: Mapping[str, str | None] = field(default_factory=lambda: MappingProxyType({}))

    def get(self, key: str) -> Factor:
        """The factor for *key* (carrier key, or its exact Chinese name); :class:`FactorError`."""
        if key in self.factors:
            return self.factors[key]
        for factor in self.factors.values():
            if factor.name_zh == key:
                return factor
        known = "、".join(f"{k}（{f.name_zh}）" for k, f in self.factors.items())
        kind_zh = KINDS.get(self.kind, ("", "系数表"))[1]
        raise FactorError(f"{kind_zh}「{self.id}」中没有能源/物料「{key}」；可用的键：{known}")

    def __contains__(self, key: object) -> bool:
        return key in self.factors


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise FactorError(f"未知的系数表类别「{kind}」；可用：{'、'.join(KINDS)}")


def available_factor_tables(kind: Kind) -> list[str]:
    """Ids of the selectable tables of *kind* (abstract base tables are not listed), sorted."""
    _check_kind(kind)
    return [stem for stem in list_yaml(kind) if not (load_yaml(f"{kind}/{stem}.yaml") or {}).get("abstract")]


def _optional_year(raw: Any, where: str) -> int | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise CalcError(f"{where} 的年份必须是整数或 null：{raw!r}")
    return raw


def _build_factor(kind: str, table_id: str, key: str, raw: Mapping[str, Any]) -> Factor:
    where = f"系数表「{table_id}」中「{key}」"
    missing = [name for name in ("name_zh", "value", "unit", "source", "verified") if name not in raw]
    if missing:
        raise CalcError(f"{where} 缺少字段：{'、'.join(missing)}")
    value = to_decimal(raw["value"], f"{where} 的系数")
    if value <= 0:
        raise CalcError(f"{where} 的系数必须大于 0：{value}")
    try:
        unit = parse_unit(str(raw["unit"]))
    except UnitError as exc:
        raise CalcError(f"{where} 的单位无效：{exc}") from None
    expected_dim = KINDS[kind][0]
    if (expected_dim, 1) not in unit.dimension or len(unit.dimension) != 2:
        raise CalcError(f"{where} 的单位「{raw['unit']}」应为“{expected_dim} 单位/实物单位”形式")
    source = str(raw["source"] or "").strip()
    if not source:
        raise CalcError(f"{where} 缺少来源（source）")
    verified = raw["verified"]
    if not isinstance(verified, bool):
        raise CalcError(f"{where} 的 verified 必须是 true/false")
    note = str(raw.get("note") or "").strip()
    if not verified and not note:
        raise CalcError(f"{where} 未核实（verified: false），须在 note 中说明")
    basis = raw.get("basis")
    if basis not in (None, "calorific", "generation"):
        raise CalcError(f"{where} 的 basis 必须是 calorific 或 generation：{basis!r}")
    return Factor(
        key=key,
        name_zh=str(raw["name_zh"]),
        value=value,
        unit=unit.text,
        source=source,
        year=_optional_year(raw.get("year"), where),
        verified=verified,
        note=note,
        carrier=str(raw.get("carrier") or key),
        basis=basis,
    )


def _load_raw(kind: str, table_id: str) -> Mapping[str, Any]:
    if table_id not in list_yaml(kind):
        known = "、".join(available_factor_tables(kind))  # type: ignore[arg-type]
        raise FactorError(f"没有{KINDS[kind][1]}「{table_id}」；可用：{known}")
    data = load_yaml(f"{kind}/{table_id}.yaml")
    if not isinstance(data, Mapping):
        raise CalcError(f"{KINDS[kind][1]}「{table_id}」格式无效")
    if data.get("id") != table_id or data.get("kind") != kind:
        raise CalcError(f"{KINDS[kind][1]}「{table_id}」的 id/kind 与文件名不一致")
    return data


def _collect_factors(kind: str, table_id: str, seen: tuple[str, ...]) -> dict[str, Factor]:
    if table_id in seen:
        raise CalcError(f"系数表继承（base）出现循环：{' → '.join((*seen, table_id))}")
    data = _load_raw(kind, table_id)
    factors: dict[str, Factor] = {}
    if data.get("base"):
        factors.update(_collect_factors(kind, str(data["base"]), (*seen, table_id)))
    for key, raw in (data.get("factors") or {}).items():
        factors[str(key)] = _build_factor(kind, table_id, str(key), raw)
    return factors


@lru_cache(maxsize=None)
def load_factor_table(kind: Kind, table_id: str) -> FactorTable:
    """Load (and cache) the table ``data/<kind>/<table_id>.yaml``, validating every factor.

    Raises :class:`FactorError` for an unknown kind or table (message lists the known ids) and
    :class:`CalcError` for a malformed data file.
    """
    _check_kind(kind)
    data = _load_raw(kind, table_id)
    if data.get("abstract"):
        raise FactorError(f"{KINDS[kind][1]}「{table_id}」只是基础表（abstract），不能直接选用")
    title = str(data.get("title") or "").strip()
    source = str(data.get("source") or "").strip()
    if not title or not source:
        raise CalcError(f"{KINDS[kind][1]}「{table_id}」缺少 title 或 source")
    factors = _collect_factors(kind, table_id, ())
    defaults = {str(k): (None if v is None else str(v)) for k, v in (data.get("defaults") or {}).items()}
    for name, key in defaults.items():
        if key is not None and key not in factors:
            raise CalcError(f"{KINDS[kind][1]}「{table_id}」的默认项 {name} 指向不存在的键「{key}」")
    return FactorTable(
        id=table_id,
        title=title,
        source=source,
        year=_optional_year(data.get("year"), f"系数表「{table_id}」"),
        factors=MappingProxyType(factors),
        kind=kind,
        standard=str(data.get("standard") or ""),
        defaults=MappingProxyType(defaults),
    )


def resolve_table(kind: Kind, table: FactorTable | str | None) -> FactorTable:
    """Accept a table object, a table id, or ``None`` (the default table of *kind*)."""
    if isinstance(table, FactorTable):
        if table.kind and table.kind != kind:
            raise FactorError(f"系数表「{table.id}」是 {table.kind} 类，此处需要 {kind} 类")
        return table
    if table is None:
        table = DEFAULT_ENERGY_TABLE if kind == "energy" else DEFAULT_CO2_TABLE
    if not isinstance(table, str):
        raise FactorError(f"系数表参数应为 FactorTable、表 id 或 None：{table!r}")
    return load_factor_table(kind, table)


def apply_factor(factor: Factor, amount: Any, unit: str, result_unit: str) -> Decimal:
    """``amount [unit] × factor`` expressed in *result_unit* (e.g. tce or tCO2), exactly.

    The amount is first brought to the factor's denominator unit, so ``100 万kWh`` meets a
    ``kgce/kWh`` factor and ``5 万m³`` meets ``kgce/m³``; a dimension mismatch (diesel in m³, water
    in m³ against a per-t factor) is a :class:`UnitError` rather than a silent density guess.
    """
    numerator_text, denominator_text = factor.unit.split("/", 1)
    numerator = parse_unit(numerator_text)
    denominator = parse_unit(denominator_text)
    source = parse_unit(unit)
    target = parse_unit(result_unit)
    if source.dimension != denominator.dimension:
        raise UnitError(
            f"{factor.name_zh}（{factor.key}）的系数单位为「{factor.unit}」，数量单位「{unit}」"
            f"（{describe_dimension(source.dimension)}）无法换算为「{denominator_text}」"
            f"（{describe_dimension(denominator.dimension)}）"
        )
    if numerator.dimension != target.dimension:
        raise UnitError(f"系数单位「{factor.unit}」的结果无法以「{result_unit}」表示")
    exact = (
        to_fraction(amount, f"{factor.name_zh}的数量")
        * source.exact_factor
        / denominator.exact_factor
        * Fraction(factor.value)
        * numerator.exact_factor
        / target.exact_factor
    )
    return fraction_to_decimal(exact)
