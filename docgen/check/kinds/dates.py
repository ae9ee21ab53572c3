"""Dates and deadlines: ``date_validity``, ``report_date``, ``stage_dates`` and ``deadline``.

Why: domain.md §7.8 rule 10 — dates must respect the procedure: the report is written after the
audit started and is not dated in the future; the work plan (T-2, 审核工作计划表) completes the
stages in their order S1…S7; a date that names no calendar day (2024年2月30日) is a typing error
that makes every deadline computed from it meaningless. Shanghai adds deadlines counted from the
list publication (seed 003 三/四/五: 启动 ≤ 2 个月, 完成本轮审核并申请评估 ≤ 1 年 after the list;
验收 ≤ 2 年 after the audit started), kept as params so a bureau policy can change them.

Dates are found by ``docgen.check.dates.find_dates`` (2024年6月15日, 二〇二四年六月, 2024.6.15,
2024-06-15, 2024/6/15). A month-precise date (封面 "2025年2月") is compared at month precision.

Events (名单公布, 审核启动, 评估申请 …) are found in the text by data in the rule's params:
``events: {key: {name, after: [regex], before: [regex], labels: [..], row_keywords: [..],
audit: <Timeline attribute>, field: <field spec>}}`` — a date counts as the event when a pattern
in ``after`` matches the text right after it ("2024年5月17日正式启动本轮"), one in ``before``
matches the text right before it ("审核启动时间：2024年5月17日"), it is the value of a labelled
field or table cell (``labels``), or it is the only date in a table row that mentions one of
``row_keywords`` (a work-plan row "…并申请评估 | 2025年3月3日"). A day-precise statement wins over a
month-precise one, then the first in document order. When the document is silent, the audit data
passed to the check (``ctx.audit.audit.timeline.<audit>``) is used and the evidence says so.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from docgen.check.dates import (
    DATE_HINTS,
    Precision,
    date_shapes,
    find_dates,
    find_invalid_dates,
    same_or_before,
    show,
)
from docgen.check.kinds import NotEvaluableRule, kind
from docgen.check.kinds.fields import field_values, is_blank
from docgen.check.kinds.placeholders import SpotList, TextSpot, needs_of, table_name, text_spots
from docgen.check.textindex import JOIN, table_text
from docgen.read.model import Location
from docgen.read.normalize import norm
from docgen.track.periods import month_end, period_due

WINDOW = 30  # characters after/before a date searched for an event pattern


@dataclass
class Event:
    key: str
    name: str
    date: dt.date
    precision: Precision
    source: str                 # 文中 / 审核数据
    evidence: str
    location: Location | None = None

    def shown(self) -> str:
        return show(self.date, self.precision)


def _spots(ctx) -> SpotList:
    return ctx.cached("text_spots", lambda: text_spots(ctx.doc))


def _date_shaped_spots(ctx) -> list[TextSpot]:
    """The texts that hold anything date-shaped, valid or not — one pass over every text of the
    document, shared by date_validity and the event search (each used to make its own)."""
    # a text without 年 and a month after it, or two separators around a number, has no date: the
    # paragraphs and each table are searched for these once, joined, and only the hits tested
    return ctx.cached("date_shaped_spots", lambda: _spots(ctx).found(date_shapes, DATE_HINTS))


def _best(found: list[Event]) -> Event | None:
    if not found:
        return None
    day = [e for e in found if e.precision == "day"]
    return (day or found)[0]


def find_event(ctx, key: str, spec: dict) -> Event | None:
    name = spec.get("name", key)
    found: list[Event] = []
    after = _any_of(tuple(spec.get("after", [])))
    before = _any_of(tuple(spec.get("before", [])))
    if after or before:
        # characters of which every event match holds one: a window around a date is a piece of
        # its text, so a text holding none has no event date (87 of a 100-page report's 97 dated
        # texts hold none of 启 审 本, the started event's; passed over without slicing windows)
        needs = needs_of(after + before)
        for spot in _date_shaped_spots(ctx):
            if not spot.has_location:
                continue
            if needs is not None and needs.isdisjoint(spot.text):
                continue  # no character every match of some pattern holds: no window around a date can match
            # (dates only of the texts left: of a report's ≈ 100 dated texts, ≈ 10 hold 启 审 or 本)
            for d in find_dates(spot.text):
                a, b = d.span
                if any(p.match(spot.text[b:b + WINDOW]) for p in after) or \
                        any(p.search(spot.text[max(0, a - WINDOW):a]) for p in before):
                    found.append(Event(key, name, d.date, d.precision, "文中",
                                       f"{spot.where}：「{spot.text[max(0, a - 12):b + 16].strip()}」", spot.location))
    if spec.get("labels"):
        for fv in field_values(ctx, {"labels": spec["labels"], "where": ["anywhere"]}, list(spec["labels"])):
            dates = find_dates(fv.value)
            if dates:
                found.append(Event(key, name, dates[0].date, dates[0].precision, "文中",
                                   f"「{fv.label}」：{fv.value[:40]}", fv.location))
    if spec.get("row_keywords"):
        found.extend(_row_events(ctx, key, name, spec["row_keywords"]))
    if spec.get("field"):
        for fv in field_values(ctx, spec["field"], list(spec["field"].get("labels", []))):
            if is_blank(fv.value):
                continue
            dates = find_dates(fv.value)
            if dates:
                found.append(Event(key, name, dates[-1].date, dates[-1].precision, "文中",
                                   f"{'封面' if fv.source == 'date' else '「' + fv.label + '」'}：{fv.value[:40]}",
                                   fv.location))
    event = _best(found)
    if event is None and spec.get("audit") and ctx.audit is not None:
        timeline = getattr(getattr(ctx.audit, "audit", None), "timeline", None)
        value = getattr(timeline, spec["audit"], None) if timeline is not None else None
        if isinstance(value, dt.date):
            event = Event(key, name, value, "day", "审核数据", f"审核数据 audit.timeline.{spec['audit']}")
    return event


@lru_cache(maxsize=256)
def _any_of(patterns: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    """An event's ``after`` or ``before`` patterns (rule data) as ONE alternation, when they can
    be one: a text matches ``(?:p1)|(?:p2)`` at its start, or anywhere, exactly when it matches one
    of them. A report has ≈ 120 dates, each asked for each pattern (5 per event) — one C call
    instead. Patterns with groups (a back-reference would count another one) or global inline
    flags (not allowed inside an alternation: re.error) stay as they are, each asked in turn."""
    compiled = tuple(re.compile(p) for p in patterns)
    if len(compiled) < 2 or any(p.groups for p in compiled):
        return compiled
    try:
        return (re.compile("|".join(f"(?:{p})" for p in patterns)),)
    except re.error:
        return compiled


def _row_events(ctx, key: str, name: str, keywords: list[str]) -> list[Event]:
    out = []
    for table in ctx.doc.tables:
        text = table_text(table).text
        if not any(k in text for k in keywords):
            continue  # no cell mentions a keyword: one test of the joined cell texts, not one per cell
        for r, row in enumerate(table.grid[table.header_rows:], start=table.header_rows):
            cells = list({id(c): c for c in row}.values())
            if not any(k in c.text for c in cells for k in keywords):
                continue
            dates = [(d, c) for c in cells for d in find_dates(c.text)]
            if len({d.date for d, _ in dates}) == 1:
                d, cell = dates[0]
                loc = Location(table.location.block, table=table.index, row=r, col=cell.col, page=table.location.page,
                               heading_path=table.location.heading_path)
                out.append(Event(key, name, d.date, d.precision, "文中",
                                 f"{table_name(table)}第 {r + 1} 行：「{cell.text[:30]}」", loc))
    return out


def _events(ctx) -> dict:
    events = ctx.params.get("events")
    if not isinstance(events, dict) or not events:
        raise NotEvaluableRule("规则参数错误：未定义事件（events）")
    return events


def _today(ctx) -> dt.date:
    value = ctx.params.get("check_date")
    return value if isinstance(value, dt.date) else dt.date.today()


# --- DAT: impossible dates ---------------------------------------------------------------------


@kind("date_validity")
def date_validity(ctx):
    """Date-shaped strings that name no day (2024年2月30日, 2024年13月). params: ``max_findings`` (50)."""
    spots = _spots(ctx)
    if not spots:
        raise NotEvaluableRule("文档没有可读的文字")
    limit, shown = int(ctx.params.get("max_findings", 50)), 0
    for spot in _date_shaped_spots(ctx):  # (the others have no date-shaped string)
        for bad in find_invalid_dates(spot.text):
            shown += 1
            if shown > limit:
                return
            yield ctx.finding(f"{spot.where}的日期「{bad.text}」不存在（{bad.reason}）", location=spot.location,
                              evidence=f"「{spot.text[max(0, bad.span[0] - 12):bad.span[1] + 12].strip()}」",
                              suggestion="请核对并更正该日期。")


# --- DAT: the report date ----------------------------------------------------------------------


@kind("report_date")
def report_date(ctx):
    """The report date (cover, 封二) is not before the audit start and not after the check date.

    params: ``events`` with ``report_date`` (a ``field`` spec: labels and zones of the date) and
    ``started``; ``check_date`` (default today — fixed in tests and for re-runs of an old batch).
    """
    events = _events(ctx)
    spec = events.get("report_date")
    if not spec or not spec.get("field"):
        raise NotEvaluableRule("规则参数错误：未定义报告日期（events.report_date.field）")
    dates = _report_dates(ctx, spec)
    if not dates:
        raise NotEvaluableRule("封面及封二未找到报告日期，无法核对")
    start = find_event(ctx, "started", events["started"]) if events.get("started") else None
    today = _today(ctx)
    for ev in dates:
        if start is not None and not same_or_before(start.date, start.precision, ev.date, ev.precision):
            yield ctx.finding(f"报告日期（{ev.shown()}）早于审核启动日期（{start.shown()}）", location=ev.location,
                              evidence=f"报告日期 — {ev.evidence}；审核启动（{start.source}）— {start.evidence}",
                              suggestion="请核对封面/封二日期与审核启动日期：报告应在审核启动之后编制。")
        first_day = ev.date if ev.precision == "day" else ev.date.replace(day=1)
        if first_day > today:
            yield ctx.finding(f"报告日期（{ev.shown()}）晚于检查当日（{show(today)}），为将来日期", location=ev.location,
                              evidence=f"报告日期 — {ev.evidence}；检查日期 {today.isoformat()}",
                              suggestion="请填写报告实际编制完成的日期。")


def _report_dates(ctx, spec: dict) -> list[Event]:
    out, seen = [], set()
    field = spec["field"]
    for fv in field_values(ctx, field, list(field.get("labels", []))):
        found = find_dates(fv.value)
        if not found:
            continue
        d = found[-1]
        if (d.date, d.precision) in seen:
            continue
        seen.add((d.date, d.precision))
        where = "封面" if fv.source == "date" else f"「{fv.label}」"
        out.append(Event("report_date", spec.get("name", "报告日期"), d.date, d.precision, "文中",
                         f"{where}：{fv.value[:40]}", fv.location))
    return out


# --- DAT: stage order in the work plan (T-2) ---------------------------------------------------


def _stage_specs(ctx) -> list[dict]:
    ref = ctx.params.get("stages_from")
    if ref:
        try:
            return list(ctx.profile.rule(ref).params["sections"])
        except (KeyError, TypeError):
            pass
    stages = ctx.params.get("stages")
    if not stages:
        raise NotEvaluableRule("规则参数错误：未定义审核阶段（stages 或 stages_from）")
    return list(stages)


_STAGE_PREFIX = re.compile(r"^\s*(?:第\s*([一二三四五六七1-7])\s*阶段|([一二三四五六七])\s*[、.．]|([1-7])\s*[、.．)）]?)\s*")
_CN = "一二三四五六七"


def _stage_aliases(stages: list[dict]) -> list[tuple[list[str], tuple[str, ...]]]:
    """Per stage: its name and aliases in matching form, and those of ≥ 3 characters (a title
    ending with one names the stage) — once per rule, not per row."""
    out = []
    for s in stages:
        aliases = [norm(a) for a in [s["name"]] + list(s.get("aliases", []))]
        out.append((aliases, tuple(a for a in aliases if len(a) >= 3)))
    return out


def _stage_of(text: str, stages: list[dict], aliases: list | None = None) -> int | None:
    m = _STAGE_PREFIX.match(text)
    rest = text[m.end():] if m else text
    title = norm(rest)
    for i, (names, endings) in enumerate(aliases or _stage_aliases(stages)):
        if title in names or title.endswith(endings):
            return i
    if m:
        digit = m.group(1) or m.group(2) or m.group(3)
        n = _CN.index(digit) + 1 if digit in _CN else int(digit)
        return n - 1 if n <= len(stages) else None
    return None


def _heads(table) -> tuple[list[str], str]:
    """The lowest header level of each column in matching form, and all of them in one string.

    One ``norm`` of a table's headers joined by JOIN, split there (norm acts on each side of the
    joining character alone: docgen.check.textindex) — for a new report, one memo miss per table
    instead of one per header (≈ 200 headers in the bench report; the table rules no longer
    normalise header texts one by one, so these were all misses). Header by header when a header
    holds the joining character."""
    parts = [h.split("/")[-1] for h in table.header_paths]
    if not parts or any(JOIN in h for h in parts):
        heads = [norm(h) for h in parts]
    else:
        heads = norm(JOIN.join(parts)).split(JOIN)
    return heads, "\n".join(heads)


def _column(heads: tuple[list[str], str], words: list[str]) -> int | None:
    """The first column whose header equals a word (``words`` in matching form, tried in order),
    else the first that contains one; None when no header holds any."""
    heads, joined = heads
    if not any(w in joined for w in words):
        return None  # (no newline in a matching form) neither equal to nor inside any header
    for w in words:
        for i, h in enumerate(heads):
            if h == w:
                return i
    for w in words:
        for i, h in enumerate(heads):
            if w in h:
                return i
    return None


@kind("stage_dates")
def stage_dates(ctx):
    """In the work plan (T-2) no stage completes before an earlier stage (S1…S7 in order).

    The table is any table whose header has a stage column (``stage_headers``) and a
    completion-date column (``date_headers``) — T-2 by its columns (domain.md §2.4). A stage's completion is the
    latest date of its rows (a stage may have several rows); a cell with a range (2024年5月—6月 …)
    counts with its last date. Rows naming no stage (中期审核汇报) are skipped. No work plan with
    dates in the document: the rule does not apply (the table rules report a missing T-2).

    params: ``stage_headers``, ``date_headers``, ``stages_from`` (a rule code whose
    ``sections`` list the stages — SEC-001) or ``stages`` [{id, name, aliases}].
    """
    stages = _stage_specs(ctx)
    stage_words = [norm(x) for x in ctx.params.get("stage_headers", ["阶段"])]
    date_words = [norm(x) for x in ctx.params.get("date_headers", ["完成时间"])]
    for table in ctx.doc.tables:
        heads = _heads(table)
        s_col = _column(heads, stage_words)
        if s_col is None:
            continue  # (the date column alone decides nothing)
        d_col = _column(heads, date_words)
        if s_col is None or d_col is None or s_col == d_col:
            continue  # the caption alone does not say which columns to read
        yield from _check_plan(ctx, table, stages, s_col, d_col)


def _check_plan(ctx, table, stages, s_col: int, d_col: int):
    done: dict[int, tuple[dt.date, Precision, int, str]] = {}
    aliases = _stage_aliases(stages)
    for r in range(table.header_rows, table.n_rows):
        row = table.grid[r]
        if max(s_col, d_col) >= len(row):
            continue
        stage = _stage_of(row[s_col].text, stages, aliases)
        dates = find_dates(row[d_col].text)
        if stage is None or not dates:
            continue
        d = dates[-1]
        prev = done.get(stage)
        if prev is None or not same_or_before(d.date, d.precision, prev[0], prev[1]):
            done[stage] = (d.date, d.precision, r, row[d_col].text.strip())
    for later in sorted(done):
        d, prec, r, text = done[later]
        late_earlier = [(e, done[e]) for e in done if e < later and not same_or_before(done[e][0], done[e][1], d, prec)]
        if not late_earlier:
            continue
        e, (ed, eprec, er, etext) = max(late_earlier, key=lambda x: (x[1][0], x[0]))
        s_late, s_early = stages[later], stages[e]
        loc = Location(table.location.block, table=table.index, row=r, col=d_col, page=table.location.page,
                       heading_path=table.location.heading_path)
        yield ctx.finding(
            f"{table_name(table)}中「{s_late['name']}」（{s_late['id']}）的完成时间 {show(d, prec)} 早于前一阶段"
            f"「{s_early['name']}」（{s_early['id']}）的完成时间 {show(ed, eprec)}",
            location=loc, target_id="T-2", target="审核工作计划表",
            evidence=f"第 {er + 1} 行「{etext}」；第 {r + 1} 行「{text}」（各阶段取其各行中最晚的完成时间比较）",
            suggestion="请核对审核工作计划：各阶段应按 筹划和组织→…→持续清洁生产 的顺序依次完成。")


# --- DL: deadlines -----------------------------------------------------------------------------


@kind("deadline")
def deadline(ctx):
    """``to`` happens at most ``months`` calendar months after ``from`` (Shanghai, seed 003).

    ``to`` is a list of events, the first one known is used; later ones are LOWER BOUNDS of the
    event the deadline is about (an evaluation cannot be applied for before the report is dated; an
    acceptance is not completed before it is applied for), so a lower bound already past the
    deadline proves the event late, and the evidence says which date was used.

    Period computation (``docgen.track.periods``, the Civil Code's rules, 民法典 第二百零一条至第二百
    零三条): calendar months from the day after ``from``, the last day being the corresponding date
    or the month's last day (2024-03-31 + 2 → 2024-05-31; 2024-02-29 + 12 → 2025-02-28); a last day
    that is a statutory rest day moves to the next working day, 调休 make-up days counting as working
    days (2026-05-17, a Sunday → 2026-05-18). A month-precise ``from`` is taken at its last day and a
    month-precise ``to`` at its first (benefit of the doubt). A deadline in a year whose holiday
    arrangement is not yet known is computed with weekends only and the evidence says so (暂定).
    ``roll_forward: false`` in the params turns the art. 203 shift off (art. 204: another rule).

    params: ``from`` (event key), ``to`` (list of event keys), ``months``, ``events`` (as above),
    ``basis`` (Chinese, the clause quoted in messages).
    """
    events = _events(ctx)
    start_key, months = ctx.params["from"], int(ctx.params["months"])
    to_keys = ctx.params["to"] if isinstance(ctx.params["to"], list) else [ctx.params["to"]]
    for key in [start_key, *to_keys]:
        if key not in events:
            raise NotEvaluableRule(f"规则参数错误：事件「{key}」未定义")
    start = _event(ctx, start_key, events)
    if start is None:
        return
    end = None
    for key in to_keys:
        end = _event(ctx, key, events)
        if end is not None:
            break
    if end is None:
        return
    base = month_end(start.date) if start.precision == "month" else start.date
    due = period_due(base, months=months, roll=bool(ctx.params.get("roll_forward", True)))
    limit = due.date
    actual = end.date if end.precision == "day" else end.date.replace(day=1)
    if actual <= limit:
        return
    exact = end.key == to_keys[0]
    target_name = events[to_keys[0]].get("name", to_keys[0])
    basis = ctx.params.get("basis", "")
    if exact:
        message = (f"{end.name}（{end.shown()}）超过{start.name}（{start.shown()}）后 {months} 个月的期限"
                   f"（{show(limit)}）")
    else:
        message = (f"{end.name}（{end.shown()}）已晚于{start.name}（{start.shown()}）后 {months} 个月的期限"
                   f"（{show(limit)}），{target_name}必然逾期")
    how = f"期限 = {show(base)} + {months} 个月 = {show(due.nominal)}（按自然月计算，月末日对齐）"
    if due.shifted:
        how += f"；{due.explain()}"
    elif due.provisional:
        how += "；" + due.explain().split("；", 1)[1]
    yield ctx.finding(message, location=end.location or start.location,
                      evidence=(f"{start.name}（{start.source}）— {start.evidence}；{end.name}（{end.source}）— "
                                f"{end.evidence}；{how}" + (f"；依据：{basis}" if basis else "")),
                      suggestion="如有延期批准或名单调整（附表4），请附证明材料；否则请说明逾期原因。")


def _event(ctx, key: str, events: dict) -> Event | None:
    return ctx.cached(f"event:{ctx.rule.code}:{key}", lambda: find_event(ctx, key, events[key]))
