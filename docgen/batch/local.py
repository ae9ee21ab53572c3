"""The local executor: N supervised workers on this machine, scheduled by cost class.

Each of N threads owns one :class:`~docgen.batch.guard.GuardedRunner` (one worker process) and
takes the next job from a shared :class:`CostScheduler`; the threads only wait on pipes, so the GIL
is no bottleneck — the work happens in the worker processes. Answers come back in completion order;
whatever one worker does (hang, crash, memory) touches only its own current document.
"""

from __future__ import annotations

import queue
import threading
from collections import deque
from collections.abc import Iterator

from docgen.batch.guard import MAX_JOBS, GuardedRunner, WorkerStartError
from docgen.batch.jobs import cost_table, slow_limit
from docgen.batch.work import failed


class CostScheduler:
    """Hands out jobs: slow ones first but at most ``slow_limit`` at a time, then medium, then fast."""

    def __init__(self, jobs: list[dict], workers: int):
        self.order = list(cost_table()["classes"])
        self.queues: dict[str, deque] = {cls: deque() for cls in self.order}
        for job in jobs:
            self.queues.setdefault(job["cost"], deque()).append(job)
        self.slow_limit = slow_limit(workers)
        self.slow_running = 0
        self._lock = threading.Lock()

    def take(self) -> dict | None:
        """The next job this worker may run, or None when none is left for it (the slow ones that
        remain are run by the workers already on slow jobs, so none is stranded)."""
        with self._lock:
            for cls, jobs in self.queues.items():
                if not jobs or (cls == "slow" and self.slow_running >= self.slow_limit):
                    continue
                if cls == "slow":
                    self.slow_running += 1
                return jobs.popleft()
            return None

    def done(self, job: dict) -> None:
        if job["cost"] == "slow":
            with self._lock:
                self.slow_running -= 1


class LocalExecutor:
    """``run(jobs)`` yields one plain answer per job as each completes."""

    def __init__(self, workers: int, memory_bytes: int, max_jobs: int = MAX_JOBS):
        self.workers = max(1, workers)
        self.memory_bytes = memory_bytes
        self.max_jobs = max_jobs
        self.runners: list[GuardedRunner] = []
        self.peak_workers = 0

    def _work(self, scheduler: CostScheduler, runner: GuardedRunner, answers: queue.Queue, stop: threading.Event):
        try:
            while not stop.is_set():
                job = scheduler.take()
                if job is None:
                    return
                try:
                    answer = runner.run(job)
                except WorkerStartError:
                    raise
                except Exception as exc:  # noqa: BLE001 — a coordinator bug must not lose the document
                    runner.stop()
                    answer = failed("DOC.PARSE_ERROR", f"coordinator: {exc!r}", "批量审查调度出错")
                    answer.update(id=job["id"], path=job["path"])
                finally:
                    scheduler.done(job)
                if not stop.is_set():
                    answers.put(answer)
        except WorkerStartError as exc:
            answers.put(exc)
        finally:
            runner.stop()

    def run(self, jobs: list[dict]) -> Iterator[dict]:
        if not jobs:
            return
        scheduler = CostScheduler(jobs, self.workers)
        answers: queue.Queue = queue.Queue()
        stop = threading.Event()
        self.runners = [GuardedRunner(self.memory_bytes, self.max_jobs) for _ in range(min(self.workers, len(jobs)))]
        threads = [threading.Thread(target=self._work, args=(scheduler, r, answers, stop), daemon=True,
                                    name=f"docgen-batch-{i}") for i, r in enumerate(self.runners)]
        for thread in threads:
            thread.start()
        try:
            for _ in range(len(jobs)):
                answer = answers.get()
                if isinstance(answer, WorkerStartError):
                    raise answer
                yield answer
        finally:
            stop.set()
            for runner in self.runners:
                runner.kill()
            for thread in threads:
                thread.join(timeout=10)

    def close(self) -> None:
        for runner in self.runners:
            runner.kill()
