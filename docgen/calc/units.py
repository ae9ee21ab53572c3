"""Units of measure used in Chinese audit reports, and exact conversion between them.

Audit tables mix spellings (``万kWh``, ``万 kWh``, ``万千瓦时``, ``m3``, ``M3``, ``㎡``, ``％``) and
magnitudes (kg vs t vs 万t; kWh vs 万kWh vs MJ).  Recomputing a 折标煤 column or a 削减量 row only
works if both sides are brought to one unit first, so every calculator converts through here.

The registry is data (``data/units.yaml``): each simple unit has a *dimension* and an exact factor
to the dimension's base unit (legal units per GB 3100-1993 《国际单位制及其应用》; 亩 per the 市制
rule 1 公顷 = 15 亩).  Composite units are ``numerator/denominator`` of two simple units (``t/a``,
``tce/万元``, ``mg/m³``, ``kgCO2/kWh``).  Chinese multiplier prefixes 万 (10⁴) and 亿 (10⁸) apply to
the dimensions listed in the data file.

Design decisions (each one prevents a silent wrong number in a report):

* heat and electricity share one ``energy`` dimension (1 kWh = 3.6 MJ by definition), but standard
  coal (kgce) is a separate dimension — kWh → kgce needs a GB/T 2589 coefficient and a choice of
  当量值/等价值, which belongs to :mod:`docgen.calc.energy`, never to a unit conversion;
* water in ``t`` stays mass and water in ``m³`` stays volume: the 1 t/m³ density is a domain
  assumption the caller must make explicitly;
* CO2 mass (kgCO2, tCO2) is its own dimension so it is never summed with material mass, and CO2
  equivalent (kgCO2e, tCO2e, all GWP-weighted gases) is yet another one;
* the year ``a`` is its own dimension: 年运行时间 is declared per enterprise (e.g. 300 d × 16 h), so
  ``t/d`` → ``t/a`` is an operating-time calculation, not a unit conversion (``d`` ↔ ``h`` is);
* each counted noun (台, 套, 人, 个, 项, 批, 件) is its own dimension.

Conversions are exact: factors are kept as ``Fraction`` (so ``MJ = 1/3.6 kWh`` and ``亩 = 10000/15 m²``
do not accumulate rounding) and the result is rounded once to a 28-digit ``Decimal``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any

from docgen.calc._resources import load_yaml
from docgen.calc.errors import UnitError
from docgen.calc.num import Number, fraction_to_decimal, to_fraction

__all__ = [
    "UnitError",
    "Unit",
    "parse_unit",
    "is_known_unit",
    "canonical_text",
    "convertible",
    "convert",
    "describe_dimension",
]

Dimension = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Unit:
    """A parsed unit: canonical ``text``, ``dimension`` and ``factor`` to the base unit.

    ``dimension`` is a sorted tuple of ``(base dimension, exponent)`` pairs, e.g. ``t/a`` →
    ``(("mass", 1), ("year", -1))``; two units are convertible iff their dimensions are equal.
    ``factor`` is the multiplier to the base units (``万kWh`` → 10000, base kWh).
    ``exact_factor`` is the same factor as an exact ``Fraction`` (used for conversion).
    """

    text: str
    dimension: Dimension
    factor: Decimal
    exact_factor: Fraction | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.exact_factor is None:
            object.__setattr__(self, "exact_factor", Fraction(self.factor))


@dataclass(frozen=True)
class _Simple:
    text: str
    dimension: str  # e.g. "mass", or "count:台"
    factor: Fraction


@dataclass(frozen=True)
class _Registry:
    exact: dict[str, _Simple]
    folded: dict[str, list[_Simple]]
    prefixes: tuple[tuple[str, Fraction, frozenset[str]], ...]
    dimension_names: dict[str, str]


def _normalise(text: str) -> str:
    """NFKC (full-width ％ → %, ／ → /, ㎡ → m2, m³ → m3, （A） → (A)) and drop all whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _parse_factor(raw: Any, where: str) -> Fraction:
    text = str(raw).strip()
    parts = text.split("/")
    try:
        values = [Fraction(to_fraction(p)) for p in parts]
    except Exception:  # noqa: BLE001 - re-raised with context
        raise UnitError(f"单位数据文件中 {where} 的换算系数无效：{raw!r}") from None
    if len(values) not in (1, 2) or any(v == 0 for v in values):
        raise UnitError(f"单位数据文件中 {where} 的换算系数无效：{raw!r}")
    return values[0] if len(values) == 1 else values[0] / values[1]


@lru_cache(maxsize=1)
def _registry() -> _Registry:
    data = load_yaml("units.yaml")
    dimension_names = {key: str(spec.get("name_zh", key)) for key, spec in data["dimensions"].items()}
    exact: dict[str, _Simple] = {}
    for entry in data["units"]:
        text = str(entry["text"])
        dim = str(entry["dimension"])
        if dim not in dimension_names:
            raise UnitError(f"单位数据文件中单位「{text}」的量纲 {dim} 未定义")
        if dim == "count":
            dim = f"count:{text}"
        simple = _Simple(text=text, dimension=dim, factor=_parse_factor(entry["factor"], text))
        for spelling in [text, *(entry.get("aliases") or [])]:
            key = _normalise(str(spelling))
            if key in exact and exact[key] != simple:
                raise UnitError(f"单位数据文件中写法「{spelling}」重复定义")
            exact[key] = simple
    folded: dict[str, list[_Simple]] = {}
    for key, simple in exact.items():
        bucket = folded.setdefault(key.casefold(), [])
        if simple not in bucket:
            bucket.append(simple)
    prefixes = tuple(
        (_normalise(str(p["text"])), _parse_factor(p["factor"], str(p["text"])), frozenset(p["dimensions"]))
        for p in data.get("prefixes") or []
    )
    return _Registry(exact=exact, folded=folded, prefixes=prefixes, dimension_names=dimension_names)


def _lookup_plain(token: str) -> _Simple | None:
    reg = _registry()
    if token in reg.exact:
        return reg.exact[token]
    candidates = reg.folded.get(token.casefold(), [])
    # Case-insensitive fallback only when unambiguous ("KWH", "kwh" → kWh; "M3" → m³).
    return candidates[0] if len(candidates) == 1 else None


def _lookup_simple(token: str, original: str) -> tuple[str, str, Fraction]:
    """Resolve one simple token to (canonical text, dimension, factor)."""
    found = _lookup_plain(token)
    if found is not None:
        return found.text, found.dimension, found.factor
    for prefix, prefix_factor, dims in _registry().prefixes:
        if token.startswith(prefix) and len(token) > len(prefix):
            base = _lookup_plain(token[len(prefix):])
            base_dim = base.dimension.split(":")[0] if base else None
            if base is not None and base_dim in dims:
                return prefix + base.text, base.dimension, prefix_factor * base.factor
    raise UnitError(f"无法识别的计量单位：「{original}」（无法识别「{token}」）")


@lru_cache(maxsize=1024)
def _parse(text: str) -> Unit | str:
    """The unit a text spells, or the message saying why it spells none — both remembered.

    Why: the checker asks of the same texts again and again whether they are units (every
    figure's column header part, "现状值" or "2023年", every 单位 cell), and most are not; an
    exception is not remembered by ``lru_cache``, so each such question parsed the text anew and
    built and raised its error (≈ 1.4 µs for "现状值"; ≈ 0.1 µs remembered)."""
    try:
        return _parse_text(text)
    except UnitError as exc:
        return str(exc)


def _parse_text(text: str) -> Unit:
    normalised = _normalise(text)
    if not normalised:
        raise UnitError(f"计量单位为空：「{text}」")
    parts = normalised.split("/")
    if len(parts) > 2 or any(not p for p in parts):
        raise UnitError(f"无法识别的计量单位：「{text}」（复合单位只支持“分子/分母”一种写法）")
    num_text, num_dim, num_factor = _lookup_simple(parts[0], text)
    exponents: dict[str, int] = {}
    if num_dim != "dimensionless":
        exponents[num_dim] = 1
    factor = num_factor
    canonical = num_text
    if len(parts) == 2:
        den_text, den_dim, den_factor = _lookup_simple(parts[1], text)
        if den_dim != "dimensionless":
            exponents[den_dim] = exponents.get(den_dim, 0) - 1
        factor = factor / den_factor
        canonical = f"{num_text}/{den_text}"
    dimension = tuple(sorted((d, e) for d, e in exponents.items() if e != 0))
    return Unit(text=canonical, dimension=dimension, factor=fraction_to_decimal(factor), exact_factor=factor)


def parse_unit(text: str) -> Unit:
    """Parse a unit text (any common spelling) into a :class:`Unit`; raise :class:`UnitError`.

    >>> parse_unit("万 kWh").text
    '万kWh'
    """
    if not isinstance(text, str):
        raise UnitError(f"计量单位必须是文本：{text!r}")
    found = _parse(text)
    if isinstance(found, str):
        raise UnitError(found)
    return found


def is_known_unit(text: str) -> bool:
    """True if *text* parses as a unit of the registry (simple or composite)."""
    return isinstance(text, str) and not isinstance(_parse(text), str)


def canonical_text(text: str) -> str | None:
    """The canonical spelling of a unit text (``parse_unit(text).text``), None when it spells no
    unit (``not is_known_unit(text)``) — from ONE memoised parse: the checker asks this of every
    单位 cell and header part it reads, and the two calls cost two look-ups."""
    found = _parse(text) if isinstance(text, str) else None
    return None if found is None or isinstance(found, str) else found.text


def convertible(a: str, b: str) -> bool:
    """True if both units are known and have the same dimension; unknown units give False."""
    try:
        return parse_unit(a).dimension == parse_unit(b).dimension
    except UnitError:
        return False


def describe_dimension(dimension: Dimension) -> str:
    """Chinese description of a dimension tuple for messages, e.g. ``质量/年``."""
    names = _registry().dimension_names

    def name(dim: str) -> str:
        if dim.startswith("count:"):
            return f"计数（{dim.split(':', 1)[1]}）"
        return names.get(dim, dim)

    num = [name(d) + (f"^{e}" if e > 1 else "") for d, e in dimension if e > 0]
    den = [name(d) + (f"^{-e}" if e < -1 else "") for d, e in dimension if e < 0]
    text = "·".join(num) or "无量纲"
    return f"{text}/{'·'.join(den)}" if den else text


def convert(value: Number, from_unit: str, to_unit: str) -> Decimal:
    """Convert *value* from one unit to another of the same dimension (exact, then rounded once).

    Raises :class:`UnitError` when a unit is unknown or the dimensions differ (e.g. ``t`` → ``m³``
    for water, ``kWh`` → ``kgce``, ``t/d`` → ``t/a``).
    """
    source = parse_unit(from_unit)
    target = parse_unit(to_unit)
    if source.dimension != target.dimension:
        raise UnitError(
            f"计量单位「{from_unit}」（{describe_dimension(source.dimension)}）"
            f"不能换算为「{to_unit}」（{describe_dimension(target.dimension)}）"
        )
    exact = to_fraction(value, f"以「{from_unit}」计的数值") * source.exact_factor / target.exact_factor
    return fraction_to_decimal(exact)
