"""A front matter the engine did not write: title without a 企业名称 line, 编制单位 for the
consultancy, a Chinese-numeral cover date, a four-column 封二 table with a dotted date and an
empty certificate cell, no seal place — read through the same rules."""

from __future__ import annotations

from docgen.check.engine import check_document
from docgen.read import read_document
from tests.check.data.fieldkit import national_rules, profile_of
from tests.read.docx.conftest import PAGE_BREAK, make_docx, p, tbl, tc, tr

NAME = "苏州恒达精密机械有限公司"


def _report(tmp_path, *, cert: str = "", start: str = "2024年3月5日", cover_extra: str = ""):
    body = (p(NAME) + p("清洁生产审核报告") + p("编制单位：苏州绿源环保咨询有限公司") + cover_extra + p("二〇二四年六月")
            + PAGE_BREAK
            + tbl(tr(tc("单位名称"), tc(NAME), tc("日期"), tc("2024.6.18")),
                  tr(tc("报告编制人员"), tc("王强、李娜"), tc("审核师证书编号"), tc(cert)), cols=4)
            + PAGE_BREAK + p("目录") + PAGE_BREAK
            + p("第一章 筹划与组织", style="Heading1") + p(f"公司于{start}启动清洁生产审核，成立审核小组。"))
    header = {"rIdH1": f'<w:p><w:r><w:t>{NAME}清洁生产审核报告</w:t></w:r></w:p>'}
    sect = ('<w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/>'
            '<w:pgSz w:w="11906" w:h="16838"/></w:sectPr>')
    return make_docx(tmp_path / "foreign.docx", body, headers=header, sect=sect)


def _run(path, *codes):
    rules = national_rules()
    return check_document(read_document(path), profile_of(*(rules[c] for c in codes))).findings


def test_foreign_front_matter(tmp_path):
    path = _report(tmp_path)
    assert _run(path, "FLD-001", "FLD-002", "FLD-004", "DAT-001", "DAT-002", "TPL-001") == []
    (cert,) = _run(path, "FLD-003")
    assert cert.message == "封二「审核师证书编号」未填写" and (cert.location.row, cert.location.col) == (1, 3)
    (seal,) = _run(path, "SEAL-001")
    assert seal.severity == "warning" and seal.message == "封面未发现印章图片（企业盖章），也没有标出盖章位置"


def test_foreign_certificate_and_seal_place(tmp_path):
    path = _report(tmp_path, cert="王强 0031-2019-0456", cover_extra=p("（公章）"))
    assert _run(path, "FLD-003") == []
    (seal,) = _run(path, "SEAL-001")
    assert seal.severity == "info" and "「（公章）」" in seal.evidence


def test_foreign_start_after_report(tmp_path):
    path = _report(tmp_path, start="2024年7月1日")
    assert [f.message for f in _run(path, "DAT-002")] == [
        "报告日期（2024年6月）早于审核启动日期（2024年7月1日）", "报告日期（2024年6月18日）早于审核启动日期（2024年7月1日）"]


def _rewrite(path, target, old: str, new: str):
    import zipfile

    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.namelist():
            data = zin.read(item)
            if item == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode())
            zout.writestr(item, data)
    return target


def test_foreign_empty_consultancy_label(tmp_path):
    path = _report(tmp_path)
    blank = _rewrite(path, tmp_path / "blank.docx", "编制单位：苏州绿源环保咨询有限公司", "编制单位：")
    # the consultancy is optional on the cover, but a printed label left empty is not — and the
    # cover date on the next line is not taken for its value
    (f,) = _run(blank, "FLD-001")
    assert f.message == "封面「编制单位」未填写" and f.target_id == "F-consultancy"
    # the value on the line below its label is found
    below = _rewrite(path, tmp_path / "below.docx", "编制单位：苏州绿源环保咨询有限公司",
                     "编制单位：</w:t></w:r></w:p><w:p><w:r><w:t>苏州绿源环保咨询有限公司")
    assert _run(below, "FLD-001") == []
