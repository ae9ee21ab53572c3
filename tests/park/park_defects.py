"""Seeded defects in copies of the rendered park reports, with the findings each must produce.

The rule packs' ``examples`` name these documents (``park/<name>``); they are generated here instead
of being committed. Each edit asserts the text it replaces (docgen.check.conformance.package), so a
changed sample cannot make an edit silently hit another cell. Expected findings are worked out by hand
from the sample data (samples/park-longchuan.yaml) — the arithmetic is in each ``note``.
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen.check.conformance.package import Package, delete_table, replace_in_paragraph, set_cell, text
from docgen.check.conformance.defects import delete_heading


@dataclass(frozen=True)
class Seeded:
    name: str
    kind: str          # audit | annual | audit-benchmark (key of the rendered fixture)
    profile: str
    edits: tuple
    expected: tuple    # (rule, target_id, status, severity), a multiset
    note: str = ""


def _gone(caption):
    return lambda root: delete_table(root, caption)


def _cell(caption, row, old, new):
    return lambda root: set_cell(root, caption, row, old, new)


def F(rule, target, severity="error"):
    return (rule, target, "fail", severity)


def NE(rule, target, severity="error"):
    return (rule, target, "not_evaluable", severity)


A = "park-audit"
Y = "park-annual"
SO2_ETC = "珑川硅材料科技有限公司"

CASES = [
    Seeded("audit-good", "audit", A, (), ()),
    Seeded("audit-missing-p3", "audit", A, (delete_heading("审核分级清单及指标体系构建"),), (F("PARK-001", "P3"),)),
    Seeded("audit-missing-p1-table", "audit", A, (_gone("表1-1"),), (F("PARK-010", "P-1"),)),
    Seeded("audit-missing-p2-table", "audit", A, (_gone("表1-2"),), (F("PARK-011", "P-2", "warning"),)),
    Seeded("audit-missing-p5", "audit", A, (_gone("表2-4"),),
           (F("PARK-012", "P-5"), NE("PARK-030", "P-5"), NE("PARK-031", "P-5", "warning"), NE("PARK-032", "P-5"))),
    Seeded("audit-missing-p7", "audit", A, (_gone("表3-2"),), (F("PARK-013", "P-7"),)),
    Seeded("audit-missing-p9", "audit", A, (_gone("表3-3"),), (F("PARK-014", "P-9"), NE("PARK-033", "P-9"))),
    Seeded("audit-missing-p10", "audit", A, (_gone("表3-4"),), (F("PARK-015", "P-10"),)),
    Seeded("audit-missing-p11", "audit", A, (_gone("表4-1"),), (F("PARK-016", "P-11"),),
           "PARK-038 has if_missing: skip (a benchmark-score report has no graded columns)"),
    Seeded("audit-missing-p14", "audit", A, (_gone("表5-1"),),
           (F("PARK-017", "P-14"), NE("PARK-034", "P-14"), NE("PARK-035", "P-15"))),
    Seeded("audit-missing-p15", "audit", A, (_gone("表5-2"),),
           (F("PARK-018", "P-15", "warning"), NE("PARK-035", "P-15"), NE("PARK-036", "P-15"))),
    Seeded("audit-missing-p17", "audit", A, (_gone("表6-2"),), (F("PARK-019", "P-17"), NE("PARK-037", "P-17"))),
    Seeded("audit-missing-p18", "audit", A, (_gone("表7-1"),), (F("PARK-020", "P-18"),)),
    Seeded("audit-coverage-below-80", "audit", A, (_cell("表2-4", SO2_ETC, "是", "否"),),
           (F("PARK-030", "P-5"),) * 4 + (F("PARK-031", "P-5", "warning"),),
           "E10 taken off the list. Listed sums without E10 (hand): energy 1125239.15 − 164784 = 960455.15 of "
           "1204012.105 = 79.77 %; SO2 (96+188+4.2+3.1+312+265+0+58+0.1) = 926.4 of 1381.0 = 67.08 %; NOx 836.6 − 268 = 568.6 of 897.7 "
           "= 63.34 %; PM 440.2 − 96 = 344.2 of 479.1 = 71.84 %; water 1176/1340 = 87.8 %, COD 229.3/262.1 = 87.5 %, "
           "NH3-N 32.4/36.2 = 89.5 % still pass: 4 × PARK-030. E10 ranks 1st for SO2 and NOx: 1 × PARK-031."),
    Seeded("audit-extra-member", "audit", A, (_cell("表2-4", "珑川磷石膏综合利用有限公司", "否", "是"),),
           (F("PARK-031", "P-5", "warning"),), "E05 is needed by no element (largest share: PM 14.2 of 479.1, ranked 7th)."),
    Seeded("audit-wrong-total", "audit", A, (_cell("表2-4", "合计", "262.10", "272.10"),), (F("PARK-032", "P-5"),),
           "Σ COD = 262.1 t (18 enterprises, hand sum)."),
    Seeded("audit-coverage-share-wrong", "audit", A, (_cell("表3-3", "化学需氧量排放量", "88.06", "80.06"),),
           (F("PARK-033", "P-9"),), "230.8 / 262.1 = 88.06 %."),
    Seeded("audit-scheme-investment-total", "audit", A, (_cell("表5-1", "合计", "41780.00", "41870.00"),),
           (F("PARK-034", "P-14"),), "Σ investment of the 15 schemes = 41780 万元."),
    Seeded("audit-level-count-wrong", "audit", A, (_cell("表5-2", "企业", "7", "8"),),
           (F("PARK-035", "P-15"),), "7 企业-level schemes (Q-01…Q-07) in 表5-1. (column_total reads 8 as 7.5–8.5 and "
           "4 + 4 + 8 as 14.5–17.5, so PARK-036 cannot see it; counts are PARK-035's job.)"),
    Seeded("audit-level-total-wrong", "audit", A, (_cell("表5-2", "合计", "15", "16"),), (F("PARK-035", "P-15"),),
           "15 schemes in 表5-1 (4 + 4 + 7)."),
    Seeded("audit-level-investment-total", "audit", A, (_cell("表5-2", "合计", "41780.00", "41880.00"),),
           (F("PARK-036", "P-15"),), "园区 6800+5200+380+9500 = 21880; 产业链 2600+1800+1200+850 = 6450; "
           "企业 3200+4800+900+1500+1100+650+1300 = 13450; Σ = 41780."),
    Seeded("audit-target-status-wrong", "audit", A, (_cell("表6-2", "一般工业固体废物综合利用率", "未完成", "已完成"),),
           (F("PARK-037", "P-17"),), "提高: 72.5 < 75, not met."),
    Seeded("audit-grade-wrong", "audit", A, (_cell("表4-1", "单位工业增加值综合能耗", "III级", "II级"),),
           (F("PARK-038", "P-11"), F("PARK-040", "P-12")),
           "越低越好: 1.32 > 0.9 (II), ≤ 1.5 (III) → III级. Read as II级, Y_II recomputes to 65.75 + 100 × 0.35 × 0.30 = 76.25 "
           "≠ 65.75 printed (PARK-040); Y_I and Y_III do not change."),
    Seeded("audit-index-wrong", "audit", A, (_cell("表4-2", "II级", "65.75", "75.75"),), (F("PARK-040", "P-12"),),
           "Y_II = 100 × (.35 × (.25 + .25 + .20) + .35 × (.25 + .25 + .25) + .15 × 0 + .15 × 1) = 65.75."),
    Seeded("audit-placeholder", "audit", A, (lambda root: replace_in_paragraph(root, "杨志华：", "XXX："),),
           (F("PARK-050", "DOC"),)),
]

CASES += [
    Seeded("audit-benchmark-good", "audit-benchmark", A, (), ()),
    Seeded("audit-benchmark-score-wrong", "audit-benchmark", A, (_cell("表4-1", "单位工业增加值综合能耗", "68.18", "78.18"),),
           (F("PARK-039", "P-11"), F("PARK-040", "P-12")),
           "越低越好: 100 × min(1, 0.90 / 1.32) = 68.18. With 78.18, S recomputes to 92.38 + .35 × .30 × 10 = 93.43, beyond what "
           "the rounding of the printed 2-decimal weights allows around the printed 92.38 (PARK-040)."),
    Seeded("audit-benchmark-index-wrong", "audit-benchmark", A, (_cell("表4-2", "综合得分", "92.38", "93.38"),),
           (F("PARK-040", "P-12"),), "S = .35 × 90.4545 + .35 × 97.6667 + .15 × 76.9231 + .15 × 100 = 92.38 (test_variants); "
           "weight rounding allows about 92.11–92.65, not 93.38."),
]

CASES += [
    Seeded("annual-good", "annual", Y, (), ()),
    Seeded("annual-missing-y3", "annual", Y, (delete_heading("重点管控名单动态更新"),), (F("PARK-101", "Y3"),)),
    Seeded("annual-missing-y1-table", "annual", Y, (_gone("表2-1"),),
           (F("PARK-110", "Y-1"), NE("PARK-132", "Y-1"), NE("PARK-133", "Y-1"))),
    Seeded("annual-missing-p5", "annual", Y, (_gone("表2-2"),), (F("PARK-111", "P-5"), NE("PARK-130", "P-5"), NE("PARK-131", "P-5"))),
    Seeded("annual-missing-p9", "annual", Y, (_gone("表3-2"),), (F("PARK-112", "P-9"),)),
    Seeded("annual-missing-p17", "annual", Y, (_gone("表5-3"),), (F("PARK-113", "P-17"), NE("PARK-134", "P-17"))),
    Seeded("annual-coverage-below-80", "annual", Y, (_cell("表2-2", SO2_ETC, "是", "否"),), (F("PARK-130", "P-5"),) * 4,
           "As audit-coverage-below-80: energy, SO2, NOx, PM fall below 80 %."),
    Seeded("annual-wrong-total", "annual", Y, (_cell("表2-2", "合计", "262.10", "272.10"),), (F("PARK-131", "P-5"),)),
    Seeded("annual-change-wrong", "annual", Y, (_cell("表2-1", "化学需氧量排放量", "-19.50", "-29.50"),),
           (F("PARK-132", "Y-1"), F("PARK-133", "Y-1")),
           "262.10 − 281.60 = −19.50; the rate is recomputed from the printed change: −29.50 / 281.60 = −10.48 % ≠ −6.92 %."),
    Seeded("annual-rate-wrong", "annual", Y, (_cell("表2-1", "化学需氧量排放量", "-6.92", "-9.62"),), (F("PARK-133", "Y-1"),),
           "−19.50 / 281.60 = −6.92 %."),
    Seeded("annual-target-status-wrong", "annual", Y, (_cell("表5-3", "一般工业固体废物综合利用率", "未完成", "已完成"),),
           (F("PARK-134", "P-17"),)),
    Seeded("annual-missing-p11", "annual", Y, (_gone("表4-1"),), (F("PARK-114", "P-11"),), "PARK-135 skips a missing table."),
    Seeded("annual-grade-wrong", "annual", Y, (_cell("表4-1", "一般工业固体废物综合利用率", "III级", "II级"),),
           (F("PARK-135", "P-11"),), "越高越好: 68 < 75 (II), ≥ 60 (III) → III级."),
    Seeded("annual-placeholder", "annual", Y, (lambda root: replace_in_paragraph(root, "中期评估", "XX评估"),), (F("PARK-150", "DOC"),)),
]


def by_name(name: str) -> Seeded:
    return next(c for c in CASES if c.name == name)


def build(case: Seeded, rendered: dict[str, bytes]) -> bytes:
    pkg = Package(rendered[case.kind])
    for edit in case.edits:
        edit(pkg.document)
    return pkg.to_bytes()


__all__ = ["CASES", "Seeded", "build", "by_name", "text"]
