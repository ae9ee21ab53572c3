"""Benchmark: a full check (read + every rule of the national evaluation pack) of a rendered report.

Issue 5 targets: ≤ 3× a bare zipfile + lxml parse-and-walk of the same document.xml, measured side
by side in one run; at least 8 such documents per second per core. Interleaved, warm, median.
Prints a Markdown block for docs/benchmarks.md.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from read_docx import FACTOR, PAGES_MEASURED, baseline, build_input  # noqa: E402

from docgen.check.engine import check_document  # noqa: E402
from docgen.check.profile import load_profile  # noqa: E402
from docgen.read import read_document  # noqa: E402

N = int(os.environ.get("BENCH_N", "9"))


def main() -> None:
    path = build_input(Path(tempfile.mkdtemp()) / "electroplating-x2.docx")
    profile = load_profile("national-2018-evaluation")
    for _ in range(3):
        check_document(read_document(path), profile)
    base, read, check = [], [], []
    for _ in range(N):
        t = time.perf_counter()
        baseline(path)
        base.append(time.perf_counter() - t)
        t = time.perf_counter()
        doc = read_document(path)
        read.append(time.perf_counter() - t)
        t = time.perf_counter()
        check_document(doc, profile)
        check.append(time.perf_counter() - t)
    b, r, c = (statistics.median(x) for x in (base, read, check))
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    print(f"### Full check — {dt.date.today().isoformat()}")
    print()
    print(f"Machine: {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}. Input: the electroplating sample's "
          f"evaluation report rendered by docgen (≈62 pages, 33 tables); pack national-2018-evaluation "
          f"({len(profile.rules)} rules). Median of {N} interleaved warm runs, one process (one core).")
    print()
    print("| measure | time | ratio to bare parse | target |")
    print("|---|---|---|---|")
    print(f"| bare zipfile + lxml parse-and-walk | {b * 1000:.1f} ms | 1.0 | — |")
    print(f"| read_document (DOCX → model) | {r * 1000:.1f} ms | {r / b:.1f}× | — |")
    print(f"| check_document (all rules) | {c * 1000:.1f} ms | {c / b:.1f}× | — |")
    print(f"| **full check (read + rules)** | **{(r + c) * 1000:.1f} ms** | **{(r + c) / b:.1f}×** | ≤ 3× |")
    print(f"| documents per second per core | **{1 / (r + c):.1f}** | — | ≥ 8 |")


if __name__ == "__main__":
    main()
