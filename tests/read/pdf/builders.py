"""Hostile and broken PDFs, made at test time (nothing binary is committed).

* ToUnicode removed — checker.md §3.2: every extractor then returns control characters or
  ``(cid:N)``; here pypdf deletes ``/ToUnicode`` from every font of a copy of a rendered report.
* image-only — a page rendered to an image with pypdfium2 and saved as a PDF by Pillow: a scan.
* encrypted — pypdf with a user password (needs one to open) or an owner password only.
* empty pages — pypdf blank pages.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject


def _strip_to_unicode(writer: PdfWriter, pages) -> int:
    removed = 0
    for page in pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if "/ToUnicode" in font:
                del font[NameObject("/ToUnicode")]
                removed += 1
    return removed


def without_to_unicode(src: Path, dst: Path, pages: int | None = None) -> Path:
    """A copy of ``src`` (first ``pages`` pages) whose fonts have no ToUnicode map."""
    reader = PdfReader(src)
    writer = PdfWriter()
    for page in reader.pages[:pages]:
        writer.add_page(page)
    assert _strip_to_unicode(writer, writer.pages) > 0
    writer.write(dst)
    return dst


def mixed_garbled(src: Path, dst: Path, good: int, bad: int) -> Path:
    """``good`` pages as rendered, then ``bad`` pages (the next ones) without ToUnicode maps."""
    writer = PdfWriter()
    for page in PdfReader(src).pages[:good]:
        writer.add_page(page)
    broken = PdfReader(src).pages[good:good + bad]  # a second reader: its fonts are separate objects
    added = [writer.add_page(page) for page in broken]
    assert _strip_to_unicode(writer, added) > 0
    writer.write(dst)
    return dst


def image_only(src: Path, dst: Path, pages: int = 2, scale: float = 1.0) -> Path:
    """The first pages of ``src`` as images only (what a scanner produces)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(src))
    images = []
    try:
        for i in range(pages):
            page = doc[i]
            images.append(page.render(scale=scale).to_pil().convert("RGB"))
            page.close()
    finally:
        doc.close()
    images[0].save(dst, "PDF", resolution=72.0 * scale, save_all=True, append_images=images[1:])
    return dst


def drawn_image_pdf(dst: Path, pages: int = 1) -> Path:
    """A scan-like PDF without LibreOffice: a grey page with dark bars, saved by Pillow."""
    from PIL import Image, ImageDraw

    images = []
    for _ in range(pages):
        im = Image.new("RGB", (595, 842), "white")
        draw = ImageDraw.Draw(im)
        for y in range(100, 700, 30):
            draw.rectangle((90, y, 500, y + 12), fill="black")
        images.append(im)
    images[0].save(dst, "PDF", resolution=72.0, save_all=True, append_images=images[1:])
    return dst


def encrypted(src: Path, dst: Path, user_password: str, owner_password: str = "owner-secret") -> Path:
    writer = PdfWriter()
    for page in PdfReader(src).pages[:3]:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    writer.write(dst)
    return dst


def blank(dst: Path, pages: int = 2) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    writer.write(dst)
    return dst


# --------------------------------------------------------------------------- synthetic PDFs (no LibreOffice)


def synthetic_pdf(dst: Path, pages: list[list[tuple]], size: tuple[float, float] = (595, 842)) -> Path:
    """A PDF drawn with pypdfium2 itself (standard Helvetica, so Latin text only).

    Items per page, y measured from the TOP edge (as a reader sees it):
    ``("text", x, baseline_y, font_size, text)``, ``("bold", …)`` (Helvetica-Bold),
    ``("hline", x0, x1, y)``, ``("vline", y0, y1, x)``.
    """
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as R

    width, height = size
    pdf = pdfium.PdfDocument.new()
    regular = R.FPDFText_LoadStandardFont(pdf.raw, b"Helvetica")
    bold = R.FPDFText_LoadStandardFont(pdf.raw, b"Helvetica-Bold")
    for items in pages:
        page = pdf.new_page(width, height)
        for item in items:
            kind = item[0]
            if kind in ("text", "bold"):
                _, x, y, font_size, text = item
                obj = R.FPDFPageObj_CreateTextObj(pdf.raw, bold if kind == "bold" else regular, float(font_size))
                buf = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
                R.FPDFText_SetText(obj, ctypes.cast(buf, ctypes.POINTER(R.FPDF_WCHAR)))
                R.FPDFPageObj_Transform(obj, 1, 0, 0, 1, float(x), float(height - y))
            else:
                if kind == "hline":
                    _, x0, x1, y = item
                    (ax, ay), (bx, by) = (x0, height - y), (x1, height - y)
                else:
                    _, y0, y1, x = item
                    (ax, ay), (bx, by) = (x, height - y0), (x, height - y1)
                obj = R.FPDFPageObj_CreateNewPath(float(ax), float(ay))
                R.FPDFPath_LineTo(obj, float(bx), float(by))
                R.FPDFPath_SetDrawMode(obj, R.FPDF_FILLMODE_NONE, 1)
                R.FPDFPageObj_SetStrokeWidth(obj, 0.5)
                R.FPDFPageObj_SetStrokeColor(obj, 0, 0, 0, 255)
            R.FPDFPage_InsertObject(page.raw, obj)
        page.gen_content()
        page.close()
    pdf.save(str(dst))
    pdf.close()
    return dst


def grid(x0: float, y0: float, col_widths: list[float], row_heights: list[float],
         missing: set[tuple] = frozenset()) -> list[tuple]:
    """Rules of a table; ``missing`` holds ("v", row, boundary) / ("h", boundary, col) to leave out
    (a merged cell is a missing rule)."""
    xs = [x0]
    for w in col_widths:
        xs.append(xs[-1] + w)
    ys = [y0]
    for h in row_heights:
        ys.append(ys[-1] + h)
    items: list[tuple] = []
    for j, x in enumerate(xs):
        for r in range(len(row_heights)):
            if ("v", r, j) not in missing:
                items.append(("vline", ys[r], ys[r + 1], x))
    for i, y in enumerate(ys):
        for c in range(len(col_widths)):
            if ("h", i, c) not in missing:
                items.append(("hline", xs[c], xs[c + 1], y))
    return items
