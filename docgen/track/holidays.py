"""Which days are working days in mainland China: statutory holidays and the 调休 make-up days.

Why: a period that ends on a statutory rest day ends on the next working day (民法典 第二百零三条),
and China's rest days are not just weekends — the State Council's annual notice
(国务院办公厅关于YYYY年部分节假日安排的通知, 国办发明电) moves whole weeks: 2026-02-17 (a Tuesday)
is 春节, 2026-02-28 (a Saturday) is a working day.

Sources, in order (ecosystem-reliability.md §5):

1. the ``chinesecalendar`` package for every year it covers (1.11.0: 2004–2026; it raises
   ``NotImplementedError`` for a later year, which is how coverage is detected);
2. the project's versioned tables ``docgen/data/holidays/YYYY.yaml`` (one per notice, with its
   国办发明电 number) for a year the package does not cover yet — the notice is published in
   November, a package release may follow weeks later;
3. nothing: the year is **uncovered**. ``is_workday`` raises :class:`UncoveredYear` with a plain
   Chinese message; callers that must still show a date (``docgen.track.periods``) fall back to
   "Saturday and Sunday are rest days" and flag the result provisional. Dates are never invented.

For years both sources cover, tests require them to agree day by day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

try:  # a core dependency; the guard only keeps an odd install from crashing at import
    import chinese_calendar as _cc
except ImportError:  # pragma: no cover
    _cc = None

PACKAGE = "chinesecalendar"


class UncoveredYear(Exception):
    """No holiday arrangement is known for ``year`` (package and project tables both lack it)."""

    def __init__(self, year: int, message: str):
        super().__init__(message)
        self.year = year


@dataclass(frozen=True)
class HolidayTable:
    """One year's notice: rest days (放假调休) and make-up working days (调休上班)."""

    year: int
    source: str                    # 国办发明电〔2025〕7号
    title: str
    path: str
    rest: dict[dt.date, str] = field(default_factory=dict)     # date → holiday name
    workdays: dict[dt.date, str] = field(default_factory=dict)  # 调休 Saturday/Sunday → holiday name


class TableError(ValueError):
    """A holiday table file is malformed (message in Chinese, with the file)."""


def _parse_table(text: str, where: str) -> HolidayTable:
    try:
        data = yaml.safe_load(text)
        year = int(data["year"])
        rest: dict[dt.date, str] = {}
        work: dict[dt.date, str] = {}
        for i, h in enumerate(data["holidays"]):
            start, end = h["from"], h["to"]
            if not isinstance(start, dt.date) or not isinstance(end, dt.date) or end < start:
                raise TableError(f"{where}：holidays[{i}] 的 from/to 不是有效的日期区间")
            d = start
            while d <= end:
                rest[d] = h["name"]
                d += dt.timedelta(days=1)
            for w in h.get("workdays") or []:
                if not isinstance(w, dt.date):
                    raise TableError(f"{where}：holidays[{i}].workdays 中「{w}」不是日期")
                work[w] = h["name"]
        return HolidayTable(year, str(data["source"]), str(data.get("title", "")), where, rest, work)
    except TableError:
        raise
    except (KeyError, TypeError, ValueError, yaml.YAMLError) as exc:
        raise TableError(f"节假日表「{where}」格式有误：{exc}") from None


def load_tables(directory: str | Path | None = None) -> dict[int, HolidayTable]:
    """The project's tables (or those of ``directory``), by year."""
    tables: dict[int, HolidayTable] = {}
    if directory is None:
        root = resources.files("docgen").joinpath("data/holidays")
        entries = [(e.name, e) for e in root.iterdir()]
    else:
        entries = [(p.name, p) for p in Path(directory).iterdir()]
    for name, entry in sorted(entries):
        if name.endswith(".yaml"):
            table = _parse_table(entry.read_text(encoding="utf-8"), f"docgen/data/holidays/{name}"
                                 if directory is None else str(entry))
            tables[table.year] = table
    return tables


@lru_cache(maxsize=None)
def package_covers(year: int) -> bool:
    """Whether the installed chinesecalendar has data for ``year`` (it raises for other years)."""
    if _cc is None:
        return False
    try:
        _cc.is_workday(dt.date(year, 6, 1))
        return True
    except NotImplementedError:
        return False


@lru_cache(maxsize=1)
def package_version() -> str:
    try:
        from importlib.metadata import version

        return version(PACKAGE)
    except Exception:  # noqa: BLE001
        return "?"


@lru_cache(maxsize=1)
def package_years() -> tuple[int, int] | None:
    if _cc is None:
        return None
    years = {d.year for d in _cc.holidays} | {d.year for d in _cc.workdays}
    return (min(years), max(years)) if years else None


class HolidayCalendar:
    """Working days from chinesecalendar where it covers the year, else the project's tables."""

    def __init__(self, tables: dict[int, HolidayTable] | None = None, *, use_package: bool = True):
        self.tables = load_tables() if tables is None else tables
        self.use_package = use_package

    def source(self, year: int) -> str | None:
        """What the working days of ``year`` come from, in Chinese; ``None`` when uncovered."""
        if self.use_package and package_covers(year):
            return f"chinesecalendar {package_version()}"
        table = self.tables.get(year)
        if table is not None:
            return f"{table.title}（{table.source}）"
        return None

    def covers(self, year: int) -> bool:
        return self.source(year) is not None

    @lru_cache(maxsize=64)  # noqa: B019 — one message per year, the calendar lives for the process
    def uncovered_message(self, year: int) -> str:
        span = package_years() if self.use_package else None
        pkg = f"chinesecalendar {package_version()} 收录 {span[0]}–{span[1]} 年" if span else "未使用 chinesecalendar"
        own = "、".join(str(y) for y in sorted(self.tables)) or "无"
        return (f"{year} 年的法定节假日安排尚未收录（{pkg}；项目节假日表 docgen/data/holidays 收录 {own} 年）。"
                f"国务院办公厅公布{year}年部分节假日安排后，请升级 chinesecalendar 或增加 docgen/data/holidays/{year}.yaml。")

    def is_workday(self, d: dt.date) -> bool:
        if self.use_package and package_covers(d.year):
            return bool(_cc.is_workday(d))
        table = self.tables.get(d.year)
        if table is None:
            raise UncoveredYear(d.year, self.uncovered_message(d.year))
        if d in table.workdays:
            return True
        return d.weekday() < 5 and d not in table.rest

    def rest_reason(self, d: dt.date) -> str:
        """Why ``d`` is not a working day, in Chinese (春节 / 星期六); '' for a working day."""
        if self.is_workday(d):
            return ""
        name = None
        if self.use_package and package_covers(d.year):
            on, holiday = _cc.get_holiday_detail(d)
            key = holiday if isinstance(holiday, str) else getattr(holiday, "value", None)
            name = _HOLIDAY_ZH.get(key or "") if on else None
        else:
            name = self.tables[d.year].rest.get(d)
        return name or WEEKDAY_ZH[d.weekday()]


WEEKDAY_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

#: chinesecalendar's English holiday names → the names of the State Council notice
_HOLIDAY_ZH = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "National Day": "国庆节", "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


@lru_cache(maxsize=1)
def default_calendar() -> HolidayCalendar:
    return HolidayCalendar()
