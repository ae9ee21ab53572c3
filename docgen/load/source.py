"""Parse YAML (and JSON) into plain Python data plus a map from field path to source line.

Why not ``yaml.safe_load``: it forgets where each value came from, silently keeps the last of two
duplicate keys, turns ``0.1`` into a binary float, and expands alias bombs without limit. We compose
the node tree with PyYAML's safe loader and construct the data ourselves, so that:

* every mapping key and list item records its 1-based line (messages say 第 214 行);
* a duplicate key is a problem, not a silent overwrite;
* decimals stay exact (``Decimal('0.1229')``) — the numbers are regulatory figures;
* the number of constructed nodes is capped, so an alias bomb is refused instead of eating memory.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path as FsPath

import yaml

from .problems import Path, Problem

MAX_NODES = 2_000_000
MAX_BYTES = 20 * 1024 * 1024


class _Loader(yaml.SafeLoader):
    """Safe loader whose floats are ``Decimal`` (exact, as written)."""


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal | float:
    text = loader.construct_scalar(node).replace("_", "")
    try:
        return Decimal(text)
    except InvalidOperation:  # .inf / .nan spellings
        return loader.construct_yaml_float(node)


_Loader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


@dataclass
class Source:
    """Parsed data with where each path came from."""

    data: object
    lines: dict[Path, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, path: Path) -> int | None:
        """Line of ``path`` or of its nearest ancestor that exists in the file."""
        for cut in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:cut]))
            if line is not None:
                return line
        return None


class _TooLarge(Exception):
    pass


class _Builder:
    def __init__(self, loader: _Loader):
        self.loader = loader
        self.lines: dict[Path, int] = {}
        self.problems: list[Problem] = []
        self.count = 0

    def build(self, node: yaml.Node, path: Path) -> object:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            self.loader.flatten_mapping(node)
            result: dict = {}
            for key_node, value_node in node.value:
                key = self.loader.construct_object(key_node, deep=True)
                if isinstance(key, (list, dict)):
                    self.problems.append(
                        Problem(path, "键必须是简单值", line=key_node.start_mark.line + 1)
                    )
                    continue
                if key in result:
                    first = self.lines.get(path + (key,))
                    self.problems.append(
                        Problem(
                            path + (key,),
                            f"重复的键「{key}」（第 {first} 行已出现），后一个值会覆盖前一个",
                            line=key_node.start_mark.line + 1,
                        )
                    )
                self.lines[path + (key,)] = key_node.start_mark.line + 1
                result[key] = self.build(value_node, path + (key,))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, TypeError, OverflowError):
            # e.g. 2025-02-30 matches the timestamp pattern but is no date: keep the text and
            # let the model say what the field expects, at this path and line.
            return node.value


def parse_yaml_text(text: str) -> Source:
    """Parse one YAML document; syntax errors become problems with their line."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Source(None, problems=[Problem((), "文件为空")])
        builder = _Builder(loader)
        data = builder.build(node, ())
        return Source(data, builder.lines, builder.problems)
    except _TooLarge:
        return Source(None, problems=[Problem((), f"文件结构过大（超过 {MAX_NODES} 个节点，可能含有别名炸弹）")])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "语法错误"
        return Source(None, problems=[Problem((), f"YAML 语法错误：{what}", line=line)])
    except yaml.YAMLError as exc:
        return Source(None, problems=[Problem((), f"YAML 语法错误：{exc}")])
    finally:
        loader.dispose()


def parse_json_text(text: str) -> Source:
    """Parse JSON exactly (``Decimal`` numbers); lines come from a YAML pass when it can read it."""
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        return Source(None, problems=[Problem((), f"JSON 语法错误：{exc.msg}", line=exc.lineno)])
    located = parse_yaml_text(text)
    return Source(data, located.lines if located.data is not None else {})


def read_source(path: FsPath) -> Source:
    """Read a data file by extension (.yaml/.yml/.json); never raises for bad input."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return Source(None, problems=[Problem((), f"文件不存在：{path}")])
    except OSError as exc:
        return Source(None, problems=[Problem((), f"无法读取文件：{path}（{exc.strerror}）")])
    if not path.is_file():
        return Source(None, problems=[Problem((), f"不是文件：{path}")])
    if size > MAX_BYTES:
        return Source(None, problems=[Problem((), f"文件过大：{size} 字节（上限 {MAX_BYTES} 字节）")])
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Source(None, problems=[Problem((), f"文件不是 UTF-8 编码（第 {exc.start} 字节处）")])
    except OSError as exc:
        return Source(None, problems=[Problem((), f"无法读取文件：{path}（{exc.strerror}）")])
    suffix = path.suffix.lower()
    if suffix == ".json":
        return parse_json_text(text)
    if suffix in {".yaml", ".yml"}:
        return parse_yaml_text(text)
    return Source(None, problems=[Problem((), f"不支持的文件类型「{suffix or '无扩展名'}」：请使用 .yaml、.yml 或 .json")])
