"""The journal: one fsync'd line per finished document, resume by (sha256, profile, engine,
settings), torn lines ignored, and an interrupted batch (SIGTERM, SIGKILL) losing nothing finished."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

from docgen import __version__
from docgen.batch.jobs import JobLimits, Settings, file_sha256
from docgen.batch.journal import Journal
from docgen.batch.local import LocalExecutor
from docgen.batch.runner import run_batch
from docgen.check.run import expand_paths

MEMORY = 512 << 20
LIMITS = JobLimits(timeout_s=60, memory_bytes=MEMORY)


def lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def test_each_result_is_journaled_with_its_resume_key(make_corpus, tmp_path):
    files = expand_paths([make_corpus(["a.docx", "b.docx", "c.docx"])])
    journal = Journal(tmp_path / "j.jsonl")
    run_batch(files, Settings(), LIMITS, LocalExecutor(2, MEMORY), journal=journal)
    journal.close()
    written = lines(journal.path)
    assert sorted(Path(x["path"]).name for x in written) == ["a.docx", "b.docx", "c.docx"]
    for line in written:
        key = line["key"]
        assert key["sha256"] == file_sha256(Path(line["path"]))   # computed independently here
        assert key["engine_version"] == __version__
        assert key["profile"]["id"] == "national-2018-evaluation"  # recognised from the cover
        assert line["result"]["verdict"] == "pass"


def test_resume_redoes_nothing_finished_and_what_changed(make_corpus, tmp_path, reports):
    folder = make_corpus(["a.docx", "b.docx"])
    journal = Journal(tmp_path / "j.jsonl")
    first = run_batch(expand_paths([folder]), Settings(), LIMITS, LocalExecutor(1, MEMORY), journal=journal)
    assert (first.resumed, first.dispatched) == (0, 2)

    again = run_batch(expand_paths([folder]), Settings(), LIMITS, LocalExecutor(1, MEMORY), journal=journal, resume=True)
    assert (again.resumed, again.dispatched) == (2, 0)
    assert [c.result.to_json() for c in again.checked] == [c.result.to_json() for c in first.checked]

    # a new file and an edited one are checked; the unchanged one is not
    (folder / "c.docx").write_bytes(reports["acceptance"].read_bytes())
    (folder / "b.docx").write_bytes((folder / "b.docx").read_bytes() + b"")  # same bytes: still reusable
    with_new = run_batch(expand_paths([folder]), Settings(), LIMITS, LocalExecutor(1, MEMORY), journal=journal, resume=True)
    assert (with_new.resumed, with_new.dispatched) == (2, 1)

    # a policy changes results: nothing is reusable under it
    policy = tmp_path / "policy.yaml"
    policy.write_text(yaml.safe_dump({"overrides": {"SEC-001": {"severity": "warning"}}}), encoding="utf-8")
    other = run_batch(expand_paths([folder]), Settings(profile_id="national-2018-evaluation", policy=str(policy)),
                      LIMITS, LocalExecutor(1, MEMORY), journal=journal, resume=True)
    assert other.resumed == 0


def test_a_torn_last_line_is_ignored_and_not_glued_to_the_next(make_corpus, tmp_path):
    folder = make_corpus(["a.docx", "b.docx"])
    journal = Journal(tmp_path / "j.jsonl")
    run_batch(expand_paths([folder / "a.docx"]), Settings(), LIMITS, LocalExecutor(1, MEMORY), journal=journal)
    journal.close()
    with open(journal.path, "ab") as handle:
        handle.write(b'{"v":1,"key":{"sha256":"tor')               # killed in mid-write
    outcome = run_batch(expand_paths([folder]), Settings(), LIMITS, LocalExecutor(1, MEMORY), journal=journal,
                        resume=True)
    journal.close()
    assert (outcome.resumed, outcome.dispatched) == (1, 1)
    assert len(journal.load()) == 2                                 # both complete records readable


def _start_batch(folder: Path, out: Path, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "docgen.cli", "batch", str(folder), "--out", str(out), "-j", "1",
                             "--timeout", "60", "--quiet"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_lines(path: Path, n: int, proc: subprocess.Popen, limit_s: float = 120) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        assert proc.poll() is None, proc.stderr.read().decode()
        time.sleep(0.05)
    raise AssertionError(f"journal did not reach {n} lines")


def _workers_of(parent_pid: int) -> list[int]:
    """Our batch workers (started by this test's batch process): they run in their own session."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if b"docgen.batch.worker" in cmdline and int(stat[1]) == parent_pid:
            found.append(int(entry.name))
    return found


def test_sigterm_mid_batch_keeps_finished_results_and_resume_redoes_none(make_corpus, faults, tmp_path):
    names = [f"d{i}.docx" for i in range(5)] + ["zz-hang.docx"]
    folder = make_corpus(names)
    faults(hang=["zz-hang.docx"])                                  # sorted last: the batch cannot finish
    out = tmp_path / "out"
    proc = _start_batch(folder, out, dict(os.environ))
    _wait_for_lines(out / "journal.jsonl", 5, proc)
    workers = _workers_of(proc.pid)
    assert workers, "the batch should have a worker busy on the hanging file"
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 130
    assert "已中断" in proc.stderr.read().decode()
    for pid in workers:                                            # the coordinator killed its workers
        assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split(")")[1][:3]
    finished = lines(out / "journal.jsonl")
    assert sorted(Path(x["path"]).name for x in finished) == names[:5]

    env = {k: v for k, v in os.environ.items() if k != "DOCGEN_BATCH_TEST_FAULTS"}
    resumed = subprocess.run([sys.executable, "-m", "docgen.cli", "batch", str(folder), "--out", str(out), "--resume",
                              "-j", "1", "--quiet"], env=env, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert "其中 5 份沿用结果日志中的结果" in resumed.stderr            # the five finished ones were not redone
    assert len(lines(out / "journal.jsonl")) == 6                   # only the unfinished one was added


def test_sigkill_of_the_coordinator_loses_nothing_finished(make_corpus, faults, tmp_path):
    names = [f"d{i}.docx" for i in range(4)] + ["zz-hang.docx"]
    folder = make_corpus(names)
    faults(hang=["zz-hang.docx"])
    out = tmp_path / "out"
    proc = _start_batch(folder, out, dict(os.environ))
    try:
        _wait_for_lines(out / "journal.jsonl", 4, proc)
        workers = _workers_of(proc.pid)
        proc.kill()                                                # no chance to clean up
        proc.wait(timeout=30)
        finished = lines(out / "journal.jsonl")                    # every line complete and parseable
        assert sorted(Path(x["path"]).name for x in finished) == names[:4]
        assert not any(p.name.endswith(".tmp") for p in out.iterdir())  # no half-written output
    finally:
        for pid in _workers_of(proc.pid) or workers:              # the orphaned hanging worker (ours)
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
