"""The bureau's register of 强审 enterprises (SQLAlchemy models and opening a database).

Why a database: a district bureau tracks tens to hundreds of listed enterprises over years, edits
them one event at a time and must produce the quarterly 附表3/附表4 from the same records (seed
003 六). The default is an embedded SQLite file in the working directory (nothing to install, one
file to back up); SQLAlchemy makes a PostgreSQL URL (``postgresql+psycopg://…``) work the same
when a province shares one register.

Two tables:

* ``enterprises`` — one row per listed enterprise: identity (统一社会信用代码, 企业名称, 所在区,
  适用期限规则), the dated events of the procedure (名单公布, 信息公开, 审核启动 + 启动材料,
  评估申请, 现场评估 + 结果, 评估归档, 验收申请, 现场验收 + 结果, 验收归档; domain.md §5.1) and the
  consultancy (审核咨询机构名称, a column of 附表3);
* ``list_changes`` — the 附表4 rows: 变化情况 (注1), 调整结果 (注2, defaulted by the rule set's
  mapping), 证明材料 (注3), dated so each lands in its quarter.

The Chinese column names used by import/export live on the columns themselves
(``info={"zh": …}``), so there is one list of columns, not two.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import Date, ForeignKey, Integer, String, Text, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker

DEFAULT_FILE = "docgen-register.sqlite"


class Base(DeclarativeBase):
    pass


def _col(type_, zh: str, **kw):
    return mapped_column(type_, info={"zh": zh}, **kw)


class Enterprise(Base):
    __tablename__ = "enterprises"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    credit_code: Mapped[str | None] = _col(String(18), "统一社会信用代码", unique=True, nullable=True)
    name: Mapped[str] = _col(String(200), "企业名称", unique=True)
    district: Mapped[str | None] = _col(String(50), "所在区", nullable=True)
    jurisdiction: Mapped[str] = _col(String(50), "适用期限规则", default="shanghai")
    list_year: Mapped[int | None] = _col(Integer, "名单年度", nullable=True)
    list_published: Mapped[dt.date | None] = _col(Date, "名单公布时间", nullable=True)
    disclosed: Mapped[dt.date | None] = _col(Date, "信息公开时间", nullable=True)
    started: Mapped[dt.date | None] = _col(Date, "审核启动时间", nullable=True)
    start_materials: Mapped[str | None] = _col(Text, "启动材料", nullable=True)
    consultancy: Mapped[str | None] = _col(String(200), "审核咨询机构名称", nullable=True)
    evaluation_applied: Mapped[dt.date | None] = _col(Date, "评估申请时间", nullable=True)
    evaluation_onsite: Mapped[dt.date | None] = _col(Date, "现场评估时间", nullable=True)
    evaluation_result: Mapped[str | None] = _col(String(20), "评估结果", nullable=True)
    evaluation_archived: Mapped[dt.date | None] = _col(Date, "评估归档时间", nullable=True)
    acceptance_applied: Mapped[dt.date | None] = _col(Date, "验收申请时间", nullable=True)
    acceptance_onsite: Mapped[dt.date | None] = _col(Date, "现场验收时间", nullable=True)
    acceptance_result: Mapped[str | None] = _col(String(20), "验收结果", nullable=True)
    acceptance_archived: Mapped[dt.date | None] = _col(Date, "验收归档时间", nullable=True)
    remark: Mapped[str | None] = _col(Text, "备注", nullable=True)

    changes: Mapped[list[ListChange]] = relationship(back_populates="enterprise", cascade="all, delete-orphan",
                                                     order_by="ListChange.changed_on")


class ListChange(Base):
    __tablename__ = "list_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"))
    changed_on: Mapped[dt.date] = _col(Date, "变化日期")
    change: Mapped[str] = _col(String(50), "变化情况")
    relocation: Mapped[str | None] = _col(String(50), "搬迁情形", nullable=True)
    detail: Mapped[str | None] = _col(Text, "具体说明", nullable=True)
    result: Mapped[str | None] = _col(String(50), "调整结果", nullable=True)
    evidence: Mapped[str | None] = _col(Text, "证明材料", nullable=True)
    remark: Mapped[str | None] = _col(Text, "备注", nullable=True)

    enterprise: Mapped[Enterprise] = relationship(back_populates="changes")


#: the columns users see, in sheet order (the id columns are internal)
ENTERPRISE_COLUMNS = [c for c in Enterprise.__table__.columns if "zh" in c.info]
CHANGE_COLUMNS = [c for c in ListChange.__table__.columns if "zh" in c.info]


class RegisterError(Exception):
    """The register cannot be opened (bad URL, not a database, unreachable server)."""


def database_url(db: str | Path | None) -> str:
    """``--db`` value → SQLAlchemy URL: a URL as given, a path as SQLite, None → the default file."""
    if db is None:
        db = Path.cwd() / DEFAULT_FILE
    text = str(db)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).resolve()}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def open_register(db: str | Path | None = None, *, create: bool = True) -> sessionmaker:
    """A session factory on the register; the tables are created when missing."""
    url = database_url(db)
    if url.startswith("sqlite:///") and not create and not Path(url[len("sqlite:///"):]).exists():
        raise RegisterError(f"名录数据库「{url[len('sqlite:///'):]}」不存在")
    try:
        engine: Engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        Base.metadata.create_all(engine)
    except (ArgumentError, OperationalError, DatabaseError) as exc:
        raise RegisterError(f"无法打开名录数据库「{db}」：{str(exc).splitlines()[0][:200]}") from None
    except ModuleNotFoundError as exc:
        raise RegisterError(f"无法打开名录数据库「{db}」：缺少数据库驱动 {exc.name}") from None
    return sessionmaker(engine, expire_on_commit=False)


def enterprise_key(credit_code: str | None, name: str) -> tuple[str, str]:
    """How rows are matched: by credit code when known, else by name."""
    return ("code", credit_code) if credit_code else ("name", name)
