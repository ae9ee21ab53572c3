"""docgen packet end to end: the sheets, the bundled PDF and its bookmarks, PDF highlights, safety."""

from __future__ import annotations

import json

import docx
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from docgen.cli import main
from docgen.packet.build import build_packet
from tests.conftest import ROOT

CONFORMANCE = ROOT / "samples" / "conformance"
SAMPLE = ROOT / "samples" / "audit-shanghai-fine-chemical.yaml"
SECTIONS = ["一、封面", "二、预审结果", "三、评分表", "四、专家意见单", "五、意见修改回复单", "六、批注版报告"]


def docx_text(path) -> str:
    document = docx.Document(path)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def outline(reader: PdfReader, items=None, depth=0) -> list[tuple[int, str, int]]:
    out = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            out += outline(reader, item, depth + 1)
        else:
            out.append((depth, item.title, reader.get_destination_page_number(item)))
    return out


def test_packet_sheets_without_pdf(tmp_path):
    out = tmp_path / "packet"
    result = build_packet(CONFORMANCE / "missing-s3.docx", out, audit=SAMPLE, pdf=False)
    names = sorted(p.name for p in out.iterdir())
    assert names == ["01_封面.docx", "02_预审结果.docx", "03_评分表.docx", "04_专家意见单.docx", "05_意见修改回复单.docx",
                     "06_批注版_missing-s3.docx", "预审结果.json"]
    cover = docx_text(out / "01_封面.docx")
    assert "上海澄霖精细化学品有限公司" in cover and "上海绿钧环境技术咨询有限公司" in cover
    assert "2025年3月3日" in cover                      # evaluation_applied of the sample
    assert "未通过" in cover and "错误 1 项" in cover     # SEC-001: S3 is missing
    summary = docx_text(out / "02_预审结果.docx")
    assert "SEC-001" in summary and "缺少「审核」章节" in summary and "位置：预审核" in summary
    scoring = docx.Document(out / "03_评分表.docx")
    veto, points = scoring.tables
    v1 = [c.text for c in veto.rows[1].cells]
    assert v1[1].startswith("审核程序不完整") and v1[2] == "候选（请核实）" and "SEC-001" in v1[3] and v1[4] == ""
    v5 = [c.text for c in veto.rows[5].cells]
    assert v5[2] == "须专家判断"                          # no rule can tell 淘汰工艺 from a document
    rows = [[c.text for c in r.cells] for r in points.rows]
    assert rows[0] == ["类别", "评分项", "分值", "预审发现", "得分"]
    assert [r[2] for r in rows[1:-1]] == ["10", "15", "10", "10", "10", "10", "5", "10", "10", "10"]
    assert all(r[4] == "" for r in rows[1:])              # the experts score, not the checker
    assert rows[-1][2] == "100"
    assert "SEC-001" in rows[1][3]
    assert "不低于 70 分" in docx_text(out / "03_评分表.docx")
    opinion = docx_text(out / "04_专家意见单.docx")
    assert "专家意见" in opinion and "□ 通过" in opinion
    reply = docx.Document(out / "05_意见修改回复单.docx")
    assert [c.text for c in reply.tables[0].rows[0].cells] == ["序号", "专家意见", "修改说明", "修改位置（页码）"]
    assert all(c.text == "" for row in reply.tables[0].rows[1:] for c in row.cells[1:])
    findings = json.loads((out / "预审结果.json").read_text(encoding="utf-8"))
    assert findings["verdict"] == "fail" and result.result.verdict == "fail"
    annotated = docx.Document(out / "06_批注版_missing-s3.docx")
    assert len(annotated.comments) == len(findings["findings"])


def test_packet_pdf_opens_and_has_bookmarks_by_section(tmp_path, pdf_toolchain):
    out = tmp_path / "packet"
    build_packet(CONFORMANCE / "num-001-options-total-changed.docx", out, audit=SAMPLE)
    reader = PdfReader(out / "专家评审材料.pdf")
    marks = outline(reader)
    assert [title for depth, title, _ in marks if depth == 0] == SECTIONS
    pages = {title: page for depth, title, page in marks if depth == 0}
    assert [pages[t] for t in SECTIONS] == sorted(pages[t] for t in SECTIONS)   # in order, each where it starts
    parts = ["01_封面", "02_预审结果", "03_评分表", "04_专家意见单", "05_意见修改回复单"]
    sizes = [len(PdfReader(out / f"{p}.pdf").pages) for p in parts]
    assert [pages[t] for t in SECTIONS[:5]] == [sum(sizes[:i]) for i in range(5)]
    report = PdfReader(out / "06_批注版_num-001-options-total-changed.pdf")
    assert len(reader.pages) == sum(sizes) + len(report.pages)
    chapters = [title for depth, title, _ in marks if depth == 1]
    assert "第四章 方案的产生和筛选" in chapters                  # the report's own bookmarks, nested
    assert "预审结果" in reader.pages[pages["二、预审结果"]].extract_text()
    notes = [(i, a.get_object()) for i, page in enumerate(report.pages) for a in page.get("/Annots") or []
             if a.get_object()["/Subtype"] == "/Highlight"]
    (num,) = [(i, a) for i, a in notes if "NUM-001" in a["/Contents"]]
    page = report.pages[num[0]].extract_text()
    assert "表4-1" in page and "清洁生产方案汇总表" in page                     # highlighted where the table is


def test_pdf_report_gets_highlights_on_the_findings_text(tmp_path, pdf_toolchain):
    import pypdfium2 as pdfium

    from docgen.render.pdf import convert_to_pdf

    pdf = tmp_path / "placeholder.pdf"
    convert_to_pdf(CONFORMANCE / "placeholder-xxx-paragraph.docx", pdf)
    out = tmp_path / "packet"
    build_packet(pdf, out, pdf=False, profile_id="national-2018-evaluation")
    annotated = out / "06_批注版_placeholder.pdf"
    reader = PdfReader(annotated)
    highlights = [(i, a.get_object()) for i, page in enumerate(reader.pages) for a in page.get("/Annots") or []
                  if a.get_object()["/Subtype"] in ("/Highlight", "/Text")]
    (i, tpl), = [(i, a) for i, a in highlights if "TPL-001" in a["/Contents"]]
    assert tpl["/Subtype"] == "/Highlight" and tpl["/T"] == "docgen 预审"
    left, bottom, right, top = (float(v) for v in tpl["/Rect"])
    doc = pdfium.PdfDocument(str(annotated))
    under = doc[i].get_textpage().get_text_bounded(left, bottom, right, top)
    doc.close()
    assert "XXX" in under or "xxx" in under.lower()           # the highlight covers the placeholder's paragraph


def test_existing_packet_is_kept_without_force(tmp_path):
    out = tmp_path / "packet"
    out.mkdir()
    (out / "notes.txt").write_text("expert's own notes", encoding="utf-8")
    runner = CliRunner()
    args = ["packet", str(CONFORMANCE / "missing-s3.docx"), "--out", str(out), "--no-pdf"]
    result = runner.invoke(main, args)
    assert result.exit_code == 2 and "--force" in result.output
    assert (out / "notes.txt").read_text(encoding="utf-8") == "expert's own notes"
    result = runner.invoke(main, [*args, "--force"])
    assert result.exit_code == 0, result.output
    assert not (out / "notes.txt").exists() and (out / "03_评分表.docx").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["packet"]   # no staging directory left behind


@pytest.mark.parametrize("args, expected", [
    (["no-such-report.docx"], "不存在"),
    ([str(CONFORMANCE / "missing-s3.docx"), "--profile", "no-such-profile"], "no-such-profile"),
    ([str(CONFORMANCE / "missing-s3.docx"), "--audit", "missing.yaml"], "missing.yaml"),
])
def test_bad_input_exit_2_with_a_message(tmp_path, args, expected):
    result = CliRunner().invoke(main, ["packet", *args, "--out", str(tmp_path / "p"), "--no-pdf"])
    assert result.exit_code == 2 and expected in result.output
    assert not (tmp_path / "p").exists()


def test_unreadable_report_still_gives_a_packet_with_the_original(tmp_path):
    bad = tmp_path / "报告.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    out = tmp_path / "packet"
    result = build_packet(bad, out, pdf=False, profile_id="national-2018-evaluation")
    assert result.result.verdict == "not_evaluable"
    assert (out / "06_原件_报告.docx").read_bytes() == bad.read_bytes()
    assert "无法审查" in docx_text(out / "01_封面.docx")


def test_packet_findings_json_follows_the_contract(tmp_path):
    import jsonschema

    from docgen.resources import data_file

    schema = json.loads(data_file("findings.schema.json").read_text(encoding="utf-8"))
    out = tmp_path / "packet"
    build_packet(CONFORMANCE / "num-001-options-total-changed.docx", out, pdf=False)
    jsonschema.validate(json.loads((out / "预审结果.json").read_text(encoding="utf-8")), schema)
