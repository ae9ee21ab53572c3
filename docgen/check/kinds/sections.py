"""``required_sections``: the stage chapters S1–S7 (or any required sequence) exist, in order.

How it matches (checker.md §5.2, measured): only headings are candidates (never body text); titles
and aliases are compared in their matching form (docgen.read.normalize.norm: NFKC, spaces and
U+3000 removed, traditional→simplified, 与/及→和); an exact alias scores 1.0, an alias of ≥ 3
characters at the END of a title 0.8 (中/高费方案可行性分析 ⊃ 可行性分析), a similarity ratio ≥ the
threshold only a low score that is reported for a human to confirm. The detected headings are
aligned to the required sequence with a weighted LCS, so each required section takes at most one
heading, order is kept, and 审核准备 cannot be taken for 审核 nor 预审核结论 for 预审核.

params: ``sections`` [{id, name, aliases}], ``level`` (expected heading level, default 1),
``fuzzy_threshold`` (0–100, default 85).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import compress

from docgen.check.kinds import NotEvaluableRule, kind
from docgen.read.model import Heading
from docgen.read.normalize import norm


@dataclass
class SectionMatch:
    id: str
    name: str
    heading: Heading | None
    score: float
    how: str  # exact | suffix | fuzzy | ""


def _score(title: str, aliases: list[str], threshold: float) -> tuple[float, str]:
    best, how = 0.0, ""
    length = len(title)
    for alias in aliases:
        if title == alias:
            return 1.0, "exact"
        if len(alias) >= 3 and title.endswith(alias) and 0.8 > best:
            best, how = 0.8, "suffix"
        if 200.0 * min(length, len(alias)) < threshold * (length + len(alias)):
            continue  # the ratio's length bound (2·shorter / total): most heading × alias pairs stop here
        ratio = _ratio(title, alias, threshold)
        if ratio >= threshold and 0.5 * ratio / 100 > best:
            best, how = 0.5 * ratio / 100, f"fuzzy:{ratio:.0f}"
    return best, how


def _ratio(a: str, b: str, threshold: float) -> float:
    """``SequenceMatcher(None, a, b).ratio() * 100``, or 0 when it certainly stays below
    ``threshold``: ``quick_ratio`` is an upper bound of ``ratio`` computed with the same formula
    (2·matches / total length), so the skip never changes a result. (The cheaper length bound,
    2·shorter / total, is tested by ``_score`` before it calls this.)"""
    if not _may_reach(a, b, threshold):
        return 0.0
    return SequenceMatcher(None, a, b).ratio() * 100


def _may_reach(a: str, b: str, threshold: float) -> bool:
    """False when ``SequenceMatcher(None, a, b).ratio() * 100`` is certainly below ``threshold``:
    its upper bound ``quick_ratio``, on cached counts, is."""
    total = len(a) + len(b)
    return not (total and 2.0 * _common(a, b) / total * 100 < threshold)


@lru_cache(maxsize=4096)
def _counts(text: str) -> tuple[frozenset[str], dict[str, int] | None]:
    """A text's characters, and their counts when some character repeats (else None)."""
    chars = frozenset(text)
    return chars, (Counter(text) if len(chars) < len(text) else None)


def _common(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share, with multiplicity — the numerator of
    ``SequenceMatcher.quick_ratio`` without building a matcher per heading × alias pair. Titles
    and aliases mostly hold each character once: then it is the size of a set intersection (one
    C call); the counts are compared only when a character repeats."""
    chars_a, counts_a = _counts(a)
    chars_b, counts_b = _counts(b)
    shared = chars_a & chars_b
    if counts_a is None and counts_b is None:
        return len(shared)
    return sum(min(counts_a[ch] if counts_a else 1, counts_b[ch] if counts_b else 1) for ch in shared)


class _Matcher:
    """Which required sections a heading title can match at all, found without scoring it against
    every alias of every section: the checker compares ~50 candidate headings of a 100-page
    report with 7 sections of ~4 aliases, and nearly every pair scores 0. A section can score
    only by an exact alias (one dict lookup for all sections), an alias of ≥ 3 characters ending
    the title (one ``str.endswith`` over all such aliases) or by similarity, which needs an alias
    whose length and the title's characters found in any alias (one set intersection) let the
    quick ratio reach the threshold (``_near``, per title length and that count) and then
    the quick ratio itself (``_may_reach``). Each section found so is scored by ``_score`` itself, so every score is
    ``_score``'s; the others are certainly 0 (tests/check/test_sections_matcher_exact.py).
    Measured: align 0.52 → 0.15 ms for the 50 candidate headings of a 100-page report (with
    ``lcs_table``)."""

    def __init__(self, alias_sets: tuple[tuple[str, ...], ...], threshold: float):
        self.alias_sets, self.threshold = alias_sets, threshold
        self.exact: dict[str, set[int]] = {}
        for i, aliases in enumerate(alias_sets):
            for alias in aliases:
                self.exact.setdefault(alias, set()).add(i)
        self.suffixes = tuple(alias for aliases in alias_sets for alias in aliases if len(alias) >= 3)
        self.alphabet = frozenset("".join(self.exact))
        self.near: dict[tuple[int, int], list[tuple[int, str]]] = {}

    def _near(self, length: int, known: int) -> list[tuple[int, str]]:
        """(section, alias) pairs whose similarity to a title of ``length`` characters, ``known``
        of them in some alias, can reach the threshold: quick_ratio's numerator (characters
        shared with an alias, with multiplicity) is at most ``known`` and at most the alias's
        length; with ``known`` = ``length`` this is ``_score``'s length bound. (The 1e-9 margin
        keeps a pair whose bound is equal to the threshold but for rounding.)"""
        pairs = self.near.get((length, known))
        if pairs is None:
            threshold = self.threshold
            pairs = self.near[length, known] = [
                (i, alias) for i, aliases in enumerate(self.alias_sets) for alias in aliases
                if not 200.0 * min(known, len(alias)) * (1 + 1e-9) < threshold * (length + len(alias))]
        return pairs

    def scores(self, title: str) -> dict[int, tuple[float, str]]:
        """``_score`` of ``title`` against each section that can score above 0 (the rest do not)."""
        chars, counts = _counts(title)
        known = chars & self.alphabet
        near = self._near(len(title), sum(counts[ch] for ch in known) if counts else len(known))
        exact = self.exact.get(title)
        suffix = title.endswith(self.suffixes)
        if not (near or exact or suffix):
            return {}  # (most headings: no alias is it, ends it or is near enough to resemble it)
        found = set(exact) if exact else set()
        if suffix:
            found.update(i for i, aliases in enumerate(self.alias_sets)
                         if any(len(alias) >= 3 and title.endswith(alias) for alias in aliases))
        threshold = self.threshold
        for i, alias in near:
            if i not in found and _may_reach(title, alias, threshold):
                found.add(i)  # (the ratio itself is left to _score: computed once, not twice)
        return {i: _score(title, self.alias_sets[i], threshold) for i in found}


@lru_cache(maxsize=64)
def _matcher(alias_sets: tuple[tuple[str, ...], ...], threshold: float) -> _Matcher:
    return _Matcher(alias_sets, threshold)


def align(headings: list[Heading], sections: list[dict], level: int, threshold: float) -> list[SectionMatch]:
    """Weighted LCS of required sections against candidate headings (levels ≤ level + 1)."""
    candidates = [h for h in headings if h.level <= level + 1]
    titles = [norm(h.title or h.text) for h in candidates]
    matcher = _matcher(tuple(tuple(norm(a) for a in ([s["name"]] + list(s.get("aliases", [])))) for s in sections),
                       threshold)
    n, m = len(sections), len(candidates)
    scores = [[0.0] * m for _ in range(n)]
    hows = [[""] * m for _ in range(n)]
    for j, title in enumerate(titles):
        for i, (s, how) in matcher.scores(title).items():
            if s and candidates[j].level != level and how.startswith("fuzzy"):
                # a subsection that merely resembles a chapter name is not that chapter: deleting
                # 第四章 清洁生产绩效 must not be hidden by "3.3 方案实施绩效汇总" (similarity 86)
                s, how = 0.0, ""
            if s and candidates[j].level != level:
                # a chapter written one level too deep still matches, but a heading at the expected
                # level wins even by similarity alone (7.3 制定持续清洁生产计划 must not take S7)
                s *= 0.5
            scores[i][j], hows[i][j] = s, how
    best = lcs_table(scores, m)
    matches, i, j = [], 0, 0
    while i < n:
        if j < m and scores[i][j] and abs(best[i][j] - (scores[i][j] + best[i + 1][j + 1])) < 1e-9:
            matches.append(SectionMatch(sections[i]["id"], sections[i]["name"], candidates[j], scores[i][j], hows[i][j]))
            i, j = i + 1, j + 1
        elif j < m and abs(best[i][j] - best[i][j + 1]) < 1e-9 and best[i][j + 1] >= best[i + 1][j]:
            j += 1
        else:
            matches.append(SectionMatch(sections[i]["id"], sections[i]["name"], None, 0.0, ""))
            i += 1
    return matches


def lcs_table(scores: list[list[float]], m: int) -> list[list[float]]:
    """The weighted LCS table: ``best[i][j]`` = the largest total score of sections ``i…`` against
    headings ``j…`` (non-negative scores), i.e. for i < n, j < m

        best[i][j] = max(scores[i][j] + best[i + 1][j + 1] if scores[i][j] else 0.0,
                         best[i + 1][j], best[i][j + 1])

    and 0.0 on the last row and column — computed without a Python step per zero score: a row of
    the table never increases with ``j`` (its max includes ``best[i][j + 1]``), so over a run of
    zero scores that ends before column ``k`` (the next non-zero score, or m) the recurrence
    unrolls to ``max(best[i + 1][j], best[i][k])``, one comprehension per run. Nearly every score
    is 0 (each section matches one heading of ~50), and the max of the same numbers is the same
    float: the table is identical (tests/check/test_sections_matcher_exact.py)."""
    n = len(scores)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below, scored = best[i], best[i + 1], scores[i]
        end = m  # columns end… are done; row[end] is the carry of the run before it
        for k in [*reversed(list(compress(range(m), scored))), -1]:  # (the non-zero columns, from the right)
            carry = row[end]
            row[k + 1:end] = [v if v > carry else carry for v in below[k + 1:end]]  # noqa: FURB136 (no call per cell)
            if k >= 0:
                row[k] = max(scored[k] + below[k + 1], below[k], row[k + 1])
            end = k
    return best


def section_matches(ctx, headings: list[Heading] | None = None) -> list[SectionMatch]:
    """The alignment, computed once per document and rule parameters (other kinds use it for placement).
    ``headings``: ``ctx.doc.headings`` when the caller has it (a property: a pass over every block)."""
    params = ctx.params
    key = f"sections:{ctx.rule.code}"
    return ctx.cached(key, lambda: align(ctx.doc.headings if headings is None else headings, params["sections"],
                                         int(params.get("level", 1)), float(params.get("fuzzy_threshold", 85))))


@kind("required_sections")
def required_sections(ctx):
    headings = ctx.doc.headings  # (once: Document.headings walks every block)
    if not headings:
        raise NotEvaluableRule("文档中未识别出任何标题（可能为扫描件、无文字层或未使用标题格式）")
    level = int(ctx.params.get("level", 1))
    threshold = float(ctx.params.get("fuzzy_threshold", 85))
    matches = section_matches(ctx, headings)
    ctx.cache["section_matches"] = matches
    for k, m in enumerate(matches):
        if m.heading is None:
            found_titles = [h.text for h in headings if h.level == level]
            # somewhere, out of order? (an exact or suffix match outside the aligned sequence)
            aliases = [norm(a) for a in [m.name] + list(next(s for s in ctx.params["sections"] if s["id"] == m.id).get("aliases", []))]
            elsewhere = [h for h in headings if h.level <= level + 1 and _score(norm(h.title or h.text), aliases, threshold)[0] >= 0.8]
            previous = next((p.heading for p in reversed(matches[:k]) if p.heading is not None), None)
            if elsewhere:
                h = elsewhere[0]
                yield ctx.finding(f"章节「{m.name}」（{m.id}）的位置不符合审核程序的顺序：出现在「{h.text}」处",
                                  evidence=f"检出的一级标题依次为：{'；'.join(found_titles)}", location=h.location,
                                  target_id=m.id, target=m.name, category="order",
                                  suggestion="请按 筹划和组织→预审核→审核→方案的产生和筛选→可行性分析→方案实施→持续清洁生产 的顺序编排章节。")
            else:
                where = f"（应位于「{previous.text}」之后）" if previous else ""
                yield ctx.finding(f"缺少「{m.name}」章节（{m.id}）{where}",
                                  evidence=f"检出的一级标题依次为：{'；'.join(found_titles) or '无'}",
                                  location=previous.location if previous else None, target_id=m.id, target=m.name,
                                  suggestion=f"请补充「{m.name}」章节及其内容。")
            continue
        if m.how.startswith("fuzzy"):
            yield ctx.finding(f"章节「{m.heading.text}」按相似度对应要求的「{m.name}」（{m.id}），请人工确认",
                              evidence=f"相似度 {m.how.split(':')[1]}（低置信度匹配）", location=m.heading.location,
                              target_id=m.id, target=m.name, severity="info", confidence=m.score)
        elif m.heading.level != level:
            yield ctx.finding(f"章节「{m.heading.text}」对应「{m.name}」（{m.id}），但不是一级标题（第 {m.heading.level} 级）",
                              evidence=f"识别依据：{m.heading.signal.value}", location=m.heading.location, target_id=m.id,
                              target=m.name, category="order", severity="warning", confidence=m.score)
