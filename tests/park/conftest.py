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


def benchmark_variant():
    """The sample graded by 基准值评分法 instead: 基准值 = each indicator's II级 value."""
    from docgen.load.source import read_source
    from docgen.park.model import ParkData

    raw = read_source(SAMPLE).data
    raw["grading"] = {"method": "benchmark_score", "class_weights": raw["grading"]["class_weights"]}
    for ind in raw["indicators"]:
        ind["benchmark"] = ind.pop("grades")["II"]
    return ParkData.model_validate(raw)


@pytest.fixture(scope="session")
def rendered(park_data):
    """kind → DOCX bytes of the sample (``audit-benchmark``: the 基准值评分法 variant)."""
    from docgen.park.render import render_docx

    out = {k: render_docx(park_data, k).data for k in ("audit", "annual")}
    out["audit-benchmark"] = render_docx(benchmark_variant(), "audit").data
    return out
