"""From walker records to the ``Document`` model: TOC, headings, blocks, captions, image hints.

Runs after the walk because every decision here needs the whole document: the TOC must be known
before headings (its lines look like headings), the heading scheme (is there a 第X章?) before any
pattern level, and the blocks before captions (above/below) and image hints (before the first
heading? near 盖章 at the end of a section?).

``Cell.norm`` is computed here for all cells at once: ``normalize.norm`` is per-call OpenCC, which
would cost as much as the whole parse on a 40-table report; joined with a private-use separator
(no OpenCC phrase spans it, NFKC leaves it alone) one conversion serves every cell.
"""

from __future__ import annotations


from docgen.read.docx import captions, toc
from docgen.read.docx.headings import HeadingDetector
from docgen.read.docx.images import ImageInfo, near_signature_words
from docgen.read.docx.notes import Stories
from docgen.read.docx.walker import BodyWalker, ParaRec, TableRec
from docgen.read.model import SIGNAL_CONFIDENCE, Document, Heading, Image, Location, PageBreak, Paragraph, Table

SIGNATURE_WINDOW = 3      # text blocks either side of an image searched for 盖章/签字 …
SECTION_TAIL = 6          # … and at most this many text blocks before the section/page ends


def assemble(path: str, sha256: str, walker: BodyWalker, revisions: int, hidden: bool, body_size: int | None,
             stories: Stories, properties: dict[str, str]) -> Document:
    items = walker.items
    toc.mark_toc(items)
    entries, anchor_levels = toc.entries(items)
    detector = HeadingDetector(items, body_size, anchor_levels, walker.pages.page)

    blocks: list = []
    caption_styled: set[int] = set()
    stack: list[tuple[int, str]] = []
    spots: list[tuple[int, list[str]]] = []  # image block → extra context (table row text)
    current: list[tuple[str, ...]] = [()]

    def where() -> tuple[str, ...]:
        return current[0]

    def page_breaks(breaks, index: int) -> None:
        for rendered, page in breaks:
            blocks.append(PageBreak(Location(len(blocks), paragraph=index, page=page, heading_path=where()), rendered))

    for item in items:
        if isinstance(item, ParaRec):
            pt = item.pt
            if item.breaks_before:
                page_breaks(item.breaks_before, item.index)
            if not item.toc and pt.text.strip():
                info = detector.classify(item)
                if info is not None:
                    while stack and stack[-1][0] >= info.level:
                        stack.pop()
                    stack.append((info.level, info.title or info.label))
                    current[0] = tuple(title for _, title in stack)
                    loc = Location(len(blocks), paragraph=item.index, page=item.page, heading_path=where())
                    blocks.append(Heading(info.level, info.label, info.title, info.text, info.signal,
                                          SIGNAL_CONFIDENCE[info.signal], loc, info.signals))
                else:
                    loc = Location(len(blocks), paragraph=item.index, page=item.page, heading_path=where())
                    if pt.style is not None and pt.style.caption:
                        caption_styled.add(len(blocks))
                    source = "sdt" if item.in_sdt and pt.source == "body" else pt.source
                    if not pt.own.strip() and pt.textboxes:
                        source = "textbox"
                    blocks.append(Paragraph(pt.text, loc, style=pt.style_id, revised=pt.revised, hidden=pt.hidden,
                                            source=source, bold=bool(pt.bold and pt.own.strip()),
                                            size_pt=pt.size / 2 if pt.size else None, align=pt.jc))
            for info in pt.images or ():
                _image(blocks, info, Location(len(blocks), paragraph=item.index, page=item.page, heading_path=where()))
                spots.append((len(blocks) - 1, []))
            if item.breaks_after:
                page_breaks(item.breaks_after, item.index)
        else:
            _table(item, blocks, where(), spots, walker)

    captions.link(blocks, caption_styled)
    _hints(blocks, spots)
    tables: list[Table] = walker.tables

    warnings = []
    if revisions:
        warnings.append(f"文档含未接受的修订 {revisions} 处：按“接受全部修订”后的文本检查")
    if hidden:
        warnings.append("文档含隐藏文字：隐藏部分未参与检查")
    if stories.comments:
        warnings.append(f"文档含批注 {len(stories.comments)} 条")
    return Document(path=path, format="docx", sha256=sha256, blocks=blocks, tables=tables, headers=stories.headers,
                    footers=stories.footers, footnotes=stories.footnotes, comments=stories.comments, toc=entries,
                    properties=properties, pages=walker.pages.page, revisions=revisions, hidden_text=hidden,
                    warnings=warnings)


def _image(blocks: list, info: ImageInfo, loc: Location) -> None:
    blocks.append(Image(loc, width_mm=info.width_mm, height_mm=info.height_mm, name=info.name))


def _table(item: TableRec, blocks: list, heading_path: tuple[str, ...], spots, walker: BodyWalker) -> None:
    outer = item.table
    block = len(blocks)
    outer.location = Location(block, table=outer.index, page=item.page, heading_path=heading_path)
    blocks.append(outer)
    for nested in item.tables:
        if nested is not outer:
            _, row, col = nested.nested_in
            nested.location = Location(block, table=nested.index, row=row, col=col, page=item.page,
                                       heading_path=heading_path)
    for index, cell_image in item.images:
        table = walker.tables[index]
        row = table.grid[cell_image.row] if table.grid else []
        row_text = " ".join({id(c): c.text for c in row}.values())
        _image(blocks, cell_image.info, Location(len(blocks), table=index, row=cell_image.row, col=cell_image.col,
                                                 page=item.page, heading_path=heading_path))
        spots.append((len(blocks) - 1, [row_text]))


def _hints(blocks: list, spots: list[tuple[int, list[str]]]) -> None:
    """cover: before the first heading or on page 1; signature: near 盖章/签字/（公章） — within
    a few text blocks of the same stretch (never across a heading or page break) — and within the
    last text blocks before a page break, a heading or the end; else body."""
    first_heading = next((i for i, b in enumerate(blocks) if isinstance(b, Heading)), len(blocks))
    for index, extra in spots:
        image = blocks[index]
        if index < first_heading or image.location.page == 1:
            image.hint = "cover"
            continue
        window = list(extra)
        j, found = index - 1, 0
        while j >= 0 and found < SIGNATURE_WINDOW and not isinstance(blocks[j], PageBreak):
            if isinstance(blocks[j], (Paragraph, Heading)):
                window.append(blocks[j].text)
                found += 1
                if isinstance(blocks[j], Heading):
                    break
            j -= 1
        tail = 0
        j = index + 1
        while j < len(blocks) and not isinstance(blocks[j], (PageBreak, Heading)):
            if isinstance(blocks[j], Paragraph):
                if tail < SIGNATURE_WINDOW:
                    window.append(blocks[j].text)
                tail += 1
            elif isinstance(blocks[j], Table):
                tail += 1
            j += 1
        image.hint = "signature" if near_signature_words(window) and tail <= SECTION_TAIL else "body"
