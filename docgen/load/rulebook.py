"""A rule book: the cross-field rules of one data model, run together.

Pydantic checks a data file field by field; what it cannot see — a scheme that names an unknown
enterprise, weights that do not add up, a stated figure the data contradicts — is a list of small
rules, each a generator of :class:`Problem` with the data path it concerns. The enterprise audit
(``docgen.model.consistency``), the industry-wide audit and the park audit each keep such a list;
this is the one place that runs a list, so that a user sees every problem of a file at once.

A rule that cannot finish is itself a problem, never a crash and never silence: a calculation that
refuses its input (a unit it cannot convert, a factor it has no value for) names the check that
could not be completed; anything else a rule raises on strange data is reported with its type, so
the rest of the file is still checked and the user still gets a message with the rule's name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

from docgen.calc.errors import CalcError
from docgen.calc.factors import FactorError
from docgen.calc.units import UnitError

from .problems import Problem

Data = TypeVar("Data")
Rule = Callable[[Data], Iterable[Problem]]

#: What a calculation raises for input it cannot work with: said as "could not complete the check".
CALCULATION_ERRORS = (CalcError, UnitError, FactorError)


class RuleBook(Generic[Data]):
    """Rules registered with ``@book.rule``, run in registration order by ``book(data)``."""

    def __init__(self) -> None:
        self.rules: list[Rule] = []

    def rule(self, func: Rule) -> Rule:
        self.rules.append(func)
        return func

    def __call__(self, data: Data) -> list[Problem]:
        problems: list[Problem] = []
        for check in self.rules:
            try:
                problems.extend(check(data))
            except CALCULATION_ERRORS as exc:
                problems.append(Problem((), f"无法完成核对「{_title(check)}」：{exc}"))
            except Exception as exc:  # noqa: BLE001 — strange data must not end the whole check
                problems.append(Problem((), f"一致性检查「{_title(check)}」出错：{type(exc).__name__}: {exc}"))
        return problems


def _title(check: Rule) -> str:
    """The rule's name for a user: the first docstring line (Chinese), else its function name."""
    doc = (check.__doc__ or "").strip()
    return doc.splitlines()[0] if doc else check.__name__


def duplicate_ids(items, path: str) -> Iterator[Problem]:
    """One problem per item whose ``id`` another item of the same list also has."""
    counts = Counter(item.id for item in items)
    for n, item in enumerate(items):
        if counts[item.id] > 1:
            yield Problem((path, n, "id"), f"编号「{item.id}」重复")
