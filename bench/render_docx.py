"""Benchmark: rendering the largest sample's audit report to DOCX (issue 3 targets).

Measured side by side in one process, interleaved, median of N runs, warm:
  baseline  = docxtpl alone rendering the same template with the same, already-built context
              (DocxTemplate(...).render(ctx) + save);
  docgen    = our whole render_report_docx (derive figures, build tables and prose, docxtpl,
              numbering/TOC pass, deterministic packaging).
Targets: docgen ≤ 1.5 × baseline; ≤ 0.3 s for a ~60-page report; 3× the rows ≤ 3.3× the time.
Prints a Markdown block for docs/benchmarks.md.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docgen.load import load_audit  # noqa: E402
from docgen.render.context import build_context  # noqa: E402
from docgen.render.docx import find_template, render_report_docx, render_template_bytes  # noqa: E402

N = int(os.environ.get("BENCH_N", "11"))


def largest_sample() -> Path:
    return max((ROOT / "samples").glob("audit-*.yaml"), key=lambda p: p.stat().st_size)


def _renamed(items: list[dict], factor: int, key: str) -> list[dict]:
    return [dict(item, **{key: f"{item[key]}{'' if k == 0 else f'（{k + 1}）'}"}) for k in range(factor) for item in items]


def scaled(audit, factor: int):
    """The same audit with factor × the rows of every variable-length table (names and ids kept
    unique; the level indicator system is left alone, its weights must still sum to 1)."""
    data = audit.model_dump()
    data["schemes"] = [dict(item, id=f"{item['id']}-{k}" if k else item["id"]) for k in range(factor) for item in data["schemes"]]
    org = data["organisation"]
    for key in ("members", "training", "barriers", "work_plan"):
        org[key] = org[key] * factor
    base = data["baseline"]
    for key in ("materials", "equipment", "solid_waste", "products", "energy", "wastewater"):
        base[key] = _renamed(base[key], factor, "name")
    base["water"] = _renamed(base["water"], factor, "source")
    base["waste_gas"] = _renamed(base["waste_gas"], factor, "outlet")
    base["noise"] = _renamed(base["noise"], factor, "point")
    base["stated_energy_total"] = None
    focus = data["audit_focus"]
    focus["candidates"] = [dict(c, id=f"{c['id']}{'' if k == 0 else k}") for k in range(factor) for c in focus["candidates"]]
    data["targets"] = [dict(t, id=f"{t['id']}{'' if k == 0 else f'-{k}'}") for k in range(factor) for t in data["targets"]]
    for key in ("waste_causes", "monitoring", "evaluation_opinions"):
        data[key] = data[key] * factor
    data["continuous"]["plan"] = data["continuous"]["plan"] * factor
    mb = data["material_balance"]
    mb["inputs"], mb["outputs"] = mb["inputs"] * factor, mb["outputs"] * factor
    for key in ("stated_input_total", "stated_output_total", "stated_difference"):
        mb[key] = None
    return type(audit).model_validate(data)


def timed(fn, n=N) -> float:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def pages_hint(rendered) -> int:
    return len(rendered.outline.headings)


def main() -> None:
    sample = largest_sample()
    audit = load_audit(sample).audit
    kind = "evaluation"
    template = find_template("audit-report.docx", audit.audit.profile)
    render_report_docx(audit, kind)  # warm caches (catalogue, factor tables, imports)
    context = build_context(audit, kind)
    base_runs, ours_runs = [], []
    for _ in range(N):  # interleave so machine noise hits both alike
        start = time.perf_counter()
        render_template_bytes(template, context)
        base_runs.append(time.perf_counter() - start)
        start = time.perf_counter()
        rendered = render_report_docx(audit, kind)
        ours_runs.append(time.perf_counter() - start)
    base, ours = statistics.median(base_runs), statistics.median(ours_runs)
    tables = len(rendered.tables)
    rows = sum(len(t.rows) for t in rendered.tables)

    big = scaled(audit, 3)
    render_report_docx(big, kind)
    one = timed(lambda: render_report_docx(audit, kind))
    three = timed(lambda: render_report_docx(big, kind))
    big_rows = sum(len(t.rows) for t in render_report_docx(big, kind).tables)

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), platform.processor())
    print(f"### DOCX rendering — {dt.date.today().isoformat()}")
    print()
    print(f"Machine: {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}. Sample: `{sample.name}` (evaluation report, "
          f"{tables} tables, {rows} data rows, ~60 pages in LibreOffice). Median of {N} interleaved warm runs.")
    print()
    print("| measure | time | ratio | target |")
    print("|---|---|---|---|")
    print(f"| docxtpl alone (same template, same context) | {base * 1000:.1f} ms | 1.00 | — |")
    print(f"| docgen render_report_docx (everything) | {ours * 1000:.1f} ms | **{ours / base:.2f}×** | ≤ 1.5× |")
    print(f"| absolute, ~60-page report | {ours:.3f} s | — | ≤ 0.3 s |")
    print(f"| 3× the data ({rows} → {big_rows} table rows, ×{big_rows / rows:.2f}) | {one * 1000:.1f} → {three * 1000:.1f} ms | **{three / one:.2f}×** | ≤ 3.3× |")
    print()
    print("Breakdown of one run (s): " + ", ".join(f"{k} {v:.4f}" for k, v in rendered.timings.items()))


if __name__ == "__main__":
    main()
