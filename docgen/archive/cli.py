"""``docgen package build|verify`` — the click layer over docgen.archive.build and .verify."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from docgen import exitcodes


@click.group("package")
def package() -> None:
    """档案包：按附表2组装评估/验收档案（BagIt + 清单），并核验档案包。"""


@package.command("build")
@click.argument("audit", type=click.Path(path_type=Path))
@click.option("--stage", type=click.Choice(["evaluation", "acceptance"]), required=True,
              help="归档阶段：evaluation（现场评估后一个月内）或 acceptance（现场验收后一个月内）")
@click.option("--materials", type=click.Path(path_type=Path), default=None, help="提交材料所在目录（扫描件、签到表、专家意见等）")
@click.option("--mapping", type=click.Path(path_type=Path), default=None, help="映射文件（YAML）：文件 → Z-n，needed: [Z-20]")
@click.option("--out", "out", type=click.Path(path_type=Path), required=True, help="输出的档案包（.zip）")
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="生成的文件同时转为 PDF（需要 LibreOffice）")
@click.option("--date", "bagging_date", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="打包日期（默认：数据中的归档日期，否则今天）")
@click.option("--force", is_flag=True, help="覆盖已存在的档案包")
def build(audit: Path, stage: str, materials: Path | None, mapping: Path | None, out: Path, pdf: bool,
          bagging_date: dt.datetime | None, force: bool) -> None:
    """组装档案包：生成能由数据生成的文件，匹配提交材料，写出清单、BagIt 校验和与来源记录。

    退出码：0 档案齐全；1 有缺失项；2 输入错误（数据、目录、已存在的档案包）。
    """
    from docgen.archive.build import PackageError, build_package
    from docgen.archive.manifest import STATUS_ZH
    from docgen.render.pdf import ConversionError

    try:
        result = build_package(audit, stage, out, materials=materials, mapping=mapping, pdf=pdf, force=force,
                               bagging_date=bagging_date.date() if bagging_date else None,
                               log=lambda m: click.echo(m, err=True))
    except (PackageError, ConversionError) as exc:
        hint = "（PDF 转换需要 LibreOffice；可加 --no-pdf 只生成 Word 文件）" if isinstance(exc, ConversionError) else ""
        click.echo(f"错误：{exc}{hint}", err=True)
        sys.exit(exitcodes.INPUT_ERROR)
    for item in result.manifest.items:
        if item.stage == stage:
            files = "、".join(f.path.split("/", 1)[1] for f in item.files) or item.note or "—"
            click.echo(f"{item.id:<5} {STATUS_ZH[item.status]:<4} {item.title}：{files}")
    for u in result.manifest.unmatched:
        click.echo(f"未归档  {u['file']}：{u['reason']}")
    for w in result.warnings:
        click.echo(f"警告：{w}", err=True)
    missing = result.missing
    click.echo(f"档案包已写出：{result.package}（缺失 {len(missing)} 项，未归档文件 {len(result.manifest.unmatched)} 个）",
               err=True)
    sys.exit(exitcodes.FINDINGS if missing else exitcodes.OK)


@package.command("verify")
@click.argument("package_zip", metavar="PKG.zip", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text", show_default=True,
              help="输出格式（发现问题的 JSON 契约与 docgen check 相同）")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error", show_default=True,
              help="达到该严重程度的问题使退出码为 1")
def verify(package_zip: Path, fmt: str, fail_on: str) -> None:
    """核验档案包：附表2完整性、每个文件的 sha256、归档期限、文件可读、盖章证据。

    退出码：0 通过；1 有达到 --fail-on 的问题；2 档案包不存在；3 有无法核验的项。
    """
    from docgen.archive.verify import archive_profile, verify_package
    from docgen.check.report import render_stdout
    from docgen.check.run import CheckedDocument, exit_code

    if not package_zip.is_file():
        click.echo(f"错误：档案包「{package_zip}」不存在", err=True)
        sys.exit(exitcodes.INPUT_ERROR)
    result = verify_package(package_zip)
    click.echo(render_stdout(fmt, [CheckedDocument(result, [], archive_profile())]), nl=False)
    sys.exit(exit_code([result], fail_on))
