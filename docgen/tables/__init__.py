"""The tables of the audit report (评估) and of the acceptance report (验收), built from the model.

Public API::

    build_table(audit, "T-16")                  -> TableData | None
    build_tables(audit, "evaluation")           -> list[TableData]   (report order)
    load_catalogue()                            -> dict[str, TableSpec]

The catalogue (ids, names, columns, placement, sources) is data: ``docgen/data/tables.yaml``
(domain.md §2.4, §3.1, §3.2). A builder returns ``None`` when the data does not support its table
(no water balance, no implemented 中/高费方案 …); every acceptance-only table needs the
post-implementation data (``post_audit``), without which there is no acceptance report.
"""

from __future__ import annotations

from . import builders_audit, builders_baseline, builders_focus, builders_results, builders_s1, builders_schemes  # noqa: F401  (registration)
from .build import BUILDERS, BuildContext
from .catalogue import CatalogueError, ColumnSpec, TableSpec, load_catalogue, specs_for
from .model import EMPTY, TableData

__all__ = [
    "CatalogueError",
    "ColumnSpec",
    "EMPTY",
    "TableData",
    "TableSpec",
    "build_table",
    "build_tables",
    "load_catalogue",
    "specs_for",
]


def _needs_post_audit(spec: TableSpec) -> bool:
    return spec.kinds == ("acceptance",)


def _build(ctx: BuildContext, spec: TableSpec) -> TableData | None:
    if _needs_post_audit(spec) and ctx.audit.post_audit is None:
        return None
    builder = BUILDERS.get(spec.id)
    if builder is None:
        raise KeyError(f"表 {spec.id} 没有生成函数")
    return builder(ctx, spec)


def build_table(audit, table_id: str, figures=None) -> TableData | None:
    """Build one catalogue table; ``figures`` (``derive_figures(audit)``) is computed when omitted."""
    catalogue = load_catalogue()
    if table_id not in catalogue:
        raise KeyError(f"表格目录中没有 {table_id}")
    return _build(BuildContext(audit, figures), catalogue[table_id])


def build_tables(audit, kind: str, figures=None) -> list[TableData]:
    """Every table of one report kind that the data supports, in report order.

    Characteristic-pollutant balances (VOCs 溶剂平衡 …) follow T-13 in its layout and id.
    """
    ctx = BuildContext(audit, figures, kind=kind)
    tables: list[TableData] = []
    for spec in specs_for(kind):
        table = _build(ctx, spec)
        if table is None:
            continue
        tables.append(table)
        companion = builders_audit.COMPANIONS.get(spec.id)
        if companion is not None:
            tables.extend(companion(ctx, spec))
    return tables
