"""The rule registry as reports and docs see it: every rule of every shipped profile, plus the two
rules the engine itself reports (DOC-001 unreadable file, DOC-002 pages without a text layer).

A code means the same check in every profile (ruff's stable codes); a profile may change its
severity or parameters, so :func:`registry` keeps, per code, the definition and the profiles that
enable it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docgen.check.profile import Profile, Rule, available_profiles, load_profile

#: Where a rule's documentation page lives, relative to the repository root (SARIF helpUri).
DOCS_DIR = "docs/rules"

BUILTIN_RULES: tuple[Rule, ...] = (
    Rule(code="DOC-001", kind="engine", title_zh="提交的文件可以读取", title_en="The submitted file can be read",
         category="input", severity="error", review_point="文件可读（审查前提）", target_id="DOC", target="提交的文件",
         rationale="读不出内容的文件不能算作通过：文件为空、加密、损坏、格式不支持或结构可疑（压缩炸弹等）时，"
                   "报告整体记为“无法审查”，并说明原因，由提交方换一份可读的文件。",
         examples={"fail": ["0 字节的 .docx", "加密的 DOCX", "扩展名为 .docx 的图片文件"],
                   "pass": ["docgen 生成的任一报告"]}),
    Rule(code="DOC-002", kind="engine", title_zh="PDF 每页都有可用的文字层", title_en="Every PDF page has a usable text layer",
         category="input", severity="warning", review_point="文件可读（审查前提）", target_id="DOC", target="PDF 文字层",
         rationale="扫描页或乱码页上的内容无法审查；列出这些页，避免让人误以为已经审查过（可用 --ocr 识别后复核）。",
         examples={"fail": ["含扫描页的 PDF"], "pass": ["由 Word/WPS 导出的 PDF"]}),
)


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


def help_uri(code: str) -> str:
    return f"{DOCS_DIR}/{code}.md"
