"""The ``docgen`` command line: a thin click layer over the Python API.

Machine output (JSON, schema, figures) goes to stdout; progress and human messages to stderr, so
``docgen calc x.yaml --format json > out.json`` always yields parseable JSON. Exit codes are in
``docgen.exitcodes``.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

import click

from docgen import __version__, exitcodes
from docgen.batch.cli import batch, batch_options  # light; `check` shares its options


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


class _Commands(click.Group):
    """The ``docgen`` group: the command groups that live next to the code they drive are imported
    only when called (or listed by ``--help``). Importing them all on every start (the packet's
    sheets, the industry and park models …) made every ``docgen`` command (``validate``, ``--version``)
    ≈ 0.4 s slower instead of ≈ 0.05 s."""

    LAZY = {
        "track": "docgen.track.cli:track",
        "industry": "docgen.industry.cli:industry",
        "park": "docgen.park.cli:park",
        "package": "docgen.archive.cli:package",
        "packet": "docgen.packet.cli:packet",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.LAZY and name not in self.commands:
            module, attr = self.LAZY[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return super().get_command(ctx, name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="docgen")
def main() -> None:
    """docgen：清洁生产审核报告的生成与校核工具。

    \b
    常用命令：
      docgen validate FILE   校验审核数据文件（YAML/JSON）
      docgen calc FILE       计算衍生数据（折标煤、削减率、经济评估、清洁生产水平……）
      docgen schema          输出数据模型的 JSON Schema
      docgen doctor          检查运行环境（LibreOffice、中文字体、可选组件）
      docgen inspect FILE    显示从提交的报告（DOCX/PDF）中读到的大纲、表格等
      docgen check FILE|DIR  按技术审查要点审查提交的报告（文本/JSON/SARIF/HTML/XLSX）
      docgen batch DIR --out OUT  批量审查（独立进程、可中断续跑），生成 XLSX/HTML/JSON 汇总
      docgen rules list      列出审查规则；docgen rules show CODE 显示某条规则的说明
      docgen track status    强审企业名录的期限状态；track quarterly 生成季度报送表（附表3、附表4）
      docgen industry ...    行业清洁生产审核：validate、calc、render（行业报告与企业简表）
      docgen package build   按附表2组装评估/验收档案包；docgen package verify 核验档案包
      docgen packet REPORT   生成专家评审材料（预审结果、预填评分表、批注版报告、合订 PDF）
      docgen park …          园区清洁生产审核：validate / calc / render（园区审核报告、年度整体报告）
    """


def _load_or_exit(file: Path, fmt: str):
    from docgen.load import load_audit

    result = load_audit(file)
    if fmt == "json" and not result.ok:
        click.echo(json.dumps(_validation_json(file, result), ensure_ascii=False, indent=2))
        sys.exit(exitcodes.INPUT_ERROR)
    for problem in result.problems:
        _echo_err(problem.render())
    if not result.ok:
        _echo_err(f"{file}：发现 {len(result.errors)} 个错误、{len(result.warnings)} 个警告，数据未通过校验。")
        sys.exit(exitcodes.INPUT_ERROR)
    return result


def _validation_json(file: Path, result) -> dict:
    return {
        "file": str(file),
        "valid": result.ok,
        "errors": len(result.errors),
        "warnings": len(result.warnings),
        "problems": [p.to_dict() for p in result.problems],
    }


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="输出格式")
def validate(files: tuple[Path, ...], fmt: str) -> None:
    """校验一个或多个审核数据文件，列出全部问题（字段路径与行号）。

    退出码：0 全部通过（可有警告）；2 至少一个文件有错误。
    """
    from docgen.load import load_audit

    worst = exitcodes.OK
    reports = []
    for file in files:
        result = load_audit(file)
        if not result.ok:
            worst = exitcodes.INPUT_ERROR
        if fmt == "json":
            reports.append(_validation_json(file, result))
            continue
        for problem in result.problems:
            click.echo(f"{file}: {problem.render()}")
        verdict = "通过" if result.ok else "未通过"
        _echo_err(f"{file}：{verdict}（{len(result.errors)} 个错误，{len(result.warnings)} 个警告）")
    if fmt == "json":
        payload = reports[0] if len(reports) == 1 else reports
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    sys.exit(worst)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["json", "markdown"]), default="json", show_default=True,
              help="json：JSON Schema；markdown：数据说明文档（docs/data-reference.md）")
@click.option("--example", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="markdown 格式时用作示例的数据文件")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="写入文件（默认输出到标准输出）")
def schema(fmt: str, example: Path | None, out: Path | None) -> None:
    """输出审核数据模型的 JSON Schema（供编辑器补全与系统集成）或数据说明文档。"""
    if fmt == "json":
        from docgen.model.schema import audit_json_schema

        text = json.dumps(audit_json_schema(), ensure_ascii=False, indent=2) + "\n"
    else:
        from docgen.load.source import read_source
        from docgen.model.reference import data_reference_markdown

        data = read_source(example).data if example else None
        text = data_reference_markdown(data, example.as_posix() if example else "")
    if out is None:
        click.echo(text, nl=False)
        return
    from docgen.fsutil import atomic_write_text

    atomic_write_text(out, text)
    _echo_err(f"已写入 {out}")


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="输出格式")
def calc(file: Path, fmt: str) -> None:
    """计算审核数据的衍生数据（中文、带单位）。"""
    from docgen.derive import derive_figures
    from docgen.derive.text import figures_as_text

    result = _load_or_exit(file, fmt)
    figures = derive_figures(result.audit)
    if fmt == "json":
        click.echo(json.dumps(figures.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(figures_as_text(figures))


def _render_kinds() -> list[str]:
    from docgen.render.pipeline import REPORT_KINDS, form_kinds

    return [*REPORT_KINDS, "all", *form_kinds()]


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--kind", default="all", show_default=True, metavar="KIND",
              help="audit-report、acceptance-report、form:NAME 或 all（报告与全部表单）")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="输出目录")
@click.option("--pdf", is_flag=True, help="同时输出 PDF（LibreOffice 转换，目录页码与页脚一致）")
@click.option("--pdfa", is_flag=True, help="输出 PDF/A-2b（隐含 --pdf）")
@click.option("--profile", default=None, help="地区规则/模板目录（默认取数据中的 audit.profile，如 shanghai）")
@click.option("--template", "template_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="自定义模板目录（优先于内置模板）")
def render(file: Path, kind: str, out_dir: Path, pdf: bool, pdfa: bool, profile: str | None, template_dir: Path | None) -> None:
    """由审核数据生成审核报告、验收报告和表单（DOCX，可选 PDF）。

    退出码：0 全部生成；2 数据有误或有文档无法生成。
    """
    from docgen.render.docx import RenderError
    from docgen.render.pipeline import RenderOptions, render_all

    if kind not in _render_kinds() and not (kind.startswith("form:") and f"form:{kind[5:].removeprefix('form-')}" in _render_kinds()):
        raise click.BadParameter(f"未知的文档类型「{kind}」，可用：{'、'.join(_render_kinds())}", param_hint="--kind")
    result = _load_or_exit(file, "text")
    options = RenderOptions(pdf=pdf or pdfa, pdfa=pdfa, profile=profile, template_dir=template_dir)
    try:
        outputs = render_all(result.audit, kind, out_dir, options)
    except RenderError as exc:
        _echo_err(f"无法生成：{exc}")
        sys.exit(exitcodes.INPUT_ERROR)
    failed = False
    for out in outputs:
        if out.error:
            failed = True
            _echo_err(f"✗ {out.kind}：{out.error}")
            continue
        files = [str(p) for p in (out.docx, out.pdf) if p]
        click.echo("\n".join(files))
        pages = f"（PDF {out.pages} 页）" if out.pages else ""
        _echo_err(f"✓ {out.kind}{pages}")
    _echo_err(f"输出目录：{out_dir.resolve()}")
    sys.exit(exitcodes.INPUT_ERROR if failed else exitcodes.OK)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="输出格式")
def doctor(fmt: str) -> None:
    """检查运行环境：Python、LibreOffice、中文字体、可选组件，并给出安装命令。

    退出码：0 必需组件齐全；2 缺少必需组件。
    """
    from docgen.doctor import run_checks

    report = run_checks()
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.as_text())
    sys.exit(exitcodes.OK if report.ok else exitcodes.INPUT_ERROR)


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="输出格式")
@click.option("--ocr", is_flag=True, help="对无文字层的 PDF 页做文字识别（较慢）")
def inspect(file: Path, fmt: str, ocr: bool) -> None:
    """显示系统从提交的报告（DOCX/PDF/旧版 DOC）中读到的内容：大纲、目录、表格、图片、页眉页脚等。

    退出码：0 已读取；2 文件不存在；3 文件无法评估（加密、损坏、格式不支持、不安全等）。
    """
    from docgen.read import read_document
    from docgen.read.inspect import as_text, dumps, not_evaluable_text
    from docgen.read.model import NotEvaluable

    result = read_document(file, ocr=ocr)
    click.echo(dumps(result) if fmt == "json" else as_text(result))
    if isinstance(result, NotEvaluable):
        if fmt == "json":
            _echo_err(not_evaluable_text(result))
        sys.exit(exitcodes.INPUT_ERROR if result.code == "DOC.NOT_FOUND" else exitcodes.NOT_EVALUABLE)
    for warning in result.warnings:
        _echo_err(f"警告：{warning}")
    sys.exit(exitcodes.OK)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--profile", "profile_id", default=None, metavar="ID",
              help="规则包（默认按报告类型自动选择：评估 national-2018-evaluation，验收 national-2018-acceptance）")
@click.option("--policy", type=click.Path(path_type=Path), help="本地规则文件（YAML：调整严重程度、参数或停用规则）")
@click.option("--waivers", type=click.Path(path_type=Path), help="豁免清单（YAML：规则、文件或 sha256、理由）")
@click.option("--audit", type=click.Path(path_type=Path), help="报告所依据的审核数据文件（供与数据比对的规则使用）")
@click.option("--ocr", is_flag=True, help="对无文字层的 PDF 页做文字识别（较慢）")
@click.option("--register", default=None, metavar="DB", help="强审企业名录（docgen track 的数据库文件或 URL）：按名录核对本报告所属企业的期限")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl", "sarif", "html", "xlsx"]), default="text",
              show_default=True, help="输出格式（html、xlsx 需要 --out）")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="输出目录：每份报告写 NAME.findings.json/.sarif/.html，xlsx 与 jsonl 整批一个文件")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error", show_default=True,
              help="达到该严重程度的问题使退出码为 1")
@click.option("--journal", type=click.Path(dir_okay=False, path_type=Path),
              help="结果日志（JSONL）：每份文件完成即写入一行；与 --resume 配合可中断后继续")
@batch_options
def check(paths: tuple[Path, ...], profile_id: str | None, policy: Path | None, waivers: Path | None,
          audit: Path | None, ocr: bool, register: str | None, fmt: str, out_dir: Path | None, fail_on: str,
          journal: Path | None, workers: int | None, timeout: float | None, memory: str | None, resume: bool,
          quiet: bool, scheduler: str | None) -> None:
    """按技术审查要点审查提交的报告（DOCX/PDF/DOC/WPS 文件，或包含这些文件的目录）。

    \b
    退出码：
      2  用法或输入错误（规则包、本地规则、豁免或数据文件有误，路径不存在），不进行审查；
      3  有文件无法审查（损坏、加密、为空、无文字层……），或有达到 --fail-on 的审查项无法执行；
      1  有达到 --fail-on 的问题（默认仅“错误”；已豁免的不计）；
      0  通过。
    审查了多份文件时，3 优先于 1，1 优先于 0。给出 --workers、--journal 或 --scheduler 时每份文件在
    独立进程中审查（见 docgen batch）；被中断时退出码为 130。
    """
    from docgen.batch.cli import run_cli_batch, wants_batch
    from docgen.check.report import FILE_ONLY, render_stdout, write_outputs
    from docgen.check.report.labels import verdict_line
    from docgen.check.run import CheckUsageError, check_paths, exit_code

    if fmt in FILE_ONLY and out_dir is None:
        raise click.UsageError(f"--format {fmt} 需要用 --out 指定输出目录")
    if resume and journal is None:
        raise click.UsageError("--resume 需要用 --journal 指定结果日志")
    if journal is not None and journal.exists() and journal.stat().st_size and not resume:
        raise click.UsageError(f"结果日志「{journal}」已存在；用 --resume 继续，或换一个文件名")
    try:
        if wants_batch(workers, scheduler, journal):
            checked = run_cli_batch(paths, profile_id=profile_id, policy=policy, waivers=waivers, audit=audit, ocr=ocr,
                                    workers=workers, timeout=timeout, memory=memory, journal_path=journal,
                                    resume=resume, quiet=quiet, scheduler=scheduler, register=register).checked
        else:
            checked = check_paths(paths, profile_id=profile_id, policy=policy, waivers=waivers, audit=audit, ocr=ocr,
                                  log=_echo_err, register=register)
    except CheckUsageError as exc:
        _echo_err(f"错误：{exc}")
        sys.exit(exitcodes.INPUT_ERROR)
    if out_dir is not None:
        if len(paths) == 1:
            run_name = paths[0].resolve().name if paths[0].is_dir() else paths[0].stem
        else:
            run_name = "docgen-check"
        for path in write_outputs(fmt, checked, out_dir, run_name or "docgen-check"):
            click.echo(str(path))
    else:
        click.echo(render_stdout(fmt, checked), nl=False)
    if fmt != "text" or out_dir is not None:
        for c in checked:
            _echo_err(f"{c.result.file}：{verdict_line(c.result)}")
    sys.exit(exit_code([c.result for c in checked], fail_on))


@main.group()
def rules() -> None:
    """审查规则说明：列出规则包中的规则，显示某条规则的依据、参数与示例。"""


@rules.command("list")
@click.option("--profile", "profile_id", default=None, metavar="ID", help="只列出该规则包的规则（默认：全部内置规则包）")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="输出格式")
def rules_list(profile_id: str | None, fmt: str) -> None:
    """列出规则：编号、类别、严重程度、标题。"""
    from docgen.check.profile import ProfileError
    from docgen.check.rulesdoc import list_rows, list_text

    try:
        rows = list_rows(profile_id)
    except ProfileError as exc:
        _echo_err(f"错误：{exc}")
        sys.exit(exitcodes.INPUT_ERROR)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(list_text(rows, with_profiles=profile_id is None), nl=False)


@rules.command("show")
@click.argument("code")
@click.option("--profile", "profile_id", default=None, metavar="ID", help="按该规则包中的定义显示（严重程度、参数）")
def rules_show(code: str, profile_id: str | None) -> None:
    """显示一条规则：标题、类型、类别、严重程度、审查要点、理由、参数与示例。"""
    from docgen.check.profile import ProfileError
    from docgen.check.rulesdoc import find_rule, show_text

    try:
        rule, profiles = find_rule(code, profile_id)
    except ProfileError as exc:
        _echo_err(f"错误：{exc}")
        sys.exit(exitcodes.INPUT_ERROR)
    except KeyError:
        where = f"规则包「{profile_id}」中" if profile_id else ""
        _echo_err(f"错误：{where}没有编号为 {code} 的规则（docgen rules list 列出全部规则）")
        sys.exit(exitcodes.INPUT_ERROR)
    click.echo(show_text(rule, profiles), nl=False)


main.add_command(batch)

if __name__ == "__main__":  # pragma: no cover
    main()
