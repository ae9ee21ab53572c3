"""Which kind of report a document is, when ``docgen check`` is given no ``--profile``.

One list, as data (``docgen/data/report-kinds.yaml``): enterprise evaluation and acceptance reports,
the industry-wide report in its two frames and its per-enterprise sheet, the park audit and annual
reports — each with the title words that give it away on the cover, its Chinese name for the
notes, and the rule pack it is checked with. A consultancy's report always names its kind on the
cover or in the document title, so the head of the document (title property, first paragraphs,
first headings) is where to look; the first kind whose words appear there wins, so a more specific
kind (the enterprise sheet, which also names its industry report) comes first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from docgen.read.model import Document, NotEvaluable
from docgen.resources import data_file

HEAD_PARAGRAPHS = 15   # cover and 封二 lines
HEAD_HEADINGS = 3


@dataclass(frozen=True)
class ReportKind:
    id: str
    name_zh: str
    profile: str
    reason: str
    markers: tuple[str, ...] = ()
    level1_headings: tuple[str, ...] = ()

    def matches(self, head: str, doc: Document) -> bool:
        if not any(m in head for m in self.markers):
            return False
        if not self.level1_headings:
            return True
        return any(h.level == 1 and (h.title or "").strip() in self.level1_headings for h in doc.headings)


@lru_cache(maxsize=1)
def report_kinds() -> tuple[ReportKind, ...]:
    raw = yaml.safe_load(data_file("report-kinds.yaml").read_text(encoding="utf-8"))["kinds"]
    return tuple(ReportKind(k["id"], k["name_zh"], k["profile"], k["reason"], tuple(k.get("markers", ())),
                            tuple(k.get("level1_headings", ()))) for k in raw)


def _fallback() -> ReportKind:
    return next(k for k in report_kinds() if not k.markers)


def recognise_kind(doc: Document | NotEvaluable) -> tuple[str, str]:
    """(kind id, reason in Chinese) from the title on the cover / properties / first headings."""
    if isinstance(doc, NotEvaluable):
        return _fallback().id, "文件无法读取，按评估报告处理"
    head = " ".join([doc.properties.get("title", "")] + [p.text for p in doc.paragraphs[:HEAD_PARAGRAPHS]]
                    + [h.title for h in doc.headings[:HEAD_HEADINGS]])
    kind = next((k for k in report_kinds() if k.markers and k.matches(head, doc)), _fallback())
    return kind.id, kind.reason


#: kind id → the rule pack it is checked with by default
DEFAULT_PROFILES = {k.id: k.profile for k in report_kinds()}
#: kind id → its Chinese name in the notes of a result
KIND_ZH = {k.id: k.name_zh for k in report_kinds()}
