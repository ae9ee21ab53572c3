"""Load and validate one audit data file in three passes: syntax, model, consistency.

Each pass reports all of its problems; a later pass runs only when the earlier one produced data it
can work on (consistency rules need a complete model). Problems get the line of their path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path as FsPath

from pydantic import BaseModel, ValidationError

from docgen.model import AuditData

from .messages import problems_from_validation_error
from .problems import Problem
from .source import Source, read_source


@dataclass
class LoadResult:
    """The model (``None`` when it could not be built) and every problem found."""

    path: FsPath | None
    audit: AuditData | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return self.audit is not None and not self.errors


def _validate(source: Source, path: FsPath | None, model: type[BaseModel] = AuditData,
              consistency: Callable[[object], list[Problem]] | None = None) -> LoadResult:
    problems = list(source.problems)
    if source.data is None:
        return LoadResult(path, None, [p.with_line(p.line or source.line_of(p.path)) for p in problems])
    if not isinstance(source.data, dict):
        keys = [name for name in model.model_fields if name not in ("schema_version", "kind")][:3]
        problems.append(Problem((), f"文件顶层应为键值对（{'、'.join(keys)} …）", line=1))
        return LoadResult(path, None, problems)
    if model is AuditData and source.data.get("kind") == "industry":  # not an enterprise audit: say so once
        problems.append(Problem(("kind",), "这是行业清洁生产审核数据文件（kind: industry），请使用 docgen industry validate|calc|render"))
        return LoadResult(path, None, [p.with_line(p.line or source.line_of(p.path)) for p in problems])
    try:
        audit = model.model_validate(source.data)
    except ValidationError as exc:
        problems.extend(problems_from_validation_error(exc, source.data))
        audit = None
    if audit is not None:
        if consistency is None:
            from docgen.model.consistency import check_consistency as consistency

        problems.extend(consistency(audit))
    located = [p if p.line else p.with_line(source.line_of(p.path)) for p in problems]
    located.sort(key=lambda p: (p.severity != "error", p.line or 0))
    return LoadResult(path, audit, located)


def load_audit(path: str | FsPath) -> LoadResult:
    """Read, validate and cross-check an audit data file (.yaml/.yml/.json)."""
    path = FsPath(path)
    return _validate(read_source(path), path)


class AuditFileError(ValueError):
    """An audit data file another command relies on (``--audit``, a package's data) is missing or
    invalid; the message says which file and its first problems, in one line."""


def load_valid_audit(path: str | FsPath) -> AuditData:
    """The audit of a file that must be valid, for commands that take one as an input beside their
    main job: the problems are not theirs to list one by one (``docgen validate`` does that)."""
    path = FsPath(path)
    if not path.is_file():
        raise AuditFileError(f"审核数据文件「{path}」不存在")
    result = load_audit(path)
    if not result.ok:
        problems = "；".join(p.render() for p in result.errors[:5])
        raise AuditFileError(f"审核数据文件「{path}」未通过校验：{problems}")
    return result.audit


def load_audit_data(data: dict) -> LoadResult:
    """Validate already-parsed data (no line numbers): for the Python API and for tests."""
    return _validate(Source(data), None)


def load_model(path: str | FsPath, model: type[BaseModel], consistency: Callable[[object], list[Problem]]) -> LoadResult:
    """Same three passes for another data model (industry-wide, park audits): ``result.audit`` holds
    the ``model`` instance, ``consistency(instance)`` its cross-field problems."""
    path = FsPath(path)
    return _validate(read_source(path), path, model, consistency)
