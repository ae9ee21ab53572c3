"""Running the UNO driver so that a timeout kills everything and leaves nothing behind.

Measured (notes/ecosystem-reliability.md §3.2 f): ``subprocess.run(timeout=)`` killed only the
launcher and orphaned ``soffice.bin``; starting the tree in its own session and killing the process
group left nothing running. Measured here in addition: the group kill alone left
``[soffice.bin] <defunct>`` zombies, because soffice.bin is a grandchild (driver → oosplash →
soffice.bin) and this machine's PID 1 never reaps; in a container whose PID 1 is the docgen service
they would pile up the same way. Hence the kill order in :func:`kill_session`, and the driver making
itself a child subreaper. A killed soffice also leaves its sockets in /tmp (:func:`remove_stale_pipes`).
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import time
from pathlib import Path


class DriverTimeout(Exception):
    """The driver did not finish in time; its session has been killed and reaped."""


def run_driver(cmd: list[str], *, env: dict[str, str], timeout: float) -> tuple[int, str, str]:
    """Run ``cmd`` as leader of a new session; (returncode, stdout, stderr) or :class:`DriverTimeout`."""
    proc = subprocess.Popen(
        cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        start_new_session=True, text=True, encoding="utf-8", errors="replace",
    )
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_session(proc)
        raise DriverTimeout from None
    except BaseException:  # KeyboardInterrupt in the caller: do not leave LibreOffice running
        kill_session(proc)
        raise
    if live_group_members(proc.pid):  # the driver exited but left something running
        kill_session(proc)
    return proc.returncode, stdout, stderr


def live_group_members(pgid: int) -> list[int]:
    """Non-zombie processes of a process group, from /proc (Linux; empty elsewhere)."""
    members = []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()  # after "pid (comm) ": state, ppid, pgrp, …
        if len(fields) > 2 and fields[0] != "Z" and int(fields[2]) == pgid:
            members.append(int(entry))
    return members


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def kill_session(proc: subprocess.Popen) -> None:
    """Stop the driver's session (driver → oosplash → soffice.bin) and wait until it is gone.

    1. SIGKILL every member except the driver: LibreOffice stops at once, whatever it is doing.
    2. SIGTERM the driver: it is a subreaper, so it reaps soffice.bin and oosplash, then exits.
    3. Only if it has not exited after 3 s: SIGKILL the whole group (zombies then go to PID 1).
    """
    pgid = proc.pid  # start_new_session=True: the driver leads its own group
    for pid in live_group_members(pgid):
        if pid != pgid:
            _signal(pid, signal.SIGKILL)
    _signal(pgid, signal.SIGTERM)
    try:
        proc.wait(timeout=3)
    except subprocess.TimeoutExpired:
        pass
    deadline = time.monotonic() + 10
    while (proc.poll() is None or live_group_members(pgid)) and time.monotonic() < deadline:
        try:
            os.killpg(pgid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        time.sleep(0.05)
    if proc.poll() is None:
        proc.wait(timeout=5)


def remove_stale_pipes(pipe: str, profile: Path) -> None:
    """Remove the sockets a killed soffice leaves in /tmp: the UNO pipe ``OSL_PIPE_<uid>_<name>`` and
    the single-instance pipe ``OSL_PIPE_<uid>_SingleOfficeIPC_<md5>``, <md5> being the MD5 of the
    profile URL in UTF-16LE, each byte in unpadded hex (LibreOffice desktop/source/app/
    officeipcthread.cxx; checked against 7.4 here). The names are unique per conversion, so they are
    never reused — this is hygiene for long-running services, not correctness."""
    digest = hashlib.md5(profile.resolve().as_uri().encode("utf-16-le")).digest()
    ipc = "SingleOfficeIPC_" + "".join(format(b, "x") for b in digest)
    for base in ("/tmp", "/var/tmp"):
        for name in (pipe, ipc):
            try:
                Path(base, f"OSL_PIPE_{os.getuid()}_{name}").unlink(missing_ok=True)
            except OSError:
                pass
