"""``scheme_counts``: the numbers of 无/低费 and 中/高费 schemes the report states equal the schemes it
lists (domain.md §7.8 rule 1: "counts of 无/低费 and 中/高费 options in text = counts in T-16 = counts
in 评估函"; review point R8). The 评估 letter fixes "按审核报告 N 个无/低费方案、M 个中/高费方案实施",
so a count that disagrees with the list puts the wrong obligation into the letter.

Statements are sentences (split at 。) that give BOTH a 无/低费 and a 中/高费 count — "共提出清洁生产
方案17项，其中无/低费方案14项、中/高费方案3项", "9个无/低费方案，1个中/高费方案", "无低费方案 12 项…
中、高费方案 3 项" — plus the count written in a listed table's total row ("共 17 项（无/低费 14 项，
中/高费 3 项）"). A sentence naming only one class ("共提出无/低费方案7项" in 预审核) is a stage count,
not the round's total, and is not compared; sentences with a ``skip_words`` word (default 已实施:
"已实施方案统计" counts what is done, not what was proposed) are skipped too.

Counted: the detail rows of the ``sources`` tables — T-16 by its 费用类别 column, or A-3 (all 无/低费)
and A-4 (all 中/高费) by a fixed ``category`` — and, for ``row_count_tables`` (T-18, T-21, A-3 …),
the "共 N 项" of their total row against their own detail rows.

params: ``sources`` [{table, category_column} | {table, category: low|high}], ``row_count_tables``
[spec …], ``low_aliases`` [无/低费, 无低费, 无、低费], ``high_aliases`` [中/高费, 中高费, 中、高费],
``total_labels`` [合计, 总计], ``skip_words`` [已实施].
"""

from __future__ import annotations

import re
from functools import lru_cache

from docgen.check.kinds import NotEvaluableRule, kind
from docgen.check.kinds.numeric import (
    body_paragraphs,
    cnorm,
    concept_column,
    detail_rows,
    find_tables,
    label_forms,
    loc,
    table_name,
)
from docgen.read import numerals
from docgen.read.normalize import fold

_NUM = r"(\d+|[一二两三四五六七八九十百]+)"


def _alias_rx(aliases) -> str:
    parts = []
    for a in sorted(aliases, key=len, reverse=True):
        parts.append(r"\s*".join(re.escape(ch) for ch in fold(a)))
    return "(?:" + "|".join(parts) + ")"


def _count_rx(aliases) -> re.Pattern:
    return _count_rx_of(tuple(aliases))


@lru_cache(maxsize=64)
def _count_rx_of(aliases: tuple[str, ...]) -> re.Pattern:
    """``_count_rx`` of an alias list (rule data), built once: the alternatives were folded and
    joined and the pattern looked up in re's cache at every run of the rule."""
    a = _alias_rx(aliases)
    return re.compile(rf"{_NUM}\s*[项个]\s*{a}|{a}(?:方案)?\s*(?:共|计|有)?\s*{_NUM}\s*[项个]")


#: a total row's cell stating the number of rows ("共 17 项"), and the split of a paragraph into sentences
_COUNT_CELL = re.compile(rf"\s*共\s*{_NUM}\s*[项个]\s*").fullmatch
_SENTENCES = re.compile(r"[。\n]").split
_TOTAL = re.compile(rf"(?:共|合计|总计)[^，,。；;\d]{{0,12}}?{_NUM}\s*[项个]")


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else numerals.parse(text)


def _alias_chars(aliases) -> str:
    return _alias_chars_of(tuple(aliases))


@lru_cache(maxsize=64)
def _alias_chars_of(aliases: tuple[str, ...]) -> str:
    """The characters that every alias's folded form holds. Each alternative of ``_alias_rx``
    matches exactly its alias's folded characters (spaces allowed between them), and both branches
    of ``_count_rx`` need an alternative: a folded text lacking one of these characters has no
    match ("" when nothing is common, e.g. an alias that folds to nothing)."""
    common = None
    for alias in aliases:
        chars = set(fold(alias))
        common = chars if common is None else common & chars
    return "".join(sorted(common or ()))


def parse_counts(text: str, low_rx: re.Pattern, high_rx: re.Pattern, needs: tuple[str, str] = ("", "")) -> dict[str, int] | None:
    """{"low", "high", ["total"]} when the text states both class counts, else None. ``needs``:
    ``_alias_chars`` of the low and high aliases, a quick test before the patterns (each is tried
    at every position of the text: most sentences with 项 or 个 name neither class)."""
    if "项" not in text and "个" not in text:
        return None  # every count reads "N 项/个" (and no character folds into 项 or 个): most sentences
    t = fold(text)
    if not all(ch in t for ch in needs[0]) or not all(ch in t for ch in needs[1]):
        return None
    lows = low_rx.search(t)  # (the first match of each is what counts)
    highs = high_rx.search(t) if lows else None
    if not lows or not highs:
        return None
    low = _int(next(g for g in lows.groups() if g))
    high = _int(next(g for g in highs.groups() if g))
    out = {"low": low, "high": high}
    masked = t[:lows.start()] + " " * (lows.end() - lows.start()) + t[lows.end():]
    masked = masked[:highs.start()] + " " * (highs.end() - highs.start()) + masked[highs.end():]
    m = _TOTAL.search(masked)
    if m:
        total = _int(m.group(1))
        if total is not None:
            out["total"] = total
    return out


def _group_row(table, r: int, low_aliases, high_aliases) -> str | None:
    """"low"/"high" for a group row whose only text names a class ("一、无/低费方案"), else None."""
    texts = {c.text.strip() for c in table.grid[r] if c.text.strip()}
    if len(texts) != 1:
        return None
    return _classify(next(iter(texts)), low_aliases, high_aliases)


def _classify(text: str, low_aliases, high_aliases) -> str | None:
    t = cnorm(text)  # (the alias lists' forms normalised once: label_forms, rule data)
    if any(f in t for f in label_forms(tuple(high_aliases))):
        return "high"
    if any(f in t for f in label_forms(tuple(low_aliases))):
        return "low"
    return None


@kind("scheme_counts")
def scheme_counts(ctx):
    p = ctx.params
    low_aliases = p.get("low_aliases", ["无/低费", "无低费", "无、低费"])
    high_aliases = p.get("high_aliases", ["中/高费", "中高费", "中、高费"])
    totals = tuple(p.get("total_labels", ["合计", "总计"]))
    low_rx, high_rx = _count_rx(low_aliases), _count_rx(high_aliases)
    needs = (_alias_chars(low_aliases), _alias_chars(high_aliases))
    counted = {"low": 0, "high": 0}
    unknown: list[str] = []
    statements = []  # (text, location, where)
    listed: list[str] = []
    for source in p.get("sources", []):
        for match in find_tables(ctx, source["table"]):
            table = match.table
            col = concept_column(match, source["table"], source["category_column"]) if source.get("category_column") else None
            rows, total_rows = detail_rows(match, totals)
            group = None  # a group row "一、无/低费方案" classifies the rows below it
            for t, r in rows:
                heading = _group_row(t, r, low_aliases, high_aliases)
                if heading:
                    group = heading
                    continue
                if source.get("category"):
                    cls = source["category"]
                else:
                    cls = _classify(t.grid[r][col].text, low_aliases, high_aliases) if col is not None else None
                    cls = cls or group
                if cls is None:
                    unknown.append(f"{table_name(t)}第{r + 1}行")
                    continue
                counted[cls] += 1
            listed.append(table_name(table))
            for t, r in total_rows:
                for c, cell in enumerate(t.grid[r]):
                    if cell.col == c:
                        statements.append((cell.text, loc(t, r, c), f"{table_name(t)}合计行"))
    checked = 0
    for found in _row_counts(ctx, p, totals, low_aliases, high_aliases):
        checked += 1
        if found is not None:
            yield found
    skip = p.get("skip_words", ["已实施"])
    # (a sentence without 项 or 个 states no count: parse_counts is None for it)
    for para in body_paragraphs(ctx, ("项", "个")):
        for sentence in _SENTENCES(para.text):
            if sentence.strip() and not any(w in sentence for w in skip):
                statements.append((sentence, para.location, "正文"))
    if listed:
        listed_text = (f"{'、'.join(listed)}列出无/低费方案 {counted['low']} 项、中/高费方案 {counted['high']} 项"
                       f"，合计 {counted['low'] + counted['high']} 项"
                       + (f"（另有 {len(unknown)} 行费用类别无法识别：{'、'.join(unknown[:5])}）" if unknown else ""))
        for text, where, what in statements:
            stated = parse_counts(text, low_rx, high_rx, needs)
            if stated is None:
                continue
            checked += 1
            expect = {"low": counted["low"], "high": counted["high"], "total": counted["low"] + counted["high"]}
            if unknown:
                yield ctx.finding(f"方案表中有 {len(unknown)} 行无法判断费用类别，所述方案数未能核对",
                                  evidence=f"所述：「{text.strip()[:80]}」；{listed_text}", location=where,
                                  status="not_evaluable", suggestion="请在方案汇总表中为每个方案注明费用类别（无/低费或中/高费）。")
                break
            wrong = [k for k in ("low", "high", "total") if k in stated and stated[k] != expect[k]]
            if not wrong:
                continue
            names = {"low": "无/低费方案", "high": "中/高费方案", "total": "方案总数"}
            yield ctx.finding(
                f"{what}所述方案数与方案表不符：" + "，".join(f"{names[k]} {stated[k]} 项（表中 {expect[k]} 项）" for k in wrong),
                evidence=f"所述：「{text.strip()[:80]}」；{listed_text}",
                location=where, suggestion="请核对方案汇总表与正文中的方案数量，二者应一致。")
    if not checked:
        raise NotEvaluableRule("正文和表格中均未找到无/低费、中/高费方案数量的表述，无法核对")


def _row_counts(ctx, p, totals, low_aliases, high_aliases):
    """For each "共 N 项" in the total row of a row-count table: a finding, or None when it agrees."""
    for spec in p.get("row_count_tables", []):
        for match in find_tables(ctx, spec, required=False):
            rows, total_rows = detail_rows(match, totals)
            rows = [(t, r) for t, r in rows if not _group_row(t, r, low_aliases, high_aliases)]
            for t, r in total_rows:
                for c, cell in enumerate(t.grid[r]):
                    if cell.col != c:
                        continue
                    m = _COUNT_CELL(fold(cell.text))
                    if not m:
                        continue
                    stated = _int(m.group(1))
                    finding = None
                    if stated != len(rows):
                        finding = ctx.finding(
                            f"{table_name(t)}合计行写“{cell.text.strip()}”，但表中列出 {len(rows)} 项",
                            evidence=f"合计行：{cell.text.strip()}；数据行 {len(rows)} 行（{'、'.join(_ids(rows)[:20])}）",
                            location=loc(t, r, c), suggestion="请核对合计行的项数与表中所列方案。")
                    yield finding


def _ids(rows) -> list[str]:
    out = []
    for t, r in rows:
        first = next((c.text.strip() for c in t.grid[r] if c.text.strip()), "")
        out.append(first[:12])
    return out
