"""Optional OCR for pages without a usable text layer (``read_pdf(..., ocr=True)``, extra ``[ocr]``).

checker.md §3.4: rapidocr-onnxruntime (the ``[ocr]`` extra) and rapidocr 3.x ship their ONNX models
inside the wheel, so OCR works offline; cnocr/paddleocr/easyocr download models at run time and are
not usable here. Cost: 3–10 s per page and ~1 GB RSS on 2 cores, so OCR is opt-in and runs only on
the pages the health check marked garbled or image-only. At 130 dpi rapidocr 3.10 was as accurate as
at 200 dpi (97.6 %) and 3× faster on a text page, hence the default.

OCR text is less certain: the reader marks the page (``PageHealth.ocr``) and multiplies heading
confidence by 0.6. OCR sees no font weight; a line's size is estimated from its box height.
"""

from __future__ import annotations

from functools import lru_cache

from docgen.read.pdf.text import Line, join_texts

DPI = 130
INSTALL_HINT = "pip install 'docgen[ocr]'"


class OcrUnavailable(RuntimeError):
    """The ``[ocr]`` extra (rapidocr-onnxruntime or rapidocr) is not installed."""


@lru_cache(maxsize=1)
def load_engine():
    """The OCR engine, loaded once per process (model load takes seconds)."""
    try:
        from rapidocr_onnxruntime import RapidOCR  # the [ocr] extra
    except ImportError:
        try:
            from rapidocr import RapidOCR  # rapidocr 3.x, same models in the wheel
        except ImportError as exc:
            raise OcrUnavailable(str(exc)) from exc
    return RapidOCR()


def _results(output) -> list[tuple[list, str, float]]:
    """(box, text, score) from either engine's output shape."""
    if output is None:
        return []
    if isinstance(output, tuple):  # rapidocr-onnxruntime: (result | None, elapse)
        return [(r[0], r[1], float(r[2])) for r in (output[0] or [])]
    boxes, txts, scores = getattr(output, "boxes", None), getattr(output, "txts", None), getattr(output, "scores", None)
    if boxes is None or txts is None:
        return []
    if scores is None:
        scores = [1.0] * len(txts)
    return [(list(b), t, float(s)) for b, t, s in zip(boxes, txts, scores)]


def boxes_to_lines(results: list[tuple[list, str, float]], scale: float, page: int) -> list[Line]:
    """OCR boxes (pixels) → lines (points), boxes on one baseline joined left to right."""
    items = []
    for box, text, _score in results:
        text = (text or "").strip()
        if not text:
            continue
        xs = [float(p[0]) / scale for p in box]
        ys = [float(p[1]) / scale for p in box]
        items.append((min(ys), max(ys), min(xs), max(xs), text))
    items.sort()
    groups: list[list[tuple]] = []
    for it in items:
        if groups:
            g = groups[-1]
            top, bottom = g[0][0], g[0][1]
            mid = (it[0] + it[1]) / 2
            if top <= mid <= bottom:
                g.append(it)
                continue
        groups.append([it])
    lines = []
    for g in groups:
        g.sort(key=lambda it: it[2])
        top, bottom = min(i[0] for i in g), max(i[1] for i in g)
        text = join_texts([i[4] for i in g]) if len(g) == 1 else " ".join(i[4] for i in g)
        lines.append(Line(text=text, x0=min(i[2] for i in g), x1=max(i[3] for i in g), top=top, bottom=bottom,
                          size=round((bottom - top) / 1.2 * 2) / 2, bold=False, page=page,
                          chars=sum(len(i[4]) for i in g), ocr=True))
    return lines


def ocr_page(page, number: int, dpi: int = DPI) -> list[Line]:
    """Render one pypdfium2 page and OCR it; raises OcrUnavailable without the extra."""
    engine = load_engine()
    scale = dpi / 72
    bitmap = page.render(scale=scale)
    try:
        output = engine(_engine_image(bitmap))
    finally:
        bitmap.close()
    return boxes_to_lines(_results(output), scale, number)


def _engine_image(bitmap):
    """BGR array for rapidocr (OpenCV order, which is pdfium's native order); numpy comes with the
    extra — without it (only in tests with a stand-in engine) the PIL image is passed."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        return bitmap.to_pil()
    image = bitmap.to_numpy()
    return image[:, :, :3] if image.ndim == 3 and image.shape[2] == 4 else image
