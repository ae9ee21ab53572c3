"""The Dask executor: the same ``run(jobs)`` over a Dask distributed cluster (``--scheduler``).

Past one machine (a province re-checking an archive) the jobs go to a Dask scheduler
(``dask scheduler`` + ``dask worker tcp://HOST:8786`` on each machine, docgen installed in the same
environment there). Dask only distributes: inside each task the document is still checked by a
:class:`~docgen.batch.guard.GuardedRunner` — a supervised worker process with the same wall-clock
timeout and RLIMIT_AS as locally — because Dask has no per-task timeout (dask/distributed#391) and
a Dask worker that dies takes its queued tasks' "suspicious" counts with it (§2.2). A hang is
killed inside the task and comes back as an ordinary ``DOC.TIMEOUT`` answer; the Dask worker
itself never dies for a document.

Paths must be reachable under the same name on every worker (a shared mount); the answers are
plain dicts. ``distributed`` is imported only here, so the default path needs no Dask installed
(the ``[distributed]`` extra).

Cost classes map to Dask priorities (slow first, as locally). Limiting how many slow documents
run at once is left to the cluster: give slow-capable workers ``--resources slow=1`` if needed.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator

from docgen.batch.guard import GuardedRunner
from docgen.batch.work import failed

#: Dask priority per cost class (higher runs earlier).
PRIORITY = {"slow": 2, "medium": 1, "fast": 0}

_local = threading.local()


def run_guarded(job: dict) -> dict:
    """The Dask task: run one job in this Dask worker thread's own supervised worker process."""
    memory = int(job["limits"]["memory_bytes"])
    runner = getattr(_local, "runner", None)
    if runner is None or runner.memory_bytes != memory:
        if runner is not None:
            runner.stop()
        runner = _local.runner = GuardedRunner(memory)
    return runner.run(job)


class DaskExecutor:
    def __init__(self, address: str, *, connect_timeout_s: float = 10):
        from distributed import Client

        self.address = address
        self.client = Client(address, timeout=connect_timeout_s, set_as_default=False)

    @property
    def workers(self) -> int:
        return sum(w.get("nthreads", 1) for w in self.client.scheduler_info().get("workers", {}).values())

    def run(self, jobs: list[dict]) -> Iterator[dict]:
        from distributed import as_completed

        from docgen.read.reasons import describe

        batch = uuid.uuid4().hex[:8]
        futures, by_key = [], {}
        for job in jobs:
            future = self.client.submit(run_guarded, job, key=f"docgen-check-{batch}-{job['id']}", pure=False,
                                        priority=PRIORITY.get(job["cost"], 0), retries=0)
            futures.append(future)
            by_key[future.key] = job
        try:
            for future in as_completed(futures, loop=self.client.loop):
                job = by_key[future.key]
                try:
                    answer = future.result()
                except Exception as exc:  # noqa: BLE001 — KilledWorker, lost connection …: that document only
                    answer = failed("DOC.PARSE_ERROR", describe(exc), "分布式审查节点未能完成该文件")
                    answer.update(id=job["id"], path=job["path"])
                yield answer
        finally:
            self.client.cancel(futures)

    def close(self) -> None:
        self.client.close()
