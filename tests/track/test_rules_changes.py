"""Deadline rule sets as data (Shanghai, Wuhan) and the 附表4 注2 default mapping."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as D

import pytest

from docgen.track.changes import adjustment, default_result
from docgen.track.rules import RuleSetError, available, load_rule_set, parse_rule_set
from docgen.track.status import evaluate_rule

SH = load_rule_set("shanghai")
WH = load_rule_set("wuhan")


def test_shanghai_rules_follow_seed_003():
    got = {r.id: (r.from_, r.months, r.event) for r in SH.deadlines}
    assert got == {
        "disclosure": ("list_published", 1, "disclosed"),                  # 二：名单公布后一个月内
        "start": ("list_published", 2, "started"),                         # 三：两个月内启动
        "evaluation": ("list_published", 12, "evaluation_applied"),        # 四：一年内完成并申请评估
        "acceptance": ("started", 24, "acceptance_onsite"),                # 五：实施审核 2 年内完成验收
        "evaluation_archive": ("evaluation_onsite", 1, "evaluation_archived"),  # 附表2：现场评估后一个月内
        "acceptance_archive": ("acceptance_onsite", 1, "acceptance_archived"),
    }
    assert SH.returns.quarterly.day == 10 and SH.returns.annual.month == 2 and SH.returns.annual.day == "last"


def test_a_second_jurisdiction_proves_rules_are_data():
    assert {"shanghai", "wuhan"} <= set(available())
    ev = WH.rule("evaluation")
    assert ev.until == "year_end" and ev.months is None
    acc = WH.rule("acceptance")
    assert (acc.from_, acc.months, acc.event, acc.require) == ("evaluation_onsite", 12, "acceptance_applied",
                                                               {"evaluation_result": "通过"})


@dataclass
class E:
    list_published: D | None = None
    disclosed: D | None = None
    started: D | None = None
    evaluation_applied: D | None = None
    evaluation_onsite: D | None = None
    evaluation_result: str | None = None
    evaluation_archived: D | None = None
    acceptance_applied: D | None = None
    acceptance_onsite: D | None = None
    acceptance_archived: D | None = None


def test_wuhan_evaluation_is_due_within_the_listing_year():
    # listed 2025-01-20: Wuhan wants the evaluation application by 2025-12-31 (a Wednesday);
    # Shanghai's rule gives a year: 2026-01-20 (a Tuesday)
    e = E(list_published=D(2025, 1, 20))
    assert evaluate_rule(WH.rule("evaluation"), e, D(2025, 12, 1), 30).due.date == D(2025, 12, 31)
    assert evaluate_rule(SH.rule("evaluation"), e, D(2025, 12, 1), 30).due.date == D(2026, 1, 20)
    # 2026-12-31 is a Thursday; 2022-12-31 a Saturday → 2023-01-03 (元旦 12月31日至1月2日)
    assert evaluate_rule(WH.rule("evaluation"), E(list_published=D(2022, 3, 1)), D(2022, 6, 1), 30).due.date == D(2023, 1, 3)


def test_wuhan_acceptance_counts_from_passing_the_evaluation():
    rule = WH.rule("acceptance")
    failed = E(list_published=D(2025, 1, 20), evaluation_onsite=D(2025, 11, 6), evaluation_result="不通过")
    assert evaluate_rule(rule, failed, D(2026, 1, 1), 30).state == "waiting"
    passed = E(list_published=D(2025, 1, 20), evaluation_onsite=D(2025, 11, 6), evaluation_result="通过")
    s = evaluate_rule(rule, passed, D(2026, 12, 1), 30)
    assert (s.due.date, s.state) == (D(2026, 11, 6), "overdue")    # 2026-11-06 is a Friday


def test_malformed_rule_set_names_the_field():
    with pytest.raises(RuleSetError, match=r"deadlines\[0\]"):
        parse_rule_set("id: x\nname: x\nsource: x\ndeadlines:\n  - {code: TRK-001, id: a, name: a, from: started, "
                       "event: disclosed, basis: b}\n", "bad.yaml")
    with pytest.raises(RuleSetError, match="没有名为「beijing」的期限规则"):
        load_rule_set("beijing")


@dataclass
class C:
    changed_on: D
    change: str
    relocation: str | None = None
    result: str | None = None
    evidence: str | None = None


VOCAB = SH.list_changes
STARTED = D(2025, 5, 10)


@pytest.mark.parametrize("change, relocation, started, result", [
    ("企业名称变更", None, STARTED, "名称变更"),                           # 注2（1）
    ("企业关停并转", None, STARTED, "名单撤销"),                           # 注2（2）
    ("企业涉及产污工序停产", None, None, "审核暂缓"),                      # 注2（3）
    ("企业搬迁", "整体搬迁至外省市", STARTED, "审核终止"),                 # 注2（4）
    ("企业搬迁", "整体搬迁至本市其他区域", STARTED, "调整管理区域"),       # 注2（5）
    ("企业搬迁", "部分产污工序搬迁", STARTED, "继续开展审核"),             # 注2（6）
    ("企业搬迁", "整体搬迁至外省市", None, "提出建议调整意见"),            # not started: 注2（4） does not apply
    ("企业搬迁", "整体搬迁至外省市", D(2026, 9, 1), "提出建议调整意见"),   # started after the move
    ("其他", None, STARTED, "提出建议调整意见"),                           # 注2（7）
])
def test_default_adjustment(change, relocation, started, result):
    adj = adjustment(VOCAB, C(D(2026, 8, 1), change, relocation), started)
    assert adj.result == result and adj.defaulted


def test_effects_and_evidence():
    closed = adjustment(VOCAB, C(D(2026, 8, 1), "企业关停并转"), STARTED)
    assert closed.effect == "stop" and closed.evidence_missing            # 注3: 名单撤销 needs evidence
    closed = adjustment(VOCAB, C(D(2026, 8, 1), "企业关停并转", evidence="支队执法记录"), STARTED)
    assert not closed.evidence_missing
    assert adjustment(VOCAB, C(D(2026, 8, 1), "企业涉及产污工序停产"), STARTED).effect == "suspend"
    assert adjustment(VOCAB, C(D(2026, 8, 1), "企业名称变更"), STARTED).evidence_missing
    moved = adjustment(VOCAB, C(D(2026, 8, 1), "企业搬迁", "整体搬迁至外省市"), STARTED)
    assert moved.effect == "stop" and not moved.evidence_missing        # 审核终止 is not in 注3's list


def test_registered_result_overrides_the_default():
    adj = adjustment(VOCAB, C(D(2026, 8, 1), "企业关停并转", result="审核暂缓"), STARTED)
    assert (adj.result, adj.defaulted, adj.effect) == ("审核暂缓", False, "suspend")


def test_mapping_has_a_fallback():
    assert default_result(VOCAB, "不存在的情况", None, False)[0] == "提出建议调整意见"
