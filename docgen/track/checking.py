"""Deadline findings from the register when a report is checked (``docgen check REPORT --register DB``).

Why: the report's own dates (DL-001…DL-003) only show what the report states; the bureau's register
knows what actually happened and when (信息公开, 归档, the 验收 date), so an expert reading the
report sees, in the same findings list, that the enterprise is late — as the 指引 八 wants audit
status in the enterprise's record.

Which enterprise: the audit data's 统一社会信用代码 / 企业名称 when ``--audit`` is given, else the
register enterprise whose credit code (first) or name (the longest one, so 上海某化工 does not
shadow 上海某化工新材料) appears in the report's text. No match is itself a finding
(``not_evaluable``, severity info: it never changes the exit code), never a silent pass.

Findings: one per deadline that is overdue (warning), met late (warning: 逾期完成 is what 附表3
and an inspection ask about) or due within ``within`` days (info), category ``deadline``, code
the rule's ``TRK-nnn``, the clause in ``review_point`` and the Civil-Code computation in the
evidence. A provisional date (year without a holiday arrangement) says so in the evidence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from docgen.check.findings import Finding, FindingLocation, count, verdict
from docgen.check.kinds.placeholders import text_spots
from docgen.track.periods import show
from docgen.track.register import Enterprise, RegisterError, open_register
from docgen.track.status import evaluate

SEVERITY = {"overdue": "warning", "late": "warning", "due_soon": "info"}
NO_MATCH = "TRK-000"


@dataclass
class RegisterCheck:
    """An open register plus the day the deadlines are judged on."""

    Session: object
    source: str
    as_of: dt.date | None = None
    within: int = 30

    @classmethod
    def open(cls, db, as_of: dt.date | None = None, within: int = 30) -> RegisterCheck:
        """Raises ``ValueError`` with a Chinese message when the register cannot be opened."""
        try:
            return cls(open_register(db, create=False), str(db), as_of, within)
        except RegisterError as exc:
            raise ValueError(str(exc)) from None

    def find(self, session, doc, audit) -> tuple[Enterprise | None, str]:
        enterprises = list(session.scalars(select(Enterprise)))
        ent = getattr(audit, "enterprise", None)
        if ent is not None:
            for e in enterprises:
                if (e.credit_code and e.credit_code == ent.credit_code) or e.name == ent.name:
                    return e, f"按审核数据中的企业（{ent.name}）匹配"
        text = "\n".join(text_spots(doc).texts)
        by_code = [e for e in enterprises if e.credit_code and e.credit_code in text]
        if by_code:
            return by_code[0], f"报告中出现统一社会信用代码 {by_code[0].credit_code}"
        by_name = sorted((e for e in enterprises if e.name in text), key=lambda e: -len(e.name))
        if by_name:
            return by_name[0], f"报告中出现企业名称「{by_name[0].name}」"
        return None, ""

    def findings(self, doc, audit=None) -> list[Finding]:
        as_of = self.as_of or dt.date.today()
        with self.Session() as session:
            e, how = self.find(session, doc, audit)
            if e is None:
                return [_finding(NO_MATCH, "企业名录", "名录期限核对", "info", "not_evaluable",
                                 f"名录「{self.source}」中没有找到本报告所属的企业，未能核对期限",
                                 "按统一社会信用代码和企业名称在报告全文中查找，均未找到", "请核对名录中的企业名称和统一社会信用代码。")]
            status = evaluate(e, as_of, self.within)
        out = []
        for d in status.deadlines:
            severity = SEVERITY.get(d.state)
            if severity is None:
                continue
            message = f"名录记录：{e.name}「{d.rule.name}」{d.state_zh}（期限 {show(d.due.date)}"
            message += {"overdue": f"，已逾期 {d.days} 天）", "late": f"，逾期 {d.days} 天完成）",
                        "due_soon": f"，还剩 {d.days} 天）"}[d.state]
            out.append(_finding(d.rule.code, d.rule.basis, d.rule.name, severity, "fail", message,
                                f"{how}；{d.describe()}；{d.due.explain()}；截至 {as_of.isoformat()}；名录 {self.source}",
                                _SUGGESTION[d.state]))
        return out

    def add_to(self, result, doc, audit=None) -> None:
        """Append the register's findings to a ``DocumentResult`` and recompute counts and verdict."""
        if getattr(doc, "blocks", None) is None:   # an unreadable document: nothing to match
            return
        result.findings.extend(self.findings(doc, audit))
        result.counts = count(result.findings)
        result.verdict = verdict(result.findings)
        result.notes = [*result.notes, f"已按名录「{self.source}」核对期限"]


_SUGGESTION = {
    "overdue": "请督促企业尽快完成；如有延期批准或名单调整（附表4），请在名录中登记。",
    "late": "逾期已成事实：请在附表3 中如实填报，必要时说明逾期原因。",
    "due_soon": "期限临近，请提醒企业按时完成。",
}


def _finding(code, review_point, target, severity, status, message, evidence, suggestion) -> Finding:
    return Finding(rule=code, category="deadline", target_id="DOC", target=target, severity=severity, status=status,
                   review_point=review_point, location=FindingLocation(), message=message, evidence=evidence,
                   suggestion=suggestion)
