"""``docgen park validate|calc|render`` — the park audit commands (registered in docgen/cli.py).

Same conventions as the enterprise commands: machine output (JSON figures) on stdout, messages on
stderr; exit 0 ok, 2 for bad input (data problems, an existing output without --force, a failed
conversion).
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

import click

from docgen import exitcodes
from docgen.park.load import ParkLoad, load_park


def _err(message: str) -> None:
    click.echo(message, err=True)


def _load(file: Path) -> ParkLoad:
    result = load_park(file)
    for p in result.problems:
        _err(f"{file}: {p.render()}")
    if not result.ok:
        _err(f"错误：数据文件有 {len(result.errors)} 个问题，未继续处理")
        sys.exit(exitcodes.INPUT_ERROR)
    return result


@click.group("park")
def park() -> None:
    """园区清洁生产审核（《产业园区清洁生产审核指南》）：校验数据、计算重点管控名单与指标评价、生成报告。"""


@park.command("validate")
@click.argument("file", type=click.Path(path_type=Path))
def validate(file: Path) -> None:
    """校验园区审核数据文件（YAML/JSON），列出全部问题及所在行。"""
    result = _load(file)
    warnings = len(result.problems)
    _err(f"{file}: 数据有效" + (f"（{warnings} 个警告）" if warnings else ""))


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, frozenset, set)):
        return [_plain(v) for v in (sorted(value) if isinstance(value, (set, frozenset)) else value)]
    return value


def figures_json(result: ParkLoad) -> dict:
    from docgen.park.figures import compute

    fig = compute(result.data)
    c, g = fig.control, fig.grading
    return _plain({
        "totals": fig.totals,
        "control_list": {
            "threshold": c.threshold,
            "members": list(c.members),
            "reasons": {k: list(v) for k, v in c.reasons.items()},
            "coverage": c.coverage,
            "per_element": {e: {"selected": list(s.selected), "coverage": s.coverage, "tied_out": list(s.tied_out)}
                            for e, s in c.elements.items()},
        },
        "grading": {"method": g.method, "index": g.index, "level": g.level, "label": g.label_zh, "reason": g.reason_zh,
                    "indicators": {k: {"levels": list(v.levels), "best": v.best, "score": v.score} for k, v in g.indicators.items()}},
        "schemes": {k: {"count": v.count, "done": v.done, "investment": v.investment, "benefit": v.benefit}
                    for k, v in {**fig.schemes, "合计": fig.scheme_total}.items()},
        "reductions": fig.reductions,
        "targets": {k: (None if a is None else {"met": a.met, "status": a.status, "completion_rate": a.completion_rate})
                    for k, a in fig.achievements.items()},
    })


@park.command("calc")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True, help="输出格式")
def calc(file: Path, fmt: str) -> None:
    """计算园区合计、重点管控名单（≥80% 规则）、指标评价、方案统计和目标完成情况。"""
    result = _load(file)
    out = figures_json(result)
    if fmt == "json":
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    data = result.data
    names = {e.id: e for e in data.enterprises}
    els = {e.id: e for e in data.elements}
    lines = [f"{data.park.name}（基准年 {data.audit.base_year}）", "园区合计："]
    lines += [f"  {els[k].name}：{v} {els[k].unit}" for k, v in out["totals"].items()]
    cl = out["control_list"]
    lines.append(f"重点管控名单（阈值 {Decimal(cl['threshold']) * 100:.0f}%）：{len(cl['members'])} 家")
    lines += [f"  {names[m].name}（{'、'.join(els[e].name for e in cl['reasons'][m])}）" for m in cl["members"]]
    lines.append("名单覆盖：" + "；".join(f"{els[k].name} {Decimal(v) * 100:.2f}%" if v is not None else f"{els[k].name} —"
                                      for k, v in cl["coverage"].items()))
    lines.append(f"指标评价：{out['grading']['reason']}")
    lines.append("方案：" + "；".join(f"{k} {v['count']} 项（已实施 {v['done']}）" for k, v in out["schemes"].items()))
    click.echo("\n".join(lines))


@park.command("schema")
def schema() -> None:
    """输出园区审核数据文件的 JSON Schema（供编辑器校验和补全）。"""
    from docgen.park.model import ParkData

    click.echo(json.dumps(ParkData.model_json_schema(), ensure_ascii=False, indent=2))


@park.command("render")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--kind", type=click.Choice(["audit", "annual", "all"]), default="all", show_default=True,
              help="audit = 园区清洁生产审核报告；annual = 园区年度清洁生产整体报告")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True, help="输出目录")
@click.option("--pdf", is_flag=True, help="同时用 LibreOffice 转换为 PDF（目录页码回写 DOCX）")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件")
def render_cmd(file: Path, kind: str, out_dir: Path, pdf: bool, force: bool) -> None:
    """生成园区报告（DOCX，可选 PDF）。"""
    from docgen.park.render import render
    from docgen.render.docx import RenderError
    from docgen.render.pdf import ConversionError

    result = _load(file)
    kinds = ["audit", "annual"] if kind == "all" else [kind]
    if kind == "all" and result.data.annual is None:
        kinds = ["audit"]
        _err("提示：数据文件没有 annual（年度数据），只生成园区清洁生产审核报告")
    try:
        outputs = render(result.data, kinds, out_dir, pdf=pdf, force=force)
    except (RenderError, ConversionError, FileExistsError) as exc:
        _err(f"错误：{exc}")
        sys.exit(exitcodes.INPUT_ERROR)
    for o in outputs:
        click.echo(str(o.docx))
        if o.pdf:
            click.echo(str(o.pdf))
            _err(f"{o.pdf.name}：{o.pages} 页")
