"""Park tests: make tests/park/park_defects.py importable; the sample loaded and rendered once."""

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

SAMPLE = HERE.parents[1] / "samples" / "park-longchuan.yaml"


@pytest.fixture(scope="session")
def park_data():
    from docgen.park.load import load_park

    result = load_park(SAMPLE)
    assert result.ok, [p.render() for p in result.problems]
    return result.data


@pytest.fixture(scope="session")
def rendered(park_data):
    """kind → DOCX bytes of the sample."""
    from docgen.park.render import render_docx

    return {k: render_docx(park_data, k).data for k in ("audit", "annual")}
