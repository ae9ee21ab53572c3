"""附表4 list changes: 变化情况 (注1) → default 调整结果 (注2), its effect, and 证明材料 (注3).

Why: seed 003 附表4 says which adjustment each kind of change "一般" leads to, and the adjustment
decides whether the enterprise's deadlines still run — a 名单撤销 or 审核终止 enterprise is no
longer overdue, an 审核暂缓 one is paused until production resumes. The mapping, the vocabulary and
the effects are data in the rule set (``list_changes`` in docgen/data/deadlines/shanghai.yaml);
here they are only applied. Whether the audit "had started" (注2 (4)–(6): "已开展审核的企业…") is
read from the register: a start date on or before the change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from docgen.track.rules import ListChanges


@dataclass(frozen=True)
class Adjustment:
    result: str            # 调整结果 as shown in 附表4
    note: str              # which 注2 item gave it
    defaulted: bool        # True when the register left 调整结果 blank
    effect: str            # continue | suspend | stop
    evidence_missing: bool  # 注3: required and blank
    changed_on: dt.date | None = None


def default_result(vocab: ListChanges, change: str, relocation: str | None, started: bool) -> tuple[str, str]:
    """The 注2 adjustment for a change (first matching mapping entry)."""
    for m in vocab.mapping:
        if m.change is not None and m.change != change:
            continue
        if m.relocation is not None and m.relocation != relocation:
            continue
        if m.started is not None and m.started != started:
            continue
        return m.result, m.note
    raise ValueError("附表4 调整结果映射缺少兜底项（注2（7））")


def adjustment(vocab: ListChanges, change, started_on: dt.date | None) -> Adjustment:
    """The adjustment of one ``ListChange`` row (its own 调整结果, or the default)."""
    started = started_on is not None and started_on <= change.changed_on
    if change.result:
        result, note, defaulted = change.result, "登记的调整结果", False
    else:
        result, note = default_result(vocab, change.change, change.relocation, started)
        defaulted = True
    effect = vocab.effects.get(result, "continue")
    missing = result in vocab.evidence_required and not (change.evidence or "").strip()
    return Adjustment(result, note, defaulted, effect, missing, change.changed_on)


def current_effect(vocab: ListChanges | None, enterprise, as_of: dt.date) -> tuple[str, Adjustment | None]:
    """The effect of the latest change on or before ``as_of`` (later changes override earlier ones)."""
    if vocab is None:
        return "continue", None
    past = [c for c in enterprise.changes if c.changed_on <= as_of]
    if not past:
        return "continue", None
    adj = adjustment(vocab, past[-1], enterprise.started)
    return adj.effect, adj
