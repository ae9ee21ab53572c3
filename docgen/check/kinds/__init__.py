"""Rule kinds: the small fixed set of checks implemented in code, parameterised by the rule packs.

Each kind is a function ``run(ctx) -> Iterable[Finding]`` registered under a name used as ``kind:``
in checks/*.yaml (Vale's "extension points", checker.md §1.2). A kind raises ``NotEvaluableRule``
when it cannot decide (no text layer, a table that is an image …): the engine turns that into a
``not_evaluable`` finding, never a pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from docgen.check.context import RuleContext
from docgen.check.findings import Finding

KindFn = Callable[[RuleContext], Iterable[Finding]]
KINDS: dict[str, KindFn] = {}


class NotEvaluableRule(Exception):
    """The rule could not run on this document; the message (Chinese) says why."""


def kind(name: str) -> Callable[[KindFn], KindFn]:
    def register(fn: KindFn) -> KindFn:
        if name in KINDS:
            raise ValueError(f"rule kind {name} registered twice")
        KINDS[name] = fn
        return fn

    return register


_LOADED: list[bool] = []


def load_kinds() -> dict[str, KindFn]:
    """Import every kind module (registration happens on import). Once per process: listing the
    package directory again for every checked document cost more than some rules."""
    if not _LOADED:
        import importlib
        import pkgutil

        for info in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{info.name}")
        _LOADED.append(True)
    return KINDS
