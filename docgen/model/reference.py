"""Generate the data reference (docs/data-reference.md) from the models themselves.

A hand-written field list goes stale the day a field is added; this one is produced from the
pydantic models (titles, types, constraints) and illustrated with values from a sample file, and a
test fails when the committed document differs from what the models produce.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from decimal import Decimal

from annotated_types import Ge, Gt, Le, Lt, MaxLen, MinLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .audit_data import AuditData

_SCALARS = {str: "文本", int: "整数", Decimal: "数字", float: "数字", bool: "是/否（true/false）", dt.date: "日期（YYYY-MM-DD）"}


def _strip_optional(tp):
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
        return tp, False
    return tp, False


def _unwrap_annotated(tp):
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp


def _type_text(tp) -> str:
    tp = _unwrap_annotated(tp)
    tp, _ = _strip_optional(tp)
    tp = _unwrap_annotated(tp)
    origin = typing.get_origin(tp)
    if origin is typing.Literal:
        return "取值：" + " / ".join(str(a) for a in typing.get_args(tp))
    if origin is list:
        return f"列表，每项为{_type_text(typing.get_args(tp)[0])}"
    if origin is dict:
        key, value = typing.get_args(tp)
        key = _unwrap_annotated(key)
        if key is int:
            return f"分年度（年份: {_type_text(value)}）"
        return f"映射（名称: {_type_text(value)}）"
    if origin in (typing.Union, types.UnionType):
        return " 或 ".join(_type_text(a) for a in typing.get_args(tp) if a is not type(None))
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return f"[{tp.__name__}](#{tp.__name__.lower()})"
    return _SCALARS.get(tp, getattr(tp, "__name__", str(tp)))


def _constraints(info: FieldInfo) -> str:
    parts = []
    for meta in info.metadata:
        if isinstance(meta, Ge):
            parts.append(f"≥ {meta.ge}")
        elif isinstance(meta, Gt):
            parts.append(f"> {meta.gt}")
        elif isinstance(meta, Le):
            parts.append(f"≤ {meta.le}")
        elif isinstance(meta, Lt):
            parts.append(f"< {meta.lt}")
        elif isinstance(meta, MinLen):
            parts.append(f"至少 {meta.min_length} 项" if meta.min_length > 1 else "不能为空")
        elif isinstance(meta, MaxLen):
            parts.append(f"最多 {meta.max_length} 项")
        elif getattr(meta, "pattern", None):
            parts.append(f"格式 `{meta.pattern}`")
    return "，".join(parts)


def _nested_models(tp) -> list[type[BaseModel]]:
    found = []
    tp = _unwrap_annotated(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    for arg in typing.get_args(tp):
        found.extend(_nested_models(arg))
    return found


def _example(data, path: list) -> str:
    node = data
    for part in path:
        if isinstance(node, list):
            node = node[0] if node else None
        if isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return ""
    if isinstance(node, list):
        node = node[0] if node else None
    if isinstance(node, (dict, list)) or node is None:
        if isinstance(node, dict) and node and all(isinstance(k, int) for k in node):
            return "，".join(f"{k}: {v}" for k, v in list(node.items())[:3])
        return ""
    text = str(node).replace("\n", " ").replace("|", "｜")
    return text if len(text) <= 40 else text[:38] + "…"


def data_reference_markdown(example: dict | None = None, example_name: str = "") -> str:
    """The whole reference as Markdown; ``example`` is parsed sample data for the 示例 column."""
    lines = [
        "# 审核数据说明（data reference）",
        "",
        "本文件由 `docgen schema --format markdown` 根据数据模型自动生成，请勿手工修改。",
        "字段名为英文（YAML/JSON 的键），中文名称、类型与约束见各表。"
        + (f"示例取自 `{example_name}`。" if example_name else ""),
        "",
        "数值可写整数或小数；日期写作 `2025-03-15`；“分年度”字段写作 `{2022: 1200, 2023: 1350, 2024: 1420}`。",
        "跨字段的核对规则（日期先后、编号唯一、合计与分项一致、审核重点为最高分等）由 `docgen validate` 执行，见 `docgen/model/consistency.py`。",
        "",
    ]
    seen: set[type[BaseModel]] = set()
    queue: list[tuple[type[BaseModel], list]] = [(AuditData, [])]
    while queue:
        model, path = queue.pop(0)
        if model in seen:
            continue
        seen.add(model)
        title = (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""
        lines.append(f"## {model.__name__}")
        lines.append("")
        if title:
            lines.append(title)
            lines.append("")
        where = ".".join(path) if path else "（文件顶层）"
        lines.append(f"位置：`{where}`")
        lines.append("")
        lines.append("| 字段 | 中文名称 | 类型 | 必填 | 约束 | 示例 |")
        lines.append("|---|---|---|---|---|---|")
        for name, info in model.model_fields.items():
            required = "是" if info.is_required() else "否"
            field_title = info.title or ""
            constraint = _constraints(info)
            example_text = _example(example, path + [name]) if example else ""
            lines.append(f"| `{name}` | {field_title} | {_type_text(info.annotation)} | {required} | {constraint} | {example_text} |")
            for nested in _nested_models(info.annotation):
                queue.append((nested, path + [name]))
        lines.append("")
    return "\n".join(lines)
