"""docgen package build: placement, statuses, matching of real materials folders, safety."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import bagit
import pytest
from click.testing import CliRunner

from docgen.archive.build import PackageError, build_package
from docgen.archive.items import archive_list
from docgen.cli import main
from tests.archive.materials import EVALUATION_FILES, make_materials, scan_pdf
from tests.conftest import ROOT

SAMPLE = ROOT / "samples" / "audit-shanghai-fine-chemical.yaml"


def entries(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def manifest_of(package: Path) -> dict:
    data = entries(package)
    (name,) = [n for n in data if n.endswith("/data/manifest.json")]
    return json.loads(data[name])


def statuses(manifest: dict) -> dict[str, str]:
    return {i["id"]: i["status"] for i in manifest["items"]}


def test_the_list_is_the_22_items_of_annex_2():
    items = archive_list().items
    assert [i.id for i in items] == [f"Z-{n}" for n in range(1, 23)]
    assert [i.no for i in items if i.stage == "evaluation"] == list(range(1, 13))  # 现场评估后一个月内
    assert {i.no for i in items if i.seal} == {3, 4, 5, 11, 12, 13, 14, 22}       # 盖章 as printed in 附表2
    assert [i.no for i in items if i.requirement == "conditional"] == [20]          # 必要时
    assert archive_list().item("Z-11").seal == "企业和企业委托的审核机构盖章"


def test_materials_folder_with_missing_extra_and_misnamed_files(tmp_path):
    files = dict(EVALUATION_FILES)
    del files["评估打分表.pdf"]                    # missing: Z-8
    del files["清洁生产审核技术服务合同.docx"]
    materials = make_materials(tmp_path / "materials", files)
    scan_pdf(materials / "服务约定书.pdf")           # misnamed 合同: matches no item
    scan_pdf(materials / "现场照片.pdf")             # extra
    (materials / "说明.txt").write_text("备注", encoding="utf-8")   # a type the archive does not take
    scan_pdf(materials / "签到表及打分表.pdf")       # two items at once: not guessed
    scan_pdf(materials / "验收会议签到表.pdf")       # the other stage's item
    (materials / ".~lock.x#").write_text("lock")    # hidden: ignored
    out = tmp_path / "pkg.zip"
    result = build_package(SAMPLE, "evaluation", out, materials=materials, pdf=False)
    manifest = manifest_of(out)
    got = statuses(manifest)
    assert got["Z-2"] == "missing" and got["Z-8"] == "missing"
    assert {k for k, v in got.items() if v == "present"} == {f"Z-{n}" for n in (1, 3, 4, 5, 6, 7, 9, 10, 11, 12)}
    assert all(got[f"Z-{n}"] == "not_required" for n in range(13, 23))
    assert [i.id for i in result.missing] == ["Z-2", "Z-8"]
    unmatched = {u["file"]: u for u in manifest["unmatched"]}
    assert set(unmatched) == {"服务约定书.pdf", "现场照片.pdf", "说明.txt", "签到表及打分表.pdf", "验收会议签到表.pdf"}
    assert unmatched["签到表及打分表.pdf"]["candidates"] == ["Z-6", "Z-8"]
    assert "多个档案项" in unmatched["签到表及打分表.pdf"]["reason"]
    assert unmatched["验收会议签到表.pdf"]["candidates"] == ["Z-16"]
    assert "另一阶段" in unmatched["验收会议签到表.pdf"]["reason"]
    assert "TXT" not in unmatched["说明.txt"]["reason"] and "不在档案接受范围" in unmatched["说明.txt"]["reason"]
    names = [n.split("/", 1)[1] for n in entries(out)]
    assert not any("服务约定书" in n or "现场照片" in n or "说明" in n for n in names)  # listed, not filed


def test_files_are_placed_under_group_and_item_names(tmp_path):
    materials = make_materials(tmp_path / "m", EVALUATION_FILES)
    scan_pdf(materials / "评估申请表（盖章）.pdf")   # the sealed scan wins over the rendered form
    out = tmp_path / "评估档案.zip"
    build_package(SAMPLE, "evaluation", out, materials=materials, pdf=False)
    names = set(entries(out))
    top = "评估档案/"
    assert {top + n for n in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt",
                              "data/manifest.json", "data/provenance.json", "data/00_档案材料清单.docx")} <= names
    assert top + "data/项目启动证明/01_企业营业执照.pdf" in names
    assert top + "data/评估/05_评估申请表.pdf" in names
    assert top + "data/评估/05_评估申请表.docx" not in names        # supplied, so not generated
    assert top + "data/评估后修改/11_评估报告终稿.docx" in names      # generated from the data
    items = {i["id"]: i for i in manifest_of(out)["items"]}
    (z5,) = items["Z-5"]["files"]
    assert z5["source"] == "supplied" and z5["original"] == "评估申请表（盖章）.pdf" and z5["matched_by"] == "文件名"
    assert items["Z-5"]["seal_required"] == "盖章"
    (z11,) = items["Z-11"]["files"]
    assert z11["source"] == "generated"
    data = entries(out)[top + z11["path"]]
    assert z11["sha256"] == hashlib.sha256(data).hexdigest() and z11["size"] == len(data)


def test_bag_is_valid_bagit_with_sha256_and_provenance(tmp_path):
    out = tmp_path / "pkg.zip"
    build_package(SAMPLE, "evaluation", out, pdf=False)
    with zipfile.ZipFile(out) as zf:
        zf.extractall(tmp_path / "x")
    bag = bagit.Bag(str(tmp_path / "x" / "pkg"))
    bag.validate()  # full validation: every checksum recomputed
    assert bag.algorithms == ["sha256"]
    assert bag.info["Bagging-Date"] == "2025-04-23"            # evaluation_archived of the sample
    assert bag.info["External-Identifier"] == "91310116695783215E-1-evaluation"
    provenance = json.loads((tmp_path / "x" / "pkg" / "data" / "provenance.json").read_text(encoding="utf-8"))
    assert provenance["input"]["sha256"] == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    assert set(provenance["templates"]) == {"form-work-plan.docx", "form-consultancy.docx",
                                            "form-evaluation-application.docx", "audit-report.docx",
                                            "form-acceptance-application.docx"}
    assert provenance["engine_version"]


def test_the_zip_is_deterministic(tmp_path):
    a, b = tmp_path / "a" / "pkg.zip", tmp_path / "b" / "pkg.zip"
    build_package(SAMPLE, "evaluation", a, pdf=False)
    build_package(SAMPLE, "evaluation", b, pdf=False)
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as zf:
        infos = zf.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_existing_package_is_not_overwritten_without_force(tmp_path):
    out = tmp_path / "pkg.zip"
    out.write_bytes(b"an earlier package")
    runner = CliRunner()
    result = runner.invoke(main, ["package", "build", str(SAMPLE), "--stage", "evaluation", "--out", str(out), "--no-pdf"])
    assert result.exit_code == 2
    assert "已存在" in result.output and "--force" in result.output
    assert out.read_bytes() == b"an earlier package"
    result = runner.invoke(main, ["package", "build", str(SAMPLE), "--stage", "evaluation", "--out", str(out),
                                  "--no-pdf", "--force"])
    assert result.exit_code == 1, result.output  # written; exit 1 because supplied items are missing
    assert zipfile.is_zipfile(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg.zip"]  # no temporary file left behind


def test_mapping_file_assigns_misnamed_files_and_asks_for_item_20(tmp_path):
    materials = tmp_path / "m"
    materials.mkdir()
    scan_pdf(materials / "IMG_0012.pdf")
    scan_pdf(materials / "审计.pdf")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("files:\n  IMG_0012.pdf: Z-15\nneeded: [Z-20]\n", encoding="utf-8")
    out = tmp_path / "pkg.zip"
    build_package(SAMPLE, "acceptance", out, materials=materials, mapping=mapping, pdf=False)
    got = statuses(manifest_of(out))
    assert got["Z-15"] == "present"
    (z15,) = [i for i in manifest_of(out)["items"] if i["id"] == "Z-15"]
    assert z15["files"][0]["matched_by"] == "映射文件" and z15["files"][0]["original"] == "IMG_0012.pdf"
    assert got["Z-20"] == "missing"   # 必要时 — and the mapping says it is needed here
    assert {u["file"] for u in manifest_of(out)["unmatched"]} == {"审计.pdf"}
    # without the mapping, 20 项目财务审计报告 is not required
    build_package(SAMPLE, "acceptance", out, pdf=False, force=True)
    assert statuses(manifest_of(out))["Z-20"] == "not_required"


@pytest.mark.parametrize("text, expected", [
    ("files:\n  nope.pdf: Z-1\n", "「nope.pdf」在材料目录"),
    ("files:\n  a.pdf: Z-23\n", "Z-23"),
    ("needed: [Z-99]\n", "Z-99"),
    ("files: [1, 2\n", "不是有效的 YAML"),
    ("other: 1\n", "只能有 files 和 needed"),
])
def test_bad_mapping_file_gives_a_clear_message(tmp_path, text, expected):
    materials = tmp_path / "m"
    materials.mkdir()
    scan_pdf(materials / "a.pdf")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(text, encoding="utf-8")
    with pytest.raises(PackageError) as exc:
        build_package(SAMPLE, "evaluation", tmp_path / "pkg.zip", materials=materials, mapping=mapping, pdf=False)
    assert expected in str(exc.value) and "mapping.yaml" in str(exc.value)
    assert not (tmp_path / "pkg.zip").exists()


@pytest.mark.parametrize("out_name, extra, expected", [
    ("pkg.zip", ["--materials", "no-such-dir"], "材料目录"),
    ("pkg.tar", [], ".zip"),
    ("pkg.zip", ["--stage", "review"], "review"),
])
def test_bad_input_gives_exit_2_and_a_message(tmp_path, out_name, extra, expected):
    out = tmp_path / out_name
    extra = [str(tmp_path / a) if a == "no-such-dir" else a for a in extra]
    result = CliRunner().invoke(main, ["package", "build", str(SAMPLE), "--stage", "evaluation", "--out", str(out),
                                       "--no-pdf", *extra])
    assert result.exit_code == 2 and expected in result.output
    assert not out.exists()


def test_invalid_audit_data_is_refused_with_its_problems(tmp_path, write_yaml, minimal_text):
    bad = write_yaml(minimal_text.replace("enterprise:", "enterprise_typo:", 1))
    with pytest.raises(PackageError) as exc:
        build_package(bad, "evaluation", tmp_path / "pkg.zip", pdf=False)
    assert "未通过校验" in str(exc.value)


@pytest.mark.parametrize("sample", sorted((ROOT / "samples").glob("audit-*.yaml")), ids=lambda p: p.stem)
@pytest.mark.parametrize("stage", ["evaluation", "acceptance"])
def test_every_sample_packages_with_the_generated_items_present(tmp_path, sample, stage):
    out = tmp_path / "pkg.zip"
    result = build_package(sample, stage, out, pdf=False)
    got = statuses(manifest_of(out))
    generated = {it.id for it in archive_list().for_stage(stage) if it.generate}
    for item_id in generated:
        assert got[item_id] in ("present", "not_required")   # 附表1 only when a consultancy was engaged
    assert result.warnings == []
    assert set(json.loads(entries(out)["pkg/data/provenance.json"])["templates"])  # hashed, wherever found
