"""The Shanghai packs: metadata and extends, ARC-201/202/203 (required_mentions), FLD-003 raised to
error, and the round trip of every rule this helper added on the engine's own reports."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.check.profile import load_profile
from tests.check.data.fieldkit import (
    check,
    check_pack,
    edit,
    remove_row,
    set_cell,
    set_paragraph,
)

FC = "audit-shanghai-fine-chemical"
OWN = {"shanghai-evaluation": ("FLD-003", "ARC-201", "SEAL-002", "DL-001", "DL-002"),
       "shanghai-acceptance": ("FLD-003", "ARC-202", "ARC-203", "SEAL-003", "DL-003")}
ANNEX1 = "附件9：审核咨询服务机构基本情况表及审核师证书"
CERTS = ("黄永康（清洁生产审核师培训合格证书 QJSC-2013-SH-0417）；马晓琳（清洁生产审核师培训合格证书 QJSC-2016-SH-1125）；"
         "邵俊杰（清洁生产审核师培训合格证书 QJSC-2019-SH-0862）")


@pytest.mark.parametrize("pack, parent, kind", [("shanghai-evaluation", "national-2018-evaluation", "evaluation"),
                                                ("shanghai-acceptance", "national-2018-acceptance", "acceptance")])
def test_pack_metadata_and_extends(pack, parent, kind):
    prof = load_profile(pack)
    assert (prof.extends, prof.kind, prof.effective) == (parent, kind, dt.date(2020, 12, 18))
    assert "上海市强制性清洁生产审核管理工作指引" in prof.source and "seed 003" in prof.source
    codes = [r.code for r in prof.rules]
    assert set(OWN[pack]) <= set(codes)
    assert {r.code for r in load_profile(parent).rules} <= set(codes)     # nothing of the parent lost
    for code in OWN[pack]:
        rule = prof.rule(code)
        assert rule.review_point and rule.rationale and rule.examples.get("fail") and rule.examples.get("pass")


def test_round_trip_of_the_shanghai_rules(rendered_reports):
    for (stem, kind), path in rendered_reports.items():
        pack = f"shanghai-{kind}"
        result = check_pack(path, pack, *OWN[pack])
        assert result.findings == [], (stem, kind, [f.message for f in result.findings])


def test_certificate_severity_raised_in_shanghai(rendered_reports, tmp_path):
    path = edit(rendered_reports[(FC, "evaluation")], tmp_path / "nocert.docx",
                set_cell("审核师姓名及证书编号", 1, "黄永康；马晓琳；邵俊杰", expect=CERTS))
    (national,) = check(path, "FLD-003").findings
    (shanghai,) = check_pack(path, "shanghai-evaluation", "FLD-003").findings
    assert (national.severity, shanghai.severity) == ("warning", "error")
    assert shanghai.message == national.message


def test_annex1_reference_missing(rendered_reports, tmp_path):
    path = edit(rendered_reports[(FC, "evaluation")], tmp_path / "noannex.docx", set_paragraph(ANNEX1, ""))
    (f,) = check_pack(path, "shanghai-evaluation", "ARC-201").findings
    assert f.message == "报告正文及附件清单中未提及「咨询服务机构基本情况表」（Z-4）"
    assert (f.category, f.severity, f.target_id) == ("archive", "warning", "Z-4")


def test_capability_statement_instead_of_annex1(rendered_reports, tmp_path):
    path = edit(rendered_reports[(FC, "evaluation")], tmp_path / "capability.docx",
                set_paragraph(ANNEX1, "附件9：咨询机构技术能力说明及审核师证书"))
    assert check_pack(path, "shanghai-evaluation", "ARC-201").findings == []


def test_annex1_not_required_without_a_consultancy(rendered_reports, tmp_path):
    path = edit(rendered_reports[(FC, "evaluation")], tmp_path / "self.docx", set_paragraph(ANNEX1, ""),
                set_paragraph("咨询机构：上海绿钧环境技术咨询有限公司", ""), remove_row("咨询机构名称"))
    assert check_pack(path, "shanghai-evaluation", "ARC-201").findings == []


def test_acceptance_performance_table_and_declaration(rendered_reports, tmp_path):
    src = rendered_reports[(FC, "acceptance")]
    path = edit(src, tmp_path / "noperf.docx", set_paragraph("附件4：清洁生产审核绩效表（盖章）", ""),
                set_paragraph("表4-1 重点企业清洁生产审核绩效表", "表4-1 清洁生产审核成效汇总表"),
                set_paragraph("附件5：企业自我声明（盖章）", ""))
    findings = check_pack(path, "shanghai-acceptance", "ARC-202", "ARC-203").findings
    assert [(f.rule, f.target_id, f.message) for f in findings] == [
        ("ARC-202", "Z-13", "报告正文及附件清单中未提及「绩效表」（Z-13）"),
        ("ARC-203", "Z-14", "报告正文及附件清单中未提及「企业自我声明」（Z-14）"),
    ]
    # the 绩效表 in the body alone (表4-1) is enough for ARC-202
    path = edit(src, tmp_path / "bodyperf.docx", set_paragraph("附件4：清洁生产审核绩效表（盖章）", ""))
    assert check_pack(path, "shanghai-acceptance", "ARC-202").findings == []
