"""docgen package verify: completeness, full-checksum fixity traced to Z-n, deadline, readability,
seal evidence, and safe opening of hostile ZIPs. Packages are built for real (no PDF where the
test is about the bag; one complete build with LibreOffice per stage)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.archive.bag import UnsafeArchive, safe_extract
from docgen.archive.build import build_package
from docgen.archive.verify import verify_package
from docgen.cli import main
from tests.archive.materials import ACCEPTANCE_FILES, EVALUATION_FILES, make_materials, scan_pdf
from tests.archive.test_build import SAMPLE, entries, manifest_of, statuses


def rewrite(package: Path, change) -> None:
    """Rewrite the ZIP with ``change(name, data) -> (name, data) | None`` applied to every entry."""
    out = io.BytesIO()
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            result = change(info.filename, src.read(info))
            if result is not None:
                dst.writestr(result[0], result[1])
    package.write_bytes(out.getvalue())


def by_rule(result, rule: str) -> list:
    return [f for f in result.findings if f.rule == rule]


@pytest.fixture(scope="module")
def evaluation_package(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("eval")
    materials = make_materials(tmp / "materials", EVALUATION_FILES)
    out = tmp / "pkg.zip"
    build_package(SAMPLE, "evaluation", out, materials=materials, pdf=False)
    return out


@pytest.fixture
def package(evaluation_package, tmp_path) -> Path:
    copy = tmp_path / "pkg.zip"
    copy.write_bytes(evaluation_package.read_bytes())
    return copy


def test_a_complete_untouched_package_has_no_archive_errors(package):
    result = verify_package(package)
    assert [f for f in result.findings if f.severity == "error"] == []
    assert result.verdict == "pass" and result.kind == "evaluation"
    assert {f.category for f in result.findings} == {"archive"}


@pytest.mark.parametrize("victim, item", [
    ("data/评估/07_评估专家意见.docx", "Z-7"),
    ("data/项目启动证明/01_企业营业执照.pdf", "Z-1"),
    ("data/评估后修改/11_评估报告终稿.docx", "Z-11"),
])
def test_one_byte_altered_is_reported_with_its_item(package, victim, item):
    def flip(name, data):
        if name.endswith(victim):
            middle = len(data) // 2
            data = data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1:]  # same length
        return name, data

    rewrite(package, flip)
    (finding,) = by_rule(verify_package(package), "ARC-002")
    assert finding.target_id == item and finding.severity == "error" and finding.status == "fail"
    assert victim in finding.message and "改动" in finding.message


def test_a_removed_file_is_reported_with_its_item(package):
    rewrite(package, lambda name, data: None if name.endswith("09_评估专家意见单.docx") else (name, data))
    result = verify_package(package)
    (fixity,) = by_rule(result, "ARC-002")
    assert fixity.target_id == "Z-9" and "删除或改名" in fixity.message
    (missing,) = by_rule(result, "ARC-001")
    assert missing.target_id == "Z-9" and result.verdict == "fail"


def test_a_renamed_file_is_reported_with_its_item(package):
    rewrite(package, lambda name, data: (name.replace("06_评估会议签到表", "签到"), data))
    result = verify_package(package)
    fixity = by_rule(result, "ARC-002")
    assert {f.target_id for f in fixity} == {"Z-6", "DOC"}  # old name missing (Z-6) + an unexpected file
    assert any("签到.pdf" in f.message and "不在档案包清单" in f.message for f in fixity)
    assert [f.target_id for f in by_rule(result, "ARC-001")] == ["Z-6"]


def test_incomplete_package_lists_every_missing_item(tmp_path):
    files = {k: v for k, v in EVALUATION_FILES.items() if v not in ("Z-2", "Z-8")}
    out = tmp_path / "pkg.zip"
    build_package(SAMPLE, "evaluation", out, materials=make_materials(tmp_path / "m", files), pdf=False)
    missing = by_rule(verify_package(out), "ARC-001")
    assert [f.target_id for f in missing] == ["Z-2", "Z-8"]
    assert "委托审核的技术服务合同" in missing[0].message


def test_deadline_is_one_calendar_month_after_the_onsite_evaluation(tmp_path, write_yaml):
    # sample: 现场评估 2025-03-27 → deadline 2025-04-27; filed 2025-05-06 is 9 days late
    text = SAMPLE.read_text(encoding="utf-8").replace("evaluation_archived: 2025-04-23", "evaluation_archived: 2025-05-06")
    late = write_yaml(text, "late.yaml")
    out = tmp_path / "pkg.zip"
    build_package(late, "evaluation", out, pdf=False)
    (finding,) = by_rule(verify_package(out), "ARC-003")
    assert finding.severity == "warning" and "2025-04-27" in finding.message and "逾期 9 天" in finding.message
    on_time = write_yaml(text.replace("evaluation_archived: 2025-05-06", "evaluation_archived: 2025-04-27"), "ok.yaml")
    build_package(on_time, "evaluation", out, pdf=False, force=True)
    assert by_rule(verify_package(out), "ARC-003") == []


def test_a_deadline_on_a_holiday_moves_to_the_next_working_day(tmp_path, write_yaml):
    # 现场评估 2025-03-04 + 1 month = 2025-04-04, 清明节 (4–6 April 2025 off, 国办发明电〔2024〕12号)
    # → the last day is Monday 2025-04-07: filed that day is on time, a day later is 1 day late
    text = SAMPLE.read_text(encoding="utf-8").replace("evaluation_onsite: 2025-03-27", "evaluation_onsite: 2025-03-04")
    out = tmp_path / "pkg.zip"
    on_time = write_yaml(text.replace("evaluation_archived: 2025-04-23", "evaluation_archived: 2025-04-07"), "ok.yaml")
    build_package(on_time, "evaluation", out, pdf=False)
    assert by_rule(verify_package(out), "ARC-003") == []
    late = write_yaml(text.replace("evaluation_archived: 2025-04-23", "evaluation_archived: 2025-04-08"), "late.yaml")
    build_package(late, "evaluation", out, pdf=False, force=True)
    (finding,) = by_rule(verify_package(out), "ARC-003")
    assert "期限 2025-04-07" in finding.message and "逾期 1 天" in finding.message
    assert "清明节" in finding.evidence


def test_unknown_onsite_date_makes_the_deadline_not_evaluable(tmp_path, write_yaml):
    text = SAMPLE.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if "evaluation_onsite:" not in line) + "\n"
    out = tmp_path / "pkg.zip"
    build_package(write_yaml(text), "evaluation", out, pdf=False)
    (finding,) = by_rule(verify_package(out), "ARC-003")
    assert finding.status == "not_evaluable" and "现场评估日期" in finding.message


def test_an_unreadable_document_is_reported(tmp_path):
    materials = make_materials(tmp_path / "m", EVALUATION_FILES)
    (materials / "评估打分表.pdf").write_bytes(b"%PDF-1.7\nthis is not really a pdf")
    out = tmp_path / "pkg.zip"
    build_package(SAMPLE, "evaluation", out, materials=materials, pdf=False)
    (finding,) = by_rule(verify_package(out), "ARC-004")
    assert finding.target_id == "Z-8" and "无法读取" in finding.message


def test_seal_evidence_for_items_that_must_be_sealed(tmp_path):
    materials = make_materials(tmp_path / "m", EVALUATION_FILES)
    scan_pdf(materials / "评估申请表（盖章）.pdf")   # sealed scan: an image
    out = tmp_path / "pkg.zip"
    build_package(SAMPLE, "evaluation", out, materials=materials, pdf=False)
    seals = {f.target_id: f for f in by_rule(verify_package(out), "ARC-005")}
    assert seals["Z-5"].severity == "info" and "人工核实" in seals["Z-5"].message   # a clue, never proof
    assert seals["Z-11"].severity == "warning" and "没有图片" in seals["Z-11"].message  # rendered DOCX, unsealed
    assert "Z-6" not in seals                                                         # no seal required


def test_zip_slip_entries_are_refused_and_nothing_is_written_outside(tmp_path):
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("pkg/bagit.txt", "BagIt-Version: 1.0\n")
        zf.writestr("../../escaped.txt", "owned")
    target = tmp_path / "x" / "y"
    target.mkdir(parents=True)
    with pytest.raises(UnsafeArchive):
        safe_extract(evil, target)
    assert not (tmp_path / "escaped.txt").exists() and not (tmp_path / "x" / "escaped.txt").exists()
    assert list(target.iterdir()) == []  # refused before anything was written
    result = verify_package(evil)
    (finding,) = result.findings
    assert finding.rule == "ARC-006" and "路径不安全" in finding.message and result.verdict == "fail"


@pytest.mark.parametrize("name", ["/etc/passwd", "C:/x.txt", "a\\..\\b.txt"])
def test_other_unsafe_names_are_refused(tmp_path, name):
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr(name, "x")
    with pytest.raises(UnsafeArchive):
        safe_extract(evil, tmp_path / "t")


def test_not_a_zip_and_not_a_bag(tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip at all")
    assert by_rule(verify_package(junk), "ARC-006")[0].message.startswith("档案包无法安全打开")
    plain = tmp_path / "plain.zip"
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("a/readme.txt", "hello")
    assert "bagit.txt" in by_rule(verify_package(plain), "ARC-006")[0].message


def test_cli_verify_json_contract_and_exit_codes(package):
    runner = CliRunner()
    ok = runner.invoke(main, ["package", "verify", str(package), "--format", "json"])
    assert ok.exit_code == 0, ok.output
    data = json.loads(ok.stdout)
    assert data["profile"]["id"] == "shanghai-archive-2020" and data["verdict"] == "pass"
    rewrite(package, lambda name, data: None if name.endswith("08_评估打分表.pdf") else (name, data))
    bad = runner.invoke(main, ["package", "verify", str(package), "--format", "json"])
    assert bad.exit_code == 1
    found = {(f["rule"], f["target_id"]) for f in json.loads(bad.stdout)["findings"]}
    assert {("ARC-001", "Z-8"), ("ARC-002", "Z-8")} <= found
    assert runner.invoke(main, ["package", "verify", str(package.with_name("none.zip"))]).exit_code == 2


def test_sample_packages_into_complete_evaluation_and_acceptance_packages(tmp_path, pdf_toolchain):
    """The issue's 'done when': with the supplied materials, both stages are complete, the generated
    documents are there as DOCX and PDF, and the archive list is rendered as DOCX and PDF."""
    for stage, files, generated in (
        ("evaluation", EVALUATION_FILES, {"Z-3", "Z-4", "Z-5", "Z-11", "Z-12"}),
        ("acceptance", ACCEPTANCE_FILES, {"Z-13", "Z-14", "Z-22"}),
    ):
        out = tmp_path / f"{stage}.zip"
        build_package(SAMPLE, stage, out, materials=make_materials(tmp_path / stage, files))
        manifest = manifest_of(out)
        got = statuses(manifest)
        expected_present = set(files.values()) | generated
        assert {k for k, v in got.items() if v == "present"} == expected_present
        assert {k for k, v in got.items() if v == "missing"} == set()
        for item in manifest["items"]:
            if item["id"] in generated:
                assert sorted(Path(f["path"]).suffix for f in item["files"]) == [".docx", ".pdf"]
        names = set(entries(out))
        assert {f"{stage}/data/00_档案材料清单.docx", f"{stage}/data/00_档案材料清单.pdf"} <= names
        result = verify_package(out)
        assert [f for f in result.findings if f.severity == "error"] == [], [f.message for f in result.findings]
    from pypdf import PdfReader

    checklist = entries(tmp_path / "acceptance.zip")["acceptance/data/00_档案材料清单.pdf"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(checklist)).pages)
    assert "档案材料清单" in text and "验收报告终稿" in text and "已归档" in text


def test_verify_json_validates_against_the_findings_schema(package, tmp_path):
    import jsonschema

    from docgen.resources import data_file

    schema = json.loads(data_file("findings.schema.json").read_text(encoding="utf-8"))
    rewrite(package, lambda name, data: None if name.endswith("08_评估打分表.pdf") else (name, data))
    result = CliRunner().invoke(main, ["package", "verify", str(package), "--format", "json"])
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema)
    assert {f["category"] for f in data["findings"]} == {"archive"}
    assert {f["rule"] for f in data["findings"]} >= {"ARC-001", "ARC-002", "ARC-005"}


def test_entries_that_collide_on_disk_are_a_finding_not_a_crash(tmp_path):
    odd = tmp_path / "odd.zip"
    with zipfile.ZipFile(odd, "w") as zf:
        zf.writestr("pkg/x", "a file")
        zf.writestr("pkg/x/y", "a file below a file")
    (finding,) = verify_package(odd).findings
    assert finding.rule == "ARC-006" and "无法安全打开" in finding.message
