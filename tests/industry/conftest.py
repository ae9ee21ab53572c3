"""Fixtures of the industry tests: the sample loaded once and its documents rendered once."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "industry-packaging-printing.yaml"


@pytest.fixture(scope="session")
def sample():
    from docgen.industry import load_industry

    result = load_industry(SAMPLE)
    assert result.ok, [p.render() for p in result.problems]
    return result.audit


@pytest.fixture(scope="session")
def rendered(sample, tmp_path_factory):
    """{"report", "phases", "sheet"} → DOCX bytes (sheet: the first listed enterprise)."""
    from docgen.industry.render import render_report, render_sheet

    out = tmp_path_factory.mktemp("industry")
    return {
        "report": render_report(sample, out).data,
        "phases": render_report(sample, out, profile="national-3-phase").data,
        "sheet": render_sheet(sample, sample.listed[0], out).data,
    }
