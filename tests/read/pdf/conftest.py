"""Fixtures for the PDF reader: real reports rendered by docgen and converted by LibreOffice.

The realistic input is what consultancies hand in: a Word report exported to PDF. The sample audits
are rendered with docgen and converted once per session (≈ 3 s each). As for the render tests
(tests/render/conftest.py), a missing LibreOffice is a FAILURE, not a skip — CI must not go green
without having read a single real PDF — unless DOCGEN_ALLOW_NO_LIBREOFFICE=1 says so explicitly.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]




@pytest.fixture(scope="session")
def render_sample(pdf_toolchain, tmp_path_factory):
    """``render_sample(name) -> (docx, pdf)`` for samples/audit-<name>.yaml, cached per session."""
    from docgen.load import load_audit
    from docgen.render.pipeline import RenderOptions, render_report

    cache: dict[str, tuple[Path, Path]] = {}

    def render(name: str) -> tuple[Path, Path]:
        if name not in cache:
            loaded = load_audit(ROOT / "samples" / f"audit-{name}.yaml")
            assert loaded.audit is not None, loaded.problems
            out = render_report(loaded.audit, "audit-report", tmp_path_factory.mktemp(name), RenderOptions(pdf=True))
            assert out.pdf is not None and out.pdf.exists()
            cache[name] = (out.docx, out.pdf)
        return cache[name]

    return render


@pytest.fixture(scope="session")
def electroplating(render_sample) -> tuple[Path, Path]:
    return render_sample("electroplating")


@pytest.fixture(scope="session")
def report(electroplating):
    """The electroplating report read from its PDF."""
    from docgen.read.pdf import read_pdf

    return read_pdf(electroplating[1], sha256="0" * 64)


@pytest.fixture(scope="session")
def truth(electroplating):
    from tests.read.pdf.docx_truth import read_truth

    return read_truth(electroplating[0])
