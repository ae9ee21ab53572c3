"""Past one machine: the same batch on a real Dask cluster (scheduler and two worker processes on
127.0.0.1), with a hanging document whose per-document timeout holds on Dask too."""

from __future__ import annotations

import json

import distributed  # in the dev extras: CI must run this test, never skip it
import pytest
from click.testing import CliRunner

from docgen.batch.dask_executor import DaskExecutor
from docgen.batch.jobs import JobLimits, Settings
from docgen.batch.runner import run_batch
from docgen.check.run import expand_paths
from docgen.cli import main

TIMEOUT_S = 5
MEMORY = 512 << 20


@pytest.fixture
def cluster(faults):
    faults(hang=["hang.docx"])              # before the workers start: they inherit the environment
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, protocol="tcp://") as local:
        yield local


def test_dask_batch_with_a_hanging_document(cluster, make_corpus):
    files = expand_paths([make_corpus(["a.docx", "b.docx", "hang.docx", "c.docx"])])
    executor = DaskExecutor(cluster.scheduler_address)
    try:
        assert executor.workers == 2
        outcome = run_batch(files, Settings(), JobLimits(timeout_s=TIMEOUT_S, memory_bytes=MEMORY), executor)
    finally:
        executor.close()
    by_name = {r.path.rsplit("/", 1)[-1]: r for r in outcome.records}
    assert {n: r.verdict for n, r in by_name.items()} == {"a.docx": "pass", "b.docx": "pass", "c.docx": "pass",
                                                          "hang.docx": "not_evaluable"}
    (finding,) = by_name["hang.docx"].checked.result.findings
    assert finding.evidence.startswith("DOC.TIMEOUT")
    assert by_name["hang.docx"].elapsed_s == pytest.approx(TIMEOUT_S, abs=1.5)
    assert {r.worker for n, r in by_name.items() if n != "hang.docx"} - {None}  # checked in worker processes


def test_check_scheduler_option(cluster, make_corpus):
    folder = make_corpus(["a.docx", "hang.docx"])
    result = CliRunner().invoke(main, ["check", str(folder), "--scheduler", cluster.scheduler_address,
                                       "--timeout", str(TIMEOUT_S), "--format", "json", "--quiet"])
    assert result.exit_code == 3, result.output
    docs = json.loads(result.stdout)
    assert [d["verdict"] for d in docs] == ["pass", "not_evaluable"]


def test_unreachable_scheduler_is_a_usage_error(make_corpus):
    folder = make_corpus(["a.docx"])
    result = CliRunner().invoke(main, ["check", str(folder), "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "Dask" in result.output
