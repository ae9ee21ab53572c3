"""The catalogue of conformance documents, and build / run / coverage over samples/conformance/.

A case = base sample report (rendered by the engine) + one variant (restyling) + at most one
defect, checked against one profile. ``build`` writes ``<name>.docx`` and ``<name>.expected.yaml``
(the expectation comes from the defect's hand-written list, never from the checker's output);
``run`` re-checks every committed document and reports each deviation; ``coverage`` says, for every
rule of every shipped pack, which documents fail and which pass it.

Comparison: the findings with severity error or warning (status fail or not_evaluable) as a multiset
of (rule, target_id, status, severity) must equal the expected list; info findings are ignored
unless the expected list names their rule.
"""

from __future__ import annotations

import collections
import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from docgen.check.conformance.defects import DEFECTS, EP, FC, PP, Defect, Expect
from docgen.check.conformance.package import Package
from docgen.check.conformance.variants import VARIANTS

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "samples"
SUITE_DIR = SAMPLES / "conformance"
PACKS = ("national-2018-evaluation", "national-2018-acceptance", "shanghai-evaluation", "shanghai-acceptance")
REPORTED = ("error", "warning")


@dataclass(frozen=True)
class Case:
    name: str
    sample: str
    kind: str
    profile: str
    variant: str
    defect: Defect | None
    note: str

    @property
    def expected(self) -> tuple[Expect, ...]:
        return self.defect.expected if self.defect else ()

    def expected_yaml(self) -> dict:
        return {
            "profile": self.profile,
            "base_sample": f"samples/{self.sample}.yaml",
            "kind": self.kind,
            "variant": self.variant,
            "defect": self.defect.name if self.defect else None,
            "expected": [{"rule": e.rule, "target_id": e.target_id, "status": e.status, "severity": e.severity}
                         for e in self.expected],
            "note": self.note,
        }


def _profile_for(sample: str, kind: str) -> str:
    # the Shanghai samples are checked with the Shanghai packs (which extend the national ones)
    return f"shanghai-{kind}" if sample in (FC, PP) else f"national-2018-{kind}"


GOOD = [
    # name, sample, kind, variant
    ("good-heading-styles", FC, "evaluation", "heading-styles"),
    ("good-rendered-evaluation", EP, "evaluation", "heading-styles"),
    ("good-bold-headings", PP, "evaluation", "bold-headings"),
    ("good-outline-levels", EP, "evaluation", "outline-levels"),
    ("good-auto-numbering", FC, "evaluation", "auto-numbering"),
    ("good-naming-family", PP, "evaluation", "naming-family"),
    ("good-extra-chapter", EP, "evaluation", "extra-chapter"),
    ("good-traditional", FC, "evaluation", "traditional"),
    ("good-rendered-acceptance", FC, "acceptance", "heading-styles"),
    ("good-acceptance", EP, "acceptance", "heading-styles"),
    ("good-acceptance-bold-headings", PP, "acceptance", "bold-headings"),
    ("good-acceptance-traditional", EP, "acceptance", "traditional"),
]

# defects shown on a restyled report (default: as rendered); the table deletions go round the variants
_ROTATION = ["bold-headings", "outline-levels", "auto-numbering", "naming-family", "extra-chapter", "traditional",
             "heading-styles"]
_VARIANT_OF = {"missing-s3": "heading-styles", "chapters-out-of-order": "bold-headings",
               "acceptance-missing-ac4": "outline-levels", "cover-name-xxx": "traditional",
               "num-012-balance-total-changed": "auto-numbering", "num-016-count-sentence-changed": "naming-family",
               "num-015-npv-changed": "extra-chapter", "report-date-before-start": "bold-headings"}
# the same defect once more on another restyling
EXTRA = [("missing-s3-bold-headings", "missing-s3", "bold-headings"),
         ("missing-s3-naming-family", "missing-s3", "naming-family")]


def cases() -> list[Case]:
    out = [Case(n, s, k, _profile_for(s, k), v, None,
                f"样例 {s} 的{'评估' if k == 'evaluation' else '验收'}报告，排版方式 {v}；无缺陷，须零错误零警告。")
           for n, s, k, v in GOOD]
    by_name = {d.name: d for d in DEFECTS}
    rot = 0
    for d in DEFECTS:
        if d.name.startswith(("missing-t", "acceptance-missing-a")) and d.name != "acceptance-missing-ac4":
            variant = _ROTATION[rot % len(_ROTATION)]
            rot += 1
        else:
            variant = _VARIANT_OF.get(d.name, "heading-styles")
        out.append(Case(d.name, d.sample, d.kind, _profile_for(d.sample, d.kind), variant, d, d.note))
    for name, dname, variant in EXTRA:
        d = by_name[dname]
        out.append(Case(name, d.sample, d.kind, _profile_for(d.sample, d.kind), variant, d, d.note))
    return out


# --- build --------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def rendered(sample: str, kind: str) -> bytes:
    from docgen.load import load_audit
    from docgen.render.docx import render_report_docx

    return render_report_docx(load_audit(SAMPLES / f"{sample}.yaml").audit, kind).data


def build_case(case: Case) -> bytes:
    pkg = Package(rendered(case.sample, case.kind))
    if case.defect:
        case.defect.edit(pkg)
    VARIANTS[case.variant](pkg)
    return pkg.to_bytes()


def expected_text(case: Case) -> str:
    return yaml.safe_dump(case.expected_yaml(), allow_unicode=True, sort_keys=False, width=100)


def build(out_dir: Path = SUITE_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for case in cases():
        (out_dir / f"{case.name}.docx").write_bytes(build_case(case))
        (out_dir / f"{case.name}.expected.yaml").write_text(expected_text(case), encoding="utf-8")
        written.append(out_dir / f"{case.name}.docx")
    return written


# --- run ----------------------------------------------------------------------------------------

Key = tuple[str, str, str, str]


def load_expected(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def check_file(path: Path, profile_id: str):
    from docgen.check.engine import check_document
    from docgen.read import read_document

    return check_document(read_document(path), _profile(profile_id))


@functools.lru_cache(maxsize=None)
def _profile(profile_id: str):
    from docgen.check.profile import load_profile

    return load_profile(profile_id)


def observed(result, expected: list[dict]) -> list[Key]:
    named = {e["rule"] for e in expected}
    return sorted((f.rule, f.target_id, f.status, f.severity) for f in result.findings
                  if f.severity in REPORTED or f.rule in named)


def deviations(expected: list[dict], got: list[Key]) -> tuple[list[Key], list[Key]]:
    """(missing: expected but not found, unexpected: found but not expected), as multisets."""
    want = collections.Counter((e["rule"], e["target_id"], e["status"], e["severity"]) for e in expected)
    have = collections.Counter(got)
    return sorted((want - have).elements()), sorted((have - want).elements())


@dataclass
class Outcome:
    name: str
    profile: str
    expected: list[dict]
    got: list[Key]
    missing: list[Key]
    unexpected: list[Key]

    @property
    def ok(self) -> bool:
        return not self.missing and not self.unexpected


def run_one(docx: Path, expected_path: Path | None = None) -> Outcome:
    expected_path = expected_path or docx.with_name(docx.name.removesuffix(docx.suffix) + ".expected.yaml")
    spec = load_expected(expected_path)
    result = check_file(docx, spec["profile"])
    got = observed(result, spec["expected"])
    missing, unexpected = deviations(spec["expected"], got)
    return Outcome(docx.stem, spec["profile"], spec["expected"], got, missing, unexpected)


def documents(suite_dir: Path = SUITE_DIR) -> list[Path]:
    return sorted(suite_dir.glob("*.docx"))


def run(suite_dir: Path = SUITE_DIR) -> list[Outcome]:
    return [run_one(p) for p in documents(suite_dir)]


# --- coverage -----------------------------------------------------------------------------------

def coverage(outcomes: list[Outcome]) -> dict[str, dict[str, dict[str, list[str]]]]:
    """pack → rule code → {"fail": [documents], "pass": [documents]}.

    A document counts for a pack's rule when the document's profile runs the very same rule entry
    (a Shanghai document counts for the national rules it inherits unchanged, not for FLD-003 that
    the Shanghai pack overrides). It fails the rule when its expected findings name the rule with
    status fail and severity error or warning (a not_evaluable finding is not a failing example), and
    passes it when no such finding is expected (and, the run being
    green, none was found)."""
    table: dict[str, dict[str, dict[str, list[str]]]] = {}
    for pack in PACKS:
        prof = _profile(pack)
        rules = table.setdefault(pack, {r.code: {"fail": [], "pass": []} for r in prof.rules})
        for o in outcomes:
            doc_prof = _profile(o.profile)
            if doc_prof.kind != prof.kind:
                continue  # an acceptance report says nothing about an evaluation rule (same code, same params)
            for r in prof.rules:
                try:
                    mine = doc_prof.rule(r.code)
                except KeyError:
                    continue
                if mine != r:
                    continue
                failing = any(e["rule"] == r.code and e["status"] == "fail" and e["severity"] in REPORTED
                              for e in o.expected)
                rules[r.code]["fail" if failing else "pass"].append(o.name)
    return table


def coverage_summary(table) -> dict[str, tuple[int, int]]:
    return {pack: (sum(1 for v in rules.values() if v["fail"] and v["pass"]), len(rules))
            for pack, rules in table.items()}
