"""Convert one DOCX to PDF inside a private LibreOffice, refreshing the TOC first.

Run ONLY as a script by LibreOffice's Python (Debian: ``/usr/bin/python3`` with ``python3-uno``);
the project's venv cannot import ``uno``. It therefore imports nothing but the standard library and
``uno`` — never ``docgen``::

    /usr/bin/python3 -I uno_driver.py --input X.docx --output Y.pdf [--pdfa] [--no-update-indexes]
                                      --pipe NAME --profile DIR [--soffice PATH]

Why a UNO driver instead of ``soffice --convert-to pdf`` (notes/generation.md §3.1): the plain
command line exports the TOC field's cached placeholder text; only a load through UNO followed by
``document.refresh()`` and ``index.update()`` for every index — twice, as unoserver's
``--update-index`` does, because a TOC that grows by a page moves the page numbers it lists — gives
the right page numbers.

Why one private soffice per call (notes/ecosystem-reliability.md §3.2 f): two conversions sharing a
profile made one of them fail, so the caller passes a fresh ``--profile`` and a unique ``--pipe``.
soffice is started as a plain child, in the driver's process group, so the caller can kill the
whole tree on timeout; the driver makes itself a child subreaper and, on SIGTERM, reaps what the
caller killed (no ``<defunct>`` soffice.bin left behind). A warm shared server was not used: one
hanging document would block every later conversion.

Output: one JSON line on stdout (``{"ok": true, "pages": …, "seconds": …}``); on failure a message
on stderr (prefixed ``docgen-uno-driver:``) and a non-zero exit code (see ``EXIT_*``).
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import signal
import subprocess
import sys
import time
from typing import NoReturn

EXIT_USAGE = 2
EXIT_START = 3  # soffice did not start or never accepted the UNO connection
EXIT_LOAD = 4  # LibreOffice could not load the input as a Writer document
EXIT_INDEX = 5  # refreshing the TOC / indexes failed
EXIT_EXPORT = 6  # PDF export failed or wrote nothing
EXIT_UNO = 7  # ``import uno`` failed: wrong interpreter

#: Word 2007+ import filter. Naming it stops LibreOffice from "helpfully" opening a text file that
#: was renamed .docx as a plain-text document and exporting that (measured: without it the text
#: file loaded as a Writer document).
DOCX_FILTER = "MS Word 2007 XML"


def _fail(code: int, message: str) -> NoReturn:
    sys.stderr.write(f"docgen-uno-driver: {message}\n")
    sys.stderr.flush()
    raise SystemExit(code)


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="DOCX → PDF through a private LibreOffice (UNO)")
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--pdfa", action="store_true", help="PDF/A-2b (SelectPdfVersion=2)")
    parser.add_argument("--no-update-indexes", dest="update_indexes", action="store_false")
    parser.add_argument("--pipe", required=True, help="UNO pipe name, unique per conversion")
    parser.add_argument("--profile", required=True, help="empty directory for the LibreOffice user profile")
    parser.add_argument("--soffice", default="soffice")
    parser.add_argument("--connect-timeout", type=float, default=60.0)
    return parser.parse_args(argv)


def _props(uno, **values) -> tuple:
    out = []
    for name, value in values.items():
        prop = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
        prop.Name = name
        prop.Value = value
        out.append(prop)
    return tuple(out)


def _become_subreaper() -> None:
    """Adopt orphaned descendants (Linux ``PR_SET_CHILD_SUBREAPER``).

    soffice runs as oosplash → soffice.bin. When the caller kills both on timeout, soffice.bin's
    zombie would be re-parented to PID 1 — which, in a container whose PID 1 is the application
    (or, measured here, a PID 1 that never reaps), stays ``<defunct>`` forever. As subreaper this
    driver receives it and reaps it in :func:`_reap_and_exit`.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except Exception:
        pass


def _reap_children(grace: float) -> None:
    """Wait for every child, adopted ones included, for at most ``grace`` seconds."""
    deadline = time.monotonic() + grace
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            if time.monotonic() >= deadline:
                return
            time.sleep(0.02)


def _reap_and_exit(signum, _frame) -> None:
    """SIGTERM from the caller after it killed soffice: kill what is left, reap every child, exit."""
    me = os.getpid()
    for pid in _group_members(os.getpgid(0)):
        if pid != me:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    _reap_children(5)
    os._exit(128 + signum)


def _group_members(pgid: int) -> list[int]:
    members = []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if entry.isdigit():
            try:
                stat = pathlib.Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat[stat.rfind(")") + 2 :].split()
            if len(fields) > 2 and int(fields[2]) == pgid:
                members.append(int(entry))
    return members


def _start_soffice(args: argparse.Namespace, log) -> subprocess.Popen:
    profile_url = pathlib.Path(args.profile).resolve().as_uri()
    cmd = [
        args.soffice,
        "--headless",
        "--invisible",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        f"-env:UserInstallation={profile_url}",
        f"--accept=pipe,name={args.pipe};urp;",
    ]
    try:
        # Same process group as this driver on purpose: the caller kills the whole group.
        return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    except OSError as exc:
        _fail(EXIT_START, f"无法启动 LibreOffice（{args.soffice}）：{exc}")


def _connect(uno, proc: subprocess.Popen, args: argparse.Namespace):
    """Resolve the remote component context, retrying while soffice starts (bounded)."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    url = f"uno:pipe,name={args.pipe};urp;StarOffice.ComponentContext"
    deadline = time.monotonic() + args.connect_timeout
    last = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            _fail(EXIT_START, f"LibreOffice 启动后立即退出（退出码 {proc.returncode}）")
        try:
            return resolver.resolve(url)
        except Exception as exc:  # NoConnectException until the pipe exists (~0.6 s here)
            last = exc
            # Short fixed poll: a failed attempt costs microseconds, while a backoff that grew to
            # 0.25 s made "soffice up" 0.68 s instead of 0.6 s on every conversion (measured).
            time.sleep(0.02)
    _fail(EXIT_START, f"{args.connect_timeout:.0f} 秒内无法连接 LibreOffice（{type(last).__name__}）")


def _load(uno, desktop, path: str):
    url = uno.systemPathToFileUrl(path)
    # Hidden: no frame is shown. ReadOnly=False: a read-only load can give TOC page numbers that
    # differ from an interactive export (unoconv/unoserver#210).
    props = _props(uno, Hidden=True, ReadOnly=False, FilterName=DOCX_FILTER)
    try:
        doc = desktop.loadComponentFromURL(url, "_blank", 0, props)
    except Exception as exc:
        _fail(EXIT_LOAD, f"LibreOffice 无法打开文件（{type(exc).__name__}: {getattr(exc, 'Message', exc)}）")
    if doc is None or not hasattr(doc, "getText"):
        # loadComponentFromURL returns None, without an exception, for content the filter rejects.
        _fail(EXIT_LOAD, "文件内容不是可识别的 Word 文档")
    return doc


def _settle_layout(doc) -> None:
    """Finish Writer's layout of the whole document before the TOC is refreshed and exported.

    Writer lays a loaded document out lazily, in idle time. When the machine is busy (several
    conversions side by side), the TOC refresh and the export can start from a half-finished
    layout, and a table that should move whole to the next page is split, or its caption left
    alone at a page foot: measured on the fine-chemical evaluation report, six conversions with
    three at a time gave 63 pages instead of 62 in 5 of 18 runs, with the TOC numbers shifted
    accordingly. ``getRendererCount`` (XRenderable, what printing and PDF export call first)
    formats every page synchronously; with it, 0 of 36 runs differed.
    """
    try:
        doc.getRendererCount(doc, ())
    except Exception:  # not a text document with pages (e.g. a rejected filter): export decides
        pass


def _update_indexes(doc) -> int:
    """Two passes of refresh + update, as unoserver does: the TOC grows, so page numbers move."""
    count = 0
    for _ in range(2):
        doc.refresh()
        indexes = doc.getDocumentIndexes()
        count = indexes.getCount()
        for i in range(count):
            indexes.getByIndex(i).update()
    return count


def _page_count(doc) -> int | None:
    try:
        return int(doc.getCurrentController().getPropertyValue("PageCount"))
    except Exception:
        try:
            stats = {p.Name: p.Value for p in doc.getDocumentProperties().DocumentStatistics}
            return int(stats["PageCount"])
        except Exception:
            return None


def _export(uno, doc, path: str, pdfa: bool) -> None:
    filter_data = {
        "ExportBookmarks": True,  # headings → PDF outline (100-page reports need it)
        "UseTaggedPDF": True,
    }
    if pdfa:
        filter_data["SelectPdfVersion"] = 2  # 1 = PDF/A-1b, 2 = PDF/A-2b, 3 = PDF/A-3b
    data = uno.Any("[]com.sun.star.beans.PropertyValue", _props(uno, **filter_data))
    props = _props(uno, FilterName="writer_pdf_Export", Overwrite=True)
    props += _props(uno, FilterData=data)
    try:
        uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(path), props))
    except Exception as exc:
        _fail(EXIT_EXPORT, f"PDF 导出失败（{type(exc).__name__}: {getattr(exc, 'Message', exc)}）")
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        _fail(EXIT_EXPORT, "PDF 导出没有生成文件")


def _shutdown(desktop, doc, proc: subprocess.Popen) -> None:
    for action in (lambda: doc is not None and doc.close(True), lambda: desktop is not None and desktop.terminate()):
        try:
            action()
        except Exception:  # the bridge goes away while terminating: expected
            pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def main(argv: list[str] | None = None) -> int:
    started = time.monotonic()
    args = _parse(sys.argv[1:] if argv is None else argv)
    try:
        import uno  # noqa: F401 — only LibreOffice's Python has it
    except ImportError as exc:
        _fail(EXIT_UNO, f"当前 Python（{sys.executable}）无法导入 uno：{exc}；请安装 python3-uno")
    if not os.path.isfile(args.input):
        _fail(EXIT_LOAD, f"输入文件不存在：{args.input}")
    os.makedirs(args.profile, exist_ok=True)
    _become_subreaper()
    signal.signal(signal.SIGTERM, _reap_and_exit)

    timings: dict[str, float] = {}
    log_path = os.path.join(args.profile, "soffice.log")
    desktop = doc = None
    with open(log_path, "wb") as log:
        proc = _start_soffice(args, log)
        try:
            ctx = _connect(uno, proc, args)
            timings["start"] = time.monotonic() - started
            desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            mark = time.monotonic()
            doc = _load(uno, desktop, os.path.abspath(args.input))
            timings["load"] = time.monotonic() - mark
            _settle_layout(doc)
            indexes = 0
            if args.update_indexes:
                mark = time.monotonic()
                try:
                    indexes = _update_indexes(doc)
                except AttributeError:
                    indexes = 0  # not a text document with indexes
                except Exception as exc:
                    _fail(EXIT_INDEX, f"目录/索引更新失败（{type(exc).__name__}: {getattr(exc, 'Message', exc)}）")
                timings["indexes"] = time.monotonic() - mark
            mark = time.monotonic()
            pages = _page_count(doc)
            _export(uno, doc, os.path.abspath(args.output), args.pdfa)
            timings["export"] = time.monotonic() - mark
        finally:
            _shutdown(desktop, doc, proc)
            _reap_children(2)
    result = {
        "ok": True,
        "pages": pages,
        "indexes": indexes,
        "seconds": round(time.monotonic() - started, 3),
        "timings": {k: round(v, 3) for k, v in timings.items()},
    }
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
