"""The rule registry as reports and docs see it: every rule of every shipped profile, plus the two
rules the engine itself reports (DOC-001 unreadable file, DOC-002 pages without a text layer).

A code means the same check in every profile (ruff's stable codes); a profile may change its
severity or parameters, so :func:`registry` keeps, per code, the definition and the profiles that
enable it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docgen.check.builtin import BUILTIN_RULES
from docgen.check.profile import Profile, Rule, available_profiles, load_profile

#: Where a rule's documentation page lives, relative to the repository root (SARIF helpUri).
DOCS_DIR = "docs/rules"



@dataclass
class RegistryEntry:
    rule: Rule                                          # the definition (first profile that has it)
    profiles: list[Profile] = field(default_factory=list)  # every shipped profile that enables it

    def in_profile(self, profile: Profile) -> Rule:
        return profile.rule(self.rule.code)


def shipped_profiles() -> list[Profile]:
    return [load_profile(pid) for pid in available_profiles()]


def registry(profiles: list[Profile] | None = None) -> dict[str, RegistryEntry]:
    """Code → definition and profiles, sorted by code; built-in engine rules included."""
    entries: dict[str, RegistryEntry] = {r.code: RegistryEntry(r) for r in BUILTIN_RULES}
    for profile in profiles if profiles is not None else shipped_profiles():
        for rule in profile.rules:
            entry = entries.setdefault(rule.code, RegistryEntry(rule))
            entry.profiles.append(profile)
    return dict(sorted(entries.items()))


def builtin_rule(code: str) -> Rule | None:
    return next((r for r in BUILTIN_RULES if r.code == code), None)


def rule_for(code: str, profile: Profile | None) -> Rule | None:
    """The rule as ``profile`` defines it (or the built-in one); None when unknown."""
    builtin = builtin_rule(code)
    if builtin is not None:
        return builtin
    if profile is not None:
        try:
            return profile.rule(code)
        except KeyError:
            return None
    return None


#: Rules that are not in a rule pack (so have no generated page) are documented with their command:
#: ARC-nnn by `docgen package verify`, TRK-nnn by `docgen check --register`.
ENGINE_RULE_DOCS = {"ARC-": "docs/archive.md#what-verify-checks", "TRK-": "docs/tracking.md#checker-integration"}


def help_uri(code: str) -> str:
    for prefix, page in ENGINE_RULE_DOCS.items():
        if code.startswith(prefix):
            return page
    return f"{DOCS_DIR}/{code}.md"
