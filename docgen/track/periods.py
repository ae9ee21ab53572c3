"""Periods counted the way the Civil Code counts them (民法典 第二百条至第二百零四条).

Why each rule:

* art. 201 — a period in months or years starts the day after the event: "名单公布后两个月内"
  from 2026-01-17 ends with 2026-03-17, the day itself included (``add_months``).
* art. 202 — the last day of a month/year period is the corresponding date of the final month,
  or that month's last day when there is none: 2025-01-31 + 1 month → 2025-02-28, 2024-01-31 +
  1 month → 2024-02-29 (leap year), 2024-02-29 + 12 months → 2025-02-28.
* art. 203 — when the last day is a statutory rest day (法定休假日), the period ends on the day
  after the rest ends: 2026-01-17 + 1 month = 2026-02-17 (春节) → 2026-02-24. A 调休 Saturday is a
  working day, so a period ending on 2026-02-28 (Saturday, 调休上班) stays there. "Rest day" here is
  ``not is_workday`` of ``docgen.track.holidays`` (weekends that are not 调休 working days, plus the
  statutory holidays) — the common reading, stated in the evidence so rule owners can see it.
* art. 204 — another law (or a bureau's rule set) may say otherwise: every deadline rule says
  whether the roll-forward applies (``roll_forward`` in docgen/data/deadlines/*.yaml).

Fixed-date deadlines ("每季度10日前", "每年2月底前", "当年内") are a nominal day plus the same
roll-forward (``fixed_due``).

A year no holiday source covers (``holidays.UncoveredYear``) never crashes: the roll-forward then
skips Saturdays and Sundays only and the result is marked **provisional** with the plain message
"YYYY 年的法定节假日安排尚未收录…", so a clerk sees that the date may still move when the State
Council's notice is out.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from docgen.numfmt import fmt_date
from docgen.track.holidays import WEEKDAY_ZH, HolidayCalendar, UncoveredYear, default_calendar

#: a rest stretch longer than this is a data error, not a holiday (the longest is 春节, 9 days)
MAX_ROLL_DAYS = 31


def month_end(d: dt.date) -> dt.date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def add_months(d: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later, clamped to the month's last day
    (2024-03-31 + 2 → 2024-05-31; 2024-12-31 + 2 → 2025-02-28; 2024-02-29 + 12 → 2025-02-28)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


#: 2025年3月15日, as the register, the returns and the deadline findings write a day
show = fmt_date


@dataclass(frozen=True)
class Due:
    """A deadline day: the nominal last day (art. 202) and the day after the art. 203 roll-forward."""

    nominal: dt.date
    date: dt.date
    skipped: tuple[str, ...] = ()      # why each skipped day was a rest day: "2026年2月17日（春节）"
    provisional: bool = False          # a year without a known holiday arrangement was involved
    notes: tuple[str, ...] = ()        # Chinese: the uncovered-year message(s)

    @property
    def shifted(self) -> bool:
        return self.date != self.nominal

    def explain(self) -> str:
        """How the day was reached, in Chinese, for evidence and status output."""
        if self.shifted:
            first = self.skipped[0] if self.skipped else show(self.nominal)
            text = f"期满日 {first}为休息日，顺延至 {show(self.date)}（民法典第二百零三条）"
        else:
            text = f"期满日 {show(self.date)}"
        if self.provisional:
            text += "；暂定：" + "".join(self.notes) + "暂按仅周六、周日休息顺延"
        return text


def _weekend_only(d: dt.date) -> bool:
    return d.weekday() < 5


def roll_forward(nominal: dt.date, cal: HolidayCalendar | None = None) -> Due:
    """``nominal`` or, when it is a rest day, the next working day (art. 203)."""
    cal = cal or default_calendar()
    d, skipped, notes = nominal, [], []
    for _ in range(MAX_ROLL_DAYS + 1):
        try:
            working = cal.is_workday(d)
            reason = "" if working else cal.rest_reason(d)
        except UncoveredYear as exc:
            if str(exc) not in notes:
                notes.append(str(exc))
            working = _weekend_only(d)
            reason = "" if working else WEEKDAY_ZH[d.weekday()]
        if working:
            return Due(nominal, d, tuple(skipped), bool(notes), tuple(notes))
        skipped.append(f"{show(d)}（{reason}）")
        d += dt.timedelta(days=1)
    raise ValueError(f"{show(nominal)} 起连续 {MAX_ROLL_DAYS} 天无工作日：节假日数据有误")


def no_roll(nominal: dt.date) -> Due:
    return Due(nominal, nominal)


def period_due(start: dt.date, *, months: int = 0, roll: bool = True,
               cal: HolidayCalendar | None = None) -> Due:
    """The last day of a period of ``months`` calendar months after ``start`` (12 = one year)."""
    nominal = add_months(start, months)
    return roll_forward(nominal, cal) if roll else no_roll(nominal)


def fixed_due(nominal: dt.date, *, roll: bool = True, cal: HolidayCalendar | None = None) -> Due:
    """A deadline on a fixed day ("每季度10日前", "2月底前") with the same roll-forward."""
    return roll_forward(nominal, cal) if roll else no_roll(nominal)


def quarter_of(d: dt.date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"季度应为 1–4，实际为 {quarter}")
    first = dt.date(year, 3 * quarter - 2, 1)
    return first, month_end(dt.date(year, 3 * quarter, 1))


def next_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year + 1, 1) if quarter == 4 else (year, quarter + 1)
