"""Isolation: a worker that is killed, hangs or exhausts memory in the middle of a batch costs its
own document only — every other document's result arrives, unchanged and not delayed by it.

The faults are real: the worker SIGKILLs itself (what the OOM killer or a segfault looks like),
sleeps forever, allocates 16 MiB blocks until RLIMIT_AS stops it, or raises an lxml error (which
does not even pickle). The innocent documents are the engine's own rendered report, which passes
(tests/check/test_cli.py relies on the same fact).
"""

from __future__ import annotations

import time

import pytest

from docgen.batch.jobs import JobLimits, Settings
from docgen.batch.local import CostScheduler, LocalExecutor
from docgen.batch.runner import run_batch
from docgen.check.run import expand_paths
from tests.read.test_ingest_legacy import legacy_doc, soffice  # noqa: F401 — fixtures (real LibreOffice)

TIMEOUT_S = 6
MEMORY = 512 << 20
NAMES = ["a01.docx", "a02.docx", "crash.docx", "a03.docx", "hang.docx", "a04.docx", "oom.docx", "a05.docx",
         "raise.docx", "a06.docx"]


def doc001(record):
    """The DOC-001 finding of a not-evaluable record: (code in evidence, message)."""
    (finding,) = [f for f in record.checked.result.findings if f.rule == "DOC-001"]
    return finding.evidence.split()[0], finding.message


@pytest.fixture
def hostile_batch(make_corpus, faults):
    faults(crash=["crash.docx"], hang=["hang.docx"], oom=["oom.docx"], raise_=["raise.docx"])
    return expand_paths([make_corpus(NAMES)])


def test_kill_hang_and_memory_blowup_cost_only_their_own_document(hostile_batch):
    finished_at: dict[str, float] = {}
    started = time.monotonic()
    outcome = run_batch(hostile_batch, Settings(), JobLimits(timeout_s=TIMEOUT_S, memory_bytes=MEMORY),
                        LocalExecutor(2, MEMORY),
                        on_record=lambda r: finished_at.setdefault(r.path.rsplit("/", 1)[-1], time.monotonic() - started))
    by_name = {r.path.rsplit("/", 1)[-1]: r for r in outcome.records}
    assert sorted(by_name) == sorted(NAMES)                       # every document accounted for
    assert [r.path.rsplit("/", 1)[-1] for r in outcome.records] == sorted(NAMES)  # input order

    innocent = [n for n in NAMES if n.startswith("a")]
    for name in innocent:
        result = by_name[name].checked.result
        assert result.verdict == "pass", (name, [f.rule for f in result.findings])
        assert by_name[name].identity["enterprise"] == "常州宏澜表面处理有限公司"  # the sample's cover

    code, message = doc001(by_name["crash.docx"])
    assert code == "DOC.PARSE_ERROR" and "SIGKILL" in message
    code, message = doc001(by_name["hang.docx"])
    assert code == "DOC.TIMEOUT" and f"超过 {TIMEOUT_S} 秒" in message
    assert doc001(by_name["oom.docx"])[0] == "DOC.MEMORY"
    assert doc001(by_name["raise.docx"])[0] == "DOC.CORRUPT"      # lxml's error, turned into a finding
    for name in ("crash.docx", "hang.docx", "oom.docx", "raise.docx"):
        assert by_name[name].verdict == "not_evaluable"

    # Not delayed: the other worker finished every innocent document while the hang was stuck, and
    # the hang ended at its own limit (kill), not later.
    assert max(finished_at[n] for n in innocent) < finished_at["hang.docx"]
    assert by_name["hang.docx"].elapsed_s == pytest.approx(TIMEOUT_S, abs=1.5)


def test_hostile_files_are_results_not_crashes(make_corpus, tmp_path):
    """Files the ingestion gate refuses come back as not-evaluable results with their reason."""
    folder = make_corpus(["good.docx"])
    (folder / "empty.docx").write_bytes(b"")
    (folder / "fake.docx").write_bytes(b"%PDF-1.4\n% not really\n")
    (folder / "truncated.docx").write_bytes((folder / "good.docx").read_bytes()[:5000])
    outcome = run_batch(expand_paths([folder]), Settings(), JobLimits(timeout_s=30, memory_bytes=MEMORY),
                        LocalExecutor(2, MEMORY))
    verdicts = {r.path.rsplit("/", 1)[-1]: r.verdict for r in outcome.records}
    assert verdicts == {"empty.docx": "not_evaluable", "fake.docx": "not_evaluable", "good.docx": "pass",
                        "truncated.docx": "not_evaluable"}
    codes = {r.path.rsplit("/", 1)[-1]: doc001(r)[0] for r in outcome.records if r.verdict == "not_evaluable"}
    assert codes["empty.docx"] == "DOC.EMPTY"
    assert codes["truncated.docx"] == "DOC.CORRUPT"


def test_workers_return_the_in_process_result(reports):
    """Isolation changes where a document is checked, not what is found."""
    from docgen.check.run import check_paths

    files = [reports["evaluation"], reports["acceptance"]]
    expected = [c.result.to_json() for c in check_paths(files, log=None)]
    outcome = run_batch(files, Settings(), JobLimits(timeout_s=60, memory_bytes=MEMORY), LocalExecutor(1, MEMORY))
    assert [c.result.to_json() for c in outcome.checked] == expected


def test_cost_scheduler_starts_slow_first_but_limits_them():
    jobs = [{"id": i, "cost": c} for i, c in enumerate(["fast", "slow", "medium", "slow", "fast", "slow"])]
    sched = CostScheduler(jobs, workers=2)                        # slow_share 0.5 → one slow at a time
    first, second = sched.take(), sched.take()
    assert (first["cost"], second["cost"]) == ("slow", "medium")  # the second worker may not take a slow one
    third = sched.take()
    assert third["cost"] == "fast"
    sched.done(first)
    assert sched.take()["cost"] == "slow"                         # a slow slot freed
    assert sched.take()["cost"] == "fast"
    assert sched.take() is None                                   # the last slow waits for the slow slot


def test_a_timeout_also_kills_children_in_their_own_session(make_corpus, faults):
    """LibreOffice converts a .doc in a session of its own (docgen.render.pdf.process): killing the
    worker's process group alone would orphan it. The hook starts such a child, then hangs."""
    import os

    folder = make_corpus(["ok.docx", "lo.docx"])
    faults(**{"hang-with-child": ["lo.docx"]})
    outcome = run_batch(expand_paths([folder]), Settings(), JobLimits(timeout_s=4, memory_bytes=MEMORY),
                        LocalExecutor(1, MEMORY))
    assert [r.verdict for r in outcome.records] == ["not_evaluable", "pass"]   # lo.docx, ok.docx
    assert doc001(outcome.records[0])[0] == "DOC.TIMEOUT"
    child = int((folder / "lo.child-pid").read_text())
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            state = open(f"/proc/{child}/stat").read().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            break                                                    # gone
        if state == "Z":
            break                                                    # dead, waiting for init to reap it
        time.sleep(0.1)
    else:
        os.kill(child, 9)
        raise AssertionError("the child in its own session survived the worker's timeout")


def _ours(prefix: str = "docgen-batch-worker-") -> tuple[set[str], list[str]]:
    """Temporary dirs and processes of batch workers: everything a worker and its LibreOffice
    create lives under the worker's private TMPDIR, named with this prefix (other jobs on a shared
    machine use other names, so they cannot disturb the check)."""
    import os
    import tempfile

    dirs = {n for n in os.listdir(tempfile.gettempdir()) if n.startswith(prefix)}
    procs = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if prefix in cmdline:
            procs.append(cmdline)
    return dirs, procs


def test_legacy_doc_is_slow_class_and_a_timeout_leaves_no_libreoffice(legacy_doc, make_corpus, tmp_path):
    """Real LibreOffice: a .doc is converted in the worker (cost class slow); killed mid-conversion
    by the batch timeout, neither soffice nor its temporary files survive."""
    folder = make_corpus(["ok.docx"])
    (folder / "old.doc").write_bytes(legacy_doc.read_bytes())
    before, _ = _ours()
    converted = run_batch(expand_paths([folder]), Settings(), JobLimits(timeout_s=120, memory_bytes=1 << 30),
                          LocalExecutor(2, 1 << 30))
    old = next(r for r in converted.records if r.path.endswith("old.doc"))
    assert old.cost == "slow"
    # converted and checked: the small test document (tests/read/hostile.py) is no full report, and
    # SEC-001 lists the chapter headings it found in it
    assert old.verdict == "fail"
    assert any(f.rule == "SEC-001" and "企业基本情况" in f.evidence for f in old.checked.result.findings)

    killed = run_batch([folder / "old.doc"], Settings(), JobLimits(timeout_s=0.2, memory_bytes=1 << 30),
                       LocalExecutor(1, 1 << 30))
    assert doc001(killed.records[0])[0] == "DOC.TIMEOUT"
    after, processes = _ours()
    assert not processes, f"LibreOffice left running after the batch timeout: {processes}"
    assert after <= before, f"left behind: {after - before}"
