"""Unit tests of the PDF reader's parts on PDFs drawn with pypdfium2 and on plain values.

No LibreOffice needed here: synthetic PDFs use the standard Helvetica font (Latin only), which is
enough for grids, merged cells, captions, running headers, headings by size, and the OCR routing.
"""

from __future__ import annotations

import sys

import pytest

from docgen.read.model import Document, NotEvaluable, PageHealth, Signal
from docgen.read.pdf import headings as pdf_headings
from docgen.read.pdf import health, layout, ocr, read_pdf, tables, toc
from docgen.read.pdf.text import CharStats, Line, join_texts
from tests.read.pdf import builders as B

SHA = "a" * 64


def _line(text, top, x0=90.0, x1=500.0, size=12.0, bold=False, page=1, ocr_=False):
    return Line(text=text, x0=x0, x1=x1, top=top, bottom=top + size * 1.2, size=size, bold=bold,
                page=page, chars=len(text), ocr=ocr_)


# --------------------------------------------------------------------------- tables


def test_grid_with_merged_cells_from_missing_rules(tmp_path):
    """Row 0: "Values" spans columns 1–2 (no vertical rule between them); column 0 spans rows 1–2."""
    items = B.grid(90, 200, [100, 100, 100], [20, 20, 20], missing={("v", 0, 2), ("h", 2, 0)})
    items += [("bold", 95, 214, 10, "Item"), ("bold", 195, 214, 10, "Values"),
              ("text", 95, 234, 10, "alpha"), ("text", 195, 234, 10, "1.5"), ("text", 295, 234, 10, "2"),
              ("text", 195, 254, 10, "3"), ("text", 295, 254, 10, "4")]
    items += [("text", 90, 190, 10, "Table 1 not a Chinese caption"), ("text", 90, 400, 10, "After the table.")]
    pdf = B.synthetic_pdf(tmp_path / "grid.pdf", [items])
    doc = read_pdf(pdf, sha256=SHA)
    assert isinstance(doc, Document) and len(doc.tables) == 1
    table = doc.tables[0]
    assert table.rows_text() == [["Item", "Values", "Values"], ["alpha", "1.5", "2"], ["alpha", "3", "4"]]
    values, item = table.grid[0][1], table.grid[1][0]
    assert values.colspan == 2 and table.grid[0][2] is values
    assert item.rowspan == 2 and table.grid[2][0] is item and item.is_origin(1, 0)
    assert table.header_rows == 1 and table.header_paths == ["Item", "Values", "Values"]
    assert table.confidence == pytest.approx(0.8)
    assert [p.text for p in doc.paragraphs] == ["Table 1 not a Chinese caption", "After the table."]


def test_isolated_rules_are_not_tables():
    # an underline and a header rule: no vertical rules, no grid
    assert tables.find_grids([(90, 500, 67), (100, 200, 300)], []) == []
    # a frame is a 1×1 grid (DOCX has 1-cell tables too) but without text it is no table
    frame = tables.find_grids([(90, 300, 100), (90, 300, 200)], [(100, 200, 90), (100, 200, 300)])
    assert len(frame) == 1 and frame[0].regions == [(0, 0, 1, 1)]
    assert tables.build_piece(frame[0], [[]], page=1) is None
    # a rule that meets the grid at one end only (an underline reaching a border) is no boundary
    box = tables.find_grids([(90, 300, 100), (90, 300, 200), (90, 150, 150)],
                            [(100, 200, 90), (100, 200, 300), (150, 200, 200)])
    assert len(box) == 1 and box[0].ys == [100, 200] and box[0].xs == [90, 300]


def test_caption_prefers_above_and_never_steals_the_next_tables_caption():
    grid = tables.find_grids([(90, 300, 100), (90, 300, 120), (90, 300, 140)],
                             [(100, 140, 90), (100, 140, 200), (100, 140, 300)])[0]
    first = tables.TablePiece(page=1, grid=grid, cells=[], bold=[], header_rows=1)
    second_grid = tables.Grid(grid.xs, [y + 80 for y in grid.ys], grid.owner, grid.regions)
    second = tables.TablePiece(page=1, grid=second_grid, cells=[], bold=[], header_rows=1)
    caption_two = _line("表2-5 水耗表", top=160, size=10.5)  # 20 pt below the first, 7 pt above the second
    tables.attach_captions([first, second], [caption_two])
    assert first.caption is None
    assert second.caption == "表2-5 水耗表" and second.caption_position == "above"


def _piece(page, rows, xs=(90, 190, 290), first=False, last=False, caption=None, header_rows=1):
    from docgen.read.model import Cell

    cells = [[Cell(text=t, norm=t, row=r, col=c) for c, t in enumerate(row)] for r, row in enumerate(rows)]
    ys = [100 + 20 * i for i in range(len(rows) + 1)]
    owner = [[r * (len(xs) - 1) + c for c in range(len(xs) - 1)] for r in range(len(rows))]
    regions = [(r, c, r + 1, c + 1) for r in range(len(rows)) for c in range(len(xs) - 1)]
    p = tables.TablePiece(page=page, grid=tables.Grid(list(xs), ys, owner, regions), cells=cells,
                          bold=[False] * len(regions), header_rows=header_rows, caption=caption,
                          first_on_page=first, last_on_page=last)
    p.end_page = page
    return p


def test_split_table_joins_on_repeated_header_and_drops_it():
    a = _piece(3, [["序号", "名称"], ["1", "镍"], ["2", "铜"]], last=True, caption="表2-3 原辅材料")
    b = _piece(4, [["序号", "名称"], ["3", "锌"]], first=True)
    logical, owner = tables.join_pieces([a, b])
    assert len(logical) == 1 and owner[id(b)] == 0
    merged = logical[0]
    assert [[c.text for c in row] for row in merged.cells] == [["序号", "名称"], ["1", "镍"], ["2", "铜"], ["3", "锌"]]
    assert [c.row for c in merged.cells[3]] == [3, 3]
    assert merged.confidence == pytest.approx(0.8) and merged.page == 3 and merged.end_page == 4


def test_split_table_joins_on_continued_caption():
    a = _piece(3, [["A", "B"], ["1", "2"]], last=True, caption="表3-1 物料平衡表")
    b = _piece(4, [["3", "4"]], first=True, caption="续表3-1")
    assert len(tables.join_pieces([a, b])[0]) == 1


def test_geometric_join_only_without_own_caption_and_with_lower_confidence():
    a = _piece(3, [["A", "B"], ["1", "2"]], last=True, caption="表3-1 物料平衡表")
    b = _piece(4, [["3", "4"]], first=True)
    logical, _ = tables.join_pieces([a, b])
    assert len(logical) == 1 and logical[0].confidence == pytest.approx(0.7)
    c = _piece(3, [["A", "B"], ["1", "2"]], last=True, caption="表3-1 物料平衡表")
    d = _piece(4, [["X", "Y"], ["3", "4"]], first=True, caption="表3-2 水平衡表")
    assert len(tables.join_pieces([c, d])[0]) == 2  # its own caption: a new table


@pytest.mark.parametrize("first, last, xs, ok", [
    (False, True, (90, 190, 290), False),   # something above the piece on its page
    (True, False, (90, 190, 290), False),   # the previous piece does not end its page
    (True, True, (90, 150, 290), False),    # columns do not line up
    (True, True, (91, 189, 291), True),     # within tolerance
])
def test_join_needs_page_boundary_and_same_columns(first, last, xs, ok):
    a = _piece(3, [["序号", "名称"], ["1", "镍"]], last=last, caption="表2-3 原辅材料")
    b = _piece(4, [["序号", "名称"], ["2", "铜"]], xs=xs, first=first)
    assert (len(tables.join_pieces([a, b])[0]) == 1) is ok


def test_clipped_repeated_header_still_counts_as_repeated():
    a = _piece(3, [["名称", "单位产品消耗（2023年）"], ["1", "2"]], last=True, caption="表2-3 x")
    b = _piece(4, [["名称", "单位产品消耗（2023"], ["3", "4"]], first=True)
    ok, drop, _ = tables.continuation(a, b)
    assert ok and drop == 1


def test_header_rows_from_numbers_and_row_spans():
    p = _piece(1, [["项目", "2021年"], ["单位", "t"], ["镍", "37.20"]])
    assert tables.header_row_count(p) == 2
    q = _piece(1, [["序号", "名称"], ["1", "镍"], ["2", "铜"]])  # 序号 column ignored
    assert tables.header_row_count(q) == 1


def test_wrapped_cell_text_joins_numbers_without_spaces():
    assert join_texts(["46800", "0"]) == "468000"
    assert join_texts(["LMG-Ni-", "2400"]) == "LMG-Ni-2400"
    assert join_texts(["GB", "21900"]) == "GB 21900"
    assert join_texts(["镀镍液", "配制"]) == "镀镍液配制"


# --------------------------------------------------------------------------- health


def test_health_classification():
    good = health.classify(1, CharStats(visible=500, cjk=450), "公司" * 200, 0.0)
    assert good.status == "good" and good.cjk_share == pytest.approx(0.9)
    control = health.classify(2, CharStats(visible=500, control=300), "KLMN89()", 0.0)
    assert control.status == "garbled" and "control" in control.reason
    cid = health.classify(3, CharStats(visible=200), "(cid:12)(cid:13)" * 10, 0.0)
    assert cid.status == "garbled" and "(cid:N)" in cid.reason
    latin = health.classify(4, CharStats(visible=100), "ÎÏÌÓÔÌðzÒÚÛÙıÍ" * 5, 0.0)
    assert latin.status == "garbled"
    units = health.classify(5, CharStats(visible=100, cjk=80), "面积 m² 温度 25°C ±0.5" * 3, 0.0)
    assert units.status == "good"
    pua = health.classify(6, CharStats(visible=100, private_use=60), "", 0.0)
    assert pua.status == "garbled"
    assert health.classify(7, CharStats(), "", 0.9).status == "image_only"
    assert health.classify(8, CharStats(visible=5), "p. 3", 0.95).status == "image_only"
    assert health.classify(9, CharStats(), "", 0.0).status == "empty"
    assert not health.evaluable(PageHealth(1, "garbled", 10, 0.0))
    assert health.evaluable(PageHealth(1, "image_only", 0, 0.0, ocr=True))


# --------------------------------------------------------------------------- layout


def test_running_header_footer_and_page_numbers(tmp_path):
    pages = []
    for n in range(1, 5):
        pages.append([("text", 200, 60, 9, "ACME Coating Ltd Audit Report"),
                      ("text", 90, 120, 10, f"Body of page {['one', 'two', 'three', 'four'][n - 1]}, its own words."),
                      ("text", 280, 800, 9, f"- {n} -")])
    doc = read_pdf(B.synthetic_pdf(tmp_path / "running.pdf", pages), sha256=SHA)
    assert doc.headers == ["ACME Coating Ltd Audit Report"]
    assert doc.footers == ["- 1 -"]
    assert [p.text for p in doc.paragraphs] == [f"Body of page {w}, its own words." for w in ["one", "two", "three", "four"]]
    assert [p.location.page for p in doc.paragraphs] == [1, 2, 3, 4]


def test_paragraph_breaks():
    m = layout.Margins(left=90, right=500, pitches={12.0: 24.0})
    full = _line("一" * 34, 100, x0=90, x1=499)
    assert layout.continues(full, _line("续", 124), m, m)
    assert not layout.continues(full, _line("新段落", 124, x0=114), m, m)          # first-line indent
    assert not layout.continues(_line("短行。", 100, x1=200), _line("下一段", 124), m, m)  # ended short
    assert not layout.continues(full, _line("远", 160), m, m)                      # larger gap
    assert not layout.continues(full, _line("（2）下一项", 124), m, m)              # list item
    assert layout.continues(_line("评分（表2-", 100, x1=499), _line("13），得分", 124), m, m)
    assert not layout.continues(_line("完成。", 100, x1=499), _line("1）下一项", 124), m, m)
    assert not layout.continues(full, _line("大", 124, size=16), m, m)              # size change
    # across a page break: continue unless the sentence closed or the next page starts indented
    nxt = _line("续", 80, page=2)
    assert layout.continues(full, nxt, m, m)
    assert not layout.continues(_line("一" * 33 + "。", 100, x1=499), nxt, m, m)


def test_page_number_masks():
    assert layout.is_page_number("— 12 —") and layout.is_page_number("— III —")
    assert layout.is_page_number("第 3 页 共 66 页") and layout.is_page_number("3/66")
    assert not layout.is_page_number("2023 年")


# --------------------------------------------------------------------------- headings and toc


def test_heading_needs_pattern_and_font():
    body = 12.0
    big = pdf_headings.classify(_line("第一章 筹划和组织", 100, size=16, bold=True), body, True)
    assert big.signals == (Signal.PATTERN, Signal.FONT) and big.confidence == pytest.approx(0.9)
    assert pdf_headings.classify(_line("1、加强管理", 100), body, True) is None   # list item in body font
    bold_same_size = pdf_headings.classify(_line("1.2 组建审核小组", 100, bold=True), body, True)
    assert bold_same_size is not None
    font_only = pdf_headings.classify(_line("前言", 100, size=16, bold=True), body, True)
    assert font_only.signals == (Signal.FONT,) and font_only.confidence < 0.6
    assert pdf_headings.classify(_line("前言", 100, size=16, bold=True), body, False) is None
    assert pdf_headings.classify(_line("表2-1 企业基本情况表", 100, size=16, bold=True), body, True) is None
    assert pdf_headings.classify(_line("这是一个很长的句子。", 100, size=16, bold=True), body, True) is None


def test_heading_levels_by_family_and_document():
    body = 12.0

    def levels(texts):
        cands = [pdf_headings.classify(_line(t, 100, size=s, bold=True), body, True) for t, s in texts]
        pdf_headings.assign_levels(cands)
        return [c.level for c in cands]

    assert levels([("第一章 筹划", 16), ("一、概况", 14), ("1.1 范围", 14), ("1.1.1 细节", 12)]) == [1, 2, 2, 3]
    assert levels([("一、企业基本情况", 16), ("（一）企业概况", 14)]) == [1, 3]
    assert levels([("第一章 筹划", 16), ("前言", 16), ("1.1 范围", 14), ("企业概况", 14)]) == [1, 1, 2, 2]
    assert levels([("前言", 18), ("概况", 15)]) == [1, 2]


def test_toc_pages_and_entries():
    lines = [_line("目 录", 80), _line("前言........1", 110), _line("企业概况........1", 134, x0=102),
             _line("第一章 筹划和组织........4", 158), _line("1.1 取得高层领导的支持和参与........4", 182, x0=102),
             _line("2.1.1 环保手续履行情况........12", 206, x0=114)]
    body = [_line("正文第一行，没有页码。", 80), _line("第二行", 104)]
    assert toc.find_toc_pages([(3, lines), (4, body)]) == {3}
    entries = toc.entries(lines)
    assert [(e.text, e.page, e.level) for e in entries] == [
        ("前言", 1, 1), ("企业概况", 1, 2), ("第一章 筹划和组织", 4, 1),
        ("1.1 取得高层领导的支持和参与", 4, 2), ("2.1.1 环保手续履行情况", 12, 3)]


def test_toc_continues_on_the_next_page_without_a_title():
    first = [_line("目录", 80)] + [_line(f"{i}.1 节........{i}", 100 + 24 * i) for i in range(1, 4)]
    second = [_line(f"{i}.2 节........{i}", 80 + 24 * i) for i in range(1, 6)]
    third = [_line("第一章 正文开始", 80), _line("正文。", 110)]
    assert toc.find_toc_pages([(3, first), (4, second), (5, third)]) == {3, 4}


# --------------------------------------------------------------------------- OCR routing


class FakeEngine:
    """Stands in for rapidocr-onnxruntime: ``engine(image) -> ([[box, text, score], ...], elapse)``."""

    def __init__(self, lines):
        self.lines = lines  # (x0, top, x1, bottom, text) in points
        self.calls = 0

    def __call__(self, image):
        self.calls += 1
        scale = ocr.DPI / 72
        result = [[[[x0 * scale, t * scale], [x1 * scale, t * scale], [x1 * scale, b * scale], [x0 * scale, b * scale]],
                   text, 0.95] for x0, t, x1, b, text in self.lines]
        return result, 0.1


def test_ocr_runs_only_on_unusable_pages_and_lowers_confidence(tmp_path, monkeypatch):
    from pypdf import PdfReader, PdfWriter

    text = B.synthetic_pdf(tmp_path / "text.pdf", [[("text", 90, 100, 10, "A page with a real text layer.")]])
    scan = B.drawn_image_pdf(tmp_path / "scan.pdf")
    writer = PdfWriter()
    writer.add_page(PdfReader(text).pages[0])
    writer.add_page(PdfReader(scan).pages[0])
    writer.write(tmp_path / "mixed.pdf")
    engine = FakeEngine([(150, 90, 420, 112, "第一章 筹划和组织"),
                         (90, 140, 500, 154, "企业按照清洁生产审核办法开展审核工作，对能源和物料消耗进行分析，"),
                         (90, 164, 300, 178, "提出无低费方案。")])
    monkeypatch.setattr(ocr, "load_engine", lambda: engine)

    doc = read_pdf(tmp_path / "mixed.pdf", sha256=SHA, ocr=True)
    assert isinstance(doc, Document) and engine.calls == 1
    assert [(h.status, h.ocr) for h in doc.page_health] == [("good", False), ("image_only", True)]
    chapter = doc.headings[0]
    assert chapter.text == "第一章 筹划和组织" and chapter.level == 1 and chapter.location.page == 2
    assert chapter.confidence == pytest.approx(0.9 * 0.6)
    assert [p.text for p in doc.paragraphs if p.location.page == 2] == [
        "企业按照清洁生产审核办法开展审核工作，对能源和物料消耗进行分析，提出无低费方案。"]
    assert any("OCR" in w and "第 2 页" in w for w in doc.warnings)

    engine.calls = 0
    plain = read_pdf(tmp_path / "mixed.pdf", sha256=SHA)  # ocr not requested
    assert engine.calls == 0 and any("第 2 页只有图像" in w for w in plain.warnings)


def test_ocr_requested_without_the_extra(tmp_path, monkeypatch):
    """The [ocr] extra is missing: a clear warning, the pages stay not evaluable — no crash."""
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # import → ImportError
    monkeypatch.setitem(sys.modules, "rapidocr", None)
    ocr.load_engine.cache_clear()
    try:
        scan = B.drawn_image_pdf(tmp_path / "scan.pdf", pages=2)
        result = read_pdf(scan, sha256=SHA, ocr=True)
        assert isinstance(result, NotEvaluable) and result.code == "DOC.NO_TEXT_LAYER"
        assert "docgen[ocr]" in result.reason_zh and "[ocr] extra is not installed" in result.reason_en

        from pypdf import PdfReader, PdfWriter

        text = B.synthetic_pdf(tmp_path / "text.pdf", [[("text", 90, 100, 10, "Readable page.")]])
        writer = PdfWriter()
        writer.add_page(PdfReader(text).pages[0])
        writer.add_page(PdfReader(scan).pages[0])
        writer.write(tmp_path / "mixed.pdf")
        doc = read_pdf(tmp_path / "mixed.pdf", sha256=SHA, ocr=True)
        assert isinstance(doc, Document)
        assert doc.page_health[1].status == "image_only" and not doc.page_health[1].ocr
        assert any("未安装 OCR 组件" in w and "docgen[ocr]" in w for w in doc.warnings)
    finally:
        ocr.load_engine.cache_clear()


def test_ocr_boxes_on_one_baseline_become_one_line():
    lines = ocr.boxes_to_lines([([[10, 100], [50, 100], [50, 120], [10, 120]], "表2-1", 0.9),
                                ([[60, 102], [200, 102], [200, 121], [60, 121]], "企业基本情况表", 0.9),
                                ([[10, 150], [90, 150], [90, 170], [10, 170]], "下一行", 0.9)], 1.0, 4)
    assert [(ln.text, ln.page, ln.ocr) for ln in lines] == [("表2-1 企业基本情况表", 4, True), ("下一行", 4, True)]
    assert lines[0].size == pytest.approx(17.5, abs=0.5)


def test_rapidocr3_output_shape_is_understood():
    class Output:
        boxes = (((0, 0), (10, 0), (10, 10), (0, 10)),)
        txts = ("甲",)
        scores = (0.9,)

    assert ocr._results(Output())[0][1] == "甲"
    assert ocr._results(None) == []
    assert ocr._results((None, 0.1)) == []


# --------------------------------------------------------------------------- odd producers


def test_table_inside_a_scaled_form_xobject(tmp_path):
    """Some producers wrap a whole page in a Form XObject; rules are found through its matrix."""
    import pypdfium2 as pdfium

    items = B.grid(90, 200, [100, 100], [20, 20]) + [
        ("text", 95, 214, 10, "Key"), ("text", 195, 214, 10, "Value"),
        ("text", 95, 234, 10, "a"), ("text", 195, 234, 10, "1")]
    src = pdfium.PdfDocument(str(B.synthetic_pdf(tmp_path / "src.pdf", [items])))
    dst = pdfium.PdfDocument.new()
    form = src.page_as_xobject(0, dst).as_pageobject()
    form.transform(pdfium.PdfMatrix().scale(0.8, 0.8).translate(30, 40))
    page = dst.new_page(595, 842)
    page.insert_obj(form)
    page.gen_content()
    dst.save(str(tmp_path / "form.pdf"))
    doc = read_pdf(tmp_path / "form.pdf", sha256=SHA)
    assert [t.rows_text() for t in doc.tables] == [[["Key", "Value"], ["a", "1"]]]


def test_page_with_too_many_vector_objects_skips_tables_with_a_warning(tmp_path, monkeypatch):
    from docgen.read.pdf import objects

    monkeypatch.setattr(objects, "MAX_PATHS", 5)
    items = B.grid(90, 200, [100, 100], [20, 20]) + [("text", 95, 214, 10, "Key")]
    doc = read_pdf(B.synthetic_pdf(tmp_path / "vector.pdf", [items]), sha256=SHA)
    assert doc.tables == [] and any("矢量图形过多" in w for w in doc.warnings)


def test_headers_that_change_per_chapter_sit_in_the_frequent_headers_slot():
    words = "甲乙丙丁戊己庚辛"

    def page(n, header):
        return (842.0, [_line(header, 58, size=9, page=n), _line(f"正文{words[n - 1]}", 120, page=n),
                        _line(f"- {n} -", 780, size=9, page=n)])

    pages = [page(n, "ACME 清洁生产审核报告") for n in range(1, 7)]
    pages += [page(7, "第二章 预审核"), page(8, "第二章 预审核")]
    running = layout.find_running(pages)
    assert running.headers == ["ACME 清洁生产审核报告", "第二章 预审核"]
    assert running.footers == ["- 1 -"]
    kept = [ln.text for _, lines in pages for ln in lines if id(ln) not in running.dropped]
    assert kept == [f"正文{w}" for w in words]


def test_continued_caption_at_the_top_of_pages_is_never_a_running_header():
    pages = [(842.0, [_line(f"续表2-{n}", 58, size=10.5, page=n), _line("正文" + "甲乙丙丁"[n - 1], 120, page=n)])
             for n in range(1, 5)]
    assert layout.find_running(pages).dropped == set()


def test_view_maps_rotated_pages_to_the_displayed_orientation():
    from docgen.read.pdf.text import View

    box = (0.0, 0.0, 595.0, 842.0)
    assert View(box, 0).point(0, 842) == (0, 0)
    v90 = View(box, 90)
    assert (v90.width, v90.height) == (842.0, 595.0)
    assert v90.point(0, 0) == (0, 0) and v90.point(0, 842) == (842, 0)
    assert View(box, 180).point(595, 0) == (0, 0)
    assert View(box, 270).point(595, 842) == (0, 0)


def test_a_page_that_fails_to_process_is_marked_and_the_rest_is_read(tmp_path, monkeypatch):
    from docgen.read.pdf import reader

    pages = [[("text", 90, 100, 10, f"Page {w} has readable text.")] for w in ("one", "two", "three")]
    pdf = B.synthetic_pdf(tmp_path / "three.pdf", pages)
    real = reader.build_lines

    def flaky(chars, page):
        if page == 2:
            raise ValueError("broken content stream")
        return real(chars, page)

    monkeypatch.setattr(reader, "build_lines", flaky)
    doc = read_pdf(pdf, sha256=SHA)
    assert isinstance(doc, Document)
    assert [h.status for h in doc.page_health] == ["good", "garbled", "good"]
    assert "ValueError" in doc.page_health[1].reason
    assert [p.location.page for p in doc.paragraphs] == [1, 3]
    assert any("第 2 页" in w for w in doc.warnings)
