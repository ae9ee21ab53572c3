"""A problem found in input data: what is wrong, where (field path and line), how bad.

Every loader and consistency rule reports ``Problem`` objects instead of raising, so that a user sees
all problems of a file at once — the way a consultancy fixes a data file is one pass, not one error
per run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
PathPart = str | int
Path = tuple[PathPart, ...]


def format_path(path: Path) -> str:
    """``('schemes', 3, 'investment')`` → ``schemes[3].investment``; year keys as ``output[2023]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "（文件）"


@dataclass(frozen=True)
class Problem:
    path: Path
    message: str
    severity: Severity = "error"
    line: int | None = None

    def with_line(self, line: int | None) -> "Problem":
        return Problem(self.path, self.message, self.severity, line)

    def render(self) -> str:
        where = f"（第 {self.line} 行）" if self.line else ""
        label = "" if self.severity == "error" else "[警告] "
        return f"{label}{format_path(self.path)}: {self.message}{where}"

    def to_dict(self) -> dict:
        return {
            "path": format_path(self.path),
            "line": self.line,
            "severity": self.severity,
            "message": self.message,
        }
