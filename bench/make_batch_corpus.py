"""Generate a realistic batch corpus: N submitted reports (DOCX and PDF) plus a few hostile files.

Usage: ``.venv/bin/python bench/make_batch_corpus.py OUT_DIR [--n 1000] [--pdf-share 0.12] [--pdfs 2]``

How: the three samples are rendered by docgen (evaluation and acceptance reports: 6 DOCX bases);
``--pdfs`` of them are converted to PDF with LibreOffice (docgen.render.pdf; cached in
OUT_DIR/_base, since a conversion takes 15–20 s). Copies are then varied cheaply by editing
``word/document.xml`` as bytes: another enterprise name, one of eight consultancies, and for about a
quarter of them a defect a clerk would catch (a year left as 20XX, the consultancy blanked, chapter
预审核 renamed so SEC-001 fires). PDF copies differ by a comment appended after %%EOF,
so every file has its own sha256 like a real submission. Hostile files (empty, truncated, PDF
bytes named .docx, a zip bomb) are mixed in. The corpus is not committed (bench output).
"""

from __future__ import annotations

import argparse
import io
import random
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIRMS = ["江苏澄和环保科技有限公司", "上海沛清环境科技咨询有限公司", "上海绿钧环境技术咨询有限公司", "浙江青禾环境工程有限公司",
         "南京蓝岱节能技术服务有限公司", "苏州沐川环保咨询有限公司", "无锡清源环境技术有限公司", "常州绿徽环境科技有限公司"]
PLACES = ["常州", "无锡", "苏州", "南通", "上海", "嘉兴", "湖州", "扬州"]


def base_reports(out: Path, pdfs: int) -> tuple[list[tuple[Path, str, str]], list[Path]]:
    """(docx, enterprise, consultancy) per rendered report, and the converted PDFs (cached)."""
    from docgen.load import load_audit
    from docgen.render.docx import render_report_docx

    base = out / "_base"
    base.mkdir(parents=True, exist_ok=True)
    docx = []
    for sample in sorted((ROOT / "samples").glob("audit-*.yaml")):
        audit = load_audit(sample).audit
        for kind in ("evaluation", "acceptance"):
            path = base / f"{sample.stem}-{kind}.docx"
            if not path.exists():
                path.write_bytes(render_report_docx(audit, kind).data)
            docx.append((path, audit.enterprise.name, audit.consultancy.name))
    converted = []
    for path, _, _ in docx[:pdfs]:
        pdf = path.with_suffix(".pdf")
        if not pdf.exists():
            from docgen.render.pdf.converter import convert_to_pdf

            convert_to_pdf(path, pdf, timeout=600)
        converted.append(pdf)
    return docx, converted


def vary_docx(source: Path, target: Path, enterprise: str, firm: str, rng: random.Random, n: int) -> str:
    """A copy with another enterprise and consultancy, and maybe one defect; returns the defect."""
    with zipfile.ZipFile(source) as zf:
        parts = {info: zf.read(info) for info in zf.infolist()}
    new_name = f"{rng.choice(PLACES)}{'宏澄泓霖沛钧禾岱沐源'[n % 10]}{n:04d}号{enterprise[2:]}"
    new_firm = rng.choice(FIRMS)
    defect = rng.choices(["", "placeholder-year", "blank-consultancy", "renamed-chapter"], [75, 10, 8, 7])[0]
    for info in parts:
        if not (info.filename.startswith("word/") and info.filename.endswith(".xml")):
            continue
        xml = parts[info].decode("utf-8").replace(enterprise, new_name).replace(firm, new_firm)
        if info.filename != "word/document.xml":
            parts[info] = xml.encode("utf-8")       # running headers name the enterprise too
            continue
        if defect == "placeholder-year":
            xml = xml.replace("2023", "20XX", 1)
        elif defect == "blank-consultancy":
            xml = xml.replace(new_firm, "", 1)
        elif defect == "renamed-chapter":
            xml = xml.replace(">预审核<", ">预先审查<")
        parts[info] = xml.encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in parts.items():
            zf.writestr(info, data)
    target.write_bytes(buffer.getvalue())
    return defect


def vary_pdf(source: bytes, target: Path, n: int) -> None:
    """A distinct copy: a comment line after %%EOF (readers ignore it; the sha256 differs).
    Rewriting the PDF with pypdf took ~3 s per 2.6 MB copy on the loaded machine."""
    target.write_bytes(source + f"% docgen-bench copy {n}\n".encode())


def hostile(out: Path, good: Path) -> list[Path]:
    """Files the ingestion gate must refuse — each must still come back as a result."""
    made = {
        "hostile-empty.docx": b"",
        "hostile-truncated.docx": good.read_bytes()[: len(good.read_bytes()) // 2],
        "hostile-pdf-named-docx.docx": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n",
    }
    paths = []
    for name, data in made.items():
        (out / name).write_bytes(data)
        paths.append(out / name)
    bomb = out / "hostile-zip-bomb.docx"  # a 40 MB document.xml of empty paragraphs in a small file
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                head, tail = data.split(b"<w:body>", 1)
                data = head + b"<w:body>" + b"<w:p/>" * 7_000_000 + tail
            dst.writestr(info.filename, data)
    paths.append(bomb)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=1000, help="documents in total (hostile ones included)")
    parser.add_argument("--pdf-share", type=float, default=0.12)
    parser.add_argument("--pdfs", type=int, default=2, help="rendered reports converted to PDF as bases")
    parser.add_argument("--no-hostile", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        if old.is_file():
            old.unlink()
    bases, pdfs = base_reports(out, args.pdfs)
    made = [] if args.no_hostile else hostile(out, bases[0][0])
    defects: dict[str, int] = {}
    n_pdf = round((args.n - len(made)) * args.pdf_share) if pdfs else 0
    pdf_bytes = [p.read_bytes() for p in pdfs]
    for i in range(args.n - len(made)):
        if i < n_pdf:
            target = out / f"r{i:05d}.pdf"
            vary_pdf(pdf_bytes[i % len(pdfs)], target, i)
        else:
            source, enterprise, firm = bases[i % len(bases)]
            target = out / f"r{i:05d}.docx"
            defect = vary_docx(source, target, enterprise, firm, rng, i)
            defects[defect or "none"] = defects.get(defect or "none", 0) + 1
        made.append(target)
    shutil.rmtree(out / "_scratch", ignore_errors=True)
    print(f"{len(made)} files in {out}: {n_pdf} PDF, {len(made) - n_pdf} DOCX/hostile; defects {defects}", file=sys.stderr)


if __name__ == "__main__":
    main()
