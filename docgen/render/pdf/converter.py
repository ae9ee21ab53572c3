"""DOCX → PDF through LibreOffice: one private soffice per conversion, TOC refreshed, fonts pinned.

What :func:`convert_to_pdf` guarantees, and the measured behaviour behind each point (LibreOffice
7.4.7; notes/generation.md §3–§4, notes/ecosystem-reliability.md §3.2 f–h):

* **TOC page numbers are real.** ``soffice --convert-to pdf`` exports the TOC field's placeholder;
  ``uno_driver.py`` (run by LibreOffice's Python — the venv cannot import ``uno``) refreshes every
  index twice before exporting.
* **No shared profile.** Two conversions sharing ``-env:UserInstallation`` made one fail; every call
  gets a fresh temporary profile, deleted afterwards (no state leaks between documents either).
* **Timeouts leave nothing behind.** The driver runs in its own session; on timeout the session is
  killed and reaped (``process.py``).
* **Failure is detected, not assumed.** soffice exits 0 after "source file could not be loaded": the
  input is sniffed first, the output must start with ``%PDF-`` and have pages (``files.py``).
* **Never a partial or clobbered PDF.** LibreOffice writes into a private directory inside the target
  directory; the result replaces the target by ``os.replace`` only after the checks pass.
* **No litter.** soffice converts a private copy of the input: it puts ``.~lock.<name>#`` beside the
  file it opens, a killed soffice leaves that lock behind, and the next conversion of the same file
  then failed to load (measured here). Its temp dir (``$TMPDIR/lu<pid>….tmp``, also left behind by
  a killed soffice) is pointed into the same scratch directory, removed after every conversion.
* **Pinned fonts.** ``FONTCONFIG_FILE`` points at the shipped alias file; without it 宋体/仿宋/黑体/楷体
  collapse into one fallback face and pagination changes (59 → 70 pages measured).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from docgen.render.pdf.errors import ConversionError
from docgen.render.pdf.files import check_docx, count_pages, publish
from docgen.render.pdf.fonts import FontSetError, font_set
from docgen.render.pdf.process import DriverTimeout, remove_stale_pipes, run_driver
from docgen.render.pdf.tools import clean_env, find_uno_python, libreoffice_version, require_soffice

#: Driver exit codes (``uno_driver.EXIT_*``) → (ConversionError.kind, what failed, in Chinese).
DRIVER_FAILURES = {
    3: ("start", "LibreOffice 未能启动"),
    4: ("load", "LibreOffice 无法打开该 Word 文件"),
    5: ("index", "目录（TOC）更新失败"),
    6: ("export", "PDF 导出失败"),
    7: ("environment", "转换程序无法导入 uno"),
}


@dataclass(frozen=True)
class ConversionResult:
    pdf: Path
    pages: int
    seconds: float
    libreoffice_version: str
    #: 宋体/仿宋/黑体/楷体 → family actually used (fonts change pagination: record them)
    font_set: dict[str, str] = field(default_factory=dict)
    #: seconds per step inside the driver: start (soffice up, UNO connected), load, indexes, export
    timings: dict[str, float] = field(default_factory=dict)


def convert_to_pdf(
    docx: Path,
    pdf: Path,
    *,
    pdfa: bool = False,
    update_indexes: bool = True,
    timeout: float = 180,
    soffice: str | None = None,
) -> ConversionResult:
    """Convert ``docx`` to ``pdf`` (PDF/A-2b with ``pdfa=True``), refreshing TOC/indexes first.

    Raises :class:`ConversionError`. On any failure ``pdf`` is exactly as before (absent, or the
    previous good file) and every temporary file, profile and process is gone.
    """
    started = time.monotonic()
    docx, pdf = Path(docx), Path(pdf)
    check_docx(docx)
    soffice = require_soffice(soffice)
    python = find_uno_python()
    try:
        fonts = font_set()
    except FontSetError as exc:
        raise ConversionError(f"{exc}（文件：{docx}）", docx=docx, kind="environment") from exc
    version = libreoffice_version(soffice)

    pdf.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{pdf.name}.", suffix=".docgen-tmp", dir=pdf.parent))
    scratch = Path(tempfile.mkdtemp(prefix="docgen-lo-"))
    profile, source, out = scratch / "profile", scratch / "input" / docx.name, work / "out.pdf"
    pipe = f"docgen-{os.getpid()}-{uuid.uuid4().hex[:16]}"
    try:
        source.parent.mkdir()
        shutil.copyfile(docx, source)
        with resources.as_file(resources.files("docgen.render.pdf").joinpath("uno_driver.py")) as driver:
            cmd = [
                python, "-I", str(driver), "--input", str(source), "--output", str(out.resolve()),
                "--pipe", pipe, "--profile", str(profile), "--soffice", soffice,
                "--connect-timeout", f"{max(5.0, min(60.0, timeout)):.1f}",
            ]
            cmd += ["--pdfa"] if pdfa else []
            cmd += [] if update_indexes else ["--no-update-indexes"]
            # soffice keeps a temp dir in $TMPDIR (lu<pid>….tmp) that a killed instance leaves
            # behind: point it into the scratch directory, which is removed below.
            (scratch / "tmp").mkdir()
            env = clean_env() | {"TMPDIR": str(scratch / "tmp")}
            try:
                code, stdout, stderr = run_driver(cmd, env=env, timeout=timeout)
            except DriverTimeout:
                raise ConversionError(
                    f"PDF 转换超时（{timeout:g} 秒），已终止 LibreOffice：{docx}", docx=docx, kind="timeout"
                ) from None
        if code != 0:
            raise _driver_failure(code, stderr, docx)
        pages = count_pages(out, docx)
        try:
            publish(out, pdf)
        except OSError as exc:
            raise ConversionError(f"无法写入 PDF 文件 {pdf}（{exc.strerror or exc}）：{docx}", docx=docx, kind="output") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)
        remove_stale_pipes(pipe, profile)
    report = _last_json_line(stdout)  # the PDF's own page count (pypdf) is authoritative
    return ConversionResult(
        pdf=pdf, pages=pages, seconds=round(time.monotonic() - started, 3), libreoffice_version=version,
        font_set=fonts, timings=dict(report.get("timings") or {}),
    )


def convert_many(jobs: list[tuple[Path, Path]], *, workers: int = 2, **kw) -> list[ConversionResult | ConversionError]:
    """Convert ``(docx, pdf)`` pairs in parallel; results (or errors) in job order.

    Threads are enough: each only waits on its own driver process with its own profile and pipe (a
    shared profile made one of two parallel conversions fail). One worker per core: LibreOffice
    layout is single-threaded and CPU-bound.
    """

    def one(job: tuple[Path, Path]) -> ConversionResult | ConversionError:
        docx, pdf = job
        try:
            return convert_to_pdf(docx, pdf, **kw)
        except ConversionError as exc:
            return exc
        except Exception as exc:  # noqa: BLE001 — one bad document must not sink the batch
            return ConversionError(f"PDF 转换出现意外错误（{type(exc).__name__}: {exc}）：{docx}", docx=Path(docx))

    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="docgen-pdf") as pool:
        return list(pool.map(one, jobs))


def _driver_failure(code: int, stderr: str, docx: Path) -> ConversionError:
    kind, what = DRIVER_FAILURES.get(code, ("failed", f"LibreOffice 转换失败（退出码 {code}）"))
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    marked = [line.split("docgen-uno-driver:", 1)[1].strip() for line in lines if "docgen-uno-driver:" in line]
    detail = marked[-1] if marked else (lines[-1] if lines else "")
    return ConversionError(f"{what}：{docx}" + (f"（{detail}）" if detail else ""), docx=docx, kind=kind, detail=stderr.strip())


def _last_json_line(stdout: str) -> dict:
    for line in reversed(stdout.strip().splitlines()):
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict):
            return value
    return {}
