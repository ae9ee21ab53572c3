"""Shared fixtures: the hand-made minimal audit and the realistic samples."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "data" / "minimal-audit.yaml"
SAMPLES = sorted((ROOT / "samples").glob("audit-*.yaml"))


@pytest.fixture
def minimal_text() -> str:
    return MINIMAL.read_text(encoding="utf-8")


@pytest.fixture
def write_yaml(tmp_path):
    def write(text: str, name: str = "audit.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
