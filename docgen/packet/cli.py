"""``docgen packet`` — the click layer over docgen.packet.build."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from docgen import exitcodes


@click.command("packet")
@click.argument("report", type=click.Path(path_type=Path))
@click.option("--profile", "profile_id", default=None, metavar="ID",
              help="规则包（默认按报告类型自动选择）；评分表取自规则包的 scoring:")
@click.option("--audit", type=click.Path(path_type=Path), default=None, help="审核数据（企业名称、咨询机构、提交日期；供数据比对规则使用）")
@click.option("--policy", type=click.Path(path_type=Path), default=None, help="本地规则文件（严重程度、参数）")
@click.option("--waivers", type=click.Path(path_type=Path), default=None, help="豁免文件")
@click.option("--submitted", type=click.DateTime(["%Y-%m-%d"]), default=None, help="提交日期（默认取审核数据中的申请日期）")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), required=True, help="输出目录")
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="转换为 PDF 并合订为一份带书签的 PDF（需要 LibreOffice）")
@click.option("--force", is_flag=True, help="覆盖已存在且不为空的输出目录")
def packet(report: Path, profile_id: str | None, audit: Path | None, policy: Path | None, waivers: Path | None,
           submitted: dt.datetime | None, out_dir: Path, pdf: bool, force: bool) -> None:
    """生成专家评审材料：封面、预审结果、评分表（预填）、空白专家意见单与意见修改回复单、批注版报告，及合订 PDF。

    退出码：0 已生成；2 输入错误（报告、规则包、数据、已存在的输出目录）或 PDF 转换失败。
    """
    from docgen.packet.build import PacketError, build_packet
    from docgen.render.pdf import ConversionError

    try:
        result = build_packet(report, out_dir, profile_id=profile_id, audit=audit, policy=policy, waivers=waivers,
                              pdf=pdf, force=force, submitted=submitted.date() if submitted else None,
                              log=lambda m: click.echo(m, err=True))
    except (PacketError, ConversionError) as exc:
        hint = "（PDF 转换需要 LibreOffice；可加 --no-pdf 只生成 Word 文件）" if isinstance(exc, ConversionError) else ""
        click.echo(f"错误：{exc}{hint}", err=True)
        sys.exit(exitcodes.INPUT_ERROR)
    for path in result.files:
        click.echo(str(path))
    click.echo(f"专家评审材料已写出：{result.out_dir}", err=True)
