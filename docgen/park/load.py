"""Load a park data file: syntax (docgen.load.source), model, cross-field rules — every problem at once.

Reuses the enterprise loader's machinery (exact Decimals, path → line map, Chinese pydantic
messages) so that a park file's problems read exactly like an audit file's:
``enterprises[3].values.cod: 必须 ≥ 0（第 214 行）``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docgen.load import load_model
from docgen.load.problems import Problem
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
    """Read, validate and cross-check a park data file (the three passes of ``docgen.load``)."""
    from docgen.park.consistency import check

    result = load_model(path, ParkData, check)
    return ParkLoad(Path(path), result.audit, result.problems)
