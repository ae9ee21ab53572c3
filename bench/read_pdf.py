"""Benchmark: reading a ~100-page text PDF report with docgen.read.pdf (issue 4 targets).

Input: the electroplating and packaging-printing sample reports rendered by docgen and converted by
LibreOffice, concatenated with pypdf and cut to 100 pages (66 + 34) — a realistic Chinese report
with ~40 ruled tables, several split across pages. Or pass ``--pdf FILE``.

Measured, warm, median of N interleaved runs in one process:
  baseline = pypdfium2 alone, ``get_text_range`` on every page (checker.md §4: ≈ 70 ms / 114 pages);
  docgen   = ``read_pdf`` (characters with fonts, rules → tables, health, headers/footers, TOC,
             headings, paragraphs).
Peak memory: a fresh subprocess reads the file once; ``ru_maxrss`` after import and after reading.
Targets: ≤ 0.5 s per ~100 pages; peak RSS ≤ 150 MB.

Run:  .venv/bin/python bench/read_pdf.py [--n 7] [--pdf FILE]
Prints a Markdown block for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = 100


def build_input(work: Path) -> tuple[Path, str]:
    """Render two samples to PDF and concatenate them to PAGES pages."""
    from pypdf import PdfReader, PdfWriter

    from docgen.load import load_audit
    from docgen.render.pipeline import RenderOptions, render_report

    pdfs = []
    for name in ("electroplating", "packaging-printing"):
        audit = load_audit(ROOT / "samples" / f"audit-{name}.yaml").audit
        out = render_report(audit, "audit-report", work / name, RenderOptions(pdf=True))
        pdfs.append(out.pdf)
    writer = PdfWriter()
    for pdf in pdfs:
        for page in PdfReader(pdf).pages:
            if len(writer.pages) < PAGES:
                writer.add_page(page)
    target = work / "report-100p.pdf"
    writer.write(target)
    return target, " + ".join(p.name for p in pdfs)


def baseline(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    chars = 0
    for i in range(len(doc)):
        page = doc[i]
        textpage = page.get_textpage()
        chars += len(textpage.get_text_range())
        textpage.close()
        page.close()
    doc.close()
    return chars


_CHILD = r"""
import json, sys, time
from pathlib import Path


def hwm_kb():
    # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across fork+exec, so a child started by a big
    # parent would report the parent's peak
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])


from docgen.read.pdf import read_pdf
before = hwm_kb()
start = time.perf_counter()
doc = read_pdf(Path(sys.argv[1]), sha256="0" * 64)
elapsed = time.perf_counter() - start
print(json.dumps({"import_kb": before, "peak_kb": hwm_kb(), "cold_s": elapsed}))
"""


def memory(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, check=True,
                         cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=int(os.environ.get("BENCH_N", "7")))
    parser.add_argument("--pdf", type=Path, help="read this PDF instead of rendering the samples")
    args = parser.parse_args()

    from docgen.read.model import Document
    from docgen.read.pdf import read_pdf

    with tempfile.TemporaryDirectory(prefix="bench-read-pdf-") as tmp:
        if args.pdf:
            path, source = args.pdf, args.pdf.name
        else:
            path, source = build_input(Path(tmp))
        doc = read_pdf(path, sha256="0" * 64)  # warm: imports, OpenCC
        assert isinstance(doc, Document), doc
        baseline(path)
        base_runs, ours_runs = [], []
        for _ in range(args.n):  # interleaved so machine noise hits both alike
            start = time.perf_counter()
            baseline(path)
            base_runs.append(time.perf_counter() - start)
            start = time.perf_counter()
            doc = read_pdf(path, sha256="0" * 64)
            ours_runs.append(time.perf_counter() - start)
        mem = memory(path)
        size = path.stat().st_size

    base, ours = statistics.median(base_runs), statistics.median(ours_runs)
    pages = doc.pages or 0
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    import pypdfium2

    print(f"### PDF reading — {dt.date.today().isoformat()}")
    print()
    print(f"Machine: {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, pypdfium2 "
          f"{pypdfium2.version.PYPDFIUM_INFO}. Input: {pages} pages, {size / 1024:.0f} KB ({source}); "
          f"median of {args.n} interleaved warm runs; load average {os.getloadavg()[0]:.2f}.")
    print()
    print("| measure | value | target |")
    print("|---|---|---|")
    print(f"| pypdfium2 `get_text_range`, all pages (baseline) | {base * 1000:.0f} ms | — |")
    print(f"| docgen `read_pdf` (median, warm) | **{ours * 1000:.0f} ms** ({ours / pages * 1000:.2f} ms/page, "
          f"{ours / base:.1f}× baseline) | ≤ 500 ms per ~100 pages |")
    print(f"| min / max of {args.n} | {min(ours_runs) * 1000:.0f} / {max(ours_runs) * 1000:.0f} ms | — |")
    print(f"| first read in a fresh process (cold) | {mem['cold_s'] * 1000:.0f} ms | — |")
    print(f"| peak RSS (fresh process) | **{mem['peak_kb'] / 1024:.0f} MB** (+{(mem['peak_kb'] - mem['import_kb']) / 1024:.0f} MB "
          f"over import) | ≤ 150 MB |")
    print(f"| found | {len(doc.headings)} headings, {len(doc.tables)} tables, {len(doc.paragraphs)} paragraphs, "
          f"{len(doc.toc)} TOC entries; page health {sorted({h.status for h in doc.page_health})} | — |")


if __name__ == "__main__":
    main()
