"""A worker process: ``python -m docgen.batch.worker --fd N --memory BYTES``.

Started and supervised by docgen.batch.guard, never by hand. It caps its own address space
(``RLIMIT_AS``: a decompression bomb ends as a ``MemoryError`` in this process, not as the machine
swapping), warms up the imports, says ``{"ready": pid}``, then reads one job per line on stdin and
writes one answer per line on file descriptor N — a private pipe, so a library that prints to
stdout can never corrupt the protocol (stdout is not the channel).

Belt and braces for the wall-clock limit: the supervisor kills this process's group when a job
overruns; if the supervisor itself has gone (a Dask worker killed), ``alarm`` ends the process a
little after the limit anyway — SIGALRM's default action terminates even inside a C call, which a
Python-level timeout cannot (ecosystem-reliability.md §3.2 e). When stdin closes, the worker exits.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import sys

#: Seconds after a job's own limit at which the worker ends itself if nobody killed it.
SELF_KILL_GRACE_S = 30


def _cap_memory(limit: int) -> None:
    if limit > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _warm_up() -> None:
    """Import what every job needs before saying ready, so a job's time limit measures the job."""
    import docgen.batch.identity  # noqa: F401
    import docgen.check.run  # noqa: F401
    from docgen.check.kinds import load_kinds

    load_kinds()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="docgen.batch.worker")
    parser.add_argument("--fd", type=int, required=True)
    parser.add_argument("--memory", type=int, default=0)
    args = parser.parse_args(argv)
    _cap_memory(args.memory)
    out = os.fdopen(args.fd, "wb", buffering=0)

    def send(message: dict) -> None:
        data = (json.dumps(message, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        view = memoryview(data)
        while view:
            view = view[out.write(view):]

    _warm_up()
    from docgen.batch.work import run_job

    send({"ready": os.getpid()})
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        job = json.loads(line)
        signal.alarm(int(float(job["limits"]["timeout_s"])) + SELF_KILL_GRACE_S)
        answer = run_job(job)
        signal.alarm(0)
        send(answer)
        if answer.get("restart"):
            return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
