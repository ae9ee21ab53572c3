"""Rule packs as data: profiles in ``checks/*.yaml``, extended by other profiles, overlaid by policy.

A profile (Arelle's "disclosure system", veraPDF's profile — checker.md §1.2) has an id, a title, a
version, an effective date, its source (the regulation and clause) and the rules it enables. Each
rule is an instance of one of a few rule *kinds* implemented in code (docgen.check.kinds), with a
stable code, Chinese and English titles, a rationale, the review point it enforces, a category, a
default severity and the kind's parameters. ``extends`` takes a parent profile's rules (a child
may override a rule by code or disable it). A bureau's policy file (YAML) changes severities,
parameters (thresholds, deadlines) or disables rules without touching the standard pack.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from docgen.resources import checks_dir

SEVERITIES = ("error", "warning", "info")


class ProfileError(ValueError):
    """A rule pack or policy file is wrong; the message says which file and which rule."""


@dataclass(frozen=True)
class Rule:
    code: str
    kind: str
    title_zh: str
    title_en: str
    category: str
    severity: str
    review_point: str
    rationale: str = ""
    target_id: str = "DOC"
    target: str = ""
    params: dict = field(default_factory=dict)
    when: str | None = None          # a named condition (docgen.check.conditions) or None
    examples: dict = field(default_factory=dict)  # {"fail": [...], "pass": [...]} conformance documents


@dataclass(frozen=True)
class Profile:
    id: str
    title: str
    version: str
    kind: str                        # evaluation | acceptance | industry | park
    effective: dt.date | None
    source: str
    rules: tuple[Rule, ...]
    extends: str | None = None
    policy: str | None = None        # the policy file applied, if any

    def rule(self, code: str) -> Rule:
        for r in self.rules:
            if r.code == code:
                return r
        raise KeyError(code)


_REQUIRED_RULE_KEYS = ("code", "kind", "title_zh", "title_en", "category", "severity", "review_point")


def _rule(raw: dict, where: str) -> Rule:
    missing = [k for k in _REQUIRED_RULE_KEYS if k not in raw]
    if missing:
        raise ProfileError(f"{where}: 规则 {raw.get('code', '?')} 缺少字段 {'、'.join(missing)}")
    if raw["severity"] not in SEVERITIES:
        raise ProfileError(f"{where}: 规则 {raw['code']} 的严重程度「{raw['severity']}」无效（error/warning/info）")
    known = set(_REQUIRED_RULE_KEYS) | {"rationale", "target_id", "target", "params", "when", "examples"}
    extra = set(raw) - known
    if extra:
        raise ProfileError(f"{where}: 规则 {raw['code']} 有未知字段 {'、'.join(sorted(extra))}")
    return Rule(
        code=str(raw["code"]), kind=str(raw["kind"]), title_zh=str(raw["title_zh"]), title_en=str(raw["title_en"]),
        category=str(raw["category"]), severity=str(raw["severity"]), review_point=str(raw["review_point"]),
        rationale=str(raw.get("rationale", "")), target_id=str(raw.get("target_id", "DOC")),
        target=str(raw.get("target", "")), params=dict(raw.get("params") or {}), when=raw.get("when"),
        examples=dict(raw.get("examples") or {}),
    )


def _read_yaml(path: Path | object, what: str) -> dict:
    try:
        text = path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"无法读取{what}「{path}」：{exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ProfileError(f"{what}「{path}」不是有效的 YAML：{exc}") from None
    if not isinstance(data, dict):
        raise ProfileError(f"{what}「{path}」顶层应为键值对")
    return data


def available_profiles() -> list[str]:
    return sorted(p.name[:-5] for p in checks_dir().iterdir() if p.name.endswith(".yaml"))


def _merge(parent: list[Rule], child: dict, where: str) -> list[Rule]:
    rules = {r.code: r for r in parent}
    order = [r.code for r in parent]
    for code in child.get("disable", []) or []:
        if code not in rules:
            raise ProfileError(f"{where}: disable 中的规则 {code} 不存在")
        del rules[code]
        order.remove(code)
    for raw in child.get("rules", []) or []:
        rule = _rule(raw, where)
        if rule.code not in rules:
            order.append(rule.code)
        rules[rule.code] = rule
    return [rules[c] for c in order]


def load_profile(profile_id: str, _seen: tuple[str, ...] = ()) -> Profile:
    """Load ``checks/<id>.yaml`` with its ``extends`` chain."""
    if profile_id in _seen:
        raise ProfileError(f"规则包继承出现循环：{' → '.join(_seen + (profile_id,))}")
    path = checks_dir().joinpath(f"{profile_id}.yaml")
    if not path.is_file():
        raise ProfileError(f"没有名为「{profile_id}」的规则包，可用：{'、'.join(available_profiles())}")
    raw = _read_yaml(path, "规则包")
    where = f"checks/{profile_id}.yaml"
    for key in ("id", "title", "version", "kind", "source"):
        if key not in raw:
            raise ProfileError(f"{where}: 缺少 {key}")
    if raw["id"] != profile_id:
        raise ProfileError(f"{where}: id「{raw['id']}」与文件名不一致")
    parent_rules: list[Rule] = []
    if raw.get("extends"):
        parent_rules = list(load_profile(raw["extends"], _seen + (profile_id,)).rules)
    rules = _merge(parent_rules, raw, where)
    codes = [r.code for r in rules]
    if len(codes) != len(set(codes)):
        raise ProfileError(f"{where}: 规则编号重复")
    effective = raw.get("effective")
    return Profile(id=raw["id"], title=raw["title"], version=str(raw["version"]), kind=raw["kind"],
                   effective=effective if isinstance(effective, dt.date) else None, source=raw["source"],
                   rules=tuple(rules), extends=raw.get("extends"))


def apply_policy(profile: Profile, policy_path: Path) -> Profile:
    """A bureau's local layer: ``overrides: {CODE: {severity: …, params: {…}}}``, ``disable: [CODE]``.

    Params are merged one level deep (a policy may change one threshold of a rule and keep the rest).
    """
    raw = _read_yaml(Path(policy_path), "本地规则文件")
    where = str(policy_path)
    rules = {r.code: r for r in profile.rules}
    order = [r.code for r in profile.rules]
    for code in raw.get("disable", []) or []:
        if code not in rules:
            raise ProfileError(f"{where}: disable 中的规则 {code} 不在规则包「{profile.id}」中")
        del rules[code]
        order.remove(code)
    for code, change in (raw.get("overrides") or {}).items():
        if code not in rules:
            raise ProfileError(f"{where}: overrides 中的规则 {code} 不在规则包「{profile.id}」中")
        unknown = set(change) - {"severity", "params"}
        if unknown:
            raise ProfileError(f"{where}: 规则 {code} 只能覆盖 severity 和 params，不能覆盖 {'、'.join(sorted(unknown))}")
        rule = rules[code]
        severity = change.get("severity", rule.severity)
        if severity not in SEVERITIES:
            raise ProfileError(f"{where}: 规则 {code} 的严重程度「{severity}」无效")
        params = copy.deepcopy(rule.params)
        params.update(change.get("params") or {})
        rules[code] = Rule(**{**rule.__dict__, "severity": severity, "params": params})
    return Profile(**{**profile.__dict__, "rules": tuple(rules[c] for c in order), "policy": where})
