"""Real materials folders for the archive tests: scanned PDFs (an image page with a red round seal,
made with Pillow) and Word files with text (python-docx) — what a consultancy hands in."""

from __future__ import annotations

from pathlib import Path

import docx
from PIL import Image, ImageDraw

#: supplied-only items of each stage, as a consultancy names the files
EVALUATION_FILES = {
    "营业执照.pdf": "Z-1",
    "清洁生产审核技术服务合同.docx": "Z-2",
    "评估会议签到表.pdf": "Z-6",
    "评估专家组意见.docx": "Z-7",
    "评估打分表.pdf": "Z-8",
    "评估专家意见单.docx": "Z-9",
    "评估意见修改回复单.docx": "Z-10",
}
ACCEPTANCE_FILES = {
    "监测报告.pdf": "Z-15",
    "验收会议签到表.pdf": "Z-16",
    "验收专家组意见.docx": "Z-17",
    "验收打分表.pdf": "Z-18",
    "验收专家意见单.docx": "Z-19",
    "验收意见修改回复单.docx": "Z-21",
}


def scan_pdf(path: Path, seal: bool = True) -> Path:
    """A one-page scanned document: black lines of "text" and, optionally, a red round seal."""
    image = Image.new("RGB", (595, 842), "white")
    draw = ImageDraw.Draw(image)
    for y in range(100, 500, 30):
        draw.line((60, y, 535, y), fill="black", width=3)
    if seal:
        draw.ellipse((380, 600, 500, 720), outline=(220, 0, 0), width=6)
    image.save(path, resolution=72)
    return path


def word_file(path: Path, title: str) -> Path:
    document = docx.Document()
    document.add_heading(title, level=1)
    document.add_paragraph(f"{title}（示例材料：实际归档时为签字、盖章后的原件扫描件或电子文件）。")
    document.save(path)
    return path


def make_materials(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in files:
        path = folder / name
        if name.endswith(".pdf"):
            scan_pdf(path)
        else:
            word_file(path, Path(name).stem)
    return folder
