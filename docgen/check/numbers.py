"""Numbers as printed in a submitted report: parse a cell or a phrase, know how precise it is, and
compare derived figures within the precision the report shows.

Why this module exists (checker.md §5.3, measured on real reports): the numeric rules recompute
totals, differences, rates, products and economic indicators from the figures a consultancy
printed, and every printed figure was rounded. A check is only honest when its tolerance comes
from the *displayed* precision: "70.90" stands for anything in [70.895, 70.905]. So a parsed
number keeps its displayed step (0.01 for "70.90", 1000 for "12.5万"), and derived values are
computed as intervals (:class:`Interval`): the sum of n printed terms is uncertain by the sum of
their half-steps — "half a unit of the last displayed decimal, summed over the terms" — and a
ratio or product by the interval bounds. A stated figure contradicts the computation only when its
own interval does not meet the computed one. Decimal arithmetic only: floats would put
"0.1229 × 100 = 12.290000000000001" into the evidence a clerk reads.

What ``parse_number`` accepts (the variants real reports use):

* thousands separators "1,234.5", "12 000" (groups of exactly three digits);
* full-width digits and punctuation "１２３．４", "１２％" (NFKC);
* negative signs -, −, ‑, –, － (but "—" alone is "not applicable", never a sign);
* percentages "12.3%", "12.3％", "百分之五", "百分之十二点五";
* a unit written in the cell, "12.5万元", "0.1229 kgce/kWh", "8.60 万kWh/a" (any unit of the
  project's registry, docgen.calc.units), and the bare multipliers "12.5万" / "3亿";
* an approximate marker "约" / "≈" (kept as ``approx``: the caller decides whether to compare).

What it refuses (returns ``None``): not-applicable markers ("—", "/", "无", "不适用", empty),
several numbers in one cell ("甲苯 2.00 t/a；VOCs 0.35 t/a"), ranges "5500–7000", limits
"≥99.5%" / "<0.5", dates "2024年9月26日", codes "W-1", and scientific-ish forms ("1.2e-5",
"1.2×10⁻³", "1.2×10^3"), which reports use for concentrations, never for figures that add up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from docgen.calc.errors import UnitError
from docgen.calc.units import canonical_text, parse_unit
from docgen.read import numerals
from docgen.read.normalize import nfkc

__all__ = [
    "Interval",
    "ParsedNumber",
    "convert_interval",
    "fmt",
    "fmt_interval",
    "known_unit",
    "parse_number",
    "same_unit",
    "tolerance",
    "unit_factor",
]

ZERO = Decimal(0)
HALF = Decimal("0.5")

_MINUS = str.maketrans({"−": "-", "‑": "-", "–": "-", "﹣": "-", "‐": "-"})
_GROUP_SPACES = "\u0020\u00a0\u2009\u202f"
_NUMBER = re.compile(
    r"^(?P<approx>约|≈|大约)?\s*(?P<sign>[+-])?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[" + _GROUP_SPACES + r"]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"\s*(?P<rest>.*)$"
)
_SCIENTIFIC = re.compile(r"^(?:[eE][+-]?\d|[×xX*]\s*10)")
_FOOTNOTE = re.compile(r"[*※①②③④⑤⑥⑦⑧⑨⑩]+$")
_PERCENT_WORDS = re.compile(r"^(?P<approx>约)?百分之(?P<num>[零〇○一二两三四五六七八九十百千点]+)$")
_SCALE = {"万": Decimal(10000), "亿": Decimal(100000000)}
_CN_DIGITS = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "○": 0, "两": 2}


@dataclass(frozen=True)
class Interval:
    """A closed interval [lo, hi] of Decimals: a printed figure and everything computed from printed
    figures. Sums add half-widths; products and quotients take the extreme bounds. ``point`` is the
    value computed from the printed figures themselves (what a clerk gets redoing the sum by hand),
    carried along for the evidence: for a quotient it is not the interval's midpoint."""

    lo: Decimal
    hi: Decimal
    point: Decimal | None = None

    def __init__(self, lo: Decimal, hi: Decimal, point: Decimal | None = None):
        # written out (as docgen.read.model.Location): the frozen dataclass's own __init__ sets each
        # field through object.__setattr__, and a 100-page report's check makes ~1,500 intervals
        fields = self.__dict__
        fields["lo"] = lo
        fields["hi"] = hi
        fields["point"] = (lo + hi) / 2 if point is None else point

    @classmethod
    def exact(cls, value: Decimal | int | str) -> Interval:
        v = Decimal(value)
        return cls(v, v, v)

    @classmethod
    def around(cls, value: Decimal, half_width: Decimal) -> Interval:
        return cls(value - half_width, value + half_width, value)

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2

    @property
    def half_width(self) -> Decimal:
        return (self.hi - self.lo) / 2

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi, self.point + other.point)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo, self.point - other.point)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo, -self.point)

    def __mul__(self, other: Interval) -> Interval:
        products = [self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi]
        return Interval(min(products), max(products), self.point * other.point)

    def __truediv__(self, other: Interval) -> Interval:
        if other.lo <= 0 <= other.hi:
            raise ZeroDivisionError("divisor interval contains zero")
        quotients = [self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi]
        return Interval(min(quotients), max(quotients), self.point / other.point)

    def scale(self, k: Decimal) -> Interval:
        a, b = self.lo * k, self.hi * k
        return Interval(min(a, b), max(a, b), self.point * k)

    def abs(self) -> Interval:
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return -self
        return Interval(ZERO, max(-self.lo, self.hi), abs(self.point))

    def meets(self, other: Interval) -> bool:
        """True when the two intervals share at least one value."""
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi


@dataclass(frozen=True)
class ParsedNumber:
    """A figure as printed. ``value`` is the number written (12.3 for "12.3%", 12.5 for "12.5万元",
    125000 for the bare "12.5万"); ``places`` the decimals displayed; ``step`` the unit of the last
    displayed digit in ``value``'s terms (0.01 for "70.90", 1000 for "12.5万"); ``unit`` the unit
    written with the number in canonical form (calc.units), ``None`` when none; ``percent`` for
    "%", "％" and 百分之; ``approx`` for "约"/"≈"."""

    value: Decimal
    places: int
    step: Decimal
    unit: str | None
    percent: bool
    text: str
    approx: bool = False

    def __init__(self, value: Decimal, places: int, step: Decimal, unit: str | None, percent: bool, text: str,
                 approx: bool = False):
        # written out (as Interval): a new report's check parses ~500 figures; one store per field
        # (≈ 235 ns a figure, against ≈ 315 ns for dict.update with keyword arguments)
        fields = self.__dict__
        fields["value"] = value
        fields["places"] = places
        fields["step"] = step
        fields["unit"] = unit
        fields["percent"] = percent
        fields["text"] = text
        fields["approx"] = approx

    @property
    def half_unit(self) -> Decimal:
        return self.step * HALF

    def interval(self) -> Interval:
        """The values this printed figure may stand for: value ± half a unit of its last digit.

        Made once per figure and kept on it (not a field: equality, hash and repr are unchanged):
        a figure and its interval are immutable, a parsed figure is shared through the parse's
        cache, and the numeric rules ask a report's figures for their interval ≈ 800 times
        (0.41 µs each when made anew)."""
        kept = self.__dict__.get("_interval")
        if kept is None:
            kept = self.__dict__["_interval"] = Interval.around(self.value, self.half_unit)
        return kept

    def fraction_interval(self) -> Interval:
        """A percentage as a fraction (12.3% → [0.1225, 0.1235]); other numbers unchanged."""
        iv = self.interval()
        return iv.scale(Decimal("0.01")) if self.percent else iv

    def rate_readings(self) -> list[Interval]:
        """The fractions a printed rate may mean: "12.3%" only 0.123; an unmarked "12.3" (under a
        header that does not say %) either 12.3 or 12.3 % — reports drop the % sign in rate columns
        and rows, and a checker must not call that a contradiction."""
        if self.percent:
            return [self.fraction_interval()]
        return [self.interval(), self.interval().scale(Decimal("0.01"))]


def _fold(text: str) -> str:
    text = nfkc(text)
    return (text.translate(_MINUS) if not text.isascii() else text).strip()


def _cn_decimal(text: str) -> tuple[Decimal, int] | None:
    """十二点五 → (12.5, 1); 五 → (5, 0); None when not a Chinese numeral."""
    whole, _, frac = text.partition("点")
    integer = numerals.parse(whole) if whole else 0
    if integer is None:
        return None
    if frac and not all(ch in _CN_DIGITS for ch in frac):
        return None
    digits = "".join(str(_CN_DIGITS[ch]) for ch in frac)
    return Decimal(f"{integer}.{digits}" if digits else str(integer)), len(digits)


def known_unit(text: str | None) -> str | None:
    """The canonical spelling of a unit text of the registry ("万 kWh" → "万kWh"), or None."""
    if not text:
        return None
    t = text.strip()
    if t in ("%", "％"):
        return "%"
    return canonical_text(t)  # (is_known_unit, then parse_unit(t).text: one look-up)


def parse_number(text: str | None) -> ParsedNumber | None:
    """The single figure printed in ``text`` with its precision and unit, or ``None`` (see the module
    docstring for what is accepted and refused)."""
    if text is None:
        return None
    return _parse_number(text)


_GROUPING = re.compile(r"[," + _GROUP_SPACES + r"]")


@lru_cache(maxsize=64)
def _step(places: int) -> Decimal:
    """The unit of the last displayed digit: 0.01 for two decimals."""
    return Decimal(1).scaleb(-places)


#: the figures most cells hold, written plainly: "70.90", "-12600", "137.9%" (ASCII only: [0-9])
_PLAIN = re.compile(r"(-?)([0-9]+(?:\.([0-9]+))?)(%?)", re.ASCII).fullmatch


@lru_cache(maxsize=16384)
def _parse_number(text: str) -> ParsedNumber | None:
    """The figure of a text (``_parse_folded``), with two shortcuts that give the same result.

    Why: a new report's check parses ~1,500 distinct cell texts. About a third are plain ASCII
    figures ("70.90", "-12.00", "137.9%"): for those the full path (NFKC, minus variants,
    footnotes, 百分之, the number pattern, the unit look-up) costs ≈ 2.5 µs and one ASCII
    ``fullmatch`` plus building the figure ≈ 1.2 µs. ASCII is its own NFKC and has no minus
    variant, footnote mark, approximate marker, grouping or unit, and the number pattern's plain
    alternative takes every digit and leaves ``rest`` "%" or empty: the same figure. Almost half
    hold no digit at all ("方案名称", "—"): see ``_parse_full``.
    (tests/check/test_numeric_speedups_exact.py compares both with ``_parse_folded``.)"""
    m = _PLAIN(text)
    if m is None:
        return _parse_full(text)
    sign, digits, fraction, percent = m.groups()
    value = Decimal(digits)
    if sign:
        value = -value
    places = len(fraction) if fraction else 0
    return ParsedNumber(value, places, _step(places), None, bool(percent), text, False)


#: ``_parse_folded`` gives None unless the folded text holds a digit (its number pattern needs
#: one, \d as here) or 百分之: the footnote strip only cuts the text
_MAY_HOLD_FIGURE = re.compile(r"\d|百分之").search


def _parse_full(text: str) -> ParsedNumber | None:
    """``_parse_folded``, returning at once for a text without digit or 百分之 (no regex but one
    search after the fold: ≈ 0.9 µs instead of 1.8 µs for "方案名称（万元）")."""
    t = _fold(text)
    return _parse_folded(t, text) if _MAY_HOLD_FIGURE(t) else None


def _parse_folded(folded: str, raw: str) -> ParsedNumber | None:
    """The figure of ``raw`` (module docstring), from its ``_fold``."""
    t = _FOOTNOTE.sub("", folded).strip()
    if not t:
        return None
    m = _PERCENT_WORDS.match(t)
    if m:
        parsed = _cn_decimal(m.group("num"))
        if parsed is None:
            return None
        value, places = parsed
        return ParsedNumber(value, places, Decimal(1).scaleb(-places), None, True, raw, bool(m.group("approx")))
    m = _NUMBER.match(t)
    if not m:
        return None
    rest = m.group("rest").strip()
    if _SCIENTIFIC.match(rest):
        return None
    digits = _GROUPING.sub("", m.group("num"))
    value = Decimal(digits)
    places = len(digits.split(".", 1)[1]) if "." in digits else 0
    if m.group("sign") == "-":
        value = -value
    step = _step(places)
    unit: str | None = None
    percent = False
    if rest in ("%",):
        percent = True
    elif rest in _SCALE:
        value *= _SCALE[rest]
        step *= _SCALE[rest]
    elif rest:
        unit = known_unit(rest)
        if unit is None:
            return None
        if unit == "%":
            unit, percent = None, True
    return ParsedNumber(value, places, step, unit, percent, raw, bool(m.group("approx")))


def tolerance(*numbers: ParsedNumber) -> Decimal:
    """Half a unit of the last displayed digit, summed over the printed terms (checker.md §5.3)."""
    return sum((n.half_unit for n in numbers), ZERO)


# ─── units ────────────────────────────────────────────────────────────────────────────────────────

def unit_factor(from_unit: str | None, to_unit: str | None) -> Fraction:
    """Exact multiplier taking a value in ``from_unit`` to ``to_unit`` (万元 → 元: 10000); 1 when
    either side has no unit or both are the same. Raises ``UnitError`` across dimensions."""
    if not from_unit or not to_unit or from_unit == to_unit:
        return Fraction(1)
    source, target = parse_unit(from_unit), parse_unit(to_unit)
    if source.dimension != target.dimension:
        raise UnitError(f"计量单位「{from_unit}」不能换算为「{to_unit}」")
    return source.exact_factor / target.exact_factor


def convert_interval(iv: Interval, from_unit: str | None, to_unit: str | None) -> Interval:
    """An interval in ``from_unit`` expressed in ``to_unit`` (docgen.calc.units registry)."""
    if not from_unit or not to_unit or from_unit == to_unit:
        return iv  # (most figures: no unit or the total's own — no Fraction made)
    k = _decimal_factor(from_unit, to_unit)
    return iv if k is None else iv.scale(k)


@lru_cache(maxsize=1024)
def _decimal_factor(from_unit: str, to_unit: str) -> Decimal | None:
    """``unit_factor`` as a Decimal, None for 1 (a pair of canonical units: a few per report)."""
    f = unit_factor(from_unit, to_unit)
    return None if f == 1 else Decimal(f.numerator) / Decimal(f.denominator)


def same_unit(a: str | None, b: str | None) -> bool:
    """Both unknown/absent, or the same canonical unit."""
    return (known_unit(a) or a) == (known_unit(b) or b)


# ─── display ──────────────────────────────────────────────────────────────────────────────────────

def fmt(value: Decimal, places: int) -> str:
    """A Decimal rounded for evidence text ("235.40"); "-0.00" is shown as "0.00"."""
    q = Decimal(1).scaleb(-max(places, 0))
    out = value.quantize(q)
    if out == 0:
        out = abs(out)
    return f"{out:f}"


def fmt_interval(iv: Interval, places: int) -> str:
    """"235.40" when the interval is narrower than the display step, else "235.35–235.45"."""
    lo, hi = fmt(iv.lo, places), fmt(iv.hi, places)
    return lo if lo == hi else f"{lo}–{hi}"
