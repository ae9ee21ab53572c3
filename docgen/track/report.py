"""Status output of ``docgen track status``: text for a clerk, JSON for integrations, XLSX for Excel.

Enterprises needing action come first (已逾期, then 即将到期), each with the deadline lines that
matter (``EnterpriseStatus.shown``); then the bureau's own next returns (quarterly 附表3/附表4,
annual summary). Years without a holiday arrangement are named once at the end, in plain words.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from docgen.track.periods import show
from docgen.track.register import Enterprise
from docgen.track.rules import load_rule_set
from docgen.track.status import OVERALL_ORDER, OVERALL_ZH, EnterpriseStatus, ReturnDue, evaluate, next_returns


@dataclass
class StatusResult:
    enterprises: list[EnterpriseStatus]
    returns: list[ReturnDue]

    def notes(self) -> list[str]:
        seen: list[str] = []
        for e in self.enterprises:
            for n in e.notes():
                if n not in seen:
                    seen.append(n)
        for r in self.returns:
            for n in r.due.notes:
                if n not in seen:
                    seen.append(n)
        return seen


def statuses(Session, as_of: dt.date, within: int = 30) -> StatusResult:
    with Session() as session:
        query = select(Enterprise).options(selectinload(Enterprise.changes))   # one query, not one per enterprise
        enterprises = list(session.scalars(query.order_by(Enterprise.list_published, Enterprise.name)))
        result = [evaluate(e, as_of, within) for e in enterprises]
        jurisdictions = sorted({e.jurisdiction for e in enterprises}) or ["shanghai"]
    result.sort(key=lambda s: OVERALL_ORDER.index(s.overall))
    returns = [r for j in jurisdictions for r in next_returns(load_rule_set(j), as_of)]
    unique = {(r.code, r.period): r for r in returns}
    return StatusResult(result, list(unique.values()))


def status_text(result: StatusResult, as_of: dt.date, within: int) -> str:
    counts = {k: sum(1 for e in result.enterprises if e.overall == k) for k in OVERALL_ORDER}
    lines = [f"名录共 {len(result.enterprises)} 家企业（截至 {show(as_of)}；{within} 天内到期记为“即将到期”）",
             " · ".join(f"{OVERALL_ZH[k]} {v}" for k, v in counts.items() if v), ""]
    for e in result.enterprises:
        ident = f"（{e.credit_code}）" if e.credit_code else ""
        extra = "  ".join(x for x in (e.district or "", f"咨询机构：{e.consultancy}" if e.consultancy else "") if x)
        lines.append(f"[{e.overall_zh}] {e.name}{ident}  {extra}".rstrip())
        if e.adjustment is not None:
            lines.append(f"    名单调整：{e.adjustment.result}（{e.adjustment.note}）"
                         + ("；注3：需上报证明材料，尚未登记" if e.adjustment.evidence_missing else ""))
        for d in e.shown():
            lines.append(f"    {d.describe()}")
    if result.returns:
        lines += ["", "区生态环境局报送："] + [f"    {r.describe(as_of)}" for r in result.returns]
    for n in result.notes():
        lines += ["", f"说明：{n}标注“暂定”的期限按仅周六、周日休息顺延，公布后可能变化。"]
    return "\n".join(lines) + "\n"


def status_json(result: StatusResult, as_of: dt.date, within: int) -> dict:
    return {"as_of": as_of.isoformat(), "within_days": within,
            "counts": {k: sum(1 for e in result.enterprises if e.overall == k) for k in OVERALL_ORDER},
            "enterprises": [e.to_json() for e in result.enterprises],
            "returns": [r.to_json() for r in result.returns], "notes": result.notes()}


XLSX_HEADER = ("企业名称", "统一社会信用代码", "所在区", "企业状态", "规则", "期限事项", "期限", "是否暂定", "期限状态",
               "说明", "依据")


def status_xlsx(result: StatusResult, as_of: dt.date, within: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "期限状态"
    ws.append([f"强审企业期限状态（截至 {show(as_of)}；{within} 天内到期记为即将到期）"])
    ws.append(list(XLSX_HEADER))
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for e in result.enterprises:
        for d in e.deadlines:
            ws.append([e.name, e.credit_code, e.district, e.overall_zh, d.rule.code, d.rule.name,
                       d.due.date if d.due else None, "是" if d.due and d.due.provisional else "",
                       d.state_zh, d.describe(), d.rule.basis])
            if d.due:
                ws.cell(ws.max_row, 7).number_format = "yyyy-mm-dd"
    for n in result.notes():
        ws.append([f"说明：{n}"])
    for col, width in zip("ABCDEFGHIJK", (30, 22, 12, 12, 10, 20, 12, 8, 10, 60, 40)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A3"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
