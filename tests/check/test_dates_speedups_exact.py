"""The date, placeholder and field rules' shortcuts never change a result (docs/benchmarks.md issue 5).

docgen.check.dates looks for a date only where a hint is found (年 and a month after it, or two
separators around a number), folds a text only when it holds a character to fold, and the text
rules search the paragraphs and each table once, joined, instead of testing every text. Each
shortcut is compared here with the full computation — written out again below as the code was
before the shortcuts — on every text of the rendered sample reports and on hand-made texts in every
date spelling docgen.check.dates knows (full-width digits, spaces inside, every separator, every
zero, Chinese months …)."""

from __future__ import annotations

import re

import pytest

from docgen.check import dates
from docgen.check.dates import DATE_HINTS, date_shapes, find_dates, find_invalid_dates
from docgen.check.kinds.placeholders import load_patterns, text_spots
from docgen.check.textindex import JOIN
from docgen.read import read_document
from docgen.read.model import Cell, Document, Heading, Location, Paragraph, Signal, Table

#: every date spelling of docgen.check.dates, its near misses, and texts made to trip a hint
DATE_TEXTS = [
    "2024年6月15日", "2024年6月", "2024 年 6 月 15 号", "2024年 06月", "2024年\u30006月", "2024年\t6\n月",
    "二〇二四年六月十五日", "二○二四年六月", "二零二四年十二月三十一日", "二O二四年正月", "二o二四年十一月",
    "二Ο二四年十月", "二０二四年十月", "二Ｏ二四年二月", "二ｏ二四年二月二十九日", "２０２４年６月１５日",
    "2024.6.15", "2024-06-15", "2024/6/15", "２０２４．６．１５", "2024－06－15", "2024／6／15", "2024‐6‐15",
    "2024‑6‑15", "2024–6–15", "2024.6/15", "2024．6.15", "2024.6．15", "2024-6.15", "v2024.6.15", "2024.6.15.3",
    "12024.6.15", "2024.6.15a", "2024.6", "2024-06", "GB 2024-06", "2024年", "2029年前", "UV-5312021年6月",
    "2024年2月30日", "2024年13月", "2023年2月29日", "2024.13.40", "2024.2.30", "1900年1月", "2200年3月4日",
    "٢٠٢٤.6.15", "٢٠٢٤年6月", "年产量 2024.6.15", "产能（万吨/年）", "年 6月", "年度6", "6月15日",
    "2024年6月15日至2024年7月1日", "见表2-1.3", "1.2.3", "3-4-5", "2024.06.1", "2024.6.1５",
    "审核启动时间：2024年5月17日", "报告日期：二〇二五年二月", "\ue0002024年6月\ue000", "2024\ue000年6月",
    "2024年\ue0006月", "2024.\ue0006.15", "", " ", "年", "月", ".", "2024..6..15", "2024年6", "2024年六月",
    "二〇二四年6月", "〇〇〇〇年一月", "2024 年6 月15 日", "2024年6月 15日", "2024年正月", "2024年十月",
]


def _full_candidates(text: str) -> tuple:
    """``dates._candidates`` as it was before its hints: the three scans of every folded text."""
    if not dates.may_hold_date(text):
        return ()
    folded = text.translate(dates._FOLD)
    found = []
    for m in dates._ARABIC_CN.finditer(folded):
        found.append((int(m["y"]), int(m["m"]), int(m["d"]) if m["d"] else None, m.span(), True))
    for m in dates._CHINESE.finditer(folded):
        found.append((dates._cn_year(m["y"]), dates._cn_value(m["m"]), dates._cn_value(m["d"]) if m["d"] else None,
                      m.span(), True))
    for m in dates._SEPARATED.finditer(folded):
        found.append((int(m["y"]), int(m["m"]), int(m["d"]), m.span(), False))
    found.sort(key=lambda c: c[3][0])
    return tuple(found)


def _texts(documents) -> list[str]:
    texts = [b.text for doc in documents for b in doc.blocks if isinstance(b, (Paragraph, Heading))]
    texts += [c.text for doc in documents for t in doc.tables for row in t.grid for c in row]
    texts += [t for doc in documents for t in doc.headers + doc.footers + doc.footnotes]
    return texts + DATE_TEXTS


def test_date_candidates_equal_the_full_scan(documents):
    """With its hints and without folding a text that has nothing to fold, ``_candidates`` finds
    what the three scans of every folded text find — on every text of the samples and on each
    spelling, alone and inside running text."""
    texts = _texts(documents)
    texts += [f"本轮审核于{t}正式启动，{t}完成" for t in DATE_TEXTS]
    shaped = 0
    for text in texts:
        dates._candidates.cache_clear()
        full = _full_candidates(text)
        assert dates._candidates(text) == full, text
        shaped += bool(full)
    assert shaped > 100  # (the samples and the spellings do hold dates)


def test_every_date_shape_is_found_by_a_hint_also_between_joiners(documents):
    """The exactness of SpotList.found's search of joined texts: a text with a date shape holds
    a hint, also when it sits between two joining characters; and no hint matches a joiner."""
    for text in _texts(documents) + [f"{a}{b}" for a in DATE_TEXTS for b in ("", "。", " 2024")]:
        if _full_candidates(text):
            assert any(h.search(text) for h in DATE_HINTS), text
            assert any(h.search(f"x{JOIN}{text}{JOIN}y") for h in DATE_HINTS), text
    for hint in DATE_HINTS:
        assert not any(JOIN in m.group(0) for m in hint.finditer(JOIN.join(DATE_TEXTS)))
    # every character _FOLD makes a separator leads a hint of its own
    assert {chr(k) for k, v in dates._FOLD.items() if v in ".-/"} | set(".-/") == set(dates._SEPARATORS)


def test_hits_of_hints_led_by_a_character_are_those_of_each_hint():
    """_hit_starts skips a hint whose leading literal is absent: the same positions as searching
    every hint, for the date hints and for hints without a leading literal."""
    from docgen.check.kinds.placeholders import _hit_starts, _leads

    assert [lead for lead, _ in _leads(DATE_HINTS)] == ["年", *dates._SEPARATORS]
    mixed = (re.compile("[ab]c"), re.compile("x+"), re.compile("(?i)yz"), re.compile("(?:q)r"), re.compile("[^ab]"),
             re.compile("[a-c]"), re.compile("(?i)[ab]"))
    assert [lead for lead, _ in _leads(mixed)] == [None, None, None, "q", None, None, None]  # (x+: a repeat)
    trigger = load_patterns().trigger
    assert "".join(lead for lead, _ in _leads((trigger,))) == "".join(sorted(trigger.pattern.replace("\\", "")[1:-1]))
    for text in DATE_TEXTS + [JOIN.join(DATE_TEXTS), "acbc xx YZ qr", "–6-1 ／12／3", "3×10 XXX ＿＿ {{ a }} $x 请填写 申请"]:
        for hints in (DATE_HINTS, mixed, (trigger,), (trigger, re.compile("[ab]"))):
            assert _hit_starts(hints, text) == sorted({m.start() for h in hints for m in h.finditer(text)}), text


def test_a_hint_that_missed_a_spelling_would_be_caught(monkeypatch):
    """The comparison above can fail: a year-month hint without the month 正 loses 二〇二四年正月."""
    monkeypatch.setattr(dates, "_YEAR_MONTH_HINT", re.compile(r"年\s*[\d十一二三四五六七八九]"))
    dates._candidates.cache_clear()
    try:
        assert dates._candidates("二〇二四年正月") != _full_candidates("二〇二四年正月")
    finally:
        dates._candidates.cache_clear()


def _odd_document() -> Document:
    """Paragraphs, a heading, tables and a header with dates and marks in awkward places: the
    joining character inside a paragraph and a cell, dates at a text's very start and end."""
    def para(i, text):
        return Paragraph(text, Location(i))

    blocks = [para(0, "2024年6月15日"), para(1, "无日期"), para(2, f"私用{JOIN}2024.6.15 与 XX"),
              Heading(1, "第一章", "概述", "第一章 概述（2024年6月）", Signal.STYLE, 1.0, Location(3)),
              para(4, "二〇二四年六月"), para(5, ""), para(6, "表X-1 见 ×× 处 2024-06-15"), para(7, "2024年"),
              para(8, "年6月")]
    grid = [[Cell("日期", row=0, col=0), Cell("2024年5月", row=0, col=1)],
            [Cell(f"{JOIN}2024.6.15", row=1, col=0), Cell("【请填写】", row=1, col=1)]]
    t1 = Table(0, grid, 1, ["日期", "2024年5月"], Location(9))
    grid2 = [[Cell("合计", row=0, col=0), Cell("12.5", row=0, col=1)],
             [Cell("", row=1, col=0), Cell("2024/6/1", row=1, col=1)]]
    t2 = Table(1, grid2, 1, ["合计", "12.5"], Location(10))
    t3 = Table(2, [[Cell("", row=0, col=0)]], 1, [""], Location(11))  # no text at all
    t4 = Table(3, [[Cell("签字日期", row=0, col=0), Cell("2024年7月1日 ×", row=0, col=1)]], 1, ["签字日期", ""],
               Location(12))
    tables = [t1, t2, t3, t4]
    return Document("odd.docx", "docx", "0", blocks=blocks + tables, tables=tables, headers=["2025年2月 XXX"],
                    footers=["第 1 页"], footnotes=["2024.6.15"])


def test_found_with_hints_lists_what_testing_every_text_lists(documents):
    """SpotList.found with the date hints (and the placeholder trigger) returns exactly the texts,
    with their places, that testing every text returns — paragraphs searched joined too."""
    trigger = load_patterns().trigger
    for doc in [*documents, _odd_document()]:
        spots = text_spots(doc)
        for test, hint in ((date_shapes, DATE_HINTS), (trigger.search, trigger), (trigger.search, (trigger,))):
            every = [(s.text, s.where) for s in spots if test(s.text)]
            assert [(s.text, s.where) for s in spots.found(test, hint)] == every
    odd = text_spots(_odd_document()).found(date_shapes, DATE_HINTS)
    assert [s.text for s in odd] == ["2024年6月15日", f"私用{JOIN}2024.6.15 与 XX", "第一章 概述（2024年6月）",
                                     "二〇二四年六月", "表X-1 见 ×× 处 2024-06-15", "2024年5月", f"{JOIN}2024.6.15",
                                     "2024/6/1", "2024年7月1日 ×", "2025年2月 XXX", "2024.6.15"]


def test_dates_and_invalid_dates_are_those_of_the_full_scan(documents):
    for text in _texts(documents):
        full = _full_candidates(text)
        if not full:
            assert find_dates(text) == [] and find_invalid_dates(text) == [], text
    assert [d.date.isoformat() for d in find_dates("２０２４．６．１５、二Ｏ二四年二月")] == ["2024-06-15", "2024-02-01"]
    assert [b.reason for b in find_invalid_dates("2023年2月29日")] == ["2023年2月只有28天"]


def test_month_lengths_are_calendars():
    """_problem's day count (a table and isleap) is calendar.monthrange's, for every year the
    date rules accept and for the days around each month's end."""
    import calendar

    for year in range(dates.MIN_YEAR, dates.MAX_YEAR + 1):
        for month in range(0, 14):
            for day in (None, 0, 1, 27, 28, 29, 30, 31, 32):
                if 1 <= month <= 12:
                    last = calendar.monthrange(year, month)[1]
                    want = None if day is None or 1 <= day <= last else (
                        f"{year}年{month}月只有{last}天" if day > last else f"日期「{day}日」不存在")
                else:
                    want = f"月份「{month}」不存在"
                assert dates._problem(year, month, day) == want, (year, month, day)


@pytest.mark.parametrize("after", [
    ("^\\s*(?:正式)?启动(?:了)?本轮", "^\\s*(?:召开)?(?:清洁生产)?审核启动", "^\\s*启动|^开始"),
    ("(?i)^start", "^\\s*启动"),                       # a global flag: kept one by one
    ("^(启动)\\1", "^\\s*启动"),                        # a back-reference: kept one by one
    ("^\\s*启动",),
])
def test_event_patterns_as_one_alternation_match_as_each_did(after):
    """find_event asks ``_any_of(patterns)`` instead of each pattern: the same answer for match at
    the start and search anywhere, on windows around real and made-up dates."""
    from docgen.check.kinds.dates import _any_of

    combined = _any_of(after)
    each = [re.compile(p) for p in after]
    windows = ["正式启动本轮审核", " 启动了本轮", "召开审核启动会", "清洁生产审核启动", "启动启动", "START", "start here",
               "开始", "审核启动时间：", "本轮审核工作自 ", "", " ", "未启动", "2024年5月17日正式启动了强制性清洁生产审核"]
    for w in windows:
        assert bool(any(p.match(w) for p in combined)) == bool(any(p.match(w) for p in each)), (after, w)
        assert bool(any(p.search(w) for p in combined)) == bool(any(p.search(w) for p in each)), (after, w)
    assert len(combined) == (1 if after[0].startswith("^\\s*") else len(after))


def test_colon_cells_from_the_joined_text_are_those_of_every_cell(documents):
    """_LabelIndex.colon found in the joined cell texts lists the origin cells a pass over every
    cell lists — tables of the samples, a merged cell, a cell holding the joiner, 全角 colons."""
    from docgen.check.kinds.fields import _LABEL_FOLD, _LabelIndex

    def table(index, rows):
        grid = [[Cell(t, row=r, col=c) for c, t in enumerate(row)] for r, row in enumerate(rows)]
        return Table(index, grid, 1, rows[0], Location(index))

    odd = [table(900, [["企业名称：", "某公司"], ["日期:", "2024年"], ["", "备注：无"]]),
           table(901, [[f"{JOIN}a：", "b"], ["c:", "d"]]),  # the joiner in a cell: cell by cell
           table(902, [["无冒号", "x"]])]
    merged = table(903, [["名称：", "值"], ["", "合计："]])
    merged.grid[1][0] = merged.grid[0][0]  # a label cell over two rows: listed once, at its origin
    stray = table(904, [["甲：", "乙："]])
    stray.grid[0][1] = Cell("乙：", row=3, col=3)  # says its origin is elsewhere: never an origin here
    tables = [t for doc in documents for t in doc.tables] + odd + [merged, stray]
    with_colon = 0
    for t in tables:
        index = _LabelIndex(t)
        every = [(r, c) for r, c, cell in index._origins() if ":" in cell.text.translate(_LABEL_FOLD)]
        assert index.colon == every, t.caption
        with_colon += bool(every)
    assert with_colon >= 4
    assert _LabelIndex(merged).colon == [(0, 0), (1, 1)] and _LabelIndex(stray).colon == [(0, 0)]


def _event_specs():
    from docgen.check.profile import load_profile

    out = []
    for pack in ("national-2018-evaluation", "national-2018-acceptance", "shanghai-evaluation", "shanghai-acceptance"):
        profile = load_profile(pack)
        for rule in profile.rules:
            for key, spec in (rule.params.get("events") or {}).items():
                if spec.get("after") or spec.get("before"):
                    out.append((profile, rule, key, spec))
    return out


def _event_document() -> Document:
    texts = ["本轮清洁生产审核于2024年5月17日正式启动本轮审核工作。", "2024年5月17日召开审核启动会，2024年6月1日完成预审核。",
             "审核启动时间：2024年3月", "本轮审核工作自 2024.4.2", "2024年5月17日启 动", "2024年1月1日以后",
             "二〇二四年三月正式启动了强制性清洁生产审核", "本轮清洁生产审核自2023年12月"]
    return Document("event.docx", "docx", "0", blocks=[Paragraph(t, Location(i)) for i, t in enumerate(texts)])


def test_event_prefilter_finds_the_events_found_without_it(documents, monkeypatch):
    """find_event passes over dated texts holding none of the characters its after/before
    patterns need; every pack's events are the same as without that shortcut, on the samples, the
    conformance documents and texts written to hold each pattern."""
    from pathlib import Path

    from docgen.check.context import RuleContext
    from docgen.check.kinds import dates as kdates

    conformance = Path(__file__).resolve().parents[2] / "samples" / "conformance"
    docs = [*documents, _event_document(), *(read_document(p) for p in sorted(conformance.glob("*date*.docx")))]
    specs = _event_specs()
    assert specs and all(kdates.needs_of(kdates._any_of(tuple(s.get("after", []))) + kdates._any_of(
        tuple(s.get("before", [])))) for _, _, _, s in specs)  # (the shortcut does apply to them)

    def events(doc):
        out = []
        for profile, rule, key, spec in specs:
            ctx = RuleContext(doc, rule, profile, None, {})
            out.append(kdates.find_event(ctx, key, spec))
        return out

    fast = [events(doc) for doc in docs]
    monkeypatch.setattr(kdates, "needs_of", lambda patterns: None)
    slow = [events(doc) for doc in docs]
    assert fast == slow
    assert sum(e is not None and e.source == "文中" for doc_events in fast for e in doc_events) >= 4


def test_a_mark_in_the_same_text_twice_is_two_findings():
    """The placeholders rule searches a text met again only once: each place still has its
    finding (two paragraphs and two cells reading the same)."""
    from docgen.check.context import RuleContext
    from docgen.check.kinds import load_kinds
    from docgen.check.profile import load_profile

    profile = load_profile("national-2018-evaluation")
    rule = next(r for r in profile.rules if r.kind == "placeholders")
    grid = [[Cell("加权分 R×W", row=0, col=0), Cell("××", row=0, col=1)],
            [Cell("××", row=1, col=0), Cell("3×10", row=1, col=1)]]
    table = Table(0, grid, 1, ["加权分 R×W", "××"], Location(2))
    doc = Document("marks.docx", "docx", "0", blocks=[Paragraph("XXX有限公司", Location(0)),
                                                      Paragraph("XXX有限公司", Location(1)), table], tables=[table])
    found = list(load_kinds()["placeholders"](RuleContext(doc, rule, profile, None, {})))
    assert [(f.location.table, f.location.row, f.location.col) for f in found] == [
        (None, None, None), (None, None, None), (0, 0, 1), (0, 1, 0)]  # (R×W, 3×10: multiplications)
    assert [f.message.count("XXX") for f in found] == [1, 1, 0, 0]


def test_stage_table_headers_normalised_at_once_equal_one_by_one(rendered_reports):
    from docgen.check.kinds.dates import _heads
    from docgen.read.normalize import norm

    tables = [t for path in rendered_reports.values() for t in read_document(path).tables]
    odd = ["完成时间（年/月）", "阶 段", "審核階段", "与\u3000及", "", "e\u0301", "x" + JOIN + "y", "／"]
    tables.append(Table(900, [[Cell(t) for t in odd]], 1, odd, Location(900)))
    tables.append(Table(901, [[Cell(t) for t in odd[:-2]]], 1, odd[:-2], Location(901)))  # (no joiner)
    tables.append(Table(902, [], 0, [], Location(902)))
    for table in tables:
        heads = [norm(h.split("/")[-1]) for h in table.header_paths]
        assert _heads(table) == (heads, "\n".join(heads)), table.index
