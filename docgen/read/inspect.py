"""``docgen inspect``: show what the engine saw in a submitted document, so a bureau can check it.

Why this exists: every finding of the checker rests on the reader's view — which paragraphs it
took for headings (and on what evidence: a Heading style is near-certain, a bold short line is a
guess; checker.md §2.2), which tables it found and how it read their header rows, what the TOC
says. When a finding looks wrong, a clerk or a consultant must be able to see that view instead of
guessing. Text output is for people; ``--format json`` dumps the whole model for tools.
"""

from __future__ import annotations

import dataclasses
import json
from enum import Enum
from pathlib import Path
from typing import Any

from docgen.read.model import Document, Heading, NotEvaluable, Table


def to_json(value: Any) -> Any:
    """Dataclasses → dicts (recursively), enums → values, tuples → lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, Path):
        return str(value)
    return value


def as_json(result: Document | NotEvaluable) -> dict:
    payload = to_json(result)
    payload = {"evaluable": isinstance(result, Document), **payload}
    if isinstance(result, Document):
        payload["summary"] = _summary(result)
    return payload


def dumps(result: Document | NotEvaluable) -> str:
    return json.dumps(as_json(result), ensure_ascii=False, indent=2)


def _summary(doc: Document) -> dict:
    return {
        "headings": len(doc.headings),
        "paragraphs": len(doc.paragraphs),
        "tables": len(doc.tables),
        "images": len(doc.images),
        "toc_entries": len(doc.toc),
        "comments": len(doc.comments),
        "revisions": doc.revisions,
        "hidden_text": doc.hidden_text,
    }


# --------------------------------------------------------------------------- text


def as_text(result: Document | NotEvaluable) -> str:
    if isinstance(result, NotEvaluable):
        return not_evaluable_text(result)
    doc = result
    lines = [
        f"文件: {doc.path}",
        f"格式: {doc.format}" + (f"（由 {doc.converted_from} 转换）" if doc.converted_from else ""),
        f"sha256: {doc.sha256}",
        f"页数: {doc.pages if doc.pages is not None else '未知'}",
    ]
    lines += _section("警告", [f"- {w}" for w in doc.warnings])
    lines += _section("大纲（标题）", [_heading_line(h) for h in doc.headings])
    lines += _section("目录（TOC）", [
        "  " * max(0, (e.level or 1) - 1) + f"{e.text}" + (f" …… {e.page}" if e.page is not None else "")
        for e in doc.toc
    ])
    lines += _section("表格", [_table_line(t) for t in doc.tables])
    lines += _section("图片", [
        f"- {_hint(i.hint)}{_size(i.width_mm, i.height_mm)}{_page(i.location.page)}" + (f"  {i.name}" if i.name else "")
        for i in doc.images
    ])
    lines += _section("页眉", [f"- {h}" for h in doc.headers])
    lines += _section("页脚", [f"- {f}" for f in doc.footers])
    unhealthy = [p for p in doc.page_health if p.status != "good"]
    if doc.page_health:
        lines += _section("文字层", [
            f"{len(doc.page_health) - len(unhealthy)}/{len(doc.page_health)} 页文字正常",
            *[f"- 第 {p.page} 页：{p.status}（{p.chars} 字符，中文占比 {p.cjk_share:.0%}）{p.reason}"
              + ("（OCR）" if p.ocr else "") for p in unhealthy],
        ], always=True)
    lines += [
        "",
        f"修订（插入/删除）: {doc.revisions}",
        f"隐藏文字: {'有' if doc.hidden_text else '无'}",
        f"批注: {len(doc.comments)}",
        f"脚注: {len(doc.footnotes)}",
        f"段落: {len(doc.paragraphs)}",
    ]
    return "\n".join(lines)


def not_evaluable_text(result: NotEvaluable) -> str:
    lines = [
        f"文件: {result.path}",
        f"无法评估: {result.code}",
        f"原因: {result.reason_zh}",
        f"Reason: {result.reason_en}",
    ]
    if result.sha256:
        lines.append(f"sha256: {result.sha256}")
    if result.detail:
        lines.append(f"详情: {result.detail}")
    return "\n".join(lines)


def _section(title: str, rows: list[str], always: bool = False) -> list[str]:
    if not rows and not always:
        return ["", f"{title}: 无"]
    return ["", f"{title}（{len(rows)}）:" if not always else f"{title}:", *[f"  {r}" for r in rows]]


def _heading_line(h: Heading) -> str:
    label = f"{h.label} " if h.label else ""
    signal = h.signal.value if isinstance(h.signal, Enum) else str(h.signal)
    return "  " * max(0, h.level - 1) + f"{label}{h.title}  [{signal} {h.confidence:.2f}]{_page(h.location.page)}"


def _table_line(t: Table) -> str:
    parts = [f"#{t.index}"]
    parts.append(f"“{t.caption}”" if t.caption else "（无标题）")
    parts.append(f"{t.n_rows}×{t.n_cols}")
    headers = [p for p in t.header_paths if p]
    if headers:
        parts.append("表头: " + " | ".join(headers))
    if t.nested_in is not None:
        outer, row, col = t.nested_in
        parts.append(f"嵌套于 #{outer}（第 {row + 1} 行第 {col + 1} 列）")
    if t.continued_from is not None:
        parts.append(f"续表，接 #{t.continued_from}")
    if t.confidence < 1.0:
        parts.append(f"置信度 {t.confidence:.2f}")
    return "  ".join(parts) + _page(t.location.page)


def _page(page: int | None) -> str:
    return f"  第 {page} 页" if page is not None else ""


def _size(width: float | None, height: float | None) -> str:
    if width is None or height is None:
        return ""
    return f"{width:.0f}×{height:.0f} mm"


def _hint(hint: str | None) -> str:
    names = {"cover": "封面 ", "signature": "签章处 ", "body": "正文 "}
    return names.get(hint or "", "")
