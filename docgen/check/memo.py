"""Results remembered per rule-data object (a table spec, a column concept), not per document.

Why: rule data is the same dict objects for every table of a document and every document of a
batch, and the checker derives things from it again and again — the canonical JSON that keys a
per-document cache (≈ 1 ms per 100-page report when serialised anew for every rule), a concept's
alias forms (≈ 450 times per report). A dict cannot be an ``lru_cache`` key (unhashable) and must
not be one (it could change), so the result is remembered by the object's identity; the object is
held with its result, so its id cannot be reused by another object while remembered. Rule data is
never changed after a profile is loaded.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

_MAX_REMEMBERED = 4096


class IdentityMemo(Generic[T]):
    """``compute(obj)``, remembered by the identity of ``obj`` (at most 4,096 objects, then anew)."""

    def __init__(self, compute: Callable[[object], T]):
        self.compute = compute
        self._remembered: dict[int, tuple[object, T]] = {}

    def __call__(self, obj: object) -> T:
        hit = self._remembered.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        value = self.compute(obj)
        if len(self._remembered) >= _MAX_REMEMBERED:
            self._remembered.clear()
        self._remembered[id(obj)] = (obj, value)
        return value


#: A stable text key for a piece of rule data: its canonical JSON (keys sorted; what JSON cannot
#: show as ``str``), for the per-document caches keyed by the data that produced them
#: (docgen.check.context: two rules with the same spec share one result).
data_key: IdentityMemo[str] = IdentityMemo(
    lambda data: json.dumps(data, ensure_ascii=False, sort_keys=True, default=str))
