"""附表3 and 附表4: exactly the seed's columns, notes and footer; rows as at the quarter's end."""

from __future__ import annotations

from datetime import date as D

import docx
import pytest
from openpyxl import load_workbook

from docgen.track import wording as W
from docgen.track.quarterly import build_return, form3_docx, form4_docx, write_return
from docgen.track.register import open_register

FILLED = D(2026, 10, 9)
FORM3 = ["序号", "企业名称", "名单公布时间", "要求完成期限", "审核咨询机构名称", "评估时间和评估结果", "验收时间和验收结果"]
FORM4 = ["序号", "企业名称", "变化情况", "调整结果", "证明材料", "备注"]


@pytest.fixture
def q3(sample_db):
    return build_return(open_register(sample_db), 2026, 3, filler="张三", filled_on=FILLED)


def test_headers_are_the_seeds():
    # seed 003 附表3 / 附表4, typed here from the seed, not from the module
    assert list(W.FORM3_HEADERS) == FORM3
    assert [h for h, _ in W.FORM4_HEADERS] == FORM4


def test_form3_rows_as_at_the_quarter_end(q3):
    assert len(q3.form3) == 10             # listed by 2026-09-30: all but the two 2026-10-20 listings
    rows = {r[1]: r for r in q3.form3}
    assert rows["上海临港电镀有限公司"][2:] == [
        "2025年3月20日", "评估：2026年3月20日；验收：2027年5月31日（暂定）",   # 2027-05-30 is a Sunday
        "上海沛清环境科技咨询有限公司", "尚未评估", "尚未验收"]
    # on-site evaluation 2026-10-09 is after the quarter: only the application shows
    assert rows["上海闵行制药有限公司"][5] == "2026年2月26日 已申请评估，尚未现场评估"
    assert rows["上海澄霖精细化学品有限公司"][5:] == ["2025年3月27日，通过", "2026年5月8日，通过"]
    # 2024-05-17 + 24 months = 2026-05-17 (Sunday) → 05-18
    assert rows["上海澄霖精细化学品有限公司"][3] == "评估：2025年3月20日；验收：2026年5月18日"
    assert rows["上海金山涂装有限公司"][4] == "上海绿钧环境技术咨询有限公司"
    assert [r[0] for r in q3.form3] == [str(i) for i in range(1, 11)]


def test_form4_rows_and_mapping(q3):
    got = {r[1]: r[2:] for r in q3.form4}
    assert got == {
        "上海嘉定汽车零部件股份有限公司": ["企业名称变更：原名称：上海嘉定汽车零部件有限公司", "名称变更", "营业执照变更登记通知书", ""],
        "上海青浦纺织印染有限公司": ["企业关停并转：印染生产线已拆除，企业停产关闭", "名单撤销", "", ""],
        "上海崇明食品有限公司": ["企业涉及产污工序停产：杀菌清洗工序自2026年9月起停产", "审核暂缓", "", ""],
        "上海长宁表面处理有限公司": ["企业搬迁（整体搬迁至外省市）：整体搬迁至江苏省南通市", "审核终止", "现场确认照片", ""],
    }
    assert len(q3.warnings) == 1 and "上海青浦纺织印染有限公司" in q3.warnings[0] and "注3" in q3.warnings[0]


def test_later_quarter_drops_ended_entries_and_has_no_form4(sample_db):
    q4 = build_return(open_register(sample_db), 2026, 4, filled_on=FILLED)
    names = {r[1] for r in q4.form3}
    assert "上海青浦纺织印染有限公司" not in names and "上海长宁表面处理有限公司" not in names
    assert "上海奉贤新材料有限公司" in names and len(names) == 10
    assert q4.form4 == []


def test_district_filter(sample_db):
    ret = build_return(open_register(sample_db), 2026, 3, district="浦东新区", filled_on=FILLED)
    assert {r[1] for r in ret.form3} == {"上海浦江包装印刷有限公司", "上海临港电镀有限公司"}


def _texts(d):
    return [p.text for p in d.paragraphs]


def test_form3_docx(q3, tmp_path):
    path = tmp_path / "f3.docx"
    path.write_bytes(form3_docx(q3))
    d = docx.Document(path)
    assert _texts(d)[:3] == ["附表3", "重点行业实施强制性清洁生产审核情况表", "（2026年第3季度）"]
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == FORM3
    assert len(table.rows) == 11
    assert _texts(d)[-3:] == ["＿＿＿＿区生态环境局（盖章）", "填报人：张三", "填报时间：2026年10月9日"]
    sec = d.sections[0]
    assert abs(sec.page_width.mm - 297) < 0.1 and abs(sec.page_height.mm - 210) < 0.1    # landscape A4
    title = d.paragraphs[1].runs[0]._element
    fonts = title.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "黑体"
    cell_run = table.rows[1].cells[1].paragraphs[0].runs[0]
    assert cell_run.font.size.pt == 10.5                                          # 五号 (typography)
    assert form3_docx(q3) == form3_docx(q3)                                      # deterministic bytes


def test_form4_docx_has_note_markers_notes_and_footer(sample_db, tmp_path):
    ret = build_return(open_register(sample_db), 2026, 3, district="浦东新区", filler="李四", filled_on=FILLED)
    ret.form4 = build_return(open_register(sample_db), 2026, 3, filled_on=FILLED).form4
    d = docx.Document(__import__("io").BytesIO(form4_docx(ret)))
    header = d.tables[0].rows[0].cells
    assert [c.text for c in header] == ["序号", "企业名称", "变化情况1", "调整结果2", "证明材料3", "备注"]
    marker = header[2].paragraphs[0].runs[1]
    assert marker.text == "1" and marker.font.superscript
    texts = _texts(d)
    assert texts[:3] == ["附表4", "强制性清洁生产审核名单调整表", "（2026年第3季度）"]
    assert "注1：变化情况根据企业情况选填" in texts and "（7）其他情况请提出建议调整意见" in texts
    assert "名称变更和名单撤销的企业需上报证明材料，材料根据实际情况提交，可包括：现场确认的照片或者支队执法的记录等。" in texts
    assert texts[-3:] == ["浦东新区生态环境局（盖章）", "填报人：李四", "填报时间：2026年10月9日"]


def test_written_files_and_xlsx(q3, tmp_path):
    paths = write_return(q3, tmp_path)
    assert [p.name for p in paths] == [
        "附表3-重点行业实施强制性清洁生产审核情况表-2026年第3季度.docx", "附表3-重点行业实施强制性清洁生产审核情况表-2026年第3季度.xlsx",
        "附表4-强制性清洁生产审核名单调整表-2026年第3季度.docx", "附表4-强制性清洁生产审核名单调整表-2026年第3季度.xlsx"]
    ws = load_workbook(paths[1]).active
    rows = [[c for c in r] for r in ws.iter_rows(values_only=True)]
    assert rows[0][0] == "附表3" and rows[1][0] == "重点行业实施强制性清洁生产审核情况表" and rows[2][0] == "（2026年第3季度）"
    assert list(rows[3]) == FORM3
    assert [r[0] for r in rows[-2:]] == ["填报人：张三", "填报时间：2026年10月9日"]
    assert rows[-3][-1] == "＿＿＿＿区生态环境局（盖章）"
    ws4 = load_workbook(paths[3]).active
    assert [c.value for c in ws4[4]] == ["序号", "企业名称", "变化情况¹", "调整结果²", "证明材料³", "备注"]
    with pytest.raises(FileExistsError):
        write_return(q3, tmp_path)
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(paths, write_return(q3, tmp_path / "again")))


@pytest.mark.usefixtures("pdf_toolchain")
def test_forms_convert_with_libreoffice(q3, tmp_path):
    from pypdf import PdfReader

    from docgen.render.pdf.converter import convert_to_pdf

    paths = write_return(q3, tmp_path)
    result = convert_to_pdf(paths[0], tmp_path / "f3.pdf")
    assert result.pages >= 1
    # cells wrap long names onto two lines: compare without line breaks
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "f3.pdf").pages).replace("\n", "").replace(" ", "")
    assert "重点行业实施强制性清洁生产审核情况表" in text and "上海临港电镀有限公司" in text
