from __future__ import annotations

from pathlib import Path

import pytest

from docgen.track.register import open_register
from docgen.track.sheets import import_file

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "register-shanghai.xlsx"


@pytest.fixture
def sample_db(tmp_path) -> Path:
    """A fresh SQLite register holding samples/register-shanghai.xlsx."""
    db = tmp_path / "register.sqlite"
    report = import_file(open_register(db), SAMPLE)
    assert report.committed and not report.rejected, [r.render() for r in report.rejected]
    return db
