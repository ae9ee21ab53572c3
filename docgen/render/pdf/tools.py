"""Finding the external programs: soffice, and a Python that can ``import uno``.

The venv cannot import ``uno``: Debian ships it as ``python3-uno`` for the *system* interpreter only
(notes/generation.md §4.1), and upstream LibreOffice builds bundle their own ``program/python``.
So the UNO driver runs under whichever interpreter passes ``import uno`` — probed once per process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import lru_cache

from docgen.doctor import find_soffice
from docgen.render.pdf.errors import ConversionError
from docgen.render.pdf.fonts import fontconfig_env

INSTALL_UNO = "apt-get install -y --no-install-recommends python3-uno"
INSTALL_LIBREOFFICE = "apt-get install -y --no-install-recommends libreoffice-writer-nogui"

#: Tried in this order after ``$DOCGEN_UNO_PYTHON``. ``python3`` on PATH may be a pyenv shim or a
#: venv (no uno) — it is probed, not trusted.
UNO_PYTHON_CANDIDATES = (
    "/usr/bin/python3",
    "python3",
    "/usr/lib/libreoffice/program/python",
    "/opt/libreoffice/program/python",
)


def clean_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for the driver and soffice: the font aliases, and none of the caller's Python
    variables (soffice embeds a Python of its own; a venv's PYTHONHOME/PYTHONPATH can break it)."""
    env = fontconfig_env(base)
    for var in ("PYTHONHOME", "PYTHONPATH", "PYTHONSTARTUP", "VIRTUAL_ENV"):
        env.pop(var, None)
    return env


def uno_python_candidates() -> list[str]:
    override = os.environ.get("DOCGEN_UNO_PYTHON")
    found: list[str] = []
    for candidate in ((override,) if override else ()) + UNO_PYTHON_CANDIDATES:
        path = candidate if os.path.isabs(candidate) else shutil.which(candidate)
        if path and os.access(path, os.X_OK) and path not in found:
            found.append(path)
    return found


@lru_cache(maxsize=None)
def find_uno_python() -> str:
    """Path of the first interpreter that can ``import uno``; :class:`ConversionError` naming the
    Debian package when there is none. Cached per process (a probe costs ~30 ms)."""
    env = clean_env()
    tried = uno_python_candidates()
    for path in tried:
        try:
            probe = subprocess.run([path, "-I", "-c", "import uno"], capture_output=True, env=env, timeout=30)
        except (OSError, subprocess.SubprocessError):
            continue
        if probe.returncode == 0:
            return path
    raise ConversionError(
        "找不到能导入 uno（LibreOffice 的 Python 接口）的 Python 解释器（已尝试："
        + ("、".join(tried) or "无")
        + f"），无法更新目录页码并导出 PDF；请安装：{INSTALL_UNO}",
        kind="environment",
    )


def require_soffice(soffice: str | None = None) -> str:
    found = soffice or find_soffice()
    if not found or not (os.path.isfile(found) or shutil.which(found)):
        raise ConversionError(
            f"未找到 LibreOffice（soffice），无法把 Word 文件转换为 PDF；请安装：{INSTALL_LIBREOFFICE}", kind="environment"
        )
    return found


@lru_cache(maxsize=None)
def _version(soffice: str) -> str:
    try:
        out = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=60, env=clean_env())
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    lines = (out.stdout or "").strip().splitlines()
    return lines[0].strip() if lines else "unknown"


def libreoffice_version(soffice: str | None = None) -> str:
    """E.g. ``"LibreOffice 7.4.7.2 40(Build:2)"``; recorded with every PDF because the layout (hence
    every page number) depends on the LibreOffice release. ``"unknown"`` if soffice cannot run."""
    soffice = soffice or find_soffice()
    return _version(soffice) if soffice else "unknown"
