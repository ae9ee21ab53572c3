"""Who a report is from: the enterprise and the consultancy, for the batch summary's grouping.

A bureau reads a batch by consultancy (which firms hand in reports that fail the same rules) and
by enterprise. Both names are already on the report — the cover's 企业名称 (or the cover title
"XX有限公司清洁生产审核报告") and the 咨询机构 on the cover or the 封二 — and the rule pack already
says where and under which labels (the ``required_fields`` specs ``F-enterprise-name`` and
``F-consultancy`` of FLD-001/FLD-002). So the names are read with those same specs and the same
field reader (docgen.check.kinds.fields), never with a second list of labels: a bureau's policy
that teaches a profile a new label teaches the summary too.

A report that names no consultancy (自行开展审核) has ``consultancy`` empty; the summary groups it
under 未注明. Blank or placeholder values (XXX, ____) are not names.
"""

from __future__ import annotations

from docgen.check.context import RuleContext
from docgen.check.kinds.fields import all_field_labels, field_values, is_blank, is_placeholder
from docgen.check.profile import Profile
from docgen.read.model import Document, NotEvaluable

#: Summary key → the field id the rule packs use for it.
FIELDS = {"enterprise": "F-enterprise-name", "consultancy": "F-consultancy"}


def identify(doc: Document | NotEvaluable, profile: Profile) -> dict[str, str]:
    """``{"enterprise": …, "consultancy": …}``, each "" when the report does not name it."""
    out = {key: "" for key in FIELDS}
    if isinstance(doc, NotEvaluable):
        return out
    specs: dict[str, list] = {}
    for rule in profile.rules:
        if rule.kind != "required_fields":
            continue
        for spec in rule.params.get("fields", []):
            specs.setdefault(spec.get("id"), []).append((rule, spec))
    cache: dict = {}
    for key, field_id in FIELDS.items():
        for rule, spec in specs.get(field_id, []):
            ctx = RuleContext(doc, rule, profile, None, cache)
            try:
                values = field_values(ctx, spec, all_field_labels(rule.params.get("fields", [])))
            except Exception:  # noqa: BLE001 — a name for grouping is never worth failing a document
                continue
            names = [v.value.strip() for v in values if not is_blank(v.value) and not is_placeholder(v.value)]
            if names:
                out[key] = names[0]
                break
    return out
