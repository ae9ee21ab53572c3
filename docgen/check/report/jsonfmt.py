"""JSON and JSON Lines: the findings contract (DESIGN.md, ``docgen/data/findings.schema.json``).

``json``: one object per document, or a list of them when several documents were checked.
``jsonl``: one object per line, one line per document (for streaming and ``grep``).
"""

from __future__ import annotations

import json


def render_json(checked_documents: list) -> str:
    objects = [c.result.to_json() for c in checked_documents]
    payload = objects[0] if len(objects) == 1 else objects
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def render_json_one(checked) -> str:
    return json.dumps(checked.result.to_json(), ensure_ascii=False, indent=2) + "\n"


def render_jsonl(checked_documents: list) -> str:
    return "".join(json.dumps(c.result.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n"
                   for c in checked_documents)
