"""docgen.check.formsearch answers exactly what one substring search per form answers."""

from __future__ import annotations

import random


from docgen.check.formsearch import FormSearch, form_search
from docgen.check.profile import load_profile
from docgen.check.tables import (
    _index,
    _probe_forms,
    could_reach,
    profile_specs,
    spec_probe,
)
from docgen.check.textindex import JOIN, piece_starts, pieces_containing, table_text

PACKS = ("national-2018-evaluation", "national-2018-acceptance", "shanghai-evaluation", "shanghai-acceptance")


def _probes():
    return [spec_probe(spec) for pack in PACKS for spec in profile_specs(load_profile(pack))]


def test_hand_made_overlaps_and_separators():
    search = FormSearch(["投资", "投资额", "资额", "额", "", "名称", "方案名称", "a\u0000"])
    assert "" not in search.forms
    text = "方案名称\u0000总投资额" + JOIN + "x"
    assert search.present(text) == {f for f in search.forms if f in text} == {"投资", "投资额", "资额", "额", "名称",
                                                                               "方案名称"}
    assert search.present("") == set() and FormSearch([]).present("投资") == set()
    pieces = ["投资额", "", "名称", "方案名称合计", "额"]
    joined = JOIN.join(pieces)
    expected = {f: tuple(pieces_containing(joined, piece_starts(pieces), f)) for f in search.forms if JOIN not in f}
    assert search.pieces_with(joined, piece_starts(pieces)) == {f: p for f, p in expected.items() if p}
    assert search.pieces_with(joined, piece_starts(pieces))["额"] == (0, 4)


def test_random_texts_against_substring_search():
    rng = random.Random(11)
    alphabet = "投资额名称方案合计量审核前后\u0000" + JOIN
    forms = {"".join(rng.choice(alphabet[:-2]) for _ in range(rng.randint(1, 4))) for _ in range(60)}
    search = FormSearch(forms)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert search.present(text) == {f for f in forms if f in text}, text


def test_every_table_of_the_samples_against_substring_search(documents):
    probes = _probes()
    for where in ("cell", "header"):
        search = form_search(_probe_forms(probes, where))
        assert len(search.forms) > 50
        for doc in documents:
            for table in doc.tables:
                index = _index(table)
                for text in (index.cells_blob, index.header_blob, table_text(table).text):
                    assert search.present(text) == {f for f in search.forms if f in text}, (table.index, where)


def test_could_reach_with_the_forms_found_at_once_equals_could_reach_searching(documents):
    specs = [spec for pack in PACKS for spec in profile_specs(load_profile(pack))]
    search = form_search(_probe_forms(_probes(), "cell"))
    for doc in documents:
        for table in doc.tables:
            present = search.present(_index(table).cells_blob)
            for spec in specs:
                for min_cov in (0.5, 0.8):
                    probe = spec_probe(spec)
                    assert could_reach(table, spec, min_cov, probe, cells_present=present) == could_reach(
                        table, spec, min_cov, probe), (table.index, spec["target_id"])
