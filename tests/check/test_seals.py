"""SEAL-001 (national) and SEAL-002/003 (Shanghai final reports): evidence for a human, never proof.

Levels (docgen/check/kinds/seals.py): an image on the cover → info "请人工核实"; no image but a
marked seal place (our rendered dashed box "（企业盖章处）", "企业名称（盖章）") → info; neither →
the rule's severity (warning nationally, error for a Shanghai 终稿)."""

from __future__ import annotations

import pytest

from tests.check.data.fieldkit import (
    add_cover_image,
    check,
    check_pack,
    edit,
    remove_table_containing,
    set_paragraph,
)

FC = "audit-shanghai-fine-chemical"
COVER_NAME = "企业名称（盖章）：上海澄霖精细化学品有限公司"
UNMARK = [remove_table_containing("企业盖章处"), set_paragraph(COVER_NAME, "企业名称：上海澄霖精细化学品有限公司")]


@pytest.fixture
def fc_eval(rendered_reports):
    return rendered_reports[(FC, "evaluation")]


def test_own_reports_marked_place_is_info_only(rendered_reports):
    for (stem, kind), path in rendered_reports.items():
        result = check(path, "SEAL-001")
        (f,) = result.findings
        assert f.severity == "info" and result.counts["warning"] == 0 and result.counts["error"] == 0, stem
        assert f.message == "封面标有盖章位置，但未发现企业印章图片，请人工核实纸质件是否盖章"
        assert "「（企业盖章处）」" in f.evidence and "封面图片 0 张" in f.evidence
        assert result.verdict == "pass"


def test_box_removed_but_label_still_marks_the_place(fc_eval, tmp_path):
    path = edit(fc_eval, tmp_path / "nobox.docx", remove_table_containing("企业盖章处"))
    (f,) = check(path, "SEAL-001").findings
    assert f.severity == "info" and "「企业名称（盖章）：上海澄霖精细化学品有限公司」" in f.evidence


def test_no_image_and_no_seal_place_is_a_warning(fc_eval, tmp_path):
    path = edit(fc_eval, tmp_path / "unmarked.docx", *UNMARK)
    (f,) = check(path, "SEAL-001").findings
    assert (f.severity, f.status, f.category, f.target_id) == ("warning", "fail", "seal", "F-seal")
    assert f.message == "封面未发现印章图片（企业盖章），也没有标出盖章位置"
    assert f.location.page == 1


def test_image_on_the_cover_is_reported_for_a_human(fc_eval, tmp_path):
    path = add_cover_image(fc_eval, tmp_path / "sealed.docx", after=COVER_NAME, mm=40)
    (f,) = check(path, "SEAL-001").findings
    assert f.severity == "info" and f.message == "封面有图片，可能为企业印章，请人工核实"
    assert "40×40 mm" in f.evidence and "其中 1 张尺寸与公章相符" in f.evidence and "仅作人工核实的线索" in f.evidence


def test_image_not_seal_sized(fc_eval, tmp_path):
    path = add_cover_image(fc_eval, tmp_path / "logo.docx", after="企业名称：上海澄霖精细化学品有限公司", mm=12, name="logo",
                           extra_edits=UNMARK)
    (f,) = check(path, "SEAL-001").findings
    assert f.severity == "info" and "尺寸均不像公章" in f.evidence and "12×12 mm" in f.evidence


def test_shanghai_final_report_seal(fc_eval, tmp_path):
    pack = "shanghai-evaluation"
    # not a final version: the rule does not apply at all
    assert check_pack(fc_eval, pack, "SEAL-002").findings == []
    final = set_paragraph("（评估）", "（评估报告终稿）")
    marked = edit(fc_eval, tmp_path / "final.docx", final)
    (f,) = check_pack(marked, pack, "SEAL-002").findings
    assert f.severity == "info" and "企业和审核咨询机构" in f.message
    unmarked = edit(fc_eval, tmp_path / "final-unmarked.docx", final, *UNMARK)
    (f,) = check_pack(unmarked, pack, "SEAL-002").findings
    assert (f.rule, f.severity) == ("SEAL-002", "error")
    assert f.message == "封面未发现印章图片（企业和审核咨询机构盖章），也没有标出盖章位置"
    sealed = add_cover_image(fc_eval, tmp_path / "final-sealed.docx", after="企业名称：上海澄霖精细化学品有限公司",
                             extra_edits=[final, *UNMARK])
    (f,) = check_pack(sealed, pack, "SEAL-002").findings
    assert f.severity == "info" and "请人工核实" in f.message


def test_shanghai_final_acceptance_report_seal(rendered_reports, tmp_path):
    src = rendered_reports[(FC, "acceptance")]
    path = edit(src, tmp_path / "acc-final.docx", set_paragraph("（验收）", "（终稿）"), *UNMARK)
    (f,) = check_pack(path, "shanghai-acceptance", "SEAL-003").findings
    assert (f.rule, f.severity, f.target_id) == ("SEAL-003", "error", "F-seal")


def test_pdf_image_on_page_one(tmp_path):
    """A PDF's pictures come with hint "cover" on page 1 (docgen/read/pdf): built as a model here."""
    from docgen.check.engine import check_document
    from docgen.read.model import Document, Heading, Image, Location, Paragraph, Signal
    from tests.check.data.fieldkit import national_rules, profile_of

    def doc(*images):
        blocks = [Paragraph("上海澄霖精细化学品有限公司清洁生产审核报告", Location(0, paragraph=0, page=1)), *images,
                  Heading(1, "第一章", "筹划和组织", "第一章 筹划和组织", Signal.FONT, 0.7, Location(9, paragraph=1, page=3))]
        return Document(path="r.pdf", format="pdf", sha256="0" * 64, blocks=blocks)

    profile = profile_of(national_rules()["SEAL-001"])
    seal = Image(Location(1, page=1), width_mm=41.5, height_mm=41.0, hint="cover")
    (f,) = check_document(doc(seal), profile).findings
    assert f.severity == "info" and "41.5×41 mm，第 1 页" in f.evidence and "其中 1 张尺寸与公章相符" in f.evidence
    body_picture = Image(Location(1, page=2), width_mm=41.5, height_mm=41.0, hint="body")
    (f,) = check_document(doc(body_picture), profile).findings
    assert f.severity == "warning"          # a picture elsewhere is no evidence of a cover seal
