"""Benchmark: the full check's cost against the bare parse with each run alone in its own loop.

Why a second measure next to bench/check_docs.py: there, every call is timed apart and the
allocator is settled between calls, so who pays glibc's merge of a freed lxml tree is a choice of
accounting (the docstring of ``check_docs.series``). Here there is no choice to make: a block of K
bare parses and a block of K full checks (read + every rule of the pack) each run on their own,
blocks interleaved, and each block's time per document is what that work costs in a steady loop —
every merge lands inside the block that caused it. Same input and pack as bench/check_docs.py.

Three loops, timed per document:
  warm  — the same report again and again (its texts stay in the memoised text functions);
  batch — the caches emptied, the other sample report checked, then the bench report timed: a new
          report after another one (against: the other report's bare parse, then this one's timed);
  cold  — the caches emptied, then the bench report timed.
Prints a Markdown table: median per block and the ratio of paired blocks (min / median / max).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from check_docs import PACK, clear, text_caches  # noqa: E402
from read_docx import baseline, build_input  # noqa: E402

from docgen.check.engine import check_document  # noqa: E402
from docgen.check.profile import load_profile  # noqa: E402
from docgen.read import read_document  # noqa: E402

BLOCKS = int(os.environ.get("BENCH_BLOCKS", "15"))
K = 10  # documents per block
clock = time.process_time


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    path = build_input(folder / "electroplating-x2.docx")
    other = build_input(folder / "packaging-x2.docx", "audit-packaging-printing.yaml")
    profile = load_profile(PACK)
    caches = text_caches()

    def full(p: Path) -> None:
        check_document(read_document(p), profile)

    def warm_base() -> float:
        t = clock()
        for _ in range(K):
            baseline(path)
        return (clock() - t) / K

    def warm_full() -> float:
        t = clock()
        for _ in range(K):
            full(path)
        return (clock() - t) / K

    def after_other(first, second, prepare=None) -> float:
        spent = 0.0
        for _ in range(K):
            if prepare is not None:
                prepare()
            if first is not None:
                first(other)
            t = clock()
            second(path)
            spent += clock() - t
        return spent / K

    for _ in range(2):
        warm_base()
        warm_full()
    loops = {
        "warm": (warm_base, warm_full),
        "batch": (lambda: after_other(baseline, baseline),
                  lambda: after_other(full, full, lambda: clear(caches))),
        "cold": (warm_base, lambda: after_other(None, full, lambda: clear(caches))),
    }
    results: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in loops}
    for _ in range(BLOCKS):  # interleaved: load on the machine hits every loop alike
        for name, (base_loop, full_loop) in loops.items():
            results[name][0].append(base_loop())
            results[name][1].append(full_loop())
    print(f"#### Full check, each alone in its own loop — {dt.date.today().isoformat()}")
    print()
    print(f"`bench/check_loops.py`: {BLOCKS} interleaved blocks of {K} documents per loop, CPU time, pack {PACK}; "
          f"load average {' / '.join(f'{x:.2f}' for x in os.getloadavg())} at the end.")
    print()
    print("| loop | bare parse-and-walk | full check | ratio of medians | paired blocks (min / median / max) | target |")
    print("|---|---|---|---|---|---|")
    for name, (base, ours) in results.items():
        b, o = statistics.median(base), statistics.median(ours)
        paired = sorted(x / y for x, y in zip(ours, base, strict=True))
        print(f"| {name} | {b * 1000:.1f} ms | {o * 1000:.1f} ms | **{o / b:.2f}×** | "
              f"{paired[0]:.2f} / {statistics.median(paired):.2f} / {paired[-1]:.2f} | ≤ 3× |")


if __name__ == "__main__":
    main()
