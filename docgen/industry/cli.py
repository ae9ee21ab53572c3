"""``docgen industry validate|calc|render`` — the industry-wide audit from the command line.

A separate group (not a kind recognised inside ``docgen validate``) because the data file, the
figures and the documents are all different from an enterprise audit's; the conventions are the
same: machine output on stdout, messages on stderr, exit codes of docgen.exitcodes, nothing
overwritten without ``--force``.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

import click

from docgen import exitcodes


def _err(message: str) -> None:
    click.echo(message, err=True)


def _load(file: Path):
    from docgen.industry import load_industry

    return load_industry(file)


def _load_or_exit(file: Path):
    result = _load(file)
    for problem in result.problems:
        _err(f"{file}: {problem.render()}")
    if not result.ok:
        _err(f"{file}：发现 {len(result.errors)} 个错误、{len(result.warnings)} 个警告，数据未通过校验。")
        sys.exit(exitcodes.INPUT_ERROR)
    return result.audit


@click.group("industry")
def industry() -> None:
    """行业清洁生产审核：数据校验、计算、报告与企业简表生成。"""


@industry.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="输出格式")
def validate_cmd(files: tuple[Path, ...], fmt: str) -> None:
    """校验行业审核数据文件，列出全部问题（字段路径与行号）。退出码：0 通过；2 有错误。"""
    worst = exitcodes.OK
    reports = []
    for file in files:
        result = _load(file)
        if not result.ok:
            worst = exitcodes.INPUT_ERROR
        if fmt == "json":
            reports.append({"file": str(file), "valid": result.ok, "errors": len(result.errors),
                            "warnings": len(result.warnings), "problems": [p.to_dict() for p in result.problems]})
            continue
        for problem in result.problems:
            click.echo(f"{file}: {problem.render()}")
        _err(f"{file}：{'通过' if result.ok else '未通过'}（{len(result.errors)} 个错误，{len(result.warnings)} 个警告）")
    if fmt == "json":
        click.echo(json.dumps(reports[0] if len(reports) == 1 else reports, ensure_ascii=False, indent=2))
    sys.exit(worst)


def figures_json(data, figures) -> dict:
    """The computed figures as JSON (Decimals as strings: exact, as in ``docgen calc``)."""

    def s(value):
        return None if value is None else str(value if not isinstance(value, Decimal) else value.normalize())

    return {
        "enterprises": len(data.enterprises),
        "listed": len(data.listed),
        "coverage": [{"basis": c.basis, "industry_total": s(c.industry_total), "listed_total": s(c.listed_total),
                      "share": s(c.share.quantize(Decimal("0.0001"))), "threshold": s(c.threshold), "met": c.met}
                     for c in figures.coverage],
        "levels_before": figures.levels_before,
        "levels_after": figures.levels_after,
        "reductions": {k: {"before": s(r.before), "after": s(r.after), "amount": s(r.amount),
                           "rate": s(r.rate.quantize(Decimal("0.0001")) if r.rate is not None else None)}
                       for k, r in figures.reductions.items()},
        "targets": [{"id": r.target.id, "indicator": r.target.indicator, "baseline": s(r.target.baseline),
                     "target": s(r.target.target), "actual": s(r.actual), "met": r.met} for r in figures.targets],
        "schemes": figures.scheme_counts,
        "investment": s(figures.investment),
        "benefit": s(figures.benefit),
    }


@industry.command("calc")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="输出格式")
def calc_cmd(file: Path, fmt: str) -> None:
    """计算名单覆盖率、清洁生产水平分级统计、目标达标、减排量和投入产出。"""
    from docgen.industry.calc import compute
    from docgen.industry.text import figures_text

    data = _load_or_exit(file)
    figures = compute(data)
    if fmt == "json":
        click.echo(json.dumps(figures_json(data, figures), ensure_ascii=False, indent=2))
    else:
        click.echo(figures_text(data, figures))


@industry.command("render")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="输出目录")
@click.option("--pdf", is_flag=True, help="同时输出 PDF（LibreOffice 转换）")
@click.option("--profile", type=click.Choice(["jiangsu-5-stage", "national-3-phase"]), default=None,
              help="报告框架（默认取数据中的 audit.profile）")
@click.option("--no-sheets", is_flag=True, help="只生成行业报告，不生成企业简表")
@click.option("--template", "template_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="自定义模板目录（优先于内置模板）")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件")
def render_cmd(file: Path, out_dir: Path, pdf: bool, profile: str | None, no_sheets: bool,
               template_dir: Path | None, force: bool) -> None:
    """生成《行业清洁生产审核报告》和名单企业的清洁生产审核简表（DOCX，可选 PDF）。

    退出码：0 全部生成；2 数据有误、输出已存在（未加 --force）或有文档无法生成。
    """
    from docgen.industry.render import RenderError, planned_paths, render_all

    data = _load_or_exit(file)
    if not force:
        existing = [p for p in planned_paths(data, out_dir, sheets=not no_sheets, pdf=pdf) if p.exists()]
        if existing:
            _err(f"输出文件已存在（共 {len(existing)} 个，如 {existing[0]}），未生成；如需覆盖请加 --force。")
            sys.exit(exitcodes.INPUT_ERROR)
    try:
        docs = render_all(data, out_dir, pdf=pdf, sheets=not no_sheets, profile=profile, template_dir=template_dir)
    except RenderError as exc:
        _err(f"无法生成：{exc}")
        sys.exit(exitcodes.INPUT_ERROR)
    failed = False
    for d in docs:
        if d.error:
            failed = True
            _err(f"✗ {d.title}：{d.error}")
            continue
        click.echo("\n".join(str(p) for p in (d.path, d.pdf) if p))
    _err(f"✓ 生成 {sum(1 for d in docs if not d.error)} 份文档；输出目录：{out_dir.resolve()}")
    sys.exit(exitcodes.INPUT_ERROR if failed else exitcodes.OK)


@industry.command("schema")
def schema_cmd() -> None:
    """输出行业审核数据模型的 JSON Schema（供编辑器补全与系统集成）。"""
    from docgen.industry.model import IndustryAuditData

    click.echo(json.dumps(IndustryAuditData.model_json_schema(), ensure_ascii=False, indent=2))
