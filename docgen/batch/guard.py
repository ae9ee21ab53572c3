"""One supervised worker process, and the guarantees per document: time, memory, death.

Why not ``concurrent.futures.ProcessPoolExecutor``: when one of its workers dies abruptly (OOM
killer, segfault in a C extension) the whole pool is marked broken and *every* pending future fails
with ``BrokenProcessPool`` — measured here, innocent documents included
(ecosystem-reliability.md §2.2). A :class:`GuardedRunner` owns exactly one long-lived worker
(docgen.batch.worker) and gives it one document at a time, so whatever happens to a worker happens
to the one document it was working on:

- **hang** → after ``timeout_s`` of wall clock the worker's whole process group is killed
  (``start_new_session`` + ``killpg``), and with it every descendant in a session of its own — the
  LibreOffice conversion of a .doc runs in its own session (docgen.render.pdf.process), so killing
  the worker's group alone would orphan ``soffice.bin`` (§3.2 f) → ``DOC.TIMEOUT``;
- **memory** → the worker's RLIMIT_AS turns a blow-up into ``MemoryError`` → ``DOC.MEMORY``;
- **death** (signal, exit) → ``DOC.PARSE_ERROR`` with the signal named;
- the worker is then replaced, and retired after ``max_jobs`` documents anyway, so a slow leak in a
  library can never grow with the batch (flat memory over 1,000 documents).

The runner is synchronous (``run(job) -> dict``) and used the same way by the local executor (one
runner per thread) and inside a Dask task (docgen.batch.dask_executor), which is how per-document
timeouts hold on Dask too — Dask itself has none (dask/distributed#391).
"""

from __future__ import annotations

import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from docgen.batch.work import failed

#: Documents a worker checks before it is replaced (bounds any slow leak; ~1 s to restart).
MAX_JOBS = 200
#: How long a new worker may take to import and say ready (a loaded 2-core machine is slow).
STARTUP_TIMEOUT_S = 120
#: Environment variable that lets workers' stderr through (debugging); otherwise it is discarded,
#: so parsers' warnings never mix with the progress line.
DEBUG_ENV = "DOCGEN_BATCH_DEBUG"


class WorkerStartError(RuntimeError):
    """A worker could not even start (broken installation): the batch cannot run at all."""


class GuardedRunner:
    """Runs jobs one at a time in a supervised worker process (started lazily, replaced on failure)."""

    def __init__(self, memory_bytes: int, max_jobs: int = MAX_JOBS):
        self.memory_bytes = memory_bytes
        self.max_jobs = max_jobs
        self.proc: subprocess.Popen | None = None
        self._fd: int | None = None
        self._buffer = b""
        self.jobs_done = 0
        self.started = 0          # workers started (restarts + 1)
        self._tmp: str | None = None

    # ------------------------------------------------------------------ process lifecycle

    def _spawn(self) -> None:
        read_fd, write_fd = os.pipe()
        stderr = None if os.environ.get(DEBUG_ENV) else subprocess.DEVNULL
        # A private TMPDIR, removed when the worker stops: a killed worker cannot clean up after
        # itself (LibreOffice's scratch profile and the converted copy live under it).
        self._tmp = tempfile.mkdtemp(prefix="docgen-batch-worker-")
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "docgen.batch.worker", "--fd", str(write_fd), "--memory", str(self.memory_bytes)],
                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=stderr, pass_fds=(write_fd,),
                start_new_session=True, close_fds=True, env={**os.environ, "TMPDIR": self._tmp})
        finally:
            os.close(write_fd)
        self._fd, self._buffer, self.jobs_done = read_fd, b"", 0
        self.started += 1
        ready = self._receive(time.monotonic() + STARTUP_TIMEOUT_S)
        if not isinstance(ready, dict) or "ready" not in ready:
            code = self.proc.returncode
            self.stop()
            raise WorkerStartError(f"审查进程无法启动（{_exit_text(code) if code is not None else '启动超时'}）；"
                                   f"可设置 {DEBUG_ENV}=1 查看其错误输出")

    def stop(self) -> None:
        """Kill the worker, its process group and its descendants (LibreOffice) and reap it."""
        proc, self.proc = self.proc, None
        if proc is not None:
            if proc.poll() is None:
                kill_tree(proc.pid)
            try:
                proc.stdin.close()
            except OSError:
                pass
            proc.wait()
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    def kill(self) -> None:
        """Kill the worker's process group now, from any thread (an interrupted batch); the thread
        using this runner sees the worker gone and cleans up with :meth:`stop`."""
        proc = self.proc
        if proc is not None and proc.poll() is None:
            kill_tree(proc.pid)

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None

    # ------------------------------------------------------------------ protocol

    def _receive(self, deadline: float) -> dict | None:
        """The next message, or None on timeout or when the worker closed its pipe (died)."""
        with selectors.DefaultSelector() as sel:
            sel.register(self._fd, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not sel.select(remaining):
                    return None
                chunk = os.read(self._fd, 1 << 16)
                if not chunk:
                    self.proc.wait()
                    return None
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        try:
            message = json.loads(line)
        except ValueError:
            return None  # not our protocol: treat the worker as lost
        return message if isinstance(message, dict) else None

    def run(self, job: dict) -> dict:
        """Run one job; a plain answer dict whatever the worker does."""
        if self.proc is None:
            self._spawn()
        started = time.monotonic()
        timeout = float(job["limits"]["timeout_s"])
        try:
            self.proc.stdin.write((json.dumps(job, ensure_ascii=False) + "\n").encode("utf-8"))
            self.proc.stdin.flush()
            answer = self._receive(started + timeout)
        except (BrokenPipeError, OSError):
            answer = None
        if answer is None:
            answer = self._lost(timeout)
        else:
            self.jobs_done += 1
            if answer.get("restart") or self.jobs_done >= self.max_jobs:
                self.stop()
        answer.setdefault("id", job["id"])
        answer.setdefault("path", job["path"])
        answer.setdefault("elapsed_s", round(time.monotonic() - started, 4))
        return answer

    def _lost(self, timeout: float) -> dict:
        """The worker timed out or died with the job: say which, and replace it."""
        proc = self.proc
        alive = proc is not None and proc.poll() is None
        self.stop()
        pid = proc.pid if proc is not None else None
        if alive:
            answer = failed("DOC.TIMEOUT", f"killed after {timeout:g} s wall clock", f"超过 {timeout:g} 秒仍未完成")
        else:
            code = proc.returncode if proc is not None else None
            answer = failed("DOC.PARSE_ERROR", f"worker {pid} died: {_exit_text(code)}",
                            f"处理进程意外终止：{_exit_text(code)}")
        answer["worker"] = pid
        return answer


def descendants(pid: int) -> list[int]:
    """Every live descendant of ``pid`` (Linux /proc; empty elsewhere), found before any kill: once
    the worker dies its children are re-parented and can no longer be told apart."""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for name in entries:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                ppid = int(handle.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def kill_tree(pid: int) -> None:
    """SIGKILL the worker's process group and every descendant's process group."""
    tree = descendants(pid)
    groups = {pid}
    for child in tree:
        try:
            groups.add(os.getpgid(child))
        except ProcessLookupError:
            pass
    for group in groups:
        try:
            os.killpg(group, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    for child in tree:  # a descendant that left its group (setpgid) without a session of its own
        try:
            os.kill(child, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _exit_text(returncode: int | None) -> str:
    if returncode is None:
        return "未知原因"
    if returncode < 0:
        try:
            return f"信号 {signal.Signals(-returncode).name}"
        except ValueError:
            return f"信号 {-returncode}"
    return f"退出码 {returncode}"
