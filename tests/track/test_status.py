"""Deadline states of the sample register on 2026-11-21, each worked out by hand (see
samples/make_register.py for the dates; weekday and holiday facts from the 2025/2026 notices)."""

from __future__ import annotations

from datetime import date as D

from docgen.track.register import open_register
from docgen.track.report import status_json, status_text, statuses

AS_OF = D(2026, 11, 21)


def _by_name(sample_db):
    result = statuses(open_register(sample_db), AS_OF, 30)
    return result, {e.name: e for e in result.enterprises}


def _state(e, rule_id):
    return next(d for d in e.deadlines if d.rule.id == rule_id)


def test_every_state_is_present(sample_db):
    _, by = _by_name(sample_db)
    assert {n: e.overall for n, e in by.items()} == {
        "上海澄霖精细化学品有限公司": "complete",
        "上海浦江包装印刷有限公司": "on_time",
        "上海临港电镀有限公司": "overdue",
        "上海闵行制药有限公司": "overdue",
        "上海奉贤新材料有限公司": "overdue",
        "上海松江电子有限公司": "due_soon",
        "上海金山涂装有限公司": "on_time",
        "上海宝山金属制品有限公司": "on_time",
        "上海嘉定汽车零部件股份有限公司": "on_time",
        "上海青浦纺织印染有限公司": "adjusted",
        "上海崇明食品有限公司": "paused",
        "上海长宁表面处理有限公司": "adjusted",
    }


def test_overdue_and_late_with_days(sample_db):
    _, by = _by_name(sample_db)
    lg = by["上海临港电镀有限公司"]
    start = _state(lg, "start")          # list 2025-03-20 + 2 months = 2025-05-20 (Tue); started 05-30
    assert (start.state, start.due.date, start.days) == ("late", D(2025, 5, 20), 10)
    ev = _state(lg, "evaluation")        # 2026-03-20 (Fri); 11 + 30+31+30+31+31+30+31 + 21 days to 11-21
    assert (ev.state, ev.due.date, ev.days) == ("overdue", D(2026, 3, 20), 246)
    mh = _state(by["上海闵行制药有限公司"], "evaluation_archive")   # on-site 2026-10-09 → 2026-11-09 (Mon)
    assert (mh.state, mh.due.date, mh.days) == ("overdue", D(2026, 11, 9), 12)
    fx = by["上海奉贤新材料有限公司"]
    assert (_state(fx, "disclosure").state, _state(fx, "disclosure").days) == ("overdue", 1)   # due 11-20 (Fri)


def test_due_soon_after_a_sunday_shift(sample_db):
    _, by = _by_name(sample_db)
    s = _state(by["上海松江电子有限公司"], "start")     # 2026-12-20 is a Sunday → Monday 12-21, 30 days away
    assert (s.state, s.due.nominal, s.due.date, s.days) == ("due_soon", D(2026, 12, 20), D(2026, 12, 21), 30)
    result = statuses(open_register(sample_db), AS_OF, 29)
    assert next(e for e in result.enterprises if e.name == "上海松江电子有限公司").overall == "on_time"


def test_tiaoxiu_saturday_deadline_is_not_shifted(sample_db):
    _, by = _by_name(sample_db)
    bs = by["上海宝山金属制品有限公司"]
    d = _state(bs, "disclosure")       # list 2026-01-28 → 2026-02-28, a 调休 Saturday: no shift
    assert (d.state, d.due.date, d.days) == ("late", D(2026, 2, 28), 2)
    s = _state(bs, "start")            # 2026-03-28, an ordinary Saturday → 03-30; started 03-30: in time
    assert (s.state, s.due.date) == ("met", D(2026, 3, 30))


def test_provisional_2027_dates(sample_db):
    _, by = _by_name(sample_db)
    acc = _state(by["上海浦江包装印刷有限公司"], "acceptance")   # started 2025-05-16 + 24 = 2027-05-16 (Sun)
    assert (acc.state, acc.due.date, acc.due.provisional) == ("pending", D(2027, 5, 17), True)
    assert "（暂定）" in acc.describe()


def test_adjustments(sample_db):
    _, by = _by_name(sample_db)
    qp = by["上海青浦纺织印染有限公司"]
    assert qp.overall_zh == "已调整（名单撤销）" and qp.adjustment.evidence_missing
    assert by["上海长宁表面处理有限公司"].overall_zh == "已调整（审核终止）"
    cm = by["上海崇明食品有限公司"]
    assert _state(cm, "acceptance").state == "paused"
    assert by["上海嘉定汽车零部件股份有限公司"].adjustment.result == "名称变更"


def test_suspension_does_not_hide_a_deadline_missed_before_it(sample_db):
    # 崇明 paused on 2026-09-01; had its evaluation been missing, the 2026-03-20 deadline was
    # already missed then and stays overdue
    from sqlalchemy import select

    from docgen.track.register import Enterprise
    from docgen.track.status import evaluate

    Session = open_register(sample_db)
    with Session() as s:
        e = s.scalars(select(Enterprise).where(Enterprise.name == "上海崇明食品有限公司")).one()
        e.evaluation_applied = e.evaluation_onsite = e.evaluation_archived = None
        st = evaluate(e, AS_OF)
        assert _state(st, "evaluation").state == "overdue" and st.overall == "overdue"
        assert _state(st, "acceptance").state == "paused"


def test_text_and_json(sample_db):
    result, _ = _by_name(sample_db)
    text = status_text(result, AS_OF, 30)
    assert text.splitlines()[1] == "已逾期 3 · 即将到期 1 · 按期 4 · 暂缓 1 · 已完成 1 · 已调整 2"
    assert "TRK-003 完成审核并申请评估：期限 2026年3月20日（名单公布 2025年3月20日 后 1 年内），已逾期 246 天" in text
    assert "2027 年的法定节假日安排尚未收录" in text
    # the bureau's own returns: Q4 2026 due 2027-01-10 (Sunday) → provisional 01-11; 2026 summary
    # due 2027-02-28 (Sunday) → provisional 03-01
    data = status_json(result, AS_OF, 30)
    assert [(r["rule"], r["due"], r["provisional"]) for r in data["returns"]] == [
        ("TRK-101", "2027-01-11", True), ("TRK-102", "2027-03-01", True)]
    assert data["counts"]["overdue"] == 3
