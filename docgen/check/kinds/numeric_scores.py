"""``weighted_score``: the 权重总和计分排序表 (T-11) recomputes, and the 审核重点 the report names is
the candidate with the highest score (domain.md §7.1, §7.8 rules 5 and 12; review point R4 — the
choice of 审核重点 must reflect the main problems; a 审核重点 "设置错误" is a 不通过 trigger).

Recomputed from the printed weights W and ratings R (docgen.calc.ranking semantics: S_k = Σ W_i ×
R_ik, equal scores share a rank): each printed 加权分 R×W, each candidate's 总分, the 排序 row or
column, and the candidate named as 审核重点 in the text. A report may keep a lower-ranked candidate
if it says why (a sentence with a justification word in the same paragraph); then nothing is
reported. The evidence lists the recomputed scores of every candidate.

Layouts: (A) factors as rows, candidates as two-level column groups "<candidate>/得分 R" and
"<candidate>/加权分 R×W" (the manual's worksheet and docgen's rendering), a weight column, rows
总分 and 排序; (B) candidates as rows, one column per factor holding R, the weights on a row
labelled 权重 (or in the factor header, "废弃物量（10）"), columns 总分 and 排序.

params: ``table`` (spec: concepts ``factor`` and ``weight`` for layout A, ``candidate`` for B),
``rating_aliases`` [得分R, 得分, 评分, R], ``weighted_aliases`` [加权分R×W, 加权分, R×W, 加权得分],
``total_labels`` [总分, 总计, 合计, 总得分], ``rank_labels`` [排序, 名次, 排名], ``weight_labels`` [权重值W,
权重值, 权重] (layout B), ``focus_patterns`` (regular expressions with a group ``name``: the sentences
naming the 审核重点), ``justification_words`` (a lower-ranked choice is accepted when its paragraph
contains one).
"""

from __future__ import annotations

import re
from decimal import Decimal

from docgen.check.kinds import NotEvaluableRule, kind
from docgen.check.kinds.numeric import (
    body_paragraphs,
    cnorm,
    concept_column,
    find_tables,
    fmt,
    label_forms,
    loc,
    number_at,
    required_literal,
    table_name,
)
from docgen.check.numbers import Interval, ParsedNumber

DEFAULT_FOCUS_PATTERNS = (
    r"确定[「“\"]?(?P<name>[^「」“”\"，。；]{2,40}?)[」”\"]?为(?:本轮)?(?:清洁生产)?审核重点",
    r"[「“](?P<name>[^」”]{2,40})[」”](?:被)?(?:确定|选定|确立)为(?:本轮)?(?:清洁生产)?审核重点",
    r"(?:本轮)?(?:清洁生产)?审核重点(?:确定|选定)?为[「“]?(?P<name>[^「」“”，。；]{2,40}?)[」”]?[，。；]",
)
DEFAULT_JUSTIFICATION = ("虽然", "尽管", "综合考虑", "但考虑", "考虑到", "结合实际", "鉴于")


class Candidate:
    def __init__(self, name: str):
        self.name = name
        self.terms: list[tuple[ParsedNumber, ParsedNumber]] = []  # (W, R)
        self.score = Interval.exact(0)
        self.total: tuple[object, int, int, ParsedNumber] | None = None
        self.rank: tuple[object, int, int, ParsedNumber] | None = None

    @property
    def exact(self) -> Decimal:
        """Σ W × R of the printed terms, exactly. Summed once the terms are complete and then kept:
        the ranking compares every candidate's score with every other's (≈ 60 sums per check of
        the bench report, ≈ 400 generator steps); the terms never change after the layout."""
        kept = self.__dict__.get("_exact")
        if kept is None or kept[0] != len(self.terms):
            kept = self.__dict__["_exact"] = (len(self.terms), sum((w.value * r.value for w, r in self.terms), Decimal(0)))
        return kept[1]


def _exact(num: ParsedNumber) -> Interval:
    """Weights and ratings are exact by the method (integers 1–10, or as printed): only the printed
    total is rounded ("S_k recomputes exactly, allow rounding ±0.5", domain.md §7.1)."""
    return Interval.exact(num.value)


def _match_any(text: str, aliases) -> bool:
    """A non-empty alias form equals or is contained in the text's form (equal is contained: one
    ``in`` test), the forms of the alias list normalised once (``label_forms``, rule data)."""
    t = cnorm(text)
    return any(f and f in t for f in label_forms(tuple(aliases)))


def _layout_a(match, spec, p, findings, ctx):
    table = match.table
    weight_col = concept_column(match, spec, "weight")
    if weight_col is None:
        return None
    groups: dict[str, dict[str, int]] = {}
    for c in range(table.n_cols):
        path = table.header_paths[c] if c < len(table.header_paths) else ""
        top, _, low = path.rpartition("/")
        if not top:
            continue
        if _match_any(low, p["weighted_aliases"]):
            groups.setdefault(top, {})["wr"] = c
        elif _match_any(low, p["rating_aliases"]):
            groups.setdefault(top, {})["r"] = c
    groups = {k: v for k, v in groups.items() if "r" in v}
    if len(groups) < 2:
        return None
    cands = {k: Candidate(k) for k in groups}
    for t, r, _ in match.data_rows():
        label = " ".join(c.text for c in t.grid[r][:max(1, weight_col)])
        if _match_any(label, p["total_labels"]) or _match_any(label, p["rank_labels"]):
            key = "total" if _match_any(label, p["total_labels"]) else "rank"
            for name, cols in groups.items():
                # the total/rank sits under 加权分 in the manual's layout, under 得分 in some reports
                for col in [cols[k] for k in ("wr", "r") if k in cols]:
                    num = number_at(t, r, col)
                    if num is not None:
                        setattr(cands[name], key, (t, r, col, num))
                        break
            continue
        w = number_at(t, r, weight_col)
        if w is None:
            continue
        for name, cols in groups.items():
            rating = number_at(t, r, cols["r"])
            if rating is None:
                continue
            cands[name].terms.append((w, rating))
            product = _exact(w) * _exact(rating)  # (one product for the score and the printed R×W)
            cands[name].score = cands[name].score + product
            if "wr" in cols:
                wr = number_at(t, r, cols["wr"])
                if wr is not None and not product.meets(wr.interval()):
                    findings.append(ctx.finding(
                        f"{table_name(t)}中「{name}」的「{t.grid[r][0].text.strip()}」加权分与 W×R 不符："
                        f"{w.text.strip()} × {rating.text.strip()} = {fmt(product.point, wr.places)}，表中为 {wr.text.strip()}",
                        evidence=f"R×W = {rating.text.strip()} × {w.text.strip()} = {fmt(product.point, wr.places)} ≠ {wr.text.strip()}",
                        location=loc(t, r, cols["wr"]), suggestion="请按 加权分 = 权重值 W × 得分 R 重新计算。"))
    return list(cands.values())


def _layout_b(match, spec, p):
    table = match.table
    cand_col = concept_column(match, spec, "candidate")
    if cand_col is None:
        return None
    total_col = next((c for c in range(table.n_cols) if _match_any(table.header_paths[c], p["total_labels"])), None)
    rank_col = next((c for c in range(table.n_cols) if _match_any(table.header_paths[c], p["rank_labels"])), None)
    factor_cols = [c for c in range(table.n_cols) if c not in (cand_col, total_col, rank_col)]
    weights: dict[int, ParsedNumber] = {}
    for c in factor_cols:  # weight in the header: "废弃物量（10）" / "废弃物量 W=10"
        m = re.search(r"(?:W\s*=\s*|[(（]\s*)(\d+(?:\.\d+)?)\s*[)）]?$", table.header_paths[c])
        if m:
            from docgen.check.numbers import parse_number
            weights[c] = parse_number(m.group(1))
    cands = []
    for t, r, _ in match.data_rows():
        label = t.grid[r][cand_col].text
        if _match_any(label, p["weight_labels"]):
            for c in factor_cols:
                w = number_at(t, r, c)
                if w is not None:
                    weights[c] = w
            continue
        cand = Candidate(label.strip())
        for c in factor_cols:
            rating = number_at(t, r, c)
            if rating is not None and c in weights:
                cand.terms.append((weights[c], rating))
                cand.score = cand.score + _exact(weights[c]) * _exact(rating)
        if total_col is not None and number_at(t, r, total_col) is not None:
            cand.total = (t, r, total_col, number_at(t, r, total_col))
        if rank_col is not None and number_at(t, r, rank_col) is not None:
            cand.rank = (t, r, rank_col, number_at(t, r, rank_col))
        if cand.terms:
            cands.append(cand)
    return cands if len(cands) >= 2 and weights else None


def _scores_text(cands) -> str:
    return "；".join(f"{c.name} {fmt(c.exact, 0) if c.exact == c.exact.to_integral_value() else fmt(c.exact, 2)}"
                    for c in cands)


def _stated_focus(ctx, cands, patterns):
    """[(paragraph, stated name, matched candidate or None)] for every sentence naming the 审核重点."""
    out = []
    compiled = [re.compile(pat) for pat in patterns]
    # (only the paragraphs holding a pattern's required literal, "审核重点", can match)
    for para in body_paragraphs(ctx, [required_literal(rx.pattern, rx.flags) for rx in compiled]):
        for rx in compiled:
            for m in rx.finditer(para.text):
                name = m.group("name").strip()
                n = cnorm(name)
                best = None
                for c in cands:
                    cn = cnorm(c.name)
                    if n == cn:
                        best = c
                        break
                    if (n in cn or cn in n) and best is None:
                        best = c
                out.append((para, name, best))
    return out


@kind("weighted_score")
def weighted_score(ctx):
    p = dict(ctx.params)
    p.setdefault("rating_aliases", ["得分R", "得分", "评分", "R"])
    p.setdefault("weighted_aliases", ["加权分R×W", "加权分", "R×W", "加权得分", "W×R"])
    p.setdefault("total_labels", ["总分", "总计", "合计", "总得分"])
    p.setdefault("rank_labels", ["排序", "名次", "排名"])
    p.setdefault("weight_labels", ["权重值W", "权重值", "权重"])
    spec = p["table"]
    evaluated = False
    for match in find_tables(ctx, spec):
        findings: list = []
        cands = _layout_a(match, spec, p, findings, ctx) or _layout_b(match, spec, p)
        if not cands:
            continue
        evaluated = True
        yield from findings
        table = match.table
        recomputed = _scores_text(cands)
        for c in cands:
            if c.total and not c.score.meets(c.total[3].interval()):
                t, r, col, num = c.total
                yield ctx.finding(
                    f"{table_name(t)}中「{c.name}」的总分与各因素 W×R 之和不符：应为 {fmt(c.score.point, num.places)}，"
                    f"表中为 {num.text.strip()}",
                    evidence=("Σ(W×R) = " + " + ".join(f"{w.text.strip()}×{r_.text.strip()}" for w, r_ in c.terms)
                              + f" = {fmt(c.score.point, num.places)} ≠ {num.text.strip()}；按表重算总分：{recomputed}"),
                    location=loc(t, r, col), suggestion="请按 总分 = Σ(权重值 W × 得分 R) 重新计算。")
        order = sorted(cands, key=lambda c: c.exact, reverse=True)
        for c in cands:
            expected = 1 + sum(1 for o in cands if o.exact > c.exact)
            if c.rank and c.rank[3].value != expected:
                t, r, col, num = c.rank
                yield ctx.finding(
                    f"{table_name(t)}中「{c.name}」的排序与重算的总分不符：应为第 {expected} 位，表中为 {num.text.strip()}",
                    evidence=f"按表重算总分：{recomputed}", location=loc(t, r, col),
                    suggestion="请按总分从高到低重新排序。")
        top = [c for c in order if c.exact == order[0].exact]
        statements = _stated_focus(ctx, cands, p.get("focus_patterns", DEFAULT_FOCUS_PATTERNS))
        if not statements:
            yield ctx.finding("正文中未找到“确定……为审核重点”的表述，无法核对审核重点与计分排序是否一致",
                              evidence=f"按表重算总分：{recomputed}", location=loc(table), status="not_evaluable",
                              severity="info")
            continue
        words = p.get("justification_words", DEFAULT_JUSTIFICATION)
        for para, name, cand in statements:
            if cand is None:
                yield ctx.finding(f"正文所述审核重点「{name}」不是{table_name(table)}中的备选对象，请人工确认",
                                  evidence=f"备选对象：{'、'.join(c.name for c in cands)}；按表重算总分：{recomputed}",
                                  location=para.location, severity="info", confidence=0.5)
            elif cand not in top and not any(w in para.text for w in words):
                yield ctx.finding(
                    f"正文确定的审核重点「{name}」不是权重总和计分最高者（最高者为「{top[0].name}」），且未说明理由",
                    evidence=f"按表重算总分：{recomputed}；「{cand.name}」{fmt(cand.exact, 0)} 分，"
                             f"排第 {1 + sum(1 for o in cands if o.exact > cand.exact)} 位",
                    location=para.location,
                    suggestion="请以计分最高者为审核重点，或在正文中说明选择其他备选对象的理由。")
    if not evaluated:
        raise NotEvaluableRule("未能识别权重总和计分排序表的因素、权重和得分，无法重算")
