"""Fixed wording of 附表3 and 附表4, verbatim from seed 003 (domain.md §5.4, §5.5).

The titles, the columns, the note markers and the notes 注1–注3 are the form's, word for word; only
the quarter and the district are filled in. The list of attachments names 附表4
《强制性清生产审核企业名单调整表》 (sic) while the form itself is headed 强制性清洁生产审核名单调整表;
the form's own heading is used.
"""

from __future__ import annotations

FORM3_LABEL = "附表3"
FORM3_TITLE = "重点行业实施强制性清洁生产审核情况表"
FORM3_HEADERS = ("序号", "企业名称", "名单公布时间", "要求完成期限", "审核咨询机构名称", "评估时间和评估结果",
                 "验收时间和验收结果")

FORM4_LABEL = "附表4"
FORM4_TITLE = "强制性清洁生产审核名单调整表"
#: (header, note marker) — the form prints 变化情况¹ 调整结果² 证明材料³ referring to 注1–注3
FORM4_HEADERS = (("序号", ""), ("企业名称", ""), ("变化情况", "1"), ("调整结果", "2"), ("证明材料", "3"), ("备注", ""))

FORM4_NOTES = (
    "注1：变化情况根据企业情况选填",
    "（1）企业名称变更",
    "（2）企业关停并转",
    "（3）企业搬迁（企业整体搬迁、企业部分产污工序搬迁、本市市内搬迁、搬迁至外省市等，需具体说明情况）",
    "（4）企业涉及产污工序停产（需具体说明情况）、其他（需具体说明情况）",
    "注2：调整结果根据企业情况选填",
    "（1）企业名称变更的情况一般调整为名称变更",
    "（2）企业关停并转的情况一般调整为名单撤销",
    "（3）企业涉及产污工序停产一般调整为审核暂缓，待恢复正常生产后继续按照相关要求开展审核",
    "（4）已开展审核的企业整体搬迁至外省市一般调整为审核终止",
    "（5）已开展审核的企业整体搬迁至本市其他区域一般需调整管理区域，继续开展审核工作",
    "（6）已开展审核的企业部分产污工序搬迁，需评价保留产污工序的情况，如仍符合强审要求需继续开展审核工作",
    "（7）其他情况请提出建议调整意见",
    "注3：证明材料",
    "名称变更和名单撤销的企业需上报证明材料，材料根据实际情况提交，可包括：现场确认的照片或者支队执法的记录等。",
)

SEAL = "区生态环境局（盖章）"
FILLER = "填报人："
FILLED_ON = "填报时间："


def quarter_line(year: int, quarter: int) -> str:
    return f"（{year}年第{quarter}季度）"


def seal_line(district: str | None) -> str:
    """「浦东新区生态环境局（盖章）」; blank underscores for the district when not given."""
    if not district:
        return "＿＿＿＿" + SEAL
    return (district if district.endswith("区") else district + "区") + SEAL[1:]
