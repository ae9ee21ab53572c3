"""Report kinds as data: every kind names a shipped pack, the fallback is the evaluation report, and
the order puts the specific kinds (the enterprise sheet, the park annual report) before the general."""

from docgen.check.profile import available_profiles
from docgen.check.recognise import DEFAULT_PROFILES, KIND_ZH, report_kinds


def test_every_kind_is_checked_with_a_shipped_pack():
    assert set(DEFAULT_PROFILES.values()) <= set(available_profiles())
    assert set(KIND_ZH) == set(DEFAULT_PROFILES)


def test_exactly_one_fallback_and_it_is_last():
    kinds = report_kinds()
    assert [k.id for k in kinds if not k.markers] == ["evaluation"]
    assert not kinds[-1].markers


def test_specific_kinds_come_before_the_kinds_their_titles_contain():
    order = [k.id for k in report_kinds()]
    assert order.index("industry-sheet") < order.index("industry")       # a sheet names its industry report
    assert order.index("industry-phases") < order.index("industry")      # same markers, plus a heading test
    assert order.index("park-annual") < order.index("park")
