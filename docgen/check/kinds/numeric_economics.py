"""``economics``: the economic evaluation of each 中/高费方案 (T-19c) recomputes from its inputs —
D = I/Y, T = P − D, E = T × (1 − t) (T > 0), F = E + D, N = I/F (or the static I/P), NPV =
Σ F/(1+i)^j − I, NPVR = NPV/I and the IRR (domain.md §7.5, §7.8 rule 7; review point R8: the
feasibility of the 中/高费方案 must be demonstrated, and a wrong NPV or IRR turns an infeasible scheme
into a recommended one).

Each derived figure is checked from the PRINTED figures it depends on, so a wrong cell is reported
where it is and where it is used directly (a changed NPV also contradicts the printed NPVR), never in
a cascade through every later column: T from the printed P and D, F from the printed E and D, N from I and F,
NPV from the printed F, I and the rate i and lifetime n, NPVR from NPV and I, IRR as the root of
F × Σ 1/(1+r)^j = I (docgen.calc.economics semantics) with bounds from the printed precision of F and
I. Y, t, i and n are rarely columns: they are read from the table (when it has such columns) or
from the paragraphs after the table and the surrounding section ("Z-1：折旧期 Y = 10 年，项目寿命
n = 10 年，所得税率 t = 25.0%，贴现率 i = 8.0%", "净现值50.06万元（贴现率8%）"), per scheme when the text
names the scheme, else the values stated once for all. A figure whose inputs cannot be found is
not checked and the rule says so (``not_evaluable`` for that scheme, listing what is missing) —
never a silent pass.

params: ``table`` (spec with concepts id, I, P, D, T, E, F, N, NPV, NPVR, IRR — any may be absent
from a given report; optional columns Y, t, i, n), ``payback`` (``either`` (default): N = I/F or
the static I/P; ``cash_flow``; ``static``), ``input_patterns`` ({Y|t|i|n: [regex with a group v]}),
``text_window`` (paragraphs after the table searched for the inputs, default 6, plus the table's
section).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from docgen.calc.economics import IRR_ESTIMATE_ERROR, irr_estimate
from docgen.calc.economics import irr as solve_irr
from docgen.check.kinds import NotEvaluableRule, kind
from docgen.check.kinds.numeric import (
    concept_column,
    find_tables,
    fmt,
    fmt_tol,
    loc,
    number_at,
    table_name,
)
from docgen.check.numbers import Interval, ParsedNumber, fmt_interval, parse_number
from docgen.read.model import Paragraph, Table

HUNDRED = Decimal(100)
DEFAULT_PATTERNS = {
    "Y": [r"(?:折旧期|折旧年限|折旧期限)\s*(?:Y)?\s*[=＝为:：]?\s*(?P<v>\d+(?:\.\d+)?)\s*年"],
    "n": [r"(?:项目寿命|寿命期|经济寿命|使用寿命|计算期|项目寿命期)\s*(?:n)?\s*[=＝为:：]?\s*(?P<v>\d+(?:\.\d+)?)\s*年"],
    "t": [r"所得税(?:税)?率\s*(?:t)?\s*[=＝为:：]?\s*(?P<v>\d+(?:\.\d+)?\s*[%％])"],
    "i": [r"(?:贴现率|折现率|基准收益率|基准折现率)\s*(?:i)?\s*[=＝为:：]?\s*(?P<v>\d+(?:\.\d+)?\s*[%％])"],
}
NAMES = {"I": "总投资 I", "P": "年运行费用节省 P", "D": "年折旧 D", "T": "应税利润 T", "E": "净利润 E",
         "F": "年增现金流量 F", "N": "投资偿还期 N", "NPV": "净现值 NPV", "NPVR": "净现值率 NPVR",
         "IRR": "内部收益率 IRR", "Y": "折旧期 Y", "t": "所得税率 t", "i": "贴现率 i", "n": "项目寿命 n"}


def _annuity(rate: Decimal, years: int) -> Decimal:
    growth, discount, total = Decimal(1) + rate, Decimal(1), Decimal(0)
    for _ in range(years):
        discount *= growth
        total += 1 / discount
    return total


def _annuity_of(rate: Decimal, years: int, kept: dict | None) -> Decimal:
    """``_annuity``, remembered in ``kept`` (one economics rule's run) by the rate as written —
    ``str`` keeps its exponent, so the very Decimal computed for it is reused. Why: the rate i
    and lifetime n are mostly stated once for all schemes, and each scheme's NPV asked three
    sums of n Decimal divisions (18 per check of the bench report, for 3 distinct ones)."""
    if kept is None:
        return _annuity(rate, years)
    key = (str(rate), years)
    found = kept.get(key)
    if found is None:
        found = kept[key] = _annuity(rate, years)
    return found


def _context_text(ctx, table: Table, window: int) -> list[str]:
    """The paragraphs after the table (its notes) and the rest of its section."""
    blocks = ctx.doc.blocks
    start = next((i for i, b in enumerate(blocks) if b is table), None)
    if start is None:
        return []
    path = table.location.heading_path
    after = [b.text for b in blocks[start + 1:start + 1 + window] if isinstance(b, Paragraph)]
    section = [b.text for b in blocks if isinstance(b, Paragraph) and b.location.heading_path == path]
    return after + [t for t in section if t not in after]


def _inputs_from_text(texts: list[str], ids: list[str], patterns) -> dict[str, dict[str, ParsedNumber]]:
    """{scheme id or "*": {Y|t|i|n: figure}}: a value in a text segment led by a scheme id belongs to
    that scheme; values in segments naming no scheme apply to all."""
    found: dict[str, dict[str, ParsedNumber]] = {}
    id_rx = re.compile("|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))) if ids else None
    for text in texts:
        cuts = [(m.start(), m.group()) for m in id_rx.finditer(text)] if id_rx else []
        segments = [("*", text[: cuts[0][0]] if cuts else text)]
        for k, (pos, sid) in enumerate(cuts):
            end = cuts[k + 1][0] if k + 1 < len(cuts) else len(text)
            segments.append((sid, text[pos:end]))
        for sid, seg in segments:
            for key, pats in patterns.items():
                for pat in pats:
                    m = _search(pat)(seg)
                    if m:
                        num = parse_number(m.group("v"))
                        if num is not None:
                            found.setdefault(sid, {}).setdefault(key, num)
                        break
    return found


@lru_cache(maxsize=256)
def _search(pattern: str):
    """The compiled ``search`` of a pattern (rule data): ``re.search(pat, seg)`` looked the pattern
    up in re's own cache through a Python-level function on every call — ≈ 120 calls per check of
    the bench report (14 texts around the economics table, their scheme segments, 4 inputs).
    Compiled on first use, as re.search did (an invalid pattern fails where it failed)."""
    return re.compile(pattern).search


def _fraction(num: ParsedNumber) -> Interval:
    """A declared rate parameter (t, i), exact as stated: "25%", "25" or "0.25" → 0.25."""
    iv = Interval.exact(num.value)
    return iv.scale(Decimal("0.01")) if num.percent or num.value >= 1 else iv


@kind("economics")
def economics(ctx):
    p = ctx.params
    spec = p["table"]
    patterns = {**DEFAULT_PATTERNS, **p.get("input_patterns", {})}
    payback = p.get("payback", "either")
    checked = 0
    annuities: dict = {}  # (_annuity_of: the same rate and lifetime for most schemes)
    for match in find_tables(ctx, spec):
        table = match.table
        cols = {k: concept_column(match, spec, k) for k in NAMES}
        id_col = concept_column(match, spec, "id")
        rows = [(t, r) for t, r, _ in match.data_rows()]
        ids = [t.grid[r][id_col].text.strip() for t, r in rows if id_col is not None and t.grid[r][id_col].text.strip()]
        texts = _context_text(ctx, table, int(p.get("text_window", 6)))
        stated = _inputs_from_text(texts, ids, patterns)
        for t, r in rows:
            sid = t.grid[r][id_col].text.strip() if id_col is not None else ""
            v = {k: number_at(t, r, c) for k, c in cols.items() if c is not None}
            v = {k: n for k, n in v.items() if n is not None and not n.approx}
            if "I" not in v:
                continue
            for key in ("Y", "t", "i", "n"):
                if key not in v:
                    got = stated.get(sid, {}).get(key) or stated.get("*", {}).get(key)
                    if got is not None:
                        v[key] = got
            results, missing = _check_row(v, payback, annuities)
            for key, ok, computed, evidence in results:
                checked += 1
                if ok:
                    continue
                num = v[key]
                yield ctx.finding(
                    f"{table_name(t)}中方案「{sid}」的{NAMES[key]}与其输入数据不符：重算为 {computed}，表中为 {num.text.strip()}",
                    evidence=evidence, location=loc(t, r, cols[key]),
                    suggestion=f"请按 {_FORMULA[key]} 重新计算（输入数据及参数见表注）。")
            if missing:
                yield ctx.finding(
                    f"{table_name(t)}中方案「{sid}」的{'、'.join(NAMES[k] for k in missing)}无法复核：缺少所需输入",
                    evidence="缺少：" + "；".join(f"{NAMES[k]} 需要 {'、'.join(NAMES[x] for x in need)}"
                                                  for k, need in missing.items()),
                    location=loc(t, r), status="not_evaluable",
                    suggestion="请在表中或表注中列明折旧期 Y、所得税率 t、贴现率 i 和项目寿命 n。")
    if not checked:
        raise NotEvaluableRule("经济评估表中没有可复核的方案（缺少总投资或各项指标）")


_FORMULA = {"D": "D = I / Y", "T": "T = P − D", "E": "E = T ×（1 − t）", "F": "F = E + D",
            "N": "N = I / F", "NPV": "NPV = Σ F/(1+i)^j − I", "NPVR": "NPVR = NPV / I", "IRR": "NPV(IRR) = 0"}
_NEEDS = {"D": ("I", "Y"), "T": ("P", "D"), "E": ("T", "t"), "F": ("E", "D"), "N": ("I", "F"),
          "NPV": ("F", "I", "i", "n"), "NPVR": ("NPV", "I"), "IRR": ("F", "I", "n")}


def _check_row(v: dict[str, ParsedNumber], payback: str, annuities: dict | None = None):
    """[(key, ok, computed text, evidence)] for each printed derived figure, and the figures that
    could not be checked {key: missing inputs}. The computed text and the evidence are only
    written for a figure that disagrees (None when ok): formatting them for every figure of every
    scheme cost ≈ 0.17 ms of this function's 0.79 ms on the bench report (6 schemes, all agreeing;
    the rest is mostly the three IRRs per scheme)."""
    out, missing = [], {}

    def iv(k):
        # Y, t, i, n are declared parameters, exact as stated; the rest are rounded printed figures
        return Interval.exact(v[k].value) if k in ("Y", "n") else v[k].interval()

    def s(k):
        return v[k].text.strip()

    for key, needs in _NEEDS.items():
        if key not in v:
            continue
        absent = [n for n in needs if n not in v]
        if key == "N" and "F" not in v and "P" in v and payback != "cash_flow":
            absent = []
        if absent:
            missing[key] = absent
            continue
        stated = v[key]
        places = stated.places
        if key == "D":
            comp = iv("I") / iv("Y")
            text = lambda: f"D = I / Y = {s('I')} / {s('Y')}"  # (written only when needed)
        elif key == "T":
            comp = iv("P") - iv("D")
            text = lambda: f"T = P − D = {s('P')} − {s('D')}"
        elif key == "E":
            t_iv = _fraction(v["t"])
            taxable = iv("T")
            comp = taxable * (Interval.exact(1) - t_iv) if taxable.lo > 0 else taxable
            text = lambda: f"E = T × (1 − t) = {s('T')} × (1 − {s('t')})"
        elif key == "F":
            comp = iv("E") + iv("D")
            text = lambda: f"F = E + D = {s('E')} + {s('D')}"
        elif key == "N":
            options = []
            if "F" in v and payback in ("either", "cash_flow"):
                options.append((iv("I") / iv("F"), "F"))
            if "P" in v and payback in ("either", "static"):
                options.append((iv("I") / iv("P"), "P"))
            if any(o[0].meets(stated.interval()) for o in options):
                out.append(("N", True, None, None))
                continue
            shown = [(c, f"N = I / F = {s('I')} / {s('F')}" if by == "F" else f"N = I / P = {s('I')} / {s('P')}（静态）")
                     for c, by in options]
            comp, text = shown[0]
            out.append(("N", False, fmt(comp.point, places), _evidence(text, comp, stated, places)
                        + ("；" + "；".join(f"{t} = {fmt(c.point, places)}" for c, t in shown[1:]) if len(shown) > 1 else "")))
            continue
        elif key == "NPV":
            rate = _fraction(v["i"])
            years = int(v["n"].value)
            a_lo, a_hi = _annuity_of(rate.hi, years, annuities), _annuity_of(rate.lo, years, annuities)
            f = iv("F")
            a_mid = _annuity_of(rate.point, years, annuities)
            comp = Interval(f.lo * a_lo - iv("I").hi, f.hi * a_hi - iv("I").lo, f.point * a_mid - iv("I").point)
            text = lambda a_mid=a_mid: (f"NPV = F × Σ1/(1+i)^j − I = {s('F')} × {fmt(a_mid, 4)} − {s('I')}"
                            f"（i = {s('i')}，n = {s('n')}）")
        elif key == "NPVR":
            comp = iv("NPV") / iv("I")
            if any(comp.meets(reading) for reading in stated.rate_readings()):
                out.append((key, True, None, None))
                continue
            shown = f"{fmt(comp.point * HUNDRED, places + 1)}%" if stated.percent else fmt(comp.point, places + 1)
            out.append((key, False, shown, f"NPVR = NPV / I = {s('NPV')} / {s('I')} = {shown} ≠ 表中 {stated.text.strip()}"))
            continue
        else:  # IRR
            f, inv = iv("F"), iv("I")
            years = int(v["n"].value)
            if _irr_clearly_within(f, inv, years, stated):
                out.append((key, True, None, None))
                continue
            lo, hi = solve_irr(f.lo, inv.hi, years), solve_irr(f.hi, inv.lo, years)
            if lo is None or hi is None:
                missing["IRR"] = ["F > 0"]
                continue
            point = solve_irr(f.point, inv.point, years)
            comp = Interval(lo, hi, point)
            if any(comp.meets(reading) for reading in stated.rate_readings()):
                out.append((key, True, None, None))
                continue
            shown = f"{fmt(comp.point * HUNDRED, max(places, 1) + 1)}%"
            out.append((key, False, shown,
                        (f"IRR：{s('F')} × Σ1/(1+IRR)^j = {s('I')}（n = {s('n')}）"
                        f" → IRR = {shown}（按显示精度 {fmt_interval(comp.scale(HUNDRED), max(places, 1) + 1)}%）"
                        f" ≠ 表中 {stated.text.strip()}")))
            continue
        if comp.meets(stated.interval()):
            out.append((key, True, None, None))
        else:
            out.append((key, False, fmt(comp.point, places), _evidence(text(), comp, stated, places)))
    return out, missing


def _irr_clearly_within(f: Interval, inv: Interval, years: int, stated: ParsedNumber) -> bool:
    """True when the IRR interval [IRR(F.lo, I.hi), IRR(F.hi, I.lo)] certainly meets a reading of
    the printed IRR, judged from float estimates (each within IRR_ESTIMATE_ERROR of the exact IRR,
    docgen.calc.economics) with that margin on both sides; False when unsure (then the exact IRRs
    decide). Why: three exact IRRs per scheme were ≈ 70 µs, most of the economics rule, and a
    report's IRRs mostly agree by far more than 1e-6. Both estimates exist only where both exact
    IRRs do (F > 0), so "no IRR" is never skipped."""
    lo, hi = irr_estimate(f.lo, inv.hi, years), irr_estimate(f.hi, inv.lo, years)
    if lo is None or hi is None:
        return False
    return any(lo + IRR_ESTIMATE_ERROR <= float(reading.hi) and float(reading.lo) <= hi - IRR_ESTIMATE_ERROR
               for reading in stated.rate_readings())


def _evidence(text: str, comp: Interval, stated: ParsedNumber, places: int) -> str:
    tol = comp.half_width + stated.half_unit
    return f"{text} = {fmt(comp.point, places)} ≠ 表中 {stated.text.strip()}（容差 ±{fmt_tol(tol, places)}）"
