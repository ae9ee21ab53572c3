"""required_sections scores only the heading × section pairs that can score (sections._Matcher).

The matcher rules a section out for a title without scoring it when no alias is the title, no
alias of ≥ 3 characters ends it, and no alias can reach the similarity threshold by its length and
the title's characters found in any alias. Here every title of the rendered sample reports and
hand-made titles (repeated characters, near misses, empty) are scored against every section of
every pack both ways — by the matcher and by ``_score`` on every section — at several thresholds. And the weighted LCS table (sections.lcs_table), which steps over runs of
zero scores, is compared with the recurrence computed cell by cell."""

from __future__ import annotations

from docgen.check.kinds.sections import _matcher, _score
from docgen.check.profile import load_profile
from docgen.read.normalize import norm

PACKS = ("national-2018-evaluation", "national-2018-acceptance", "shanghai-evaluation", "shanghai-acceptance")

#: titles made to sit at the matcher's bounds: repeated characters (the count of known
#: characters, not their set), an alias inside a longer title, one character off, nothing shared
HAND_TITLES = ["审核审核", "审核审核审核", "预审核审核", "筹划筹划和组织", "持续清洁生产生产", "方案方案的产生和筛选",
               "方案的产生与筛选", "方案的产生及筛选", "中/高费方案可行性分析", "可行性研究", "审核准备", "预审核结论",
               "筹划和组织工作", "清洁生产审核", "审", "", "企业概况", "附件", "持续清洁生产计划表",
               "第三章审核", "评估", "预评估阶段", "方案实施", "方案的实施情况", "实施", "清洁清洁清洁", "核审"]


def _alias_sets():
    for pack in PACKS:
        for rule in load_profile(pack).rules:
            if rule.kind == "required_sections":
                yield tuple(tuple(norm(a) for a in [s["name"], *s.get("aliases", [])]) for s in rule.params["sections"])
    yield (("审核", "预审核", "可行性分析", "审核准备"), ("审核审核",), ("审核", "审核审核审核"))


def test_matcher_scores_every_section_that_scores(documents):
    titles = sorted({norm(h.title or h.text) for doc in documents for h in doc.headings} | set(HAND_TITLES))
    pairs = ruled_out = 0
    for alias_sets in _alias_sets():
        for threshold in (0, 40, 50, 60, 84.7, 85, 100, 101):  # (over 100: exact and suffix only)
            matcher = _matcher(alias_sets, float(threshold))
            for title in titles:
                got = matcher.scores(title)
                for i, aliases in enumerate(alias_sets):
                    pairs += 1
                    full = _score(title, list(aliases), float(threshold))
                    if i in got:
                        assert got[i] == full, (title, aliases, threshold)
                    else:
                        ruled_out += 1
                        assert full == (0.0, ""), (title, aliases, threshold, full)
    assert pairs > 10000
    assert ruled_out > pairs * 0.7  # (or the matcher would be pointless)


def _lcs_cell_by_cell(scores, m):
    """The weighted LCS table as first written: the recurrence, one cell at a time."""
    n = len(scores)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = scores[i][j] + best[i + 1][j + 1] if scores[i][j] else 0.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    return best


def test_lcs_table_equals_the_recurrence_cell_by_cell():
    """lcs_table unrolls runs of zero scores: the same table, float for float, on sparse and dense
    matrices with the scores align gives (1.0, 0.8, 0.5 · ratio, halved one level down) and ties."""
    import random

    from docgen.check.kinds.sections import lcs_table

    rng = random.Random(20261122)
    values = [1.0, 0.8, 0.5, 0.4, 0.25, 0.43, 0.5 * 86.66666666666667 / 100, 0.5 * 0.5 * 92.3076923076923 / 100]
    shapes = [(0, 0), (1, 0), (0, 3), (1, 1), (7, 1), (7, 50), (3, 5), (12, 80)]
    for n, m in shapes:
        for density in (0.0, 0.03, 0.2, 0.6, 1.0):
            for _ in range(20):
                scores = [[rng.choice(values) if rng.random() < density else 0.0 for _ in range(m)] for _ in range(n)]
                assert lcs_table(scores, m) == _lcs_cell_by_cell(scores, m), (n, m, density)
