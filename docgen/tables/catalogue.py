"""The table catalogue (domain.md §2.4, §3.1, §3.2) loaded from ``docgen/data/tables.yaml``.

Why data: the headers of most tables are conventional worksheet headers tagged
"[domain knowledge, to verify]" (domain.md §10 G6); keeping them in one YAML file lets a reviewer
correct a header once for the renderer and the checker alike. This module only reads and
validates the file into frozen dataclasses; the builders decide the content of the cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

KINDS = ("evaluation", "acceptance")
STAGES = ("前言", "S1", "S2", "S3", "S4", "S5", "S6", "S7")
ACCEPTANCE_CHAPTERS = tuple(str(n) for n in range(1, 8))
PRECISION_RULES = ("fixed", "unit", "natural", "sig")
REPEATS = ("years", "candidates")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_KNOWN_PLACEHOLDERS = {"year", "candidate", "baseline_year", "unit", "emission_unit"}


class CatalogueError(ValueError):
    """The catalogue file is malformed (a packaging or editing mistake, not a user-data problem)."""


@dataclass(frozen=True)
class ColumnSpec:
    """One column (or, with ``repeat``, one column per year / per candidate).

    ``header`` is the printed path: ``"近三年消耗量/{year}年"`` for a two-level header whose top
    cell is ``group``; ``label`` is the bottom cell. Headers may themselves contain "/"
    (培训/宣传内容), so consumers split on ``group``/``label``, never on the slash.
    """

    header: str
    numeric: bool = False
    places: int | None = None
    precision: str = "fixed"  # fixed (places) | unit | natural | sig — see tables.yaml header
    group: str | None = None
    label: str = ""
    repeat: str | None = None


@dataclass(frozen=True)
class TableSpec:
    """One catalogue entry."""

    id: str
    name: str
    kinds: tuple[str, ...]
    placement: str
    columns: tuple[ColumnSpec, ...]
    total_row: bool
    source: str
    section: str = ""
    aliases: tuple[str, ...] = ()
    worksheet: str | None = None
    layout: str = "grid"
    optional: bool = False
    condition: str | None = None
    summary_rows: tuple[str, ...] = ()
    total_label: str = "合计"

    @property
    def sourced(self) -> bool:
        """True when domain.md saw the table in a real form ([src: …]) rather than recalled it."""
        return self.source.startswith("[src")


def _column(raw: Any, where: str) -> ColumnSpec:
    if not isinstance(raw, dict) or not raw.get("header"):
        raise CatalogueError(f"{where}: 列定义须含 header")
    unknown = set(raw) - {"header", "group", "numeric", "places", "repeat"}
    if unknown:
        raise CatalogueError(f"{where}: 未知的键 {sorted(unknown)}")
    label, group = str(raw["header"]), raw.get("group")
    for text in (label, group or ""):
        bad = set(_PLACEHOLDER.findall(text)) - _KNOWN_PLACEHOLDERS
        if bad:
            raise CatalogueError(f"{where}: 未知占位符 {sorted(bad)}")
    places_raw = raw.get("places")
    if places_raw is None or isinstance(places_raw, int):
        places, precision = places_raw, "fixed"
    elif places_raw in PRECISION_RULES:
        places, precision = None, str(places_raw)
    else:
        raise CatalogueError(f"{where}: places 应为整数或 {PRECISION_RULES}")
    numeric = bool(raw.get("numeric", False))
    if numeric and places is None and precision == "fixed":
        raise CatalogueError(f"{where}: 数值列须给出 places")
    repeat = raw.get("repeat")
    if repeat is not None and repeat not in REPEATS:
        raise CatalogueError(f"{where}: repeat 应为 {REPEATS}")
    header = f"{group}/{label}" if group else label
    return ColumnSpec(header, numeric, places, precision, str(group) if group else None, label, repeat)


def _table(raw: Any, index: int) -> TableSpec:
    where = f"tables[{index}]"
    if not isinstance(raw, dict):
        raise CatalogueError(f"{where}: 应为键值对")
    for key in ("id", "name", "kinds", "placement", "columns", "total_row", "source"):
        if key not in raw:
            raise CatalogueError(f"{where}: 缺少 {key}")
    tid = str(raw["id"])
    kinds = tuple(raw["kinds"])
    if not kinds or set(kinds) - set(KINDS):
        raise CatalogueError(f"{tid}: kinds 应取自 {KINDS}")
    placement = str(raw["placement"])
    allowed = (STAGES if "evaluation" in kinds else ()) + (ACCEPTANCE_CHAPTERS if "acceptance" in kinds else ())
    if placement not in allowed:
        raise CatalogueError(f"{tid}: placement「{placement}」无效")
    columns = tuple(_column(c, f"{tid}.columns[{i}]") for i, c in enumerate(raw["columns"]))
    layout = raw.get("layout", "grid")
    if layout not in ("grid", "key_value"):
        raise CatalogueError(f"{tid}: layout 应为 grid 或 key_value")
    return TableSpec(
        id=tid,
        name=str(raw["name"]),
        kinds=kinds,
        placement=placement,
        columns=columns,
        total_row=bool(raw["total_row"]),
        source=str(raw["source"]),
        section=str(raw.get("section", "")),
        aliases=tuple(raw.get("aliases", ())),
        worksheet=raw.get("worksheet"),
        layout=layout,
        optional=bool(raw.get("optional", False)),
        condition=raw.get("condition"),
        summary_rows=tuple(raw.get("summary_rows", ())),
        total_label=str(raw.get("total_label", "合计")),
    )


def parse_catalogue(text: str) -> dict[str, TableSpec]:
    """Parse catalogue YAML text (exposed for tests of edited copies)."""
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not isinstance(data.get("tables"), list):
        raise CatalogueError("表格目录应含 tables 列表")
    specs: dict[str, TableSpec] = {}
    for i, raw in enumerate(data["tables"]):
        spec = _table(raw, i)
        if spec.id in specs:
            raise CatalogueError(f"表格编号重复：{spec.id}")
        specs[spec.id] = spec
    return specs


@lru_cache(maxsize=1)
def _cached() -> dict[str, TableSpec]:
    text = resources.files("docgen").joinpath("data/tables.yaml").read_text(encoding="utf-8")
    return parse_catalogue(text)


def load_catalogue() -> dict[str, TableSpec]:
    """All table specs keyed by id, in report order (evaluation tables first, then acceptance).

    The file is read once; each call returns a new dict of the (frozen) specs, so a caller that
    edits its dict cannot change what the next caller sees.
    """
    return dict(_cached())


def specs_for(kind: str) -> list[TableSpec]:
    """The specs of one report kind, in report order."""
    if kind not in KINDS:
        raise ValueError(f"报告类型应为 {KINDS}：{kind!r}")
    return [s for s in load_catalogue().values() if kind in s.kinds]
