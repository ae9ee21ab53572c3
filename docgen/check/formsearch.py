"""Which of many alias forms occur in a text: one Aho–Corasick pass instead of one search per form.

Why: recognising the required tables of a report asks, for every table, whether each alias form
of the profile's cell concepts occurs anywhere in the table's cells (``docgen.check.tables.
_enough``), and which tables' headers hold each of the header concepts' alias forms. For the
national evaluation pack that is ≈ 90 cell forms × 33 tables of a 100-page report — ≈ 2,600
substring searches over the tables' ~37,000 characters, each a full scan when the form is absent,
as most are (≈ 1 ms) — and ≈ 450 searches of the joined headers. An Aho–Corasick automaton of all
the forms (pyahocorasick, C) reports every occurrence of every form in one pass over a text:
0.45 ms for the cells of all 33 tables against 1.8 ms for the searches one by one (measured
2026-11-22). The answers are those of ``form in text``: the automaton reports every occurrence,
overlapping and nested ones included (tests/check/test_formsearch.py compares the two).

The automaton is built once per set of forms (rule data: the same for every report of a batch).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache

import ahocorasick


class FormSearch:
    """The forms (non-empty strings) compiled into one automaton."""

    __slots__ = ("_automaton", "forms")

    def __init__(self, forms: Iterable[str]):
        self.forms: tuple[str, ...] = tuple(sorted({f for f in forms if f}))
        automaton = ahocorasick.Automaton()
        for form in self.forms:
            automaton.add_word(form, form)
        if self.forms:
            automaton.make_automaton()
        self._automaton = automaton

    def present(self, text: str) -> set[str]:
        """The forms that occur in ``text`` (``{f for f in forms if f in text}``)."""
        if not self.forms or not text:
            return set()
        return {form for _end, form in self._automaton.iter(text)}

    def pieces_with(self, joined: str, starts: list[int]) -> dict[str, tuple[int, ...]]:
        """Form → the numbers of the pieces of ``joined`` that contain it, in order (forms found
        nowhere are absent). ``starts``: ``docgen.check.textindex.piece_starts`` of the pieces;
        no form may contain the joining character (then no occurrence spans two pieces)."""
        found: dict[str, set[int]] = {}
        if self.forms and joined:
            for end, form in self._automaton.iter(joined):  # (end: the occurrence's last character,
                # in the piece where it starts — no form holds the joining character)
                found.setdefault(form, set()).add(bisect_right(starts, end) - 1)
        return {form: tuple(sorted(pieces)) for form, pieces in found.items()}


@lru_cache(maxsize=32)
def form_search(forms: tuple[str, ...]) -> FormSearch:
    """The ``FormSearch`` of a tuple of forms, built once (rule data)."""
    return FormSearch(forms)
