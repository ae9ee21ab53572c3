"""Register ↔ XLSX/CSV with Chinese column names (``docgen track import|export``).

Why: bureaus keep their lists in Excel. An import must never cost them the register they have:

* the whole import is **one transaction** — every row is validated first; with any rejected row
  nothing is written (default) or, with ``skip_invalid``, the valid rows are written and the
  rejected ones listed. A database error mid-way rolls everything back;
* every rejected row is reported with sheet, row number, column and reason in Chinese
  (``第 7 行「名单公布时间」：「2024年2月30日」不是有效日期``);
* rows are matched to existing enterprises by 统一社会信用代码, else by 企业名称, and replace that
  enterprise's fields (the sheet is the truth for the rows it contains); rows not in the file are
  untouched. A list change is matched by enterprise + 变化日期 + 变化情况.

XLSX: sheet「企业名录」(enterprises) and sheet「名单调整」(附表4 changes); a sheet is recognised by
its header (``变化情况`` → changes), so a bureau may rename sheets. CSV: one file per table, UTF-8
with BOM (Excel opens it without mojibake); export writes ``NAME.csv`` and ``NAME-名单调整.csv``.
Dates are accepted as Excel dates, ``2024-03-20``, ``2024/3/20``, ``2024.3.20`` or ``2024年3月20日``
(``docgen.check.dates.find_dates``), and must name a day.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from sqlalchemy import Date, Integer, select
from sqlalchemy.exc import SQLAlchemyError

from docgen.check.dates import find_dates, find_invalid_dates
from docgen.fsutil import atomic_write_bytes
from docgen.model.audit import AcceptanceResult, EvaluationResult
from docgen.model.credit_code import credit_code_problem
from docgen.render.docxpkg import core_properties_xml, normalise_docx
from docgen.track.register import CHANGE_COLUMNS, ENTERPRISE_COLUMNS, Enterprise, ListChange
from docgen.track.rules import RuleSetError, available, load_rule_set

SHEET_ENTERPRISES = "企业名录"
SHEET_CHANGES = "名单调整"
RESULTS = {"evaluation_result": get_args(EvaluationResult), "acceptance_result": get_args(AcceptanceResult)}
ENTERPRISE_KEY_ZH = ("统一社会信用代码", "企业名称")


class SheetError(Exception):
    """The file cannot be read at all (not XLSX/CSV, no recognisable header)."""


@dataclass
class Rejected:
    sheet: str
    row: int
    column: str
    message: str

    def render(self) -> str:
        col = f"「{self.column}」" if self.column else ""
        return f"{self.sheet} 第 {self.row} 行{col}：{self.message}"


@dataclass
class ImportReport:
    source: str
    added: int = 0
    updated: int = 0
    changes_added: int = 0
    changes_updated: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    committed: bool = False

    def summary(self) -> str:
        head = (f"{self.source}：新增企业 {self.added} 家，更新 {self.updated} 家；名单调整新增 {self.changes_added} 条，"
                f"更新 {self.changes_updated} 条；拒绝 {len(self.rejected)} 行。")
        if self.rejected and not self.committed:
            head += "因有被拒绝的行，本次导入未写入任何数据（名录保持原样）；改正后重新导入，或用 --skip-invalid 只导入有效行。"
        elif self.rejected:
            head += "有效行已写入，被拒绝的行未导入。"
        return head

    def to_json(self) -> dict:
        return {"source": self.source, "committed": self.committed, "added": self.added, "updated": self.updated,
                "changes_added": self.changes_added, "changes_updated": self.changes_updated,
                "rejected": [r.__dict__ for r in self.rejected], "warnings": self.warnings}


# --- reading files -------------------------------------------------------------------------------


@dataclass
class Table:
    name: str                       # sheet name or file name, for messages
    header: list[str]
    rows: list[tuple[int, dict]]    # (1-based row number in the file, {header: value})

    @property
    def is_changes(self) -> bool:
        return "变化情况" in self.header


def _clean(value):
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _table(name: str, raw_rows) -> Table | None:
    rows = iter(raw_rows)
    for number, row in enumerate(rows, start=1):
        header = [str(c).strip() if c is not None else "" for c in row]
        if "企业名称" in header or "统一社会信用代码" in header:
            break
    else:
        return None
    out = []
    for n, row in enumerate(rows, start=number + 1):
        values = {h: _clean(v) for h, v in zip(header, row) if h}
        if any(v is not None for v in values.values()):
            out.append((n, values))
    return Table(name, header, out)


def read_tables(path: Path) -> list[Table]:
    """The enterprise and change tables of an XLSX workbook or a CSV file."""
    path = Path(path)
    if not path.is_file():
        raise SheetError(f"文件「{path}」不存在")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise SheetError(f"「{path}」不是 UTF-8 编码的 CSV（请在 Excel 中另存为「CSV UTF-8」）") from None
        table = _table(path.name, csv.reader(io.StringIO(text)))
        tables = [table] if table else []
    elif suffix in (".xlsx", ".xlsm"):
        try:
            wb = load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            raise SheetError(f"「{path}」不是可读取的 XLSX 文件：{type(exc).__name__}") from None
        try:
            tables = [t for ws in wb.worksheets if (t := _table(f"工作表「{ws.title}」", ws.iter_rows(values_only=True)))]
        finally:
            wb.close()
    else:
        raise SheetError(f"不支持的文件类型「{path.suffix}」：请使用 .xlsx 或 .csv")
    if not tables:
        raise SheetError(f"「{path}」中没有找到表头含「企业名称」或「统一社会信用代码」的表格")
    return tables


# --- validating values ---------------------------------------------------------------------------


def parse_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value)
    bad = find_invalid_dates(text)
    if bad:
        raise ValueError(f"「{text}」不是有效日期（{bad[0].reason}）")
    found = find_dates(text)
    if len(found) != 1 or found[0].precision != "day" or found[0].span != (0, len(text)):
        raise ValueError(f"「{text}」不是完整的日期（应为 2024-03-20 或 2024年3月20日）")
    return found[0].date


def _convert(column, value, sheet: str, number: int, problems: list[Rejected]):
    zh = column.info["zh"]
    if value is None:
        return None
    try:
        if isinstance(column.type, Date):
            return parse_date(value)
        if isinstance(column.type, Integer):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            return int(str(value))
        text = str(value).strip()
        if column.key == "credit_code":
            text = text.upper()
            problem = credit_code_problem(text)
            if problem:
                raise ValueError(problem)
        if column.key in RESULTS and text not in RESULTS[column.key]:
            raise ValueError(f"「{text}」不是有效的{zh}（可填：{'、'.join(RESULTS[column.key])}）")
        if column.key == "jurisdiction" and text not in available():
            raise ValueError(f"没有名为「{text}」的期限规则（可填：{'、'.join(available())}）")
        return text
    except ValueError as exc:
        problems.append(Rejected(sheet, number, zh, str(exc).replace("invalid literal for int() with base 10: ",
                                                                      "不是整数：")))
        return None


def _values(columns, table: Table, number: int, row: dict, problems: list[Rejected]) -> dict:
    out = {}
    for column in columns:
        zh = column.info["zh"]
        if zh in row:
            out[column.key] = _convert(column, row[zh], table.name, number, problems)
    return out


# --- importing ----------------------------------------------------------------------------------


def _find(session, code: str | None, name: str | None, pending: dict) -> Enterprise | None:
    for key in (("code", code), ("name", name)):
        if key[1] and key in pending:
            return pending[key]
    if code:
        found = session.scalars(select(Enterprise).where(Enterprise.credit_code == code)).first()
        if found:
            return found
    if name:
        return session.scalars(select(Enterprise).where(Enterprise.name == name)).first()
    return None


def _remember(pending: dict, e: Enterprise) -> None:
    if e.credit_code:
        pending[("code", e.credit_code)] = e
    pending[("name", e.name)] = e


def import_file(Session, path: Path, *, skip_invalid: bool = False) -> ImportReport:
    """Import an XLSX/CSV into the register in one transaction (see the module docstring)."""
    report = ImportReport(str(path))
    tables = read_tables(path)
    known = {c.info["zh"] for c in ENTERPRISE_COLUMNS} | {c.info["zh"] for c in CHANGE_COLUMNS}
    for t in tables:
        unknown = [h for h in t.header if h and h not in known and h != "序号"]
        if unknown:
            report.warnings.append(f"{t.name}：忽略无法识别的列 {'、'.join(unknown)}")
    enterprise_tables = [t for t in tables if not t.is_changes]
    change_tables = [t for t in tables if t.is_changes]
    session = Session()
    try:
        with session.begin():
            pending: dict = {}
            for t in enterprise_tables:
                for number, row in t.rows:
                    _import_enterprise(session, t, number, row, pending, report)
            session.flush()
            for t in change_tables:
                for number, row in t.rows:
                    _import_change(session, t, number, row, pending, report)
            session.flush()
            if report.rejected and not skip_invalid:
                session.rollback()
                report.added = report.updated = report.changes_added = report.changes_updated = 0
                return report
            report.committed = True
    except SQLAlchemyError as exc:
        report.committed = False
        report.rejected.append(Rejected("数据库", 0, "", f"写入失败，已整体回滚：{str(exc).splitlines()[0][:200]}"))
    finally:
        session.close()
    return report


def _import_enterprise(session, t: Table, number: int, row: dict, pending: dict, report: ImportReport) -> None:
    problems: list[Rejected] = []
    values = _values(ENTERPRISE_COLUMNS, t, number, row, problems)
    if not values.get("name"):
        problems.append(Rejected(t.name, number, "企业名称", "企业名称不能为空"))
    if problems:
        report.rejected.extend(problems)
        return
    order = [k for k in ("list_published", "started", "evaluation_applied", "evaluation_onsite",
                         "acceptance_applied", "acceptance_onsite") if values.get(k)]
    for a, b in zip(order, order[1:]):
        if values[b] < values[a]:
            zh = {c.key: c.info["zh"] for c in ENTERPRISE_COLUMNS}
            report.rejected.append(Rejected(t.name, number, zh[b], f"{zh[b]}（{values[b]}）早于{zh[a]}（{values[a]}）"))
            return
    existing = _find(session, values.get("credit_code"), values["name"], pending)
    if existing is None:
        e = Enterprise(**{**values, "jurisdiction": values.get("jurisdiction") or "shanghai"})
        session.add(e)
        report.added += 1
    else:
        for k, v in values.items():
            if k != "jurisdiction" or v is not None:
                setattr(existing, k, v)
        e = existing
        report.updated += 1
    _remember(pending, e)


def _import_change(session, t: Table, number: int, row: dict, pending: dict, report: ImportReport) -> None:
    problems: list[Rejected] = []
    values = _values(CHANGE_COLUMNS, t, number, row, problems)
    code = row.get("统一社会信用代码")
    name = row.get("企业名称")
    e = _find(session, str(code).strip().upper() if code else None, str(name) if name else None, pending)
    if e is None:
        problems.append(Rejected(t.name, number, "企业名称",
                                 f"名录中没有企业「{name or code}」（请先在「{SHEET_ENTERPRISES}」中登记）"))
    if not values.get("changed_on"):
        problems.append(Rejected(t.name, number, "变化日期", "变化日期不能为空（用于确定所属季度）"))
    if e is not None and values.get("change"):
        try:
            vocab = load_rule_set(e.jurisdiction).list_changes
        except RuleSetError:
            vocab = None
        if vocab is None:
            problems.append(Rejected(t.name, number, "变化情况", f"期限规则「{e.jurisdiction}」未定义名单调整（附表4）"))
        else:
            if values["change"] not in vocab.changes:
                problems.append(Rejected(t.name, number, "变化情况",
                                         f"「{values['change']}」不是附表4 注1 的变化情况（可填：{'、'.join(vocab.changes)}）"))
            if values.get("relocation") and values["relocation"] not in vocab.relocations:
                problems.append(Rejected(t.name, number, "搬迁情形",
                                         f"「{values['relocation']}」不是可选的搬迁情形（可填：{'、'.join(vocab.relocations)}）"))
    elif not values.get("change"):
        problems.append(Rejected(t.name, number, "变化情况", "变化情况不能为空（附表4 注1）"))
    if problems:
        report.rejected.extend(problems)
        return
    same = [c for c in e.changes if c.changed_on == values["changed_on"] and c.change == values["change"]]
    if same:
        for k, v in values.items():
            setattr(same[0], k, v)
        report.changes_updated += 1
    else:
        e.changes.append(ListChange(**values))
        report.changes_added += 1


# --- exporting ----------------------------------------------------------------------------------


def _rows(Session):
    with Session() as session:
        enterprises = list(session.scalars(select(Enterprise).order_by(Enterprise.id)))
        ent_rows = [[getattr(e, c.key) for c in ENTERPRISE_COLUMNS] for e in enterprises]
        change_rows = [[e.credit_code, e.name] + [getattr(ch, c.key) for c in CHANGE_COLUMNS]
                       for e in enterprises for ch in e.changes]
    return ent_rows, change_rows


ENTERPRISE_HEADER = [c.info["zh"] for c in ENTERPRISE_COLUMNS]
CHANGE_HEADER = list(ENTERPRISE_KEY_ZH) + [c.info["zh"] for c in CHANGE_COLUMNS]


def workbook_bytes(ent_rows, change_rows, stamp: dt.date | None = None) -> bytes:
    """The register as XLSX; with ``stamp`` the package is normalised (fixed ZIP times, core
    properties dated ``stamp``) so the same register gives the same bytes — for the sample file."""
    wb = Workbook()
    for ws, header, rows in ((wb.active, ENTERPRISE_HEADER, ent_rows), (wb.create_sheet(), CHANGE_HEADER, change_rows)):
        ws.title = SHEET_ENTERPRISES if header is ENTERPRISE_HEADER else SHEET_CHANGES
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(row)
        for col in ws.iter_cols(min_row=2):
            for cell in col:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
        for i, h in enumerate(header, start=1):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = max(12, 2 * len(h) + 2)
        ws.freeze_panes = "A2"
    return save_workbook(wb, "强审企业名录", stamp)


def save_workbook(wb, title: str, stamp: dt.date | None = None) -> bytes:
    """XLSX bytes; with ``stamp`` normalised like the DOCX outputs (``docgen.render.docxpkg``:
    fixed ZIP times, core properties dated ``stamp``), so the same content gives the same bytes."""
    buf = io.BytesIO()
    wb.save(buf)
    if stamp is None:
        return buf.getvalue()
    core = core_properties_xml(title, "docgen", f"{stamp.isoformat()}T00:00:00Z")
    return normalise_docx(buf.getvalue(), core)


def _csv_bytes(header, rows) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    for row in rows:
        w.writerow(["" if v is None else (v.isoformat() if isinstance(v, dt.date) else v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


def export_file(Session, path: Path, *, force: bool = False, stamp: dt.date | None = None) -> list[Path]:
    """Write the register to ``path`` (.xlsx, or .csv + ``-名单调整.csv``); the written paths."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        targets = [path]
    elif suffix == ".csv":
        targets = [path, path.with_name(f"{path.stem}-{SHEET_CHANGES}.csv")]
    else:
        raise SheetError(f"不支持的导出格式「{path.suffix}」：请使用 .xlsx 或 .csv")
    existing = [p for p in targets if p.exists()]
    if existing and not force:
        raise SheetError(f"文件「{existing[0]}」已存在；如需覆盖请加 --force")
    ent_rows, change_rows = _rows(Session)
    if suffix == ".xlsx":
        atomic_write_bytes(path, workbook_bytes(ent_rows, change_rows, stamp))
    else:
        atomic_write_bytes(targets[0], _csv_bytes(ENTERPRISE_HEADER, ent_rows))
        atomic_write_bytes(targets[1], _csv_bytes(CHANGE_HEADER, change_rows))
    return targets
