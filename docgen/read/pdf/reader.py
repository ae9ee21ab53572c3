"""``read_pdf``: a submitted PDF report → ``Document`` (or ``NotEvaluable``), what a human sees.

Order of work, and why:
1. Guards before parsing: file size (``Limits.max_file_bytes``), the ``%PDF-`` signature, a user
   password (→ DOC.ENCRYPTED; an owner-password-only PDF opens and is read with a warning), the page
   cap (→ DOC.TOO_MANY_PAGES). Nothing raises into a batch (model.py).
2. One pass per page, closing each page before the next (memory stays flat on 100+ pages): characters
   with font info (text.py), rules and images (objects.py), grids and the characters inside them
   (tables.py), lines from the remaining characters, the health of the text layer (health.py), and
   OCR for unusable pages when asked (ocr.py).
3. Document-wide passes that need every page: running headers/footers (layout.py), TOC pages (toc.py),
   the body size and headings (headings.py), captions and split tables (tables.py), paragraphs.

Choices stated for reviewers: PDF gives no PageBreak blocks (every block's ``Location.page`` is the
exact physical page, 1-based); TOC lines go to ``Document.toc`` only, never into blocks; a table
caption is both ``Table.caption`` and a Paragraph of its own; a table split across pages is ONE
Table located where it starts; text of garbled/image-only pages is not used (warnings say which).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from docgen.read.limits import DEFAULT_LIMITS, Limits
from docgen.read.model import (
    Document,
    Heading,
    Image,
    Location,
    NotEvaluable,
    PageHealth,
    Paragraph,
    Table,
)
from docgen.read.pdf import headings as headings_mod
from docgen.read.pdf import health as health_mod
from docgen.read.pdf import layout
from docgen.read.pdf import ocr as ocr_mod
from docgen.read.pdf import tables as tables_mod
from docgen.read.pdf import toc as toc_mod
from docgen.read.pdf.objects import scan_objects
from docgen.read.pdf.text import Line, View, build_lines, extract_chars, join_texts

MIN_IMAGE_MM = 10.0
_PT_MM = 25.4 / 72


@dataclass
class PageData:
    number: int
    width: float
    height: float
    lines: list[Line]
    pieces: list[tables_mod.TablePiece]
    images: list[tuple[float, float, float, float]]
    health: PageHealth
    notes: list[str] = field(default_factory=list)


def _not_evaluable(path: Path, sha256: str, code: str, zh: str, en: str, detail: str = "") -> NotEvaluable:
    return NotEvaluable(path=str(path), code=code, reason_zh=zh, reason_en=en, detail=detail, sha256=sha256)


def _pages_text(numbers: list[int]) -> str:
    return "、".join(str(n) for n in numbers)


# --------------------------------------------------------------------------- opening


def _open(path: Path, sha256: str, limits: Limits) -> pdfium.PdfDocument | NotEvaluable:
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        return _not_evaluable(path, sha256, "DOC.NOT_FOUND", "无法读取文件。", "The file cannot be read.", str(exc))
    if size > limits.max_file_bytes:
        return _not_evaluable(path, sha256, "DOC.TOO_LARGE",
                              f"文件过大（{size} 字节，上限 {limits.max_file_bytes} 字节），未予检查。",
                              f"The file is too large ({size} bytes, limit {limits.max_file_bytes}); not checked.")
    if b"%PDF-" not in head:
        return _not_evaluable(path, sha256, "DOC.UNSUPPORTED_FORMAT", "文件不是 PDF（缺少 %PDF- 文件头）。",
                              "The file is not a PDF (no %PDF- header).")
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            return _not_evaluable(path, sha256, "DOC.ENCRYPTED",
                                  "PDF 已加密，需要打开密码，无法读取；请提交未加密的文件。",
                                  "The PDF is encrypted with a user (open) password and cannot be read; "
                                  "submit an unencrypted file.", str(exc))
        return _not_evaluable(path, sha256, "DOC.CORRUPT", "PDF 文件已损坏或格式无法识别。",
                              "The PDF is damaged or not readable.", str(exc))


# --------------------------------------------------------------------------- per page


def _read_page(doc: pdfium.PdfDocument, index: int, want_ocr: bool, ocr_state: dict) -> PageData:
    number = index + 1
    page = doc[index]
    try:
        view = View(tuple(page.get_cropbox()), page.get_rotation())
        textpage = page.get_textpage()
        try:
            chars, stats = extract_chars(textpage, view)
        finally:
            textpage.close()
        objs = scan_objects(page, view)
        grids = tables_mod.find_grids(objs.hrules, objs.vrules)
        per_grid, rest = tables_mod.split_chars(grids, chars)
        pieces = [p for g, rc in zip(grids, per_grid) if (p := tables_mod.build_piece(g, rc, number)) is not None]
        lines = build_lines(rest, number)
        text = "".join(ln.text for ln in lines) + "".join(c.text for p in pieces for row in p.cells for c in row)
        page_health = health_mod.classify(number, stats, text, objs.image_coverage(view.width, view.height))
        data = PageData(number, view.width, view.height, lines, pieces, objs.images, page_health)
        if objs.too_many_paths:
            data.notes.append(f"第 {number} 页矢量图形过多，未识别表格 — page {number}: too many vector objects, "
                              "tables not detected")
        if page_health.status in ("garbled", "image_only"):
            data.lines, data.pieces = [], []
            if want_ocr and not ocr_state.get("unavailable"):
                try:
                    data.lines = ocr_mod.ocr_page(page, number)
                    page_health.ocr = bool(data.lines)
                except ocr_mod.OcrUnavailable as exc:
                    ocr_state["unavailable"] = str(exc)
        return data
    finally:
        page.close()


# --------------------------------------------------------------------------- document passes


def _first_last(pages: list[PageData]) -> None:
    """Does a table piece open or close its page (only its own caption and running lines around)?"""
    for p in pages:
        for piece in p.pieces:
            own = id(piece.caption_line) if piece.caption_line is not None else None
            others = [ln for ln in p.lines if id(ln) != own]
            tops = [q.top for q in p.pieces if q is not piece]
            piece.first_on_page = (all(ln.bottom > piece.top for ln in others)
                                   and all(t > piece.top for t in tops))
            piece.last_on_page = (all(ln.top < piece.bottom for ln in others)
                                  and all(t < piece.top for t in tops))


def _metadata(doc: pdfium.PdfDocument) -> dict[str, str]:
    try:
        meta = doc.get_metadata_dict(skip_empty=True)
    except Exception:  # noqa: BLE001 - metadata is optional, never fatal
        return {}
    return {k: str(v) for k, v in meta.items()}


class _Builder:
    """Blocks in reading order with locations, paragraphs joined across lines and pages."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.paragraph_index = 0
        self.stack: list[Heading] = []
        self.pending: list[Line] = []
        self.pending_margins: layout.Margins | None = None
        self.last_margins: layout.Margins | None = None

    def _path(self) -> tuple[str, ...]:
        return tuple(h.text for h in self.stack)

    def _location(self, page: int, **kw) -> Location:
        return Location(block=len(self.doc.blocks), page=page, heading_path=self._path(), **kw)

    def flush(self) -> None:
        if not self.pending:
            return
        lines, m = self.pending, self.pending_margins
        first = lines[0]
        align = "center" if len(lines) == 1 and m is not None and layout.is_centered(first, m) else None
        para = Paragraph(text=join_texts([ln.text for ln in lines]),
                         location=self._location(first.page, paragraph=self.paragraph_index),
                         bold=all(ln.bold for ln in lines), size_pt=first.size, align=align)
        self.doc.blocks.append(para)
        self.paragraph_index += 1
        self.pending = []

    def line(self, ln: Line, m: layout.Margins, standalone: bool = False) -> None:
        if standalone:
            self.flush()
            self.pending, self.pending_margins = [ln], m
            self.flush()
            return
        if self.pending and layout.continues(self.pending[-1], ln, self.last_margins or m, m):
            self.pending.append(ln)
        else:
            self.flush()
            self.pending, self.pending_margins = [ln], m
        self.last_margins = m

    def heading(self, cand: headings_mod.HeadingCandidate, text: str) -> None:
        self.flush()
        self.stack = [h for h in self.stack if h.level < cand.level]
        match = cand.match
        label = match.label if match else ""
        title = match.title if match else text
        if match is not None and text != cand.line.text.strip():  # wrapped heading: title continues
            title = (title + text[len(cand.line.text.strip()):]).strip()
        h = Heading(level=cand.level, label=label, title=title, text=text, signal=cand.signals[0],
                    confidence=cand.confidence, signals=cand.signals,
                    location=Location(block=len(self.doc.blocks), paragraph=self.paragraph_index,
                                      page=cand.line.page, heading_path=self._path() + (text,)))
        self.stack.append(h)
        self.doc.blocks.append(h)
        self.paragraph_index += 1

    def table(self, piece: tables_mod.TablePiece, start_page: int) -> None:
        self.flush()
        index = len(self.doc.tables)
        table = Table(index=index, grid=piece.cells, header_rows=piece.header_rows,
                      header_paths=tables_mod.header_paths(piece.cells, piece.header_rows),
                      location=self._location(start_page, table=index), caption=piece.caption,
                      caption_position=piece.caption_position,  # type: ignore[arg-type]
                      confidence=piece.confidence)
        self.doc.blocks.append(table)
        self.doc.tables.append(table)

    def image(self, page: int, box: tuple[float, float, float, float]) -> None:
        x0, top, x1, bottom = box
        w, h = (x1 - x0) * _PT_MM, (bottom - top) * _PT_MM
        if w < MIN_IMAGE_MM or h < MIN_IMAGE_MM:
            return
        self.doc.blocks.append(Image(location=self._location(page), width_mm=round(w, 1), height_mm=round(h, 1),
                                     hint="cover" if page == 1 else "body"))


def _heading_candidates(usable: list[PageData], first_font_page: int, captions: set[int]) -> dict[int, headings_mod.HeadingCandidate]:
    """Heading candidates by line id, levels assigned over the whole document."""
    body_size = headings_mod.body_size([ln for p in usable for ln in p.lines])
    candidates: dict[int, headings_mod.HeadingCandidate] = {}
    for p in usable:
        for ln in p.lines:
            if id(ln) in captions:
                continue
            cand = headings_mod.classify(ln, body_size, font_only=p.number >= first_font_page)
            if cand is not None:
                candidates[id(ln)] = cand
    headings_mod.assign_levels(list(candidates.values()))
    return candidates


def _column_margins(usable: list[PageData]) -> dict[int, layout.Margins]:
    """One text column for all pages of a width: a page with three short lines has no margins of
    its own, and a landscape page has different ones."""
    by_width: dict[int, list[Line]] = {}
    for p in usable:
        by_width.setdefault(round(p.width), []).extend(ln for ln in p.lines if not ln.ocr)
    return {w: layout.page_margins(lines, w) for w, lines in by_width.items()}


def _page_items(p: PageData) -> list[tuple[float, int, object]]:
    """Lines (0), table pieces (1) and images (2) of a page, top to bottom."""
    items: list[tuple[float, int, object]] = [(ln.top, 0, ln) for ln in p.lines]
    items += [(piece.top, 1, piece) for piece in p.pieces]
    items += [(box[1], 2, box) for box in p.images]
    items.sort(key=lambda it: (it[0], it[1]))
    return items


def _assemble(doc: Document, pages: list[PageData], toc_pages: set[int]) -> None:
    """Blocks in reading order. ``pages`` have running lines removed and captions attached."""
    usable = [p for p in pages if health_mod.evaluable(p.health) and p.number not in toc_pages]
    captions = {id(piece.caption_line) for p in usable for piece in p.pieces if piece.caption_line is not None}
    candidates = _heading_candidates(usable, _front_matter_end(pages, toc_pages), captions)
    logical, owner = tables_mod.join_pieces([piece for p in usable for piece in p.pieces])
    column = _column_margins(usable)

    builder = _Builder(doc)
    for p in usable:
        margins = column[round(p.width)]
        if any(ln.ocr for ln in p.lines):
            margins = layout.page_margins(p.lines, p.width)
        items = _page_items(p)
        skip: set[int] = set()
        for k, (_, kind, obj) in enumerate(items):
            if kind == 0:
                if id(obj) in skip:
                    continue
                cand = candidates.get(id(obj))
                if cand is None:
                    builder.line(obj, margins, standalone=id(obj) in captions)  # type: ignore[arg-type]
                    continue
                text = cand.line.text.strip()
                nxt = items[k + 1][2] if k + 1 < len(items) and items[k + 1][1] == 0 else None
                if nxt is not None and id(nxt) not in candidates and headings_mod.merge_wrapped(cand, nxt):
                    text = join_texts([text, nxt.text])  # type: ignore[union-attr]
                    skip.add(id(nxt))
                builder.heading(cand, text)
            elif kind == 1:
                table = logical[owner[id(obj)]]
                if table is obj:
                    builder.table(table, table.page)
                else:
                    builder.flush()  # a continuation: its rows live in the table where it started
            else:
                builder.flush()
                builder.image(p.number, obj)  # type: ignore[arg-type]
    builder.flush()


def _front_matter_end(pages: list[PageData], toc_pages: set[int]) -> int:
    """FONT-only headings start after the TOC (the cover's big title is not a chapter), or after
    page 1 when there is no TOC."""
    if toc_pages:
        return max(toc_pages) + 1
    return 2 if len(pages) > 1 else 1


# --------------------------------------------------------------------------- entry point


def read_pdf(path: Path, *, sha256: str, limits: Limits = DEFAULT_LIMITS, ocr: bool = False) -> Document | NotEvaluable:
    """Read a PDF report; never raises for a bad input (returns ``NotEvaluable``)."""
    path = Path(path)
    opened = _open(path, sha256, limits)
    if isinstance(opened, NotEvaluable):
        return opened
    pdf = opened
    try:
        n_pages = len(pdf)
        if n_pages > limits.max_pdf_pages:
            return _not_evaluable(path, sha256, "DOC.TOO_MANY_PAGES",
                                  f"PDF 共 {n_pages} 页，超过上限 {limits.max_pdf_pages} 页，未予检查。",
                                  f"The PDF has {n_pages} pages, more than the limit of {limits.max_pdf_pages}; "
                                  "not checked.")
        doc = Document(path=str(path), format="pdf", sha256=sha256, pages=n_pages, properties=_metadata(pdf))
        if pdfium_c.FPDF_GetSecurityHandlerRevision(pdf.raw) >= 0:
            doc.warnings.append("PDF 设有权限密码（无需打开密码），已读取其内容 — "
                                "the PDF is encrypted with an owner password only; it was read")
        ocr_state: dict = {}
        pages: list[PageData] = []
        for index in range(n_pages):
            try:
                pages.append(_read_page(pdf, index, ocr, ocr_state))
            except Exception as exc:  # noqa: BLE001 - one broken page must not lose the document
                health = PageHealth(index + 1, "garbled", 0, 0.0,
                                    reason=f"page could not be processed: {type(exc).__name__}: {exc}"[:300])
                pages.append(PageData(index + 1, 0, 0, [], [], [], health))
    finally:
        pdf.close()
    return _finish(doc, pages, path, sha256, ocr, ocr_state)


def _no_text_layer(pages: list[PageData], path: Path, sha256: str, ocr: bool, ocr_missing: bool) -> NotEvaluable:
    def numbers(status: str) -> list[int]:
        return [p.number for p in pages if p.health.status == status]

    detail = f"garbled pages {numbers('garbled')}; image-only pages {numbers('image_only')}; empty pages {numbers('empty')}"
    if ocr and ocr_missing:
        hint_zh = f"已请求 OCR，但未安装 OCR 组件（{ocr_mod.INSTALL_HINT}）。"
        hint_en = f"OCR was requested but the [ocr] extra is not installed ({ocr_mod.INSTALL_HINT})."
    elif ocr:
        hint_zh, hint_en = "OCR 未能识别出文字，请交由人工审阅。", "OCR found no text; send it to a human reviewer."
    else:
        hint_zh = "可使用 OCR（ocr=True，需安装 [ocr] 组件）或交由人工审阅。"
        hint_en = "Use OCR (ocr=True, needs the [ocr] extra) or send it to a human reviewer."
    return _not_evaluable(path, sha256, "DOC.NO_TEXT_LAYER",
                          "PDF 没有可用的文字层（扫描件、乱码或空白页），无法检查。" + hint_zh,
                          "The PDF has no usable text layer (scanned, garbled or blank pages); it cannot be "
                          "checked. " + hint_en, detail)


def _page_warnings(pages: list[PageData], ocr: bool, ocr_missing: bool) -> list[str]:
    """Which pages were not used, and which rest on OCR (Chinese — English)."""
    warnings = [note for p in pages for note in p.notes]
    garbled = [p.number for p in pages if p.health.status == "garbled" and not p.health.ocr]
    images = [p.number for p in pages if p.health.status == "image_only" and not p.health.ocr]
    ocr_done = [p.number for p in pages if p.health.ocr]
    if ocr and ocr_missing and (garbled or images):
        bad = sorted(garbled + images)
        warnings.append(f"已请求 OCR，但未安装 OCR 组件（{ocr_mod.INSTALL_HINT}），第 {_pages_text(bad)} 页仍无法检查 — "
                        f"OCR was requested but the [ocr] extra is not installed; pages {bad} stay not evaluable")
    if garbled:
        warnings.append(f"第 {_pages_text(garbled)} 页文字层为乱码（字体缺少 ToUnicode 映射或页面无法处理），其内容未参与检查 — "
                        f"pages {garbled}: garbled text layer (no ToUnicode map, or the page could not be processed); "
                        "not used for checks")
    if images:
        warnings.append(f"第 {_pages_text(images)} 页只有图像（扫描件），其内容未参与检查 — "
                        f"pages {images}: image only (scanned); not used for checks")
    if ocr_done:
        warnings.append(f"第 {_pages_text(ocr_done)} 页的文字来自 OCR，可信度较低 — "
                        f"pages {ocr_done}: text from OCR, lower confidence")
    return warnings


def _finish(doc: Document, pages: list[PageData], path: Path, sha256: str, ocr: bool, ocr_state: dict) -> Document | NotEvaluable:
    doc.page_health = [p.health for p in pages]
    ocr_missing = bool(ocr_state.get("unavailable"))
    if not any(health_mod.evaluable(p.health) for p in pages):
        return _no_text_layer(pages, path, sha256, ocr, ocr_missing)
    doc.warnings.extend(_page_warnings(pages, ocr, ocr_missing))

    usable = [p for p in pages if health_mod.evaluable(p.health)]
    running = layout.find_running([(p.height, [ln for ln in p.lines if not ln.ocr]) for p in usable])
    doc.headers, doc.footers = running.headers, running.footers
    for p in usable:
        p.lines = [ln for ln in p.lines if id(ln) not in running.dropped]
    toc_pages = toc_mod.find_toc_pages([(p.number, p.lines) for p in usable])
    doc.toc = toc_mod.entries([ln for p in usable if p.number in toc_pages for ln in p.lines])
    for p in usable:
        if p.number in toc_pages:
            p.lines, p.pieces = [], []
        else:
            tables_mod.attach_captions(p.pieces, p.lines)
    _first_last(usable)
    _assemble(doc, pages, toc_pages)
    return doc
