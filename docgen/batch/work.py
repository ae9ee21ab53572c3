"""What a worker does with one job: read, check, name the sender — and return only plain data.

:func:`run_job` never raises and never returns a live object. Across a process boundary an
exception is worse than useless: ``lxml.etree.XMLSyntaxError`` does not even pickle (its error
log cannot), so a pool reports a pickling ``TypeError`` instead of the cause
(ecosystem-reliability.md §2.2). Every exception is turned, here in the worker, into a
``{"status": "failed", "code": DOC.…, "detail": …}`` answer; the coordinator turns that into the
document's DOC-001 finding (verdict 无法审查) with the same code the reader would have used.

A ``MemoryError`` (the RLIMIT_AS cap, set by docgen.batch.worker) asks the worker to be replaced
(``restart``): after an allocation failure the heap may be left fragmented or half-built.

Test hook (tests only, see :func:`_test_fault`): ``DOCGEN_BATCH_TEST_FAULTS`` names files on which
the worker crashes, hangs or exhausts memory, to prove the isolation; it is read only in workers
and is never set by docgen itself.
"""

from __future__ import annotations

import json
import os
import resource
import time
from dataclasses import asdict
from pathlib import Path

#: Test-only: ``{"crash": [name…], "hang": […], "hang-with-child": […], "oom": […], "raise": […]}`` as JSON
#: ("hang-with-child" starts a child in a session of its own, as LibreOffice runs). Documented in
#: docs/batch.md; a deployment never sets it.
FAULTS_ENV = "DOCGEN_BATCH_TEST_FAULTS"

_SETTINGS: dict[str, object] = {}


def _test_fault(path: str) -> None:
    """Misbehave on purpose when the test hook names this file (by file name)."""
    raw = os.environ.get(FAULTS_ENV)
    if not raw:
        return
    faults = json.loads(raw)
    name = Path(path).name
    if name in faults.get("crash", ()):
        import signal

        os.kill(os.getpid(), signal.SIGKILL)          # what the OOM killer or a segfault looks like
    if name in faults.get("hang-with-child", ()):
        import subprocess
        import sys

        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"], start_new_session=True)
        Path(path).with_suffix(".child-pid").write_text(str(child.pid))  # for the test to check
        while True:                                   # what a LibreOffice conversion in its own session looks like
            time.sleep(0.05)
    if name in faults.get("hang", ()):
        while True:                                   # a parser that never returns
            time.sleep(0.05)
    if name in faults.get("oom", ()):
        hog = []
        while True:                                   # a decompression bomb that got through
            hog.append(bytearray(16 * 1024 * 1024))
    if name in faults.get("raise", ()):
        from lxml import etree

        etree.fromstring(b"<unclosed>")               # an exception that does not pickle


def _settings(raw: dict):
    """The loaded settings for this settings dict, once per worker."""
    from docgen.check.run import prepare

    key = json.dumps(raw, sort_keys=True)
    if key not in _SETTINGS:
        _SETTINGS[key] = prepare(profile_id=raw.get("profile_id"), policy=raw.get("policy"),
                                 waivers=raw.get("waivers"), audit=raw.get("audit"), ocr=bool(raw.get("ocr")),
                                 register=raw.get("register"))
    return _SETTINGS[key]


def failed(code: str, detail: str = "", note_zh: str = "") -> dict:
    return {"status": "failed", "code": code, "detail": detail, "note_zh": note_zh}


def run_job(job: dict) -> dict:
    """Check one document; a plain dict whatever happens."""
    from docgen.read.reasons import code_for_exception, describe

    started = time.monotonic()
    try:
        from docgen.batch.identity import identify
        from docgen.check.run import check_one

        _test_fault(job["path"])
        checked, doc, _notes = check_one(job["path"], _settings(job["settings"]))
        answer = {"status": "ok", "result": checked.result.to_json(),
                  "outline": [asdict(e) for e in checked.outline], "identity": identify(doc, checked.profile)}
    except MemoryError:
        answer = failed("DOC.MEMORY", "MemoryError", "处理进程内存超过上限")
        answer["restart"] = True
    except Exception as exc:  # noqa: BLE001 — every exception becomes a finding, never a lost result
        answer = failed(code_for_exception(exc), describe(exc))
    answer.update(id=job["id"], path=job["path"], elapsed_s=round(time.monotonic() - started, 4),
                  peak_rss_kb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, worker=os.getpid())
    return answer
