"""Tables as real grids (checker.md §2.3, §5.3): merged cells once, nested tables apart, header
rows and paths, captions."""

from __future__ import annotations

import pytest

from docgen.read import normalize
from docgen.read.docx import tables as tables_module
from docgen.read.model import Image, Table

VM_RESTART = '<w:vMerge w:val="restart"/>'
VM_CONTINUE = "<w:vMerge/>"


def span(n: int) -> str:
    return f'<w:gridSpan w:val="{n}"/>'


def read_both_ways(docx, body: str, monkeypatch) -> tuple[Table, Table]:
    """The first table of ``body`` read with the row scan, then with every row through the full
    reader (``_plain_rows`` patched off)."""
    fast = docx(body).tables[0]
    monkeypatch.setattr(tables_module.TableBuilder, "_plain_rows", lambda *a: None)
    return fast, docx(body).tables[0]


def grid_shape(table: Table) -> list[list[tuple]]:
    return [[(c.text, c.row, c.col, c.rowspan, c.colspan) for c in r] for r in table.grid]


def test_merged_cells_are_one_object_at_every_position(docx, wml):
    t = wml.tbl(
        wml.tr(wml.tc("甲", VM_RESTART), wml.tc("乙", span(2)), wml.tc("丙")),
        wml.tr(wml.tc("", VM_CONTINUE), wml.tc("乙1"), wml.tc("乙2"), wml.tc("丙1")),
        wml.tr(wml.tc("前空"), wml.tc("后空"), props='<w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>'),
        cols=4)
    (table,) = docx(t).tables
    g = table.grid
    assert (table.n_rows, table.n_cols) == (3, 4)
    assert g[0][0] is g[1][0] and (g[0][0].rowspan, g[0][0].colspan) == (2, 1)
    assert g[0][1] is g[0][2] and (g[0][1].text, g[0][1].colspan) == ("乙", 2)
    assert g[1][0].is_origin(0, 0) and not g[1][0].is_origin(1, 0)
    assert [c.text for c in g[2]] == ["", "前空", "后空", ""]
    assert g[2][0].text == "" and g[2][3].text == "" and g[2][3].col == 3
    origins = [c for r, row in enumerate(g) for k, c in enumerate(row) if c.is_origin(r, k)]
    assert [c.text for c in origins] == ["甲", "乙", "丙", "乙1", "乙2", "丙1", "", "前空", "后空", ""]


def test_nested_tables_are_separate_and_indexed_where_they_start(docx, wml):
    inner = wml.tbl(wml.tr(wml.tc("内表1")), wml.tr(wml.tc("内表2")), cols=1)
    outer = wml.tbl(wml.tr(wml.tc("左上"), wml.tc("右上")),
                    wml.tr(wml.tc("左下"), wml.tc("外层单元格", extra=inner)), cols=2)
    doc = docx(outer + wml.p("两表之间") + wml.tbl(wml.tr(wml.tc("第三张")), cols=1))
    assert [t.index for t in doc.tables] == [0, 1, 2]
    outer_t, inner_t, third = doc.tables
    assert outer_t.grid[1][1].text == "外层单元格"  # the nested table's text stays in the nested table
    assert outer_t.grid[1][1].nested == (1,)
    assert inner_t.nested_in == (0, 1, 1) and inner_t.rows_text() == [["内表1"], ["内表2"]]
    assert inner_t.location.table == 1 and inner_t.location.block == outer_t.location.block
    assert (inner_t.location.row, inner_t.location.col) == (1, 1)
    assert [b.index for b in doc.blocks if isinstance(b, Table)] == [0, 2]
    assert third.location.table == 2


def test_two_row_header_with_group_and_vertical_labels(docx, wml):
    t = wml.tbl(
        wml.tr(wml.tc("序号", VM_RESTART), wml.tc("污染物排放量", span(2)), wml.tc("削减率(%)", VM_RESTART)),
        wml.tr(wml.tc("", VM_CONTINUE), wml.tc("审核前"), wml.tc("审核后"), wml.tc("", VM_CONTINUE)),
        wml.tr(wml.tc("1"), wml.tc("12.5"), wml.tc("10.0"), wml.tc("20")),
        wml.tr(wml.tc("2"), wml.tc("8.0"), wml.tc("6.0"), wml.tc("25")),
        cols=4)
    (table,) = docx(t).tables
    assert table.header_rows == 2
    assert table.header_paths == ["序号", "污染物排放量/审核前", "污染物排放量/审核后", "削减率(%)"]
    assert [c.text for c in table.data_rows()[0]] == ["1", "12.5", "10.0", "20"]


def test_three_row_header(docx, wml):
    t = wml.tbl(
        wml.tr(wml.tc("项目", VM_RESTART), wml.tc("能源消耗", span(4))),
        wml.tr(wml.tc("", VM_CONTINUE), wml.tc("电", span(2)), wml.tc("天然气", span(2))),
        wml.tr(wml.tc("", VM_CONTINUE), wml.tc("审核前"), wml.tc("审核后"), wml.tc("审核前"), wml.tc("审核后")),
        wml.tr(wml.tc("合计"), wml.tc("100"), wml.tc("90"), wml.tc("50"), wml.tc("45")),
        cols=5)
    (table,) = docx(t).tables
    assert table.header_rows == 3
    assert table.header_paths == ["项目", "能源消耗/电/审核前", "能源消耗/电/审核后", "能源消耗/天然气/审核前",
                                  "能源消耗/天然气/审核后"]


def test_header_rows_marked_to_repeat_win(docx, wml):
    hdr = "<w:tblHeader/>"
    t = wml.tbl(wml.tr(wml.tc("名称"), wml.tc("说明"), props=hdr), wml.tr(wml.tc("组长"), wml.tc("负责组织")),
                wml.tr(wml.tc("组员"), wml.tc("负责实施")), cols=2)
    (table,) = docx(t).tables
    assert table.header_rows == 1 and table.header_paths == ["名称", "说明"]


def test_bold_first_row_is_the_header_of_a_text_table(docx, wml):
    t = wml.tbl(wml.tr(wml.tc("障碍类型", bold=True), wml.tc("解决办法", bold=True)),
                wml.tr(wml.tc("思想观念"), wml.tc("加强宣传")), wml.tr(wml.tc("技术"), wml.tc("外请专家")), cols=2)
    (table,) = docx(t).tables
    assert table.header_rows == 1 and table.header_paths == ["障碍类型", "解决办法"]


def test_plain_text_rows_under_a_flat_header_are_data(docx, wml):
    t = wml.tbl(wml.tr(wml.tc("阶段"), wml.tc("内容")), wml.tr(wml.tc("预审核"), wml.tc("现状调查")),
                wml.tr(wml.tc("审核"), wml.tc("物料平衡")), cols=2)
    (table,) = docx(t).tables
    assert table.header_rows == 1


def test_captions_above_below_continued_and_appendix(docx, wml):
    one = wml.tbl(wml.tr(wml.tc("项目"), wml.tc("数值")), wml.tr(wml.tc("产量"), wml.tc("1320")), cols=2)
    body = (wml.p("表3-2 物料平衡表", style="Caption") + one
            + wml.p("正文说明文字。") + one + wml.p("表 3-3 水平衡表")
            + wml.p("续表3-2 物料平衡表") + one
            + wml.p("附表1 方案汇总表") + one
            + wml.p("表4-1 上方题注") + one + wml.p("表4-2 属于下一张表") + one)
    doc = docx(body)
    caps = [(t.caption, t.caption_position, t.continued_from) for t in doc.tables]
    assert caps == [("表3-2 物料平衡表", "above", None), ("表 3-3 水平衡表", "below", None),
                    ("续表3-2 物料平衡表", "above", 0), ("附表1 方案汇总表", "above", None),
                    ("表4-1 上方题注", "above", None), ("表4-2 属于下一张表", "above", None)]


def test_sentence_mentioning_a_table_is_not_a_caption(docx, wml):
    one = wml.tbl(wml.tr(wml.tc("项目"), wml.tc("数值")), wml.tr(wml.tc("产量"), wml.tc("1320")), cols=2)
    doc = docx(wml.p("表2-1列出了企业的基本情况，数据来自企业统计报表。") + one)
    assert doc.tables[0].caption is None


def test_cell_text_original_norm_normalised(docx, wml):
    (table,) = docx(wml.tbl(wml.tr(wml.tc("審核（前）"), wml.tc("１２．５　t/a"), wml.tc("筹划与组织")))).tables
    assert [c.text for c in table.grid[0]] == ["審核（前）", "１２．５　t/a", "筹划与组织"]
    assert [c.norm for c in table.grid[0]] == ["审核(前)", "12.5t/a", "筹划和组织"]
    assert all(c.norm == normalize.norm(c.text) for c in table.grid[0])


def test_multi_paragraph_cells_and_image_in_cell(docx, wml):
    drawing = ('<w:r><w:drawing><wp:inline><wp:extent cx="360000" cy="720000"/><wp:docPr id="9" name="图片 9" '
               'descr="公章"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
               '<pic:pic><pic:blipFill><a:blip r:embed="rIdImg1"/></pic:blipFill></pic:pic></a:graphicData></a:graphic>'
               '</wp:inline></w:drawing></w:r>')
    cell = f'<w:tc><w:p><w:r><w:t>第一段</w:t></w:r></w:p><w:p><w:r><w:t>第二段</w:t></w:r></w:p><w:p>{drawing}</w:p></w:tc>'
    doc = docx(wml.PAGE_BREAK + wml.tbl(wml.tr(wml.tc("单位（盖章）"), cell), cols=2),
               media={"rIdImg1": wml.PNG})
    (table,) = doc.tables
    assert table.grid[0][1].text == "第一段\n第二段"
    (image,) = doc.images
    assert (image.location.table, image.location.row, image.location.col) == (0, 0, 1)
    assert (image.width_mm, image.height_mm, image.name) == (10.0, 20.0, "公章")
    assert isinstance(image, Image)


def long_table(wml, special_row: str) -> str:
    rows = [wml.tr(wml.tc("序号"), wml.tc("名称"), wml.tc("数量"))]
    rows += [wml.tr(wml.tc(str(i)), wml.tc(f"物料{i}"), wml.tc(f"{i}.5")) for i in range(1, 6)]
    rows.append(special_row)
    rows += [wml.tr(wml.tc("合计", span(2)), wml.tc("99"))]
    return wml.tbl(*rows, cols=3)


@pytest.mark.parametrize("special,expected", [
    ('<w:tc><w:p><w:r><w:t>制</w:t><w:tab/><w:t>表</w:t></w:r></w:p></w:tc>', "制\t表"),
    ('<w:tc><w:p><w:r><w:t>旧</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>新</w:t></w:r></w:ins></w:p></w:tc>',
     "旧新"),
    ('<w:tc><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> =SUM(ABOVE) </w:instrText></w:r>'
     '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>15</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/>'
     '</w:r></w:p></w:tc>', "15"),
    ('<w:tc><w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>藏</w:t></w:r><w:r><w:t>显</w:t></w:r></w:p></w:tc>', "显"),
    ('<w:tc><w:p><w:pPr><w:pStyle w:val="Secret"/></w:pPr><w:r><w:t>整段隐藏</w:t></w:r></w:p></w:tc>', ""),
    ('<w:tc><w:p><w:r><w:t>第一段</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>第三段</w:t></w:r></w:p></w:tc>',
     "第一段\n\n第三段"),
])
def test_rows_needing_the_full_reader_read_the_same_as_plain_rows(docx, wml, special, expected, monkeypatch):
    row = f"<w:tr>{wml.tc('6')}{special}{wml.tc('7')}</w:tr>"
    fast, slow = read_both_ways(docx, long_table(wml, row), monkeypatch)
    assert fast.rows_text() == slow.rows_text()
    assert fast.grid[6][1].text == expected
    assert (fast.header_rows, fast.header_paths) == (slow.header_rows, slow.header_paths)
    assert fast.grid[7][0] is fast.grid[7][1] and fast.grid[7][0].colspan == 2


def test_merges_past_the_header_rows_fast_and_full_reader_agree(docx, wml, monkeypatch):
    rows = [wml.tr(wml.tc("类别"), wml.tc("名称"), wml.tc("数量"), wml.tc("备注"))]
    rows += [wml.tr(wml.tc(f"类{i}"), wml.tc(f"名{i}"), wml.tc(str(i)), wml.tc("")) for i in range(4)]
    rows += [wml.tr(wml.tc("废水", VM_RESTART), wml.tc("COD"), wml.tc("1.5"), wml.tc("达标")),
             wml.tr(wml.tc("", VM_CONTINUE), wml.tc("氨氮"), wml.tc("0.2"), wml.tc("达标")),
             wml.tr(wml.tc("小计", span(2)), wml.tc("1.7"), wml.tc("")),
             wml.tr(wml.tc("缺前"), wml.tc("缺后"), props='<w:gridBefore w:val="1"/><w:gridAfter w:val="1"/>'),
             wml.tr(wml.tc("甲", '<w:hMerge w:val="restart"/>'), wml.tc("", "<w:hMerge/>"), wml.tc("丙"), wml.tc("丁"))]
    body = wml.tbl(*rows, cols=4)
    fast, slow = read_both_ways(docx, body, monkeypatch)
    assert grid_shape(fast) == grid_shape(slow)
    g = fast.grid
    assert g[5][0] is g[6][0] and g[5][0].rowspan == 2
    assert g[7][0] is g[7][1] and g[7][0].colspan == 2
    assert [c.text for c in g[8]] == ["", "缺前", "缺后", ""]
    assert g[9][0] is g[9][1] and g[9][0].text == "甲" and g[9][0].colspan == 2


def test_style_based_on_a_heading_but_set_to_body_text(docx, wml):
    styles = wml.STYLES.replace("</w:styles>", '<w:style w:type="paragraph" w:styleId="Lead"><w:name w:val="导语"/>'
                                '<w:basedOn w:val="Heading1"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>'
                                "</w:styles>")
    doc = docx(wml.p("本章介绍审核的准备工作和组织机构的建立情况，供评审专家参阅。", style="Lead"), styles=styles)
    assert doc.headings == [] and doc.paragraphs[0].style == "Lead"


def test_table_level_content_control_and_a_late_special_cell_fast_and_full_reader_agree(docx, wml, monkeypatch):
    """The table scan meets a row's special element only after it placed earlier cells of that row
    (here a vMerge continuation, whose row span it must give back), and rows wrapped in a
    table-level content control between plain rows: both must read as the full reader reads them."""
    rows = [wml.tr(wml.tc("类别"), wml.tc("名称"), wml.tc("数量"))]
    rows += [wml.tr(wml.tc(f"类{i}"), wml.tc(f"名{i}"), wml.tc(str(i))) for i in range(3)]
    rows.append(wml.tr(wml.tc("废水", VM_RESTART), wml.tc("COD"), wml.tc("1.5")))
    rows.append(wml.tr(wml.tc("", VM_CONTINUE), wml.tc("氨氮"),
                       '<w:tc><w:p><w:r><w:t>0</w:t><w:tab/><w:t>2</w:t></w:r></w:p></w:tc>'))
    rows.append(f"<w:sdt><w:sdtContent>{wml.tr(wml.tc('包'), wml.tc('装'), wml.tc('行'))}</w:sdtContent></w:sdt>")
    rows.append(wml.tr(wml.tc("合计"), wml.tc(""), wml.tc("9")))
    body = wml.tbl(*rows, cols=3)
    fast, slow = read_both_ways(docx, body, monkeypatch)
    assert grid_shape(fast) == grid_shape(slow)
    assert (fast.header_rows, fast.header_paths) == (slow.header_rows, slow.header_paths)
    g = fast.grid
    assert g[4][0] is g[5][0] and g[4][0].rowspan == 2
    assert [c.text for c in g[5]] == ["废水", "氨氮", "0\t2"]
    assert [c.text for c in g[6]] == ["包", "装", "行"]
    assert [c.text for c in g[7]] == ["合计", "", "9"]
