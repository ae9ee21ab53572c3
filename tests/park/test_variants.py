"""Variants of the sample built in memory: the 基准值评分法 report renders and passes its pack; a tie
at the 80 % cut is named in the report; a park element with a zero total needs nobody."""

from __future__ import annotations

import io
from decimal import Decimal as D

from conftest import SAMPLE, benchmark_variant
from docx import Document

from docgen.check.engine import check_document
from docgen.check.profile import load_profile
from docgen.load.source import read_source
from docgen.park.figures import compute
from docgen.park.model import ParkData
from docgen.park.render import render_docx
from docgen.read import read_document


def _raw() -> dict:
    return read_source(SAMPLE).data


def test_benchmark_score_report(tmp_path):
    data = benchmark_variant()  # 基准值 = the II级 value
    g = compute(data).grading
    # hand: 资源能源 .30 × (100 × 0.9/1.32 = 68.1818) + .25 × 100 + .25 × 100 + .20 × 100 = 90.4545;
    # 污染物 .25 × 100 + .25 × 100 + .25 × (100 × 68/75 = 90.6667) + .25 × 100 = 97.6667; 碳 100 × 2.0/2.6 = 76.9231;
    # 管理 100 → S = .35 × 90.4545 + .35 × 97.6667 + .15 × 76.9231 + .15 × 100 = 31.6591 + 34.1833 + 11.5385 + 15 = 92.38
    assert g.index["S"].quantize(D("0.01")) == D("92.38") and g.label_zh == "园区清洁生产领先水平"
    path = tmp_path / "b.docx"
    path.write_bytes(render_docx(data, "audit").data)
    result = check_document(read_document(path), load_profile("park-audit"))
    assert [(f.rule, f.status) for f in result.findings if f.severity in ("error", "warning")] == []
    text = "\n".join(p.text for p in Document(path).paragraphs)
    assert "基准值评分法" in text and "附录D" in text  # the method is named and marked inferred


def test_tie_at_the_cut_is_named():
    raw = _raw()
    # SO2: make E02 (188) equal to E05: ranking E10 420, E06 312, E08 265, then E02 188 / E05 188 tie
    e05 = next(e for e in raw["enterprises"] if e["id"] == "E05")
    e05["values"]["so2"] = D(188)
    data = ParkData.model_validate(raw)
    sel = compute(data).control.elements["so2"]
    # total 1381.0 − 21 + 188 = 1548.0; need 1238.4: 420 + 312 + 265 = 997, + 188 (E02, earlier in file) = 1185 < 1238.4,
    # + 188 (E05) = 1373 ≥ 1238.4 → both taken, no tie left out
    assert sel.selected == ("E10", "E06", "E08", "E02", "E05") and sel.tied_out == ()
    e05["values"]["so2"] = D(96)  # now E01 96 and E05 96 tie for 5th place
    data = ParkData.model_validate(raw)
    sel = compute(data).control.elements["so2"]
    # total 1381.0 − 21 + 96 = 1456.0; need 1164.8: 997 + 188 = 1185 ≥ 1164.8 → stop after E02; no tie at the cut
    assert sel.selected == ("E10", "E06", "E08", "E02") and sel.tied_out == ()
    e05["values"]["so2"] = D(265)  # E08 265 and E05 265 tie for 3rd; total 1381 − 21 + 265 = 1625, need 1300
    data = ParkData.model_validate(raw)
    sel = compute(data).control.elements["so2"]
    # 420 + 312 = 732, + 265 (E05, earlier in the file than E08) = 997, + 265 (E08) = 1262 < 1300, + 188 = 1450 → 5 taken
    assert sel.selected == ("E10", "E06", "E05", "E08", "E02")
    raw["elements"].append({"id": "pb", "name": "铅排放量", "category": "污染物", "unit": "kg", "source": "排污许可执行报告"})
    for e in raw["enterprises"]:
        e["values"]["pb"] = D(0)
    e05["values"]["so2"] = D(21)
    raw["enterprises"][3]["values"]["so2"] = D("3.1")
    data = ParkData.model_validate(raw)
    fig = compute(data)
    assert fig.control.elements["pb"].not_applicable and fig.control.coverage["pb"] is None
    text = "\n".join(p.text for p in Document(io.BytesIO(render_docx(data, "audit").data)).paragraphs)
    assert "园区合计为零、无需筛选的要素：铅排放量" in text


def test_tie_left_out_is_reported_in_the_report():
    raw = _raw()
    # COD ranking: E13 62.4, E02 45.2, E01 38.5, E11 28.6, E04 21.8, E03 12.6, E17 11.3 (cut: 84.09 %);
    # give E14 (9.6) the value 11.3: total 263.8, need 211.04; 62.4+45.2+38.5+28.6+21.8+12.6 = 209.1 < 211.04,
    # + 11.3 (E14, before E17 in the file) = 220.4 → E14 taken, E17 (11.3) left out at the cut
    e14 = next(e for e in raw["enterprises"] if e["id"] == "E14")
    e14["values"]["cod"] = D("11.3")
    data = ParkData.model_validate(raw)
    sel = compute(data).control.elements["cod"]
    assert sel.selected[-1] == "E14" and sel.tied_out == ("E17",)
    text = "\n".join(p.text for p in Document(io.BytesIO(render_docx(data, "audit").data)).paragraphs)
    assert "化学需氧量排放量：滇岳屠宰及肉制品有限公司" in text


def test_element_outside_the_selection(tmp_path):
    raw = _raw()
    water = next(e for e in raw["elements"] if e["id"] == "water")
    water["in_selection"] = False
    data = ParkData.model_validate(raw)
    fig = compute(data)
    assert "water" not in fig.control.elements and fig.totals["water"] == D(1340)
    # the same list: water never added a member the other elements did not need (E01, E02, E04, E06, E11, E13
    # are all needed by COD, NH3-N or energy as well)
    assert fig.control.members == ("E01", "E02", "E03", "E04", "E06", "E08", "E10", "E11", "E13", "E17")
    path = tmp_path / "w.docx"
    path.write_bytes(render_docx(data, "audit").data)
    result = check_document(read_document(path), load_profile("park-audit"))
    assert [(f.rule, f.status) for f in result.findings if f.severity in ("error", "warning")] == []
    p5 = next(t for t in read_document(path).tables if t.caption and "企业资源能源消耗" in t.caption)
    assert not any("新鲜水" in c.text for c in p5.grid[0])
