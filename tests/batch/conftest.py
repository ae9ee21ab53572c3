"""Batch fixtures: rendered reports, distinct copies of them, and the test-only fault hook.

Copies differ by their ZIP comment only (Word ignores it; the bytes — and so the sha256 the journal
keys on — differ), so a batch of "different" submissions costs one render. The fault hook
(``DOCGEN_BATCH_TEST_FAULTS``, docgen.batch.work) makes workers crash, hang or exhaust memory on
named files; it is set per test with monkeypatch and inherited by the workers.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from docgen.batch.work import FAULTS_ENV

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = "audit-electroplating"


@pytest.fixture(scope="session")
def reports(tmp_path_factory) -> dict[str, Path]:
    """kind → the engine's own rendered report for the electroplating sample (they pass)."""
    from docgen.load import load_audit
    from docgen.render.docx import render_report_docx

    out = tmp_path_factory.mktemp("batch-reports")
    audit = load_audit(ROOT / "samples" / f"{SAMPLE}.yaml").audit
    paths = {}
    for kind in ("evaluation", "acceptance"):
        path = out / f"{SAMPLE}-{kind}.docx"
        path.write_bytes(render_report_docx(audit, kind).data)
        paths[kind] = path
    return paths


def distinct_copy(source: Path, target: Path, tag: str) -> Path:
    shutil.copy(source, target)
    with zipfile.ZipFile(target, "a") as zf:
        zf.comment = f"docgen-test {tag}".encode()
    return target


@pytest.fixture
def make_corpus(reports, tmp_path):
    """``make_corpus(names)`` → a folder with one distinct evaluation-report copy per name."""
    def make(names: list[str], folder: str = "in") -> Path:
        root = tmp_path / folder
        root.mkdir(exist_ok=True)
        for name in names:
            distinct_copy(reports["evaluation"], root / name, name)
        return root
    return make


@pytest.fixture
def faults(monkeypatch):
    """``faults(crash=[…], hang=[…], oom=[…], raise_=[…])`` arms the workers' test hook."""
    def arm(**kinds):
        spec = {k.rstrip("_"): list(v) for k, v in kinds.items()}
        monkeypatch.setenv(FAULTS_ENV, json.dumps(spec))
    return arm
