"""Where every enterprise stands against its deadlines on a given day (``docgen track status``).

For each deadline rule of the enterprise's rule set: the period starts at the ``from`` event (not
registered yet → the rule is *waiting*), ends on the Civil-Code due day (``docgen.track.periods``),
and is met by the ``event``. States:

========== ========= ======================================================================
state      中文       meaning
========== ========= ======================================================================
met        按期完成   the event happened on or before the due day
late       逾期完成   the event happened after the due day (kept: 附表3 and inspections ask)
overdue    已逾期     no event and the as-of day is past the due day
due_soon   即将到期   no event and the due day is within ``within`` days
pending    未到期     no event, due later
waiting    未起算     the event the period counts from is not registered (or not passed)
paused     暂缓       a 附表4 adjustment 审核暂缓 is in force
stopped    已调整     a 附表4 adjustment 名单撤销 / 审核终止 is in force
========== ========= ======================================================================

An enterprise is 已逾期 when any deadline is overdue, else 即将到期, else 已完成 when every
deadline is met, else 按期. A due day in a year without a known holiday arrangement is shown
with "（暂定）" and the plain uncovered-year message, never dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from docgen.track import periods
from docgen.track.changes import Adjustment, current_effect
from docgen.track.holidays import HolidayCalendar, default_calendar
from docgen.track.register import Enterprise
from docgen.track.rules import DeadlineRule, RuleSet, load_rule_set, year_end

STATE_ZH = {"met": "按期完成", "late": "逾期完成", "overdue": "已逾期", "due_soon": "即将到期", "pending": "未到期",
            "waiting": "未起算", "paused": "暂缓", "stopped": "已调整"}
OVERALL_ZH = {"overdue": "已逾期", "due_soon": "即将到期", "on_time": "按期", "complete": "已完成",
              "adjusted": "已调整", "paused": "暂缓"}
#: how the overall states sort in listings: the ones needing action first
OVERALL_ORDER = ("overdue", "due_soon", "on_time", "paused", "complete", "adjusted")

EVENT_ZH = {c.key: c.info["zh"].removesuffix("时间") for c in Enterprise.__table__.columns if "zh" in c.info}
RESULT_FIELDS_ZH = {"evaluation_result": "评估结果", "acceptance_result": "验收结果"}


@dataclass
class DeadlineState:
    rule: DeadlineRule
    state: str
    start: dt.date | None = None
    due: periods.Due | None = None
    done: dt.date | None = None
    days: int | None = None     # overdue: days past due; due_soon/pending: days left; late: days late

    @property
    def state_zh(self) -> str:
        return STATE_ZH[self.state]

    def describe(self) -> str:
        """One Chinese line: rule, due day and how it was computed, state."""
        r = self.rule
        if self.state == "waiting":
            need = EVENT_ZH[r.from_]
            extra = "、".join(f"{RESULT_FIELDS_ZH.get(k, k)}为「{v}」" for k, v in r.require.items())
            return f"{r.code} {r.name}：未起算（{need}日期未登记{('或' + extra + '前') if extra else ''}）"
        due = self.due
        head = f"{r.code} {r.name}：期限 {periods.show(due.date)}{'（暂定）' if due.provisional else ''}"
        how = f"（{EVENT_ZH[r.from_]} {periods.show(self.start)} 后 {r.period_zh()}"
        how += f"；期满日 {periods.show(due.nominal)} 为休息日，顺延）" if due.shifted else "）"
        if self.state in ("met", "late"):
            tail = f"，{periods.show(self.done)} 完成" + ("，按期" if self.state == "met" else f"，逾期 {self.days} 天")
        else:
            tail = {"overdue": f"，已逾期 {self.days} 天", "due_soon": f"，还剩 {self.days} 天",
                    "pending": f"，还剩 {self.days} 天", "paused": "，审核暂缓中",
                    "stopped": "，名单已调整，不再计算"}[self.state]
        return head + how + tail

    def to_json(self) -> dict:
        d = {"rule": self.rule.code, "id": self.rule.id, "name": self.rule.name, "state": self.state,
             "state_zh": self.state_zh, "basis": self.rule.basis, "from_event": self.rule.from_,
             "event": self.rule.event, "start": _iso(self.start), "done": _iso(self.done), "days": self.days,
             "message": self.describe()}
        if self.due is not None:
            d.update(nominal_due=self.due.nominal.isoformat(), due=self.due.date.isoformat(),
                     provisional=self.due.provisional, due_explained=self.due.explain())
            if self.due.notes:
                d["notes"] = list(self.due.notes)
        return d


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass
class EnterpriseStatus:
    name: str
    credit_code: str | None
    district: str | None
    consultancy: str | None
    rule_set: str
    overall: str
    deadlines: list[DeadlineState] = field(default_factory=list)
    adjustment: Adjustment | None = None

    @property
    def overall_zh(self) -> str:
        if self.overall == "adjusted" and self.adjustment:
            return f"已调整（{self.adjustment.result}）"
        return OVERALL_ZH[self.overall]

    def shown(self) -> list[DeadlineState]:
        """The deadlines worth a line: overdue, soon, late-completed, paused, and the next pending one."""
        out = [d for d in self.deadlines if d.state in ("overdue", "due_soon", "late", "paused")]
        pending = sorted((d for d in self.deadlines if d.state == "pending"), key=lambda d: d.due.date)
        return out + pending[:1]

    def notes(self) -> list[str]:
        seen: list[str] = []
        for d in self.deadlines:
            for n in (d.due.notes if d.due else ()):
                if n not in seen:
                    seen.append(n)
        return seen

    def to_json(self) -> dict:
        data = {"enterprise": self.name, "credit_code": self.credit_code, "district": self.district,
                "consultancy": self.consultancy, "rule_set": self.rule_set, "status": self.overall,
                "status_zh": self.overall_zh, "deadlines": [d.to_json() for d in self.deadlines]}
        if self.adjustment is not None:
            data["adjustment"] = {"result": self.adjustment.result, "note": self.adjustment.note,
                                  "defaulted": self.adjustment.defaulted, "effect": self.adjustment.effect,
                                  "evidence_missing": self.adjustment.evidence_missing}
        return data


def due_of(rule: DeadlineRule, start: dt.date, cal: HolidayCalendar | None = None) -> periods.Due:
    """The due day of ``rule`` for a period starting at ``start``."""
    if rule.until == "year_end":
        return periods.fixed_due(year_end(start), roll=rule.roll_forward, cal=cal)
    return periods.period_due(start, months=rule.months or 0, roll=rule.roll_forward, cal=cal)


def evaluate_rule(rule: DeadlineRule, e, as_of: dt.date, within: int, effect: str = "continue",
                  cal: HolidayCalendar | None = None, effect_since: dt.date | None = None) -> DeadlineState:
    """The state of one deadline for one enterprise (any object with the register's attributes).

    A 审核暂缓 (``suspend``) pauses only the deadlines still running on the day of the change
    (``effect_since``): one already missed before the suspension stays overdue."""
    start = getattr(e, rule.from_, None)
    if start is None or any(getattr(e, k, None) != v for k, v in rule.require.items()):
        return DeadlineState(rule, "waiting")
    due = due_of(rule, start, cal)
    done = getattr(e, rule.event, None)
    if done is not None:
        late = (done - due.date).days
        return DeadlineState(rule, "late" if late > 0 else "met", start, due, done, late if late > 0 else None)
    if effect == "stop":
        return DeadlineState(rule, "stopped", start, due)
    if effect == "suspend" and (effect_since is None or due.date >= effect_since):
        return DeadlineState(rule, "paused", start, due)
    left = (due.date - as_of).days
    if left < 0:
        return DeadlineState(rule, "overdue", start, due, days=-left)
    return DeadlineState(rule, "due_soon" if left <= within else "pending", start, due, days=left)


def evaluate(e: Enterprise, as_of: dt.date, within: int = 30, rule_set: RuleSet | None = None,
             cal: HolidayCalendar | None = None) -> EnterpriseStatus:
    rs = rule_set or load_rule_set(e.jurisdiction or "shanghai")
    cal = cal or default_calendar()
    effect, adj = current_effect(rs.list_changes, e, as_of)
    since = adj.changed_on if adj is not None else None
    states = [evaluate_rule(r, e, as_of, within, effect, cal, since) for r in rs.deadlines]
    kinds = {s.state for s in states}
    if effect == "stop":
        overall = "adjusted"
    elif "overdue" in kinds:
        overall = "overdue"
    elif "due_soon" in kinds:
        overall = "due_soon"
    elif effect == "suspend":
        overall = "paused"
    elif kinds <= {"met", "late"}:
        overall = "complete"
    else:
        overall = "on_time"
    return EnterpriseStatus(e.name, e.credit_code, e.district, e.consultancy, rs.id, overall, states, adj)


@dataclass
class ReturnDue:
    code: str
    name: str
    period: str          # 2026年第3季度 / 2026年度
    due: periods.Due
    basis: str

    def describe(self, as_of: dt.date) -> str:
        left = (self.due.date - as_of).days
        when = f"还剩 {left} 天" if left >= 0 else f"已过 {-left} 天"
        return (f"{self.code} {self.name}（{self.period}）：期限 {periods.show(self.due.date)}"
                f"{'（暂定）' if self.due.provisional else ''}，{when}")

    def to_json(self) -> dict:
        return {"rule": self.code, "name": self.name, "period": self.period, "due": self.due.date.isoformat(),
                "nominal_due": self.due.nominal.isoformat(), "provisional": self.due.provisional,
                "due_explained": self.due.explain(), "basis": self.basis}


def quarterly_due(rs: RuleSet, year: int, quarter: int, cal: HolidayCalendar | None = None) -> ReturnDue | None:
    """The return on quarter ``quarter`` of ``year`` is due on the ``day`` of the next quarter's first month."""
    q = rs.returns.quarterly
    if q is None:
        return None
    ny, nq = periods.next_quarter(year, quarter)
    due = periods.fixed_due(dt.date(ny, 3 * nq - 2, q.day), roll=q.roll_forward, cal=cal)
    return ReturnDue(q.code, q.name, f"{year}年第{quarter}季度", due, q.basis)


def annual_due(rs: RuleSet, year: int, cal: HolidayCalendar | None = None) -> ReturnDue | None:
    """The summary of ``year`` is due in the following year (Shanghai: by the end of February)."""
    a = rs.returns.annual
    if a is None:
        return None
    nominal = dt.date(year + 1, a.month, 1)
    nominal = periods.month_end(nominal) if a.day == "last" else nominal.replace(day=a.day)
    return ReturnDue(a.code, a.name, f"{year}年度", periods.fixed_due(nominal, roll=a.roll_forward, cal=cal), a.basis)


def next_returns(rs: RuleSet, as_of: dt.date, cal: HolidayCalendar | None = None) -> list[ReturnDue]:
    """The bureau's next quarterly return and annual summary not yet past on ``as_of``."""
    out = []
    year, quarter = periods.quarter_of(as_of)
    prev = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    for y, q in (prev, (year, quarter)):
        due = quarterly_due(rs, y, q, cal)
        if due is not None and due.due.date >= as_of:
            out.append(due)
            break
    for y in (as_of.year - 1, as_of.year):
        due = annual_due(rs, y, cal)
        if due is not None and due.due.date >= as_of:
            out.append(due)
            break
    return out
