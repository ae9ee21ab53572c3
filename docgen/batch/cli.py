"""``docgen batch`` and the batch options of ``docgen check`` (``--workers``, ``--timeout`` …).

``docgen check`` without ``--workers``/``--scheduler``/``--journal`` keeps its in-process loop —
the fastest for a handful of files and what existing scripts rely on. Any of those options (even
``--workers 1``) switches to isolated workers: a user who asks for workers wants the guarantees
(a hostile file cannot take the run down), and the exit codes and outputs are the same either way.

``docgen batch PATHS --out DIR`` is the same batch with the bureau's summaries: ``DIR/journal.jsonl``
(the results, one line per document as it finishes), ``batch-findings.jsonl`` (the findings
contract in input order), ``batch-summary.json``/``.xlsx``/``.html``. An existing journal is
never silently reused or overwritten: ``--resume`` continues it, ``--force`` starts over.

Interrupted (Ctrl-C, SIGTERM) the workers are killed, the finished results are already in the
journal, and the command exits with 130 (the shell's convention for an interrupt).
"""

from __future__ import annotations

import os
import re
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from docgen import exitcodes

INTERRUPTED = 130
JOURNAL_NAME = "journal.jsonl"
OUTPUT_NAMES = ("batch-findings.jsonl", "batch-summary.json", "batch-summary.xlsx", "batch-summary.html")

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$", re.IGNORECASE)


def parse_memory(text: str | None) -> int:
    """``--memory``: MiB as a number, or with a unit (512M, 1.5G); 0 means no cap."""
    from docgen.read.limits import DEFAULT_LIMITS

    if text is None:
        return DEFAULT_LIMITS.memory_bytes
    m = _SIZE.match(str(text))
    if not m:
        raise click.BadParameter(f"无法识别的内存上限「{text}」（例如 1024、512M、2G）", param_hint="--memory")
    factor = {"": 1 << 20, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}[m[2].lower()]
    return int(float(m[1]) * factor)


def batch_options(func):
    """The options ``check`` and ``batch`` share (in reverse order: click stacks decorators)."""
    options = [
        click.option("--scheduler", default=None, metavar="tcp://HOST:8786",
                     help="交给 Dask 分布式集群审查（需安装 docgen[distributed]；各节点须能以相同路径读取文件）"),
        click.option("--quiet", "-q", is_flag=True, help="不显示进度"),
        click.option("--resume", is_flag=True, help="跳过结果日志中已有结果的文件（按内容哈希、规则包版本、程序版本）"),
        click.option("--memory", default=None, metavar="SIZE",
                     help="每份文件的内存上限（默认 1024，单位 MiB；也可写 512M、2G）"),
        click.option("--timeout", type=click.FloatRange(min=0.1), default=None, metavar="SECONDS",
                     help="每份文件的处理时限（秒，默认 120）"),
        click.option("--workers", "-j", type=click.IntRange(min=1), default=None, metavar="N",
                     help="并行审查进程数；给出后每份文件在独立进程中审查（超时、内存超限或崩溃只影响该文件）"),
    ]
    for option in options:
        func = option(func)
    return func


@contextmanager
def _terminate_as_interrupt():
    """SIGTERM (``kill``) ends the batch like Ctrl-C: workers killed, journal intact."""
    def handler(signum, frame):
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (embedded use): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def make_executor(workers: int | None, scheduler: str | None, memory_bytes: int):
    if scheduler:
        try:
            from docgen.batch.dask_executor import DaskExecutor
        except ImportError:
            raise click.UsageError("--scheduler 需要 Dask：pip install 'docgen[distributed]'") from None
        try:
            return DaskExecutor(scheduler)
        except (OSError, TimeoutError) as exc:
            raise click.UsageError(f"无法连接 Dask 调度器「{scheduler}」：{exc}") from None
    from docgen.batch.local import LocalExecutor

    return LocalExecutor(workers or os.cpu_count() or 1, memory_bytes)


def run_cli_batch(paths, *, profile_id, policy, waivers, audit, ocr, workers, timeout, memory, journal_path,
                  resume, quiet, scheduler, register=None):
    """Run a batch for a command; returns the :class:`~docgen.batch.runner.BatchOutcome`.

    Usage errors raise ``CheckUsageError`` (the caller exits 2); an interrupt exits 130 here.
    """
    from docgen.batch.guard import WorkerStartError
    from docgen.batch.jobs import JobLimits, Settings
    from docgen.batch.journal import Journal
    from docgen.batch.progress import Progress
    from docgen.batch.runner import run_batch
    from docgen.check.run import expand_paths
    from docgen.read.limits import DEFAULT_LIMITS

    files = expand_paths(paths)
    settings = Settings(profile_id=profile_id, policy=_str(policy), waivers=_str(waivers), audit=_str(audit), ocr=ocr,
                        register=_str(register))
    limits = JobLimits(timeout_s=timeout or DEFAULT_LIMITS.timeout_s, memory_bytes=parse_memory(memory))
    journal = Journal(journal_path) if journal_path is not None else None
    executor = make_executor(workers, scheduler, limits.memory_bytes)
    progress = Progress(len(files), enabled=False if quiet else None)
    try:
        with _terminate_as_interrupt():
            return run_batch(files, settings, limits, executor, journal=journal, resume=resume,
                             on_record=lambda r: progress.update(r.verdict))
    except WorkerStartError as exc:
        progress.close()
        click.echo(f"错误：{exc}", err=True)
        sys.exit(exitcodes.INPUT_ERROR)
    except KeyboardInterrupt:
        progress.close()
        where = f"，已完成的结果保存在 {journal.path}，用 --resume 继续" if journal else ""
        click.echo(f"已中断：完成 {progress.done}/{len(files)} 份{where}", err=True)
        sys.exit(INTERRUPTED)
    finally:
        progress.close()
        executor.close()
        if journal is not None:
            journal.close()


def _str(value) -> str | None:
    return None if value is None else str(value)


def wants_batch(workers, scheduler, journal) -> bool:
    return workers is not None or scheduler is not None or journal is not None


def totals_line(records, resumed: int = 0) -> str:
    verdicts = [r.verdict for r in records]
    line = (f"共 {len(verdicts)} 份：通过 {verdicts.count('pass')} 份、未通过 {verdicts.count('fail')} 份、"
            f"无法审查 {verdicts.count('not_evaluable')} 份")
    return line + (f"（其中 {resumed} 份沿用结果日志中的结果）" if resumed else "")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="输出目录：结果日志 journal.jsonl、batch-findings.jsonl 与汇总 batch-summary.json/.xlsx/.html")
@click.option("--profile", "profile_id", default=None, metavar="ID", help="规则包（默认按报告类型自动选择）")
@click.option("--policy", type=click.Path(path_type=Path), help="本地规则文件（YAML）")
@click.option("--waivers", type=click.Path(path_type=Path), help="豁免清单（YAML）")
@click.option("--audit", type=click.Path(path_type=Path), help="报告所依据的审核数据文件")
@click.option("--ocr", is_flag=True, help="对无文字层的 PDF 页做文字识别（较慢）")
@click.option("--register", default=None, metavar="PATH|URL",
              help="强审企业名录（docgen track 的数据库文件或 URL）：按名录核对各报告企业的期限")
@click.option("--force", is_flag=True, help="输出目录已有结果时从头重新审查（覆盖原有结果）")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error", show_default=True,
              help="达到该严重程度的问题使退出码为 1")
@batch_options
def batch(paths, out_dir, profile_id, policy, waivers, audit, ocr, register, force, fail_on, workers, timeout, memory,
          resume, quiet, scheduler):
    """批量审查报告（文件或目录），每份在独立进程中审查，并生成汇总（XLSX、HTML、JSON）。

    \b
    每份文件完成即写入结果日志（journal.jsonl）；中断后用 --resume 继续，已完成的不再重复审查。
    退出码同 docgen check：2 用法错误；3 有文件无法审查；1 有达到 --fail-on 的问题；0 通过；
    130 被中断（已完成的结果已保存）。
    """
    from docgen.batch.summary import build_summary, render_summary_json
    from docgen.batch.summary_html import render_summary_html
    from docgen.batch.summary_xlsx import render_summary_xlsx
    from docgen.check.report.jsonfmt import render_jsonl
    from docgen.check.run import CheckUsageError, exit_code
    from docgen.fsutil import atomic_write_bytes, atomic_write_text

    journal_path = out_dir / JOURNAL_NAME
    if resume and force:
        raise click.UsageError("--resume 与 --force 不能同时使用")
    existing = [p.name for p in (journal_path, *(out_dir / n for n in OUTPUT_NAMES)) if p.exists()]
    if existing and not (resume or force):
        click.echo(f"错误：输出目录「{out_dir}」已有结果（{'、'.join(existing)}）；用 --resume 继续，或 --force 重新审查",
                   err=True)
        sys.exit(exitcodes.INPUT_ERROR)
    try:
        if force and journal_path.exists():
            atomic_write_text(journal_path, "")
        outcome = run_cli_batch(paths, profile_id=profile_id, policy=policy, waivers=waivers, audit=audit, ocr=ocr,
                                workers=workers, timeout=timeout, memory=memory, journal_path=journal_path,
                                resume=resume, quiet=quiet, scheduler=scheduler, register=register)
    except CheckUsageError as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(exitcodes.INPUT_ERROR)
    summary = build_summary(outcome.records)
    outputs = {
        "batch-findings.jsonl": render_jsonl(outcome.checked).encode("utf-8"),
        "batch-summary.json": render_summary_json(summary).encode("utf-8"),
        "batch-summary.xlsx": render_summary_xlsx(summary),
        "batch-summary.html": render_summary_html(summary).encode("utf-8"),
    }
    for name, data in outputs.items():
        atomic_write_bytes(out_dir / name, data)
        click.echo(str(out_dir / name))
    for record in outcome.records:
        if record.verdict == "not_evaluable":
            reason = next((f.message for f in record.checked.result.findings if f.status == "not_evaluable"), "")
            click.echo(f"无法审查：{record.path}：{reason}", err=True)
    click.echo(totals_line(outcome.records, outcome.resumed), err=True)
    sys.exit(exit_code([c.result for c in outcome.checked], fail_on))
