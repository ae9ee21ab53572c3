"""Build samples/register-shanghai.xlsx: a district register with enterprises in every state.

Run: ``.venv/bin/python samples/make_register.py`` (rewrites the file). The enterprises are
fictitious except 上海澄霖精细化学品有限公司, whose dates are those of samples/audit-shanghai-fine-
chemical.yaml, so ``docgen check`` of its rendered report can be run against this register.
Credit codes carry a correct GB 32100 check character (computed, not typed).

States as of 2026-11-21 (the demo's ``--as-of``; expected states are worked out in
tests/track/test_sample_register.py by hand):
已完成, 按期 (one with a provisional 2027 deadline), 已逾期 (评估申请; 评估归档; 信息公开),
即将到期 (审核启动 due 2026-12-21, the 20th being a Sunday), 逾期完成 (信息公开 after a 调休
Saturday deadline), and the 附表4 cases: 名称变更, 名单撤销 (no evidence yet: 注3 warning),
审核暂缓, 审核终止.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date as D
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen.model.credit_code import expected_check_char  # noqa: E402
from docgen.track.register import Enterprise, ListChange, open_register  # noqa: E402
from docgen.track.sheets import export_file  # noqa: E402

OUT = ROOT / "samples" / "register-shanghai.xlsx"
STAMP = D(2026, 11, 21)   # the date written into the file's properties: same data, same bytes


def code(district: str, serial: int) -> str:
    first17 = f"913101{district}{serial:09d}"[:17]
    return first17 + expected_check_char(first17)


MATERIALS = "营业执照；审核工作计划；技术服务合同；咨询服务机构基本情况表（附表1）"

ENTERPRISES = [
    # 已完成: the fine-chemical sample's own dates
    dict(name="上海澄霖精细化学品有限公司", credit_code="91310116695783215E", district="金山区", list_year=2024,
         list_published=D(2024, 3, 20), disclosed=D(2024, 4, 12), started=D(2024, 5, 17), start_materials=MATERIALS,
         consultancy="上海绿钧环境技术咨询有限公司", evaluation_applied=D(2025, 3, 3), evaluation_onsite=D(2025, 3, 27),
         evaluation_result="通过", evaluation_archived=D(2025, 4, 23), acceptance_applied=D(2026, 4, 20),
         acceptance_onsite=D(2026, 5, 8), acceptance_result="通过", acceptance_archived=D(2026, 6, 4)),
    # 按期: evaluated; acceptance due 2027-05-16 + roll → provisional (2027 not covered)
    dict(name="上海浦江包装印刷有限公司", credit_code=code("15", 1), district="浦东新区", list_year=2025,
         list_published=D(2025, 3, 20), disclosed=D(2025, 4, 15), started=D(2025, 5, 16), start_materials=MATERIALS,
         consultancy="上海沛清环境科技咨询有限公司", evaluation_applied=D(2026, 3, 10), evaluation_onsite=D(2026, 4, 22),
         evaluation_result="通过", evaluation_archived=D(2026, 5, 20)),
    # 已逾期: started late (due 2025-05-20), never applied for evaluation (due 2026-03-20)
    dict(name="上海临港电镀有限公司", credit_code=code("15", 2), district="浦东新区", list_year=2025,
         list_published=D(2025, 3, 20), disclosed=D(2025, 4, 10), started=D(2025, 5, 30), start_materials="营业执照；审核工作计划",
         consultancy="上海沛清环境科技咨询有限公司"),
    # 已逾期: on-site evaluation 2026-10-09, archive due 2026-11-09, not archived
    dict(name="上海闵行制药有限公司", credit_code=code("12", 3), district="闵行区", list_year=2025,
         list_published=D(2025, 3, 20), disclosed=D(2025, 4, 18), started=D(2025, 5, 10), start_materials=MATERIALS,
         consultancy="上海绿钧环境技术咨询有限公司", evaluation_applied=D(2026, 2, 26), evaluation_onsite=D(2026, 10, 9),
         evaluation_result="通过"),
    # 已逾期: 2026 list of 2026-10-20, no disclosure by 2026-11-20
    dict(name="上海奉贤新材料有限公司", credit_code=code("20", 4), district="奉贤区", list_year=2026,
         list_published=D(2026, 10, 20)),
    # 即将到期: disclosed; start due 2026-12-20 (Sunday) → 2026-12-21
    dict(name="上海松江电子有限公司", credit_code=code("17", 5), district="松江区", list_year=2026,
         list_published=D(2026, 10, 20), disclosed=D(2026, 11, 5)),
    # 按期: 2026 list, started; evaluation due 2027-04-15 (provisional)
    dict(name="上海金山涂装有限公司", credit_code=code("16", 6), district="金山区", list_year=2026,
         list_published=D(2026, 4, 15), disclosed=D(2026, 5, 11), started=D(2026, 6, 10), start_materials=MATERIALS,
         consultancy="上海绿钧环境技术咨询有限公司"),
    # 逾期完成: list 2026-01-28 → disclosure due 2026-02-28 (Saturday, a 调休 working day: no roll),
    # disclosed 2026-03-02 → 2 days late; start due 2026-03-28 (Saturday) → 2026-03-30, started 03-30: on time
    dict(name="上海宝山金属制品有限公司", credit_code=code("13", 7), district="宝山区", list_year=2026,
         list_published=D(2026, 1, 28), disclosed=D(2026, 3, 2), started=D(2026, 3, 30), start_materials=MATERIALS,
         consultancy="上海沛清环境科技咨询有限公司"),
    # 附表4 2026Q3: renamed (evidence given) — deadlines continue
    dict(name="上海嘉定汽车零部件股份有限公司", credit_code=code("14", 8), district="嘉定区", list_year=2025,
         list_published=D(2025, 3, 20), disclosed=D(2025, 4, 11), started=D(2025, 5, 12), start_materials=MATERIALS,
         consultancy="上海绿钧环境技术咨询有限公司", evaluation_applied=D(2026, 3, 2), evaluation_onsite=D(2026, 4, 8),
         evaluation_result="通过", evaluation_archived=D(2026, 4, 30)),
    # 附表4 2026Q3: closed → 名单撤销 (evidence not yet registered: 注3 warning)
    dict(name="上海青浦纺织印染有限公司", credit_code=code("18", 9), district="青浦区", list_year=2025,
         list_published=D(2025, 3, 20), disclosed=D(2025, 4, 16), started=D(2025, 5, 19), start_materials=MATERIALS),
    # 附表4 2026Q3: a polluting process stopped → 审核暂缓
    dict(name="上海崇明食品有限公司", credit_code=code("51", 10), district="崇明区", list_year=2025,
         list_published=D(2025, 3, 20), disclosed=D(2025, 4, 14), started=D(2025, 5, 8), start_materials=MATERIALS,
         evaluation_applied=D(2026, 3, 5), evaluation_onsite=D(2026, 4, 16), evaluation_result="通过",
         evaluation_archived=D(2026, 5, 12)),
    # 附表4 2026Q3: moved out of Shanghai after starting → 审核终止
    dict(name="上海长宁表面处理有限公司", credit_code=code("05", 11), district="长宁区", list_year=2025,
         list_published=D(2025, 3, 20), disclosed=D(2025, 4, 17), started=D(2025, 5, 15), start_materials=MATERIALS,
         consultancy="上海沛清环境科技咨询有限公司"),
]

CHANGES = {
    "上海嘉定汽车零部件股份有限公司": dict(changed_on=D(2026, 8, 5), change="企业名称变更",
                                            detail="原名称：上海嘉定汽车零部件有限公司", evidence="营业执照变更登记通知书"),
    "上海青浦纺织印染有限公司": dict(changed_on=D(2026, 8, 15), change="企业关停并转", detail="印染生产线已拆除，企业停产关闭"),
    "上海崇明食品有限公司": dict(changed_on=D(2026, 9, 1), change="企业涉及产污工序停产", detail="杀菌清洗工序自2026年9月起停产"),
    "上海长宁表面处理有限公司": dict(changed_on=D(2026, 7, 20), change="企业搬迁", relocation="整体搬迁至外省市",
                                     detail="整体搬迁至江苏省南通市", evidence="现场确认照片"),
}


def build(out: Path = OUT) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        Session = open_register(Path(tmp) / "register.sqlite")
        with Session.begin() as session:
            for values in ENTERPRISES:
                e = Enterprise(jurisdiction="shanghai", **values)
                if e.name in CHANGES:
                    e.changes.append(ListChange(**CHANGES[e.name]))
                session.add(e)
        export_file(Session, out, force=True, stamp=STAMP)
        Session.kw["bind"].dispose()
    return out


if __name__ == "__main__":
    print(build())
