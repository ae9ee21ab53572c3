"""Read the YAML data files shipped in ``docgen/calc/data`` (package data, works from a wheel).

Factors, thresholds and tolerances live in data files, not in code, because every one of them is
tied to a standard edition or a local rule that changes (GB/T 2589-2008 → 2020, yearly grid CO2
factors, DB31 local values).  Changing a value is then a reviewed data change with its source.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from docgen.calc.errors import CalcError

__all__ = ["load_yaml", "list_yaml"]

_PACKAGE = "docgen.calc"


def _data_root():
    return resources.files(_PACKAGE).joinpath("data")


@lru_cache(maxsize=None)
def load_yaml(relpath: str) -> Any:
    """Parse ``data/<relpath>`` with ``yaml.safe_load``; cached (callers must not mutate it)."""
    node = _data_root()
    for part in relpath.split("/"):
        node = node.joinpath(part)
    if not node.is_file():
        raise CalcError(f"缺少计算数据文件：docgen/calc/data/{relpath}")
    try:
        return yaml.safe_load(node.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CalcError(f"计算数据文件 docgen/calc/data/{relpath} 不是有效的 YAML：{exc}") from None


def list_yaml(subdir: str) -> list[str]:
    """Stems of the ``*.yaml`` files directly under ``data/<subdir>``, sorted."""
    node = _data_root().joinpath(subdir)
    if not node.is_dir():
        return []
    return sorted(
        entry.name[: -len(".yaml")]
        for entry in node.iterdir()
        if entry.is_file() and entry.name.endswith(".yaml")
    )
