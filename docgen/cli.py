"""The ``docgen`` command line: a thin click layer over the Python API.

Machine output (JSON, schema, figures) goes to stdout; progress and human messages to stderr, so
``docgen calc x.yaml --format json > out.json`` always yields parseable JSON. Exit codes are in
``docgen.exitcodes``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from docgen import __version__, exitcodes


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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


if __name__ == "__main__":  # pragma: no cover
    main()
