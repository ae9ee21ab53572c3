"""What a rule kind sees: the document, its rule, the profile, optional audit data, a shared cache.

The cache is per document: expensive analyses that several rules need (the chapter alignment, the
recognised tables, the full text) are computed once by whichever rule asks first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docgen.check.findings import Finding, FindingLocation
from docgen.check.profile import Profile, Rule
from docgen.read.model import Document, Location


def location_of(loc: Location | None) -> FindingLocation:
    if loc is None:
        return FindingLocation()
    return FindingLocation(heading_path=list(loc.heading_path), paragraph=loc.paragraph, table=loc.table,
                           row=loc.row, col=loc.col, page=loc.page)


@dataclass
class RuleContext:
    doc: Document
    rule: Rule
    profile: Profile
    audit: object | None = None          # AuditData when the caller has the data file
    cache: dict = field(default_factory=dict)

    @property
    def params(self) -> dict:
        return self.rule.params

    def finding(self, message: str, *, evidence: str = "", suggestion: str = "", location: Location | None = None,
                target_id: str | None = None, target: str | None = None, status: str = "fail",
                confidence: float = 1.0, category: str | None = None, severity: str | None = None) -> Finding:
        """A finding of this rule; ``severity`` overrides the rule's only for documented sub-cases
        (a low-confidence fuzzy match is reported as info for a human to confirm)."""
        rule = self.rule
        return Finding(
            rule=rule.code, category=category or rule.category, target_id=target_id or rule.target_id,
            target=target or rule.target, severity=severity or rule.severity, status=status, review_point=rule.review_point,
            location=location_of(location), message=message, evidence=evidence, suggestion=suggestion,
            confidence=confidence,
        )

    def cached(self, key: str, compute):
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]
