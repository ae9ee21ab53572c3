"""Import/export of the register: Chinese columns, one transaction, rejected rows reported."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from docgen.track.register import Enterprise, ListChange, open_register
from docgen.track.sheets import CHANGE_HEADER, ENTERPRISE_HEADER, SheetError, export_file, import_file, read_tables
from tests.track.conftest import SAMPLE


def _counts(db):
    with open_register(db)() as s:
        return s.scalar(select(func.count(Enterprise.id))), s.scalar(select(func.count(ListChange.id)))


def _snapshot(db):
    with open_register(db)() as s:
        return sorted((e.name, e.credit_code, e.list_published, e.started, e.evaluation_applied,
                       tuple((c.changed_on, c.change, c.result) for c in e.changes)) for e in s.scalars(select(Enterprise)))


def test_sample_has_chinese_columns():
    wb = load_workbook(SAMPLE, read_only=True)
    assert wb.sheetnames == ["企业名录", "名单调整"]
    header = [c.value for c in next(wb["企业名录"].iter_rows(max_row=1))]
    assert header == ["统一社会信用代码", "企业名称", "所在区", "适用期限规则", "名单年度", "名单公布时间", "信息公开时间",
                      "审核启动时间", "启动材料", "审核咨询机构名称", "评估申请时间", "现场评估时间", "评估结果", "评估归档时间",
                      "验收申请时间", "现场验收时间", "验收结果", "验收归档时间", "备注"]
    assert [c.value for c in next(wb["名单调整"].iter_rows(max_row=1))] == [
        "统一社会信用代码", "企业名称", "变化日期", "变化情况", "搬迁情形", "具体说明", "调整结果", "证明材料", "备注"]


def test_import_sample(sample_db):
    assert _counts(sample_db) == (12, 4)


def test_export_import_round_trip_xlsx_and_csv(sample_db, tmp_path):
    before = _snapshot(sample_db)
    Session = open_register(sample_db)
    for name in ("out.xlsx", "out.csv"):
        export_file(Session, tmp_path / name)
        fresh = tmp_path / f"{name}.sqlite"
        report = import_file(open_register(fresh), tmp_path / name)
        if name.endswith(".csv"):   # the changes are a second file
            assert (tmp_path / "out-名单调整.csv").exists()
            report2 = import_file(open_register(fresh), tmp_path / "out-名单调整.csv")
            assert report2.changes_added == 4
        assert report.committed and report.added == 12
        assert _snapshot(fresh) == before


def test_reimport_updates_instead_of_duplicating(sample_db):
    report = import_file(open_register(sample_db), SAMPLE)
    assert (report.added, report.updated, report.changes_added, report.changes_updated) == (0, 12, 0, 4)
    assert _counts(sample_db) == (12, 4)


def _bad_workbook(tmp_path):
    """The sample with three bad rows and one good new enterprise."""
    path = tmp_path / "bad.xlsx"
    shutil.copy(SAMPLE, path)
    wb = load_workbook(path)
    ws = wb["企业名录"]
    col = {c.value: c.column for c in ws[1]}
    ws.cell(2, col["名单公布时间"], "2024年2月30日")                     # row 2: not a day
    ws.cell(3, col["统一社会信用代码"], "91310115000000001A")             # row 3: wrong check character
    row = ws.max_row + 1
    ws.cell(row, col["企业名称"], "上海新登记化工有限公司")                # a valid new row
    ws.cell(row, col["名单公布时间"], "2026-10-20")
    ws.cell(row + 1, col["企业名称"], "上海结果有误有限公司")
    ws.cell(row + 1, col["评估结果"], "优秀")                                 # not 通过/不通过
    ch = wb["名单调整"]
    ch.cell(2, 4, "企业改制")                                                 # not a 注1 change
    wb.save(path)
    return path, row


def test_malformed_import_loses_nothing_and_reports_each_row(sample_db, tmp_path):
    before = _snapshot(sample_db)
    path, row = _bad_workbook(tmp_path)
    report = import_file(open_register(sample_db), path)
    assert not report.committed
    assert (report.added, report.updated) == (0, 0)
    rendered = [r.render() for r in report.rejected]
    assert rendered == [
        "工作表「企业名录」 第 2 行「名单公布时间」：「2024年2月30日」不是有效日期（2024年2月只有29天）",
        "工作表「企业名录」 第 3 行「统一社会信用代码」：统一社会信用代码校验位错误：第18位应为 U，实际为 A",
        f"工作表「企业名录」 第 {row + 1} 行「评估结果」：「优秀」不是有效的评估结果（可填：通过、不通过）",
        "工作表「名单调整」 第 2 行「变化情况」：「企业改制」不是附表4 注1 的变化情况"
        "（可填：企业名称变更、企业关停并转、企业搬迁、企业涉及产污工序停产、其他）",
    ]
    assert "本次导入未写入任何数据" in report.summary()
    assert _snapshot(sample_db) == before


def test_skip_invalid_writes_only_the_valid_rows(sample_db, tmp_path):
    path, _ = _bad_workbook(tmp_path)
    report = import_file(open_register(sample_db), path, skip_invalid=True)
    assert report.committed and len(report.rejected) == 4
    assert report.added == 1                       # 上海新登记化工有限公司
    assert _counts(sample_db) == (13, 4)           # the rejected change row kept the old one untouched
    with open_register(sample_db)() as s:
        kept = s.scalars(select(Enterprise).where(Enterprise.credit_code == "91310116695783215E")).one()
        assert kept.list_published == dt.date(2024, 3, 20)     # the rejected row did not blank it


def test_unreadable_file_is_a_clear_error(tmp_path):
    bogus = tmp_path / "x.xlsx"
    bogus.write_bytes(b"not a zip")
    with pytest.raises(SheetError, match="不是可读取的 XLSX 文件"):
        read_tables(bogus)
    (tmp_path / "x.txt").write_text("a", encoding="utf-8")
    with pytest.raises(SheetError, match="不支持的文件类型"):
        read_tables(tmp_path / "x.txt")
    empty = tmp_path / "e.csv"
    empty.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(SheetError, match="表头含「企业名称」"):
        read_tables(empty)


def test_change_for_an_unknown_enterprise_is_rejected(tmp_path):
    csv_path = tmp_path / "c.csv"
    csv_path.write_text(",".join(CHANGE_HEADER) + "\n,上海不存在有限公司,2026-08-01,企业关停并转,,,,,\n", encoding="utf-8")
    report = import_file(open_register(tmp_path / "r.sqlite"), csv_path)
    assert [r.column for r in report.rejected] == ["企业名称"] and "名录中没有企业" in report.rejected[0].message


def test_order_of_events_is_checked(tmp_path):
    csv_path = tmp_path / "e.csv"
    csv_path.write_text(",".join(ENTERPRISE_HEADER[:8]) + "\n,上海甲有限公司,,,,2026-05-01,,2026-04-01\n",
                        encoding="utf-8-sig")
    report = import_file(open_register(tmp_path / "r.sqlite"), csv_path)
    assert [r.render() for r in report.rejected] == [
        "e.csv 第 2 行「审核启动时间」：审核启动时间（2026-04-01）早于名单公布时间（2026-05-01）"]


def test_export_refuses_to_overwrite(sample_db, tmp_path):
    out = tmp_path / "o.xlsx"
    out.write_bytes(b"keep")
    with pytest.raises(SheetError, match="已存在"):
        export_file(open_register(sample_db), out)
    assert out.read_bytes() == b"keep"
    export_file(open_register(sample_db), out, force=True)
    assert out.read_bytes() != b"keep"


def test_database_url_works(tmp_path):
    url = f"sqlite:///{tmp_path / 'u.sqlite'}"
    report = import_file(open_register(url), SAMPLE)
    assert report.committed and _counts(url) == (12, 4)


def test_sample_is_reproducible(tmp_path):
    """samples/make_register.py rebuilds the committed sample byte for byte (same data, same bytes)."""
    import importlib.util

    from tests.track.conftest import ROOT

    spec = importlib.util.spec_from_file_location("make_register", ROOT / "samples" / "make_register.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = module.build(tmp_path / "again.xlsx")
    assert out.read_bytes() == SAMPLE.read_bytes()
