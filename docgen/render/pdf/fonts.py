"""The pinned Chinese font set: fontconfig aliases for 宋体/仿宋/黑体/楷体 on a Linux server.

Why (notes/generation.md §2.4, §4.3, measured on this machine): Chinese templates name Windows
fonts that no Debian package provides. Without aliases ``fc-match 宋体`` gives DejaVu Sans,
LibreOffice glyph-falls back to one CJK sans face for every Chinese run, and the same DOCX went from
59 to 70 pages — so the TOC page numbers change with the fonts. The shipped
``docgen/data/fonts/fonts.conf`` includes the system configuration and adds aliases; LibreOffice
reads it through ``FONTCONFIG_FILE`` (no system-wide install, no root). :func:`font_set` records
what the four faces resolve to, for the archive manifest and for ``docgen doctor``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from importlib import resources
from pathlib import Path

#: The four faces Chinese reports use, in the order reports list them.
FACES = ("宋体", "仿宋", "黑体", "楷体")
LATIN_FACE = "Times New Roman"

#: What the shipped alias file is meant to give on Debian 12 with docgen/data/debian-packages.txt.
EXPECTED_FONT_SET = {
    "宋体": "Noto Serif CJK SC",
    "仿宋": "AR PL UMing CN",  # no free simplified FangSong exists in Debian (fonts-cwtex-fs is Traditional)
    "黑体": "Noto Sans CJK SC",
    "楷体": "AR PL UKai CN",
    LATIN_FACE: "Liberation Serif",  # Times New Roman's metrics (fonts-liberation2)
}

FONT_PACKAGES = ("fontconfig", "fonts-noto-cjk", "fonts-arphic-uming", "fonts-arphic-ukai", "fonts-wqy-zenhei",
                 "fonts-liberation2")
INSTALL_FONTS = "apt-get install -y --no-install-recommends " + " ".join(FONT_PACKAGES)


class FontSetError(RuntimeError):
    """A Chinese face resolves to a non-CJK font (or fontconfig is missing): the PDF would paginate
    differently from the pinned font set, so conversion must not silently go ahead."""


def fontconfig_file() -> Path:
    """Path of the shipped ``fonts.conf`` as a real file (fontconfig cannot read from a zip)."""
    res = resources.files("docgen").joinpath("data/fonts/fonts.conf")
    if isinstance(res, Path):
        return res
    data = res.read_bytes()
    copy = Path(tempfile.gettempdir()) / f"docgen-fonts-{hashlib.sha256(data).hexdigest()[:16]}.conf"
    if not copy.exists():
        copy.write_bytes(data)
    return copy


def fontconfig_env(base_env: dict[str, str] | None = None) -> dict[str, str]:
    """A copy of ``base_env`` (default: ``os.environ``) with ``FONTCONFIG_FILE`` set to the alias file."""
    env = dict(os.environ if base_env is None else base_env)
    env["FONTCONFIG_FILE"] = str(fontconfig_file())
    return env


def _fc_match(face: str, env: dict[str, str]) -> tuple[str, str, set[str]]:
    """(family, file, languages) that fontconfig picks for ``face``.

    No ``:lang=zh-cn`` in the pattern on purpose: with a language hint fontconfig would find *some*
    CJK font even without our aliases and hide the 59 → 70 pages problem.
    """
    try:
        out = subprocess.run(
            ["fc-match", "-f", "%{family[0]}\t%{file}\t%{lang}\n", face],
            capture_output=True, text=True, env=env, timeout=30, check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise FontSetError(f"无法查询字体“{face}”（fc-match 失败：{exc}）；请安装：{INSTALL_FONTS}") from exc
    family, file, langs = (out.strip().split("\t") + ["", "", ""])[:3]
    return family, file, set(langs.split("|"))


def font_set(env: dict[str, str] | None = None) -> dict[str, str]:
    """Map 宋体/仿宋/黑体/楷体 to the family fontconfig resolves under the shipped alias file.

    Raises :class:`FontSetError` when fontconfig is missing or a face resolves to a font without
    simplified-Chinese coverage (fontconfig's ``zh-cn`` language), i.e. the aliases or the CJK font
    packages are missing.
    """
    if shutil.which("fc-match") is None:
        raise FontSetError(f"未找到 fontconfig（fc-match），无法确定中文字体；请安装：{INSTALL_FONTS}")
    env = fontconfig_env(env)
    resolved: dict[str, str] = {}
    bad: list[str] = []
    for face in FACES:
        family, _file, langs = _fc_match(face, env)
        resolved[face] = family
        if "zh-cn" not in langs:
            bad.append(f"{face}→{family or '无'}")
    if bad:
        raise FontSetError(
            "中文字体别名无效：" + "、".join(bad) + " 不是中文字体，PDF 的分页（以及目录页码）会与预期不同；"
            f"请安装：{INSTALL_FONTS}，并确认 {fontconfig_file()} 可读"
        )
    # The templates' Latin face paginates too (digits in tables): record what stands in for it —
    # Liberation Serif has Times New Roman's metrics, DejaVu Serif is ≈25 % wider.
    resolved[LATIN_FACE] = _fc_match(LATIN_FACE, env)[0]
    return resolved
