"""Shared fixtures: the hand-made minimal audit and the realistic samples."""

import os
import shutil
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


def toolchain_problem() -> str | None:
    """What is missing for tests that convert with real LibreOffice (soffice, python3-uno, pdffonts)."""
    from docgen.render.pdf.errors import ConversionError
    from docgen.render.pdf.tools import find_uno_python, require_soffice

    try:
        require_soffice()
        find_uno_python()
    except ConversionError as exc:
        return str(exc)
    if shutil.which("pdffonts") is None:
        return "未找到 pdffonts；请安装：apt-get install -y --no-install-recommends poppler-utils"
    return None


@pytest.fixture(scope="session")
def pdf_toolchain() -> None:
    """Tests that need LibreOffice FAIL when it is missing — CI must never go green without having
    converted anything — unless DOCGEN_ALLOW_NO_LIBREOFFICE=1 says to skip them explicitly."""
    problem = toolchain_problem()
    if problem is None:
        return
    message = f"本测试需要 LibreOffice、python3-uno 和 poppler-utils：{problem}"
    if os.environ.get("DOCGEN_ALLOW_NO_LIBREOFFICE") == "1":
        pytest.skip(message + "（DOCGEN_ALLOW_NO_LIBREOFFICE=1：按要求跳过）")
    pytest.fail(message + "（若确实无法安装，请设置 DOCGEN_ALLOW_NO_LIBREOFFICE=1）", pytrace=False)
