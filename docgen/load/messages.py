"""Pydantic validation errors → Chinese problems with the data path.

Pydantic reports in English and its ``loc`` contains entries that are not data keys (union members
such as ``decimal`` or ``function-after[...]``). Users read Chinese and think in their file's keys,
so each error is re-located onto the path that exists in the data and worded from a template table.
"""

from __future__ import annotations

from pydantic import ValidationError

from .problems import Path, Problem

#: error type → Chinese template (``ctx`` keys of pydantic-core filled in with ``str.format``).
TEMPLATES: dict[str, str] = {
    "missing": "缺少必填字段",
    "extra_forbidden": "不认识的字段（请检查拼写，或查阅数据说明 docs/data-reference.md）",
    "greater_than_equal": "必须 ≥ {ge}",
    "greater_than": "必须 > {gt}",
    "less_than_equal": "必须 ≤ {le}",
    "less_than": "必须 < {lt}",
    "string_too_short": "不能为空",
    "string_too_long": "过长（最多 {max_length} 个字符）",
    "too_short": "至少需要 {min_length} 项，实际 {actual_length} 项",
    "too_long": "最多 {max_length} 项，实际 {actual_length} 项",
    "string_pattern_mismatch": "格式不正确（应符合 {pattern}）",
    "literal_error": "取值只能是：{expected}",
    "date_from_datetime_parsing": "不是有效日期（请写作 YYYY-MM-DD，如 2025-03-15）",
    "date_from_datetime_inexact": "应为日期，不应带时间",
    "date_parsing": "不是有效日期（请写作 YYYY-MM-DD，如 2025-03-15）",
    "date_type": "应为日期（YYYY-MM-DD）",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "decimal_max_places": "小数位过多",
    "finite_number": "应为有限数字",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "dict_type": "应为键值对（映射）",
    "model_type": "应为键值对（映射）",
    "model_attributes_type": "应为键值对（映射）",
    "list_type": "应为列表",
    "string_type": "应为文本",
}


def _locate(loc: tuple, data: object) -> Path:
    """Keep only the ``loc`` entries that walk through ``data`` (plus a final missing key)."""
    path: list = []
    node = data
    for part in loc:
        if isinstance(node, dict):
            key = part
            if key not in node and isinstance(part, str) and part.isdigit() and int(part) in node:
                key = int(part)
            if key in node:
                path.append(key)
                node = node[key]
                continue
            if isinstance(part, str) and ("[" in part or part in _UNION_TAGS):
                continue
            path.append(part)  # a missing key: keep it, then stop walking
            node = None
            continue
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
            continue
        # anything else is a pydantic union/validator tag, not a data key
    return tuple(path)


_UNION_TAGS = {"decimal", "str", "int", "float", "bool", "date", "list", "dict", "none"}


def _message(error: dict) -> str:
    kind = error["type"]
    if kind == "value_error":
        msg = error["msg"]
        return msg.removeprefix("Value error, ")
    if kind == "assertion_error":
        return error["msg"].removeprefix("Assertion failed, ")
    template = TEMPLATES.get(kind)
    ctx = dict(error.get("ctx") or {})
    if template:
        try:
            return template.format(**ctx)
        except (KeyError, IndexError):
            pass
    return error["msg"]


def problems_from_validation_error(exc: ValidationError, data: object) -> list[Problem]:
    """One problem per pydantic error, deduplicated (unions repeat the same location)."""
    seen: set[tuple] = set()
    problems: list[Problem] = []
    for error in exc.errors(include_url=False):
        path = _locate(error["loc"], data)
        message = _message(error)
        if (path, message) in seen:
            continue
        seen.add((path, message))
        problems.append(Problem(path, message))
    return _collapse_union_noise(problems)


def _collapse_union_noise(problems: list[Problem]) -> list[Problem]:
    """A value wrong for every member of ``Decimal | str`` yields two messages; keep the first."""
    by_path: dict[Path, list[Problem]] = {}
    for p in problems:
        by_path.setdefault(p.path, []).append(p)
    result = []
    for p in problems:
        siblings = by_path[p.path]
        if len(siblings) > 1 and {s.message for s in siblings} >= {"应为数字", "应为文本"}:
            if p.message == "应为文本":
                continue
        result.append(p)
    return result
