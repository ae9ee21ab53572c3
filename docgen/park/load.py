"""Load a park data file: syntax (docgen.load.source), model, cross-field rules — every problem at once.

Reuses the enterprise loader's machinery (exact Decimals, path → line map, Chinese pydantic
messages) so that a park file's problems read exactly like an audit file's:
``enterprises[3].values.cod: 必须 ≥ 0（第 214 行）``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from docgen.load.messages import problems_from_validation_error
from docgen.load.problems import Problem
from docgen.load.source import read_source
from docgen.park.model import ParkData


@dataclass
class ParkLoad:
    path: Path
    data: ParkData | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.errors


def load_park(path: str | Path) -> ParkLoad:
    path = Path(path)
    source = read_source(path)
    problems = list(source.problems)
    data = None
    if source.data is not None and not isinstance(source.data, dict):
        problems.append(Problem((), "文件顶层应为键值对（park、audit、enterprises …）", line=1))
    elif source.data is not None:
        try:
            data = ParkData.model_validate(source.data)
        except ValidationError as exc:
            problems.extend(problems_from_validation_error(exc, source.data))
        if data is not None:
            from docgen.park.consistency import check

            problems.extend(check(data))
    located = [p if p.line else p.with_line(source.line_of(p.path)) for p in problems]
    located.sort(key=lambda p: (p.severity != "error", p.line or 0))
    return ParkLoad(path, data, located)
