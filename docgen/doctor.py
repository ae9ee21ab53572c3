"""``docgen doctor``: is this machine able to render, convert and check reports?

What breaks in practice (notes/generation.md §2.4, §4): LibreOffice missing or not on PATH, no
Chinese fonts (LibreOffice then renders every 宋体/仿宋/黑体 in one fallback face and pagination —
hence TOC page numbers — changes), a Python too old, optional extras not installed. Each check says
what it found and, when something is missing, the exact command that installs it.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from importlib import resources

REQUIRED_MODULES = {
    "pydantic": "pydantic",
    "yaml": "PyYAML",
    "click": "click",
    "lxml": "lxml",
    "jinja2": "Jinja2",
    "docx": "python-docx",
    "docxtpl": "docxtpl",
    "pypdf": "pypdf",
    "pypdfium2": "pypdfium2",
    "opencc": "opencc",
    "bagit": "bagit",
}

#: extra name → (importable module, what it enables)
OPTIONAL_EXTRAS = {
    "ocr": ("rapidocr_onnxruntime", "扫描版 PDF 的文字识别（OCR）"),
    "distributed": ("distributed", "Dask 分布式批量校核"),
    "server": ("uvicorn", "区局 Web 服务"),
}

CJK_FONT_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UMing CN", "AR PL UKai CN", "WenQuanYi Zen Hei")


def debian_packages() -> list[str]:
    text = resources.files("docgen").joinpath("data/debian-packages.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    required: bool = True
    fix: str | None = None


@dataclass
class DoctorReport:
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks if c.required)

    def as_text(self) -> str:
        lines = ["docgen 运行环境检查", ""]
        for c in self.checks:
            mark = "✓" if c.ok else ("✗" if c.required else "–")
            tag = "" if c.required else "（可选）"
            lines.append(f"{mark} {c.name}{tag}：{c.detail}")
            if not c.ok and c.fix:
                lines.append(f"    安装：{c.fix}")
        lines.append("")
        lines.append("结论：" + ("必需组件齐全。" if self.ok else "缺少必需组件，请按上面的命令安装。"))
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {
            "ok": self.ok,
            "checks": [c.__dict__ for c in self.checks],
        }


def _run(cmd: list[str], timeout: float = 30) -> str | None:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return (out.stdout or out.stderr).strip()


def _apt(packages: list[str]) -> str:
    return "apt-get update && apt-get install -y --no-install-recommends " + " ".join(packages)


def check_python() -> Check:
    ok = sys.version_info >= (3, 11)
    return Check("Python", ok, sys.version.split()[0] + ("" if ok else "（需要 3.11 或更高版本）"), fix=None if ok else "安装 Python 3.11+")


def check_modules() -> list[Check]:
    checks = []
    for module, dist in REQUIRED_MODULES.items():
        try:
            importlib.import_module(module)
            version = importlib.metadata.version(dist)
            checks.append(Check(dist, True, version))
        except Exception as exc:  # noqa: BLE001 — report any import failure
            checks.append(Check(dist, False, f"无法导入（{exc.__class__.__name__}）", fix=f"pip install '{dist}'"))
    return checks


def find_soffice() -> str | None:
    """soffice on PATH, or the usual install places (Debian, the upstream .deb, Windows)."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = [
        "/usr/lib/libreoffice/program/soffice",
        "/opt/libreoffice/program/soffice",
        r"C:\Program Files\LibreOffice\program\soffice.exe",
    ]
    return next((c for c in candidates if os.path.exists(c)), None)


def check_libreoffice() -> Check:
    path = find_soffice()
    if path is None:
        return Check("LibreOffice", False, "未找到 soffice（DOCX 转 PDF 需要）", fix=_apt(["libreoffice-writer-nogui"]))
    version = _run([path, "--version"], timeout=60) or "版本未知"
    return Check("LibreOffice", True, f"{version}（{path}）")


def cjk_families() -> list[str]:
    out = _run(["fc-list", ":lang=zh", "family"])
    if not out:
        return []
    families = set()
    for line in out.splitlines():
        families.update(part.strip() for part in line.split(","))
    return sorted(f for f in families if f)


def check_fonts() -> Check:
    if shutil.which("fc-list") is None:
        return Check("中文字体", False, "未找到 fontconfig（fc-list）", fix=_apt(["fontconfig", "fonts-noto-cjk"]))
    families = cjk_families()
    wanted = [f for f in CJK_FONT_FAMILIES if f in families]
    missing_pkgs = [p for p in debian_packages() if p.startswith("fonts-")]
    if not families:
        return Check("中文字体", False, "未安装任何中文字体：宋体/仿宋/黑体将无法正确显示，PDF 分页会变化", fix=_apt(missing_pkgs))
    detail = "、".join(wanted) if wanted else "、".join(families[:5])
    ok = "Noto Serif CJK SC" in families and "Noto Sans CJK SC" in families
    return Check("中文字体", ok, detail + ("" if ok else "（缺少 Noto CJK SC，宋体/黑体的替代字体）"), fix=None if ok else _apt(missing_pkgs))


def check_font_aliases() -> Check:
    """宋体/仿宋/黑体/楷体 must resolve to CJK fonts under the shipped alias file (docgen/data/fonts/
    fonts.conf): otherwise LibreOffice renders all Chinese in one fallback face and the PDF's page
    count — and every TOC page number — changes (70 vs 59 pages measured, notes/generation.md §2.4)."""
    from docgen.render.pdf.fonts import EXPECTED_FONT_SET, FONT_PACKAGES, FontSetError, font_set

    try:
        resolved = font_set()
    except FontSetError as exc:
        return Check("中文字体别名", False, str(exc), fix=_apt(list(FONT_PACKAGES)))
    detail = "，".join(f"{face}→{family}" for face, family in resolved.items())
    unexpected = [face for face, family in resolved.items() if EXPECTED_FONT_SET.get(face) != family]
    if unexpected:
        detail += f"（{'、'.join(unexpected)} 与默认字体组合不同：PDF 分页可能与其他机器不一致）"
    return Check("中文字体别名", True, detail)


def check_uno() -> Check:
    """LibreOffice's Python bridge refreshes the TOC before PDF export; plain ``soffice --convert-to``
    leaves the TOC placeholder in the PDF (notes/generation.md §3.1). Only the system interpreter
    has it on Debian (python3-uno), never the venv."""
    from docgen.render.pdf.errors import ConversionError
    from docgen.render.pdf.tools import INSTALL_UNO, find_uno_python

    try:
        path = find_uno_python()
    except ConversionError:
        return Check("python3-uno", False, "没有能导入 uno 的 Python：无法更新目录页码，PDF 中的目录将只有占位文字", fix=INSTALL_UNO)
    return Check("python3-uno", True, f"{path} 可导入 uno（更新目录并导出 PDF）")


def check_poppler() -> Check:
    missing = [tool for tool in ("pdftoppm", "pdffonts") if shutil.which(tool) is None]
    if missing:
        return Check("poppler-utils", False, f"未找到 {'、'.join(missing)}（PDF 预览与字体检查）", required=False, fix=_apt(["poppler-utils"]))
    return Check("poppler-utils", True, "pdftoppm、pdffonts 可用", required=False)


def check_extras() -> list[Check]:
    checks = []
    for extra, (module, purpose) in OPTIONAL_EXTRAS.items():
        try:
            importlib.import_module(module)
            checks.append(Check(f"[{extra}] {module}", True, purpose, required=False))
        except Exception:  # noqa: BLE001
            checks.append(Check(f"[{extra}] {module}", False, f"未安装：{purpose}", required=False, fix=f"pip install 'docgen[{extra}]'"))
    return checks


def run_checks() -> DoctorReport:
    report = DoctorReport()
    report.checks.append(check_python())
    report.checks.extend(check_modules())
    report.checks.append(check_libreoffice())
    report.checks.append(check_uno())
    report.checks.append(check_fonts())
    report.checks.append(check_font_aliases())
    report.checks.append(check_poppler())
    report.checks.extend(check_extras())
    return report
