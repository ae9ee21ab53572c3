"""Benchmark: batch checking (issue 7). Prints a Markdown block for docs/benchmarks.md.

Usage: ``.venv/bin/python bench/make_batch_corpus.py /tmp/bcorpus --n 1000`` then
``.venv/bin/python bench/batch.py /tmp/bcorpus [--subset 60] [--repeat 3] [--skip-resume]``

Measures, all in one run:

1. **scaling** — the same subset (every k-th file of the corpus: DOCX, PDF and hostile files in
   corpus proportion) with 1 and with 2 local workers, interleaved (1,2,2,1,1,2 …), median wall
   time of each; target: 2 workers ≥ 1.7× the throughput of 1;
2. **isolation overhead** — an in-process loop (``docgen.check.run.check_one``, settings loaded
   once, warm) against one isolated worker over the same subset, interleaved; target ≤ 15 %;
3. **1,000 documents** — the whole corpus with 2 workers: documents per second, every document
   accounted for, peak RSS per worker (target ≤ 300 MB) and the memory curve (worker RSS sampled
   every 0.5 s, by progress and by documents a worker had done: flat = no growth with N);
4. **kill and resume** — ``docgen batch`` on the corpus, SIGKILLed mid-way, then ``--resume``: how
   many finished documents were redone (target: none).

The machine is shared (2 cores, other jobs running): ratios are interleaved and repeated, and
absolute times vary from run to run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docgen.batch.jobs import JobLimits, Settings  # noqa: E402
from docgen.batch.journal import Journal  # noqa: E402
from docgen.batch.local import LocalExecutor  # noqa: E402
from docgen.batch.runner import run_batch  # noqa: E402
from docgen.check.run import check_one, expand_paths, prepare  # noqa: E402

LIMITS = JobLimits(timeout_s=120, memory_bytes=1 << 30)


def timed_batch(files: list[Path], workers: int) -> float:
    started = time.perf_counter()
    outcome = run_batch(files, Settings(), LIMITS, LocalExecutor(workers, LIMITS.memory_bytes))
    assert len(outcome.records) == len(files)
    return time.perf_counter() - started


def timed_in_process(files: list[Path]) -> float:
    started = time.perf_counter()
    settings = prepare()
    for path in files:
        check_one(path, settings)
    return time.perf_counter() - started


def rss_kb(pid: int, field: str = "VmRSS") -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def big_run(files: list[Path]) -> dict:
    """The whole corpus on 2 workers, sampling worker memory every 0.5 s."""
    executor = LocalExecutor(2, LIMITS.memory_bytes)
    done = [0]
    samples: list[tuple[float, int, int, int]] = []   # (t, done, jobs this worker had done, rss kB)
    hwm: dict[int, int] = {}
    stop = threading.Event()

    def sample():
        while not stop.wait(0.5):
            for runner in list(executor.runners):
                pid = runner.pid
                if pid is None:
                    continue
                rss = rss_kb(pid)
                if rss:
                    samples.append((time.perf_counter(), done[0], runner.jobs_done, rss))
                peak = rss_kb(pid, "VmHWM")
                if peak:
                    hwm[pid] = max(hwm.get(pid, 0), peak)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    outcome = run_batch(files, Settings(), LIMITS, executor, on_record=lambda r: done.__setitem__(0, done[0] + 1))
    elapsed = time.perf_counter() - started
    stop.set()
    sampler.join()
    verdicts = [r.verdict for r in outcome.records]
    answered_peak = max((r.peak_rss_kb or 0) for r in outcome.records)
    return {"elapsed": elapsed, "n": len(files), "records": len(outcome.records), "verdicts": verdicts,
            "samples": samples, "hwm": hwm, "answered_peak": answered_peak,
            "workers_started": len({r.worker for r in outcome.records if r.worker})}


def kill_and_resume(corpus: Path, at_fraction: float = 0.4) -> dict:
    out = Path(tempfile.mkdtemp(prefix="docgen-bench-batch-"))
    journal = out / "journal.jsonl"
    total = len(expand_paths([corpus]))
    cmd = [sys.executable, "-m", "docgen.cli", "batch", str(corpus), "--out", str(out), "-j", "2", "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while proc.poll() is None:
        if journal.exists() and journal.read_bytes().count(b"\n") >= total * at_fraction:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.2)
    proc.wait()
    finished = len(Journal(journal).load())          # complete records (a torn last line is not one)
    resumed = subprocess.run([*cmd, "--resume"], capture_output=True, text=True)
    found = re.search(r"其中 (\d+) 份沿用", resumed.stderr)
    reused = int(found[1]) if found else 0
    after = len(Journal(journal).load())
    # dispatched on resume = total - reused; the unfinished were total - finished: the rest was redone
    return {"total": total, "finished_before_kill": finished, "reused": reused, "journal_lines_after": after,
            "redone": finished - reused, "exit": resumed.returncode}


def median_interleaved(runs: dict[str, callable], repeat: int) -> dict[str, list[float]]:
    names = list(runs)
    times: dict[str, list[float]] = {n: [] for n in names}
    for i in range(repeat):
        order = names if i % 2 == 0 else names[::-1]   # ABBA: drift on the shared machine cancels out
        for name in order:
            times[name].append(runs[name]())
    return times


def curve_by(samples, key_index: int, buckets: list[tuple[int, int]]) -> list[str]:
    out = []
    for lo, hi in buckets:
        values = [s[3] for s in samples if lo <= s[key_index] < hi]
        out.append(f"{statistics.median(values) / 1024:.0f} MB" if values else "—")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--subset", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-resume", action="store_true")
    parser.add_argument("--ratios-only", action="store_true", help="only the interleaved ratios (1 and 2)")
    args = parser.parse_args()
    files = expand_paths([args.corpus])
    step = max(1, len(files) // args.subset)
    subset = files[::step][: args.subset]
    timed_in_process(subset[:3])   # warm the in-process caches, as a long-running loop would be

    scaling = median_interleaved({"1": lambda: timed_batch(subset, 1), "2": lambda: timed_batch(subset, 2)},
                                 args.repeat)
    overhead = median_interleaved({"in": lambda: timed_in_process(subset), "iso": lambda: timed_batch(subset, 1)},
                                  args.repeat)
    big = None if args.ratios_only else big_run(files)
    resume = None if (args.skip_resume or args.ratios_only) else kill_and_resume(args.corpus)

    t1, t2 = statistics.median(scaling["1"]), statistics.median(scaling["2"])
    tin, tiso = statistics.median(overhead["in"]), statistics.median(overhead["iso"])
    n = len(subset)
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    load = os.getloadavg()[0]
    print(f"### Batch — {dt.date.today().isoformat()}")
    print()
    print(f"Machine: {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}; shared with other jobs "
          f"(load average {load:.1f} at the end). Corpus: `bench/make_batch_corpus.py` ({len(files)} files: "
          f"rendered samples varied, 12 % PDF, 4 hostile). Subset for ratios: {n} files, {args.repeat} interleaved "
          f"runs each, median.")
    print()
    print("| measure | value | target |")
    print("|---|---|---|")
    print(f"| 1 worker, {n} files | {t1:.1f} s ({n / t1:.2f} docs/s; runs {', '.join(f'{x:.1f}' for x in scaling['1'])}) | — |")
    print(f"| 2 workers, {n} files | {t2:.1f} s ({n / t2:.2f} docs/s; runs {', '.join(f'{x:.1f}' for x in scaling['2'])}) | — |")
    print(f"| **throughput 2 workers / 1 worker** | **{t1 / t2:.2f}×** | ≥ 1.7× |")
    print(f"| in-process loop, {n} files | {tin:.1f} s (runs {', '.join(f'{x:.1f}' for x in overhead['in'])}) | — |")
    print(f"| 1 isolated worker, same files | {tiso:.1f} s (runs {', '.join(f'{x:.1f}' for x in overhead['iso'])}) | — |")
    print(f"| **isolation overhead** | **{(tiso / tin - 1) * 100:+.1f} %** | ≤ 15 % |")
    if big is None:
        return
    peak_mb = max(list(big["hwm"].values()) + [big["answered_peak"]]) / 1024
    verdicts = big["verdicts"]
    q = big["n"] // 4
    print(f"| {big['n']} files, 2 workers | {big['elapsed']:.0f} s, **{big['n'] / big['elapsed']:.2f} docs/s** | — |")
    print(f"| accounted for | {big['records']}/{big['n']}: pass {verdicts.count('pass')}, fail {verdicts.count('fail')}, "
          f"not evaluable {verdicts.count('not_evaluable')} | all |")
    print(f"| **peak RSS per worker** | **{peak_mb:.0f} MB** ({big['workers_started']} worker processes over the run) | ≤ 300 MB |")
    print(f"| worker RSS by progress (quarters) | {' / '.join(curve_by(big['samples'], 1, [(0, q), (q, 2 * q), (2 * q, 3 * q), (3 * q, 10**9)]))} | flat |")
    print(f"| worker RSS by documents the worker had done (0–49 / 50–99 / 100–149 / 150–199) | "
          f"{' / '.join(curve_by(big['samples'], 2, [(0, 50), (50, 100), (100, 150), (150, 200)]))} | flat |")
    if resume:
        print(f"| kill -9 at ~40 %, then `--resume` | {resume['finished_before_kill']} finished before the kill, "
              f"{resume['reused']} reused, **{resume['redone']} redone**; journal {resume['journal_lines_after']} lines "
              f"for {resume['total']} files; exit {resume['exit']} | 0 redone |")


if __name__ == "__main__":
    main()
