"""``docgen track``: the bureau's register of 强审 enterprises, their deadlines and quarterly returns.

Thin click layer over ``docgen.track`` (status, quarterly, sheets). Every command takes ``--db``:
a path (SQLite, created on import) or a SQLAlchemy URL; the default is ``docgen-register.sqlite``
in the working directory. Machine output (JSON) on stdout, messages on stderr; exit codes as
``docgen.exitcodes`` (2 for a bad invocation or a rejected import, 3 when ``--skip-invalid``
left rows out).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from docgen import exitcodes

DB_HELP = "名录数据库：文件路径（SQLite）或数据库 URL（如 postgresql+psycopg://…）；默认为当前目录的 docgen-register.sqlite"


def _err(message: str) -> None:
    click.echo(message, err=True)


def _fail(message: str) -> None:
    _err(f"错误：{message}")
    sys.exit(exitcodes.INPUT_ERROR)


def _session(db, *, create: bool):
    from docgen.track.register import RegisterError, open_register

    try:
        return open_register(db, create=create)
    except RegisterError as exc:
        _fail(f"{exc}" + ("；请先用 docgen track import 导入名录" if "不存在" in str(exc) else ""))


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    from docgen.track.sheets import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None


@click.group()
def track() -> None:
    """强审企业名录与期限跟踪：期限状态、季度报送表（附表3、附表4）、名录导入导出。"""


@track.command()
@click.option("--db", default=None, help=DB_HELP)
@click.option("--as-of", "as_of", default=None, metavar="DATE", help="按该日期判断（默认今天），如 2026-11-21")
@click.option("--within", default=30, show_default=True, type=click.IntRange(0, 3650), help="多少天内到期算“即将到期”")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "xlsx"]), default="text", show_default=True,
              help="输出格式（xlsx 需要 --out）")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="xlsx 输出文件")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件")
def status(db, as_of, within, fmt, out, force) -> None:
    """每家企业的期限状态：已逾期 / 即将到期 / 按期，附规则与期限日期。"""
    from docgen.track.report import status_json, status_text, status_xlsx, statuses

    day = _date(as_of, "--as-of") or dt.date.today()
    if fmt == "xlsx" and out is None:
        raise click.UsageError("--format xlsx 需要用 --out 指定输出文件")
    Session = _session(db, create=False)
    result = statuses(Session, day, within)
    if fmt == "json":
        click.echo(json.dumps(status_json(result, day, within), ensure_ascii=False, indent=2))
    elif fmt == "xlsx":
        from docgen.fsutil import atomic_write_bytes

        if out.exists() and not force:
            _fail(f"文件「{out}」已存在；如需覆盖请加 --force")
        atomic_write_bytes(out, status_xlsx(result, day, within))
        click.echo(str(out))
    else:
        click.echo(status_text(result, day, within), nl=False)
    sys.exit(exitcodes.OK)


@track.command()
@click.option("--db", default=None, help=DB_HELP)
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="所报季度的年份")
@click.option("--quarter", type=click.IntRange(1, 4), required=True, help="所报季度（1–4）")
@click.option("--district", default=None, help="区名（如 浦东新区）：只报该区企业，并填入「区生态环境局（盖章）」")
@click.option("--filler", default=None, help="填报人")
@click.option("--date", "filled_on", default=None, metavar="DATE", help="填报时间（默认今天）")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="输出目录")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件")
def quarterly(db, year, quarter, district, filler, filled_on, out_dir, force) -> None:
    """生成季度报送表：附表3（情况表），名单有变化时另生成附表4（名单调整表），DOCX 与 XLSX 各一份。"""
    from docgen.track.quarterly import build_return, write_return
    from docgen.track.status import quarterly_due
    from docgen.track.rules import load_rule_set

    Session = _session(db, create=False)
    day = _date(filled_on, "--date") or dt.date.today()
    ret = build_return(Session, year, quarter, district=district, filler=filler, filled_on=day)
    try:
        paths = write_return(ret, out_dir, force=force)
    except FileExistsError as exc:
        _fail(str(exc))
    for p in paths:
        click.echo(str(p))
    due = quarterly_due(load_rule_set("shanghai"), year, quarter)
    _err(f"附表3：{len(ret.form3)} 家企业；附表4：" + (f"{len(ret.form4)} 条名单调整" if ret.form4 else "本季度名单无变化，不需报送"))
    if due is not None:
        late = "；填报时间已晚于报送期限" if day > due.due.date else ""
        _err(f"报送期限：{due.describe(day)}（{due.due.explain()}）{late}")
    for w in ret.warnings:
        _err(f"注意：{w}")
    sys.exit(exitcodes.OK)


@track.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--db", default=None, help=DB_HELP)
@click.option("--skip-invalid", is_flag=True, help="只导入有效行，列出被拒绝的行（默认：有任何被拒绝的行则整批不导入）")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def import_(file, db, skip_invalid, fmt) -> None:
    """从 XLSX/CSV 导入名录（中文列名；一次事务：出错不丢失已有数据）。"""
    from docgen.track.sheets import SheetError, import_file

    Session = _session(db, create=True)
    try:
        report = import_file(Session, file, skip_invalid=skip_invalid)
    except SheetError as exc:
        _fail(str(exc))
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    for w in report.warnings:
        _err(f"警告：{w}")
    for r in report.rejected:
        _err(f"拒绝：{r.render()}")
    _err(report.summary())
    if not report.committed:
        sys.exit(exitcodes.INPUT_ERROR)
    sys.exit(exitcodes.NOT_EVALUABLE if report.rejected else exitcodes.OK)


@track.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--db", default=None, help=DB_HELP)
@click.option("--force", is_flag=True, help="覆盖已存在的文件")
def export(file, db, force) -> None:
    """把名录导出为 XLSX（工作表「企业名录」「名单调整」）或 CSV（两个文件）。"""
    from docgen.track.sheets import SheetError, export_file

    Session = _session(db, create=False)
    try:
        for p in export_file(Session, file, force=force):
            click.echo(str(p))
    except SheetError as exc:
        _fail(str(exc))
    sys.exit(exitcodes.OK)


@track.command()
@click.argument("start")
@click.option("--months", type=click.IntRange(0, 240), required=True, help="期限月数（1 年 = 12）")
@click.option("--no-roll", is_flag=True, help="不按民法典第二百零三条顺延")
def due(start, months, no_roll) -> None:
    """计算期限：START 之后 N 个月的期满日，遇法定休假日顺延（民法典第二百零一至二百零三条）。"""
    from docgen.track.periods import period_due, show

    d = period_due(_date(start, "START"), months=months, roll=not no_roll)
    click.echo(d.date.isoformat())
    _err(f"{show(_date(start, 'START'))} 后 {months} 个月：{d.explain()}")
    sys.exit(exitcodes.OK)
