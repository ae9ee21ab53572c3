"""Findings → text, JSON, JSON Lines, SARIF 2.1.0, HTML, XLSX.

Stable contracts that integrations may parse: ``json`` / ``jsonl`` (docgen/data/findings.schema.json),
``sarif`` (SARIF 2.1.0) and the ``xlsx`` sheet and column names. Human-only, free to change:
``text`` and ``html``.

Where output goes: without an output directory, ``text``/``json``/``jsonl``/``sarif`` go to stdout
(``html``/``xlsx`` need a directory). With one, each document gets ``NAME.findings.EXT`` (NAME is the
input's file name without extension; the full name when two inputs share a stem), and the run-level
formats — ``jsonl`` and the one ``xlsx`` workbook — are named after the run. Every file is written
atomically (docgen.fsutil): a crash never leaves a half-written report or a temporary file.
"""

from __future__ import annotations

from pathlib import Path

from docgen.fsutil import atomic_write_bytes, atomic_write_text

FORMATS = ("text", "json", "jsonl", "sarif", "html", "xlsx")
FILE_ONLY = frozenset({"html", "xlsx"})          # binary or page-per-document: need --out
PER_DOCUMENT = {"text": "txt", "json": "json", "sarif": "sarif", "html": "html"}
PER_RUN = {"jsonl": "jsonl", "xlsx": "xlsx"}


def render_stdout(fmt: str, checked_documents: list) -> str:
    """The whole run in one text stream (formats that can go to stdout)."""
    if fmt == "text":
        from docgen.check.report.text import render_text

        return render_text(checked_documents)
    if fmt == "json":
        from docgen.check.report.jsonfmt import render_json

        return render_json(checked_documents)
    if fmt == "jsonl":
        from docgen.check.report.jsonfmt import render_jsonl

        return render_jsonl(checked_documents)
    if fmt == "sarif":
        from docgen.check.report.sarif import render_sarif

        return render_sarif(checked_documents)
    raise ValueError(f"format {fmt} needs an output directory")


def _render_document(fmt: str, checked) -> str:
    if fmt == "html":
        from docgen.check.report.html import render_html

        return render_html(checked)
    if fmt == "json":
        from docgen.check.report.jsonfmt import render_json_one

        return render_json_one(checked)
    return render_stdout(fmt, [checked])


def output_names(files: list[str]) -> list[str]:
    """NAME per input: the stem, or the full file name where stems collide; unique in any case."""
    stems = [Path(f).stem for f in files]
    names, seen = [], set()
    for file, stem in zip(files, stems):
        name = stem if stems.count(stem) == 1 else Path(file).name
        base, n = name, 2
        while name in seen:
            name, n = f"{base}-{n}", n + 1
        seen.add(name)
        names.append(name)
    return names


def write_outputs(fmt: str, checked_documents: list, out_dir: Path, run_name: str) -> list[Path]:
    """Write the reports of ``fmt`` into ``out_dir``; returns the paths written."""
    out_dir = Path(out_dir)
    written = []
    if fmt in PER_RUN:
        path = out_dir / f"{run_name}.findings.{PER_RUN[fmt]}"
        if fmt == "xlsx":
            from docgen.check.report.xlsx import render_xlsx

            atomic_write_bytes(path, render_xlsx(checked_documents))
        else:
            atomic_write_text(path, render_stdout(fmt, checked_documents))
        return [path]
    names = output_names([c.result.file for c in checked_documents])
    for name, checked in zip(names, checked_documents):
        path = out_dir / f"{name}.findings.{PER_DOCUMENT[fmt]}"
        atomic_write_text(path, _render_document(fmt, checked))
        written.append(path)
    return written
