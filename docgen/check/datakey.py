"""A stable text key for a piece of rule data (a table spec, a label list), worked out once.

Why: per-document caches are keyed by the rule data that produced them, so that two rules with the
same spec share one result (docgen.check.context). The key is the data's canonical JSON, and rule
data is the same objects for every document of a batch — serialising the same spec again for every
rule of every document cost ≈ 1 ms per 100-page report. So the key is remembered per object; the
object is held with its key, so its id cannot be reused by another object while remembered.
"""

from __future__ import annotations

import json

_MAX_REMEMBERED = 4096
_remembered: dict[int, tuple[object, str]] = {}


def data_key(data: object) -> str:
    """Canonical JSON of ``data`` (keys sorted; what JSON cannot show as ``str``)."""
    hit = _remembered.get(id(data))
    if hit is not None and hit[0] is data:
        return hit[1]
    key = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    if len(_remembered) >= _MAX_REMEMBERED:
        _remembered.clear()
    _remembered[id(data)] = (data, key)
    return key
