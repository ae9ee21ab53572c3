"""FLD-001…FLD-004 (required_fields, field_consistency): the engine's own reports pass; blanked,
placeholder or missing cover and 封二 fields fail with the label and place named."""

from __future__ import annotations

import pytest

from tests.check.data.fieldkit import (
    check,
    edit,
    edit_package,
    remove_row,
    set_cell,
    set_header,
    set_paragraph,
)

FC = "audit-shanghai-fine-chemical"
COVER_NAME = "企业名称（盖章）：上海澄霖精细化学品有限公司"
NAME = "上海澄霖精细化学品有限公司"
CERTS = ("黄永康（清洁生产审核师培训合格证书 QJSC-2013-SH-0417）；马晓琳（清洁生产审核师培训合格证书 QJSC-2016-SH-1125）；"
         "邵俊杰（清洁生产审核师培训合格证书 QJSC-2019-SH-0862）")


@pytest.fixture
def fc_eval(rendered_reports):
    return rendered_reports[(FC, "evaluation")]


def test_own_reports_pass(rendered_reports):
    for (stem, kind), path in rendered_reports.items():
        result = check(path, "FLD-001", "FLD-002", "FLD-003", "FLD-004")
        assert result.findings == [], (stem, kind, [f.message for f in result.findings])


def test_cover_name_blanked(fc_eval, tmp_path):
    path = edit(fc_eval, tmp_path / "blank.docx", set_paragraph(COVER_NAME, "企业名称（盖章）："))
    (f,) = check(path, "FLD-001").findings
    assert f.message == "封面「企业名称（盖章）」未填写"
    assert (f.rule, f.severity, f.category, f.target_id) == ("FLD-001", "error", "field", "F-enterprise-name")
    assert f.location.page == 1 and f.location.paragraph is not None


def test_cover_name_is_a_placeholder(fc_eval, tmp_path):
    path = edit(fc_eval, tmp_path / "xxx.docx", set_paragraph(COVER_NAME, "企业名称（盖章）：XXX有限公司"))
    (f,) = check(path, "FLD-001").findings
    assert f.message == "封面「企业名称（盖章）」仍为占位内容「XXX有限公司」"


def test_cover_without_any_name(fc_eval, tmp_path):
    # neither the title line nor the labelled line names the enterprise
    path = edit(fc_eval, tmp_path / "noname.docx", set_paragraph(COVER_NAME, "（盖章）"),
                set_paragraph(NAME, "", count=1))
    (f,) = check(path, "FLD-001").findings
    assert f.message == "封面未找到企业名称（F-enterprise-name）"


def test_title_alone_names_the_enterprise(fc_eval, tmp_path):
    # no "企业名称：" line, but the cover title "XX有限公司 / 清洁生产审核报告" names it
    path = edit(fc_eval, tmp_path / "title.docx", set_paragraph(COVER_NAME, "（盖章）"))
    assert check(path, "FLD-001").findings == []


def test_cover_date_missing_and_not_a_date(fc_eval, tmp_path):
    path = edit(fc_eval, tmp_path / "nodate.docx", set_paragraph("2025年2月", ""))
    (f,) = check(path, "FLD-001").findings
    assert f.message == "封面未找到报告日期（F-date）" and f.target_id == "F-date"
    path = edit(fc_eval, tmp_path / "baddate.docx", set_paragraph("2025年2月", "日期：二月底"))
    (f,) = check(path, "FLD-001").findings
    assert f.message == "封面「日期」不是有效日期：「二月底」"


def test_certificate_numbers_removed(fc_eval, tmp_path):
    path = edit(fc_eval, tmp_path / "nocert.docx",
                set_cell("审核师姓名及证书编号", 1, "黄永康；马晓琳；邵俊杰", expect=CERTS))
    (f,) = check(path, "FLD-003").findings
    assert f.message.startswith("封二「审核师姓名及证书编号」中未发现证书编号")
    assert (f.severity, f.target_id, f.location.row, f.location.col) == ("warning", "F-auditor-cert", 5, 1)
    assert "黄永康；马晓琳；邵俊杰" in f.evidence


def test_certificate_cell_blank(fc_eval, tmp_path):
    path = edit(fc_eval, tmp_path / "blankcert.docx", set_cell("审核师姓名及证书编号", 1, "", expect=CERTS))
    (f,) = check(path, "FLD-003").findings
    assert f.message == "封二「审核师姓名及证书编号」未填写"


@pytest.mark.parametrize("value, ok", [
    ("黄永康（证书编号 20131234）", True),      # digits only, 8 characters
    ("黄永康 CPA-15-88", True),                 # 9 characters with dashes
    ("黄永康 A-123", False),                    # 5 characters: too short
    ("黄永康（2024-06-15 取得）", False),        # a date is not a certificate number
])
def test_certificate_number_shapes(fc_eval, tmp_path, value, ok):
    path = edit(fc_eval, tmp_path / "shape.docx", set_cell("审核师姓名及证书编号", 1, value, expect=CERTS))
    assert (check(path, "FLD-003").findings == []) is ok


def test_compilers_blank(fc_eval, tmp_path):
    path = edit(fc_eval, tmp_path / "compilers.docx",
                set_cell("报告编制人员", 1, "", expect="马晓琳、邵俊杰、钱文斌"))
    (f,) = check(path, "FLD-002").findings
    assert f.message == "封二「报告编制人员」未填写" and f.target_id == "F-compiled-by"


def test_optional_label_left_empty_still_fails(fc_eval, tmp_path):
    # 报告审核人员 is optional, but a label printed with nothing after it is unfinished
    path = edit(fc_eval, tmp_path / "reviewers.docx", set_cell("报告审核人员", 1, "—", expect="黄永康、陆建平"))
    (f,) = check(path, "FLD-002").findings
    assert f.message == "封二「报告审核人员」未填写" and f.target_id == "F-reviewed-by"
    # … and leaving the optional row out altogether is fine
    path = edit(fc_eval, tmp_path / "noreviewers.docx", remove_row("报告审核人员"))
    assert check(path, "FLD-002").findings == []


def test_consultancy_missing_unless_self_audit(fc_eval, tmp_path):
    drop = [set_paragraph("咨询机构：上海绿钧环境技术咨询有限公司", ""), remove_row("咨询机构名称")]
    path = edit(fc_eval, tmp_path / "nocons.docx", *drop)
    (f,) = check(path, "FLD-002").findings
    assert f.message == "封面及封二未找到咨询机构名称（F-consultancy）"
    self_audit = set_paragraph("企业委托上海绿钧环境技术咨询有限公司协助开展审核", "企业自行开展清洁生产审核", contains=True)
    path = edit(fc_eval, tmp_path / "self.docx", *drop, self_audit)
    assert check(path, "FLD-002").findings == []


def test_consultancy_exempt_by_audit_data(fc_eval, tmp_path):
    from docgen.load import load_audit
    from tests.check.conftest import ROOT

    audit = load_audit(ROOT / "samples" / f"{FC}.yaml").audit
    path = edit(fc_eval, tmp_path / "nocons.docx", set_paragraph("咨询机构：上海绿钧环境技术咨询有限公司", ""),
                remove_row("咨询机构名称"))
    assert len(check(path, "FLD-002", audit=audit).findings) == 1          # the data names a consultancy
    selfish = audit.model_copy(update={"consultancy": None})
    assert check(path, "FLD-002", audit=selfish).findings == []


def test_name_in_header_differs(fc_eval, tmp_path):
    path = edit_package(fc_eval, tmp_path / "header.docx",
                        {"word/header1.xml": set_header(NAME, "上海澄林精细化工有限公司")})
    (f,) = check(path, "FLD-004").findings
    assert f.message == "页眉的企业名称「上海澄林精细化工有限公司」与封面「上海澄霖精细化学品有限公司」不一致"
    assert (f.severity, f.category, f.target_id) == ("warning", "field", "F-enterprise-name")


def test_name_in_basic_info_table_differs(fc_eval, tmp_path):
    other = "上海澄霖化工有限公司"
    path = edit(fc_eval, tmp_path / "t5.docx", set_cell("企业名称", 1, other, expect=NAME))
    (f,) = check(path, "FLD-004").findings
    assert f.message == f"「表2-1 企业基本情况表」的企业名称「{other}」与封面「{NAME}」不一致"
    assert (f.location.row, f.location.col) == (1, 1)


def test_name_on_responsibility_page_differs(fc_eval, tmp_path):
    path = edit(fc_eval, tmp_path / "front.docx", set_cell("单位名称", 1, "上海某精细化学品有限公司", expect=NAME))
    (f,) = check(path, "FLD-004").findings
    assert f.message.startswith("封二「单位名称」的企业名称「上海某精细化学品有限公司」")


def test_consistency_cannot_run_without_a_cover_name(fc_eval, tmp_path):
    path = edit(fc_eval, tmp_path / "noname.docx", set_paragraph(COVER_NAME, "（盖章）"),
                set_paragraph(NAME, "", count=1))
    (f,) = check(path, "FLD-004").findings
    assert f.status == "not_evaluable" and "封面未找到企业名称" in f.message
