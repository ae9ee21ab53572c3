"""The conformance suite (samples/conformance/, generator docgen/check/conformance/):

(i)   every committed document's findings equal its hand-written expected file exactly;
(ii)  regenerating the suite gives byte-identical documents and expected files, and no stale file
      is left — the committed set cannot drift from the generator silently;
(iii) coverage: every rule of the four shipped packs has a failing and a passing document, except
      the ones the README lists as not yet covered (and the README is up to date);
(iv)  the PDF conversions (LibreOffice) of an evaluation and an acceptance report pass their pack.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from docgen.check.conformance import readme, suite
from docgen.check.conformance.defects import EP, FC

CASES = suite.cases()
DOCS = suite.documents()


@pytest.fixture(scope="module")
def outcomes():
    return suite.run()


def test_catalogue_names_are_unique_and_committed():
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
    committed = {p.stem for p in DOCS}
    assert committed == set(names), (sorted(committed - set(names)), sorted(set(names) - committed))
    expected = {p.name.removesuffix(".expected.yaml") for p in suite.SUITE_DIR.glob("*.expected.yaml")}
    assert expected == set(names)


@pytest.mark.parametrize("path", DOCS, ids=[p.stem for p in DOCS])
def test_findings_equal_expected(path):
    o = suite.run_one(path)
    assert o.ok, f"{o.name}: missing {o.missing}, unexpected {o.unexpected}"


def test_good_documents_have_no_errors_or_warnings_in_every_variant():
    goods = [c for c in CASES if c.defect is None]
    assert {c.variant for c in goods} == set(suite.VARIANTS)
    for c in goods:
        result = suite.check_file(suite.SUITE_DIR / f"{c.name}.docx", c.profile)
        assert [f.rule for f in result.findings if f.severity != "info"] == [], c.name


def test_comparison_catches_a_deviation():
    # the comparison itself must be able to fail: an extra, a missing and a duplicated finding
    exp = [{"rule": "NUM-012", "target_id": "T-13", "status": "fail", "severity": "error"}] * 2
    assert suite.deviations(exp, [("NUM-012", "T-13", "fail", "error")] * 2) == ([], [])
    assert suite.deviations(exp, [("NUM-012", "T-13", "fail", "error")]) == ([("NUM-012", "T-13", "fail", "error")], [])
    extra = ("TPL-001", "DOC", "fail", "error")
    assert suite.deviations([], [extra]) == ([], [extra])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rebuild_is_byte_identical(case):
    docx = suite.SUITE_DIR / f"{case.name}.docx"
    assert hashlib.sha256(suite.build_case(case)).hexdigest() == hashlib.sha256(docx.read_bytes()).hexdigest(), (
        f"{case.name}: rebuild differs — run `python -m docgen.check.conformance build` and review the change")
    assert (suite.SUITE_DIR / f"{case.name}.expected.yaml").read_text(encoding="utf-8") == suite.expected_text(case)


def test_expected_files_carry_the_contract_fields():
    for path in suite.SUITE_DIR.glob("*.expected.yaml"):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(spec) >= {"profile", "base_sample", "variant", "defect", "expected", "note"}, path.name
        assert spec["profile"] in suite.PACKS and spec["note"]
        for e in spec["expected"]:
            assert set(e) == {"rule", "target_id", "status", "severity"}
            assert e["status"] in ("fail", "not_evaluable") and e["severity"] in ("error", "warning", "info")


def _uncovered_in_readme() -> set[tuple[str, str]]:
    text = (suite.SUITE_DIR / "README.md").read_text(encoding="utf-8")
    section = text.split("## 尚未覆盖（not yet covered）", 1)[1].split("\n## ", 1)[0]
    out = set()
    for line in section.splitlines():
        if line.startswith("- `"):
            pack, rest = line[3:].split("`", 1)
            out.add((pack, rest.split("：")[0].strip()))
    return out


def test_coverage_of_every_pack(outcomes):
    table = suite.coverage(outcomes)
    uncovered = _uncovered_in_readme()
    for pack in suite.PACKS:
        for code, docs in table[pack].items():
            if (pack, code) in uncovered:
                continue
            assert docs["fail"] and docs["pass"], (pack, code, docs)
    # no rule is listed as uncovered that is in fact covered, and the README is current
    assert (suite.SUITE_DIR / "README.md").read_text(encoding="utf-8") == readme.render(table)


def test_pack_examples_name_committed_documents():
    """The ``examples`` of every rule name conformance documents that exist, and the failing (passing)
    examples are documents that fail (pass) that rule."""
    from docgen.check.profile import load_profile

    expected = {p.name.removesuffix(".expected.yaml"): yaml.safe_load(p.read_text(encoding="utf-8"))
                for p in suite.SUITE_DIR.glob("*.expected.yaml")}
    uncovered = _uncovered_in_readme()  # their examples name documents still to be built
    problems = []
    for pack in suite.PACKS:
        for rule in load_profile(pack).rules:
            for which in ("fail", "pass"):
                for ref in rule.examples.get(which, []):
                    name = ref.removeprefix("conformance/")
                    if name not in expected:
                        if (pack, rule.code) not in uncovered:
                            problems.append((pack, rule.code, which, name, "missing"))
                        continue
                    fails = any(e["rule"] == rule.code and e["status"] == "fail" and e["severity"] in suite.REPORTED
                                for e in expected[name]["expected"])
                    if fails != (which == "fail"):
                        problems.append((pack, rule.code, which, name, "wrong"))
    assert problems == []


# ─── (iv) PDF variants ────────────────────────────────────────────────────────────────────────────



PDF_CASES = [(FC, "audit-report", "shanghai-evaluation"), (EP, "acceptance-report", "national-2018-acceptance")]


@pytest.mark.parametrize("sample, kind, profile", PDF_CASES, ids=[f"{s}-{k}" for s, k, _ in PDF_CASES])
def test_pdf_variant_passes_its_pack(pdf_toolchain, request, sample, kind, profile):
    """The ``pdf`` variant: the report rendered and converted by LibreOffice (docgen.render.pipeline),
    cached per rendered DOCX under the pytest cache (PDFs are large and not committed)."""
    from docgen.load import load_audit
    from docgen.render.pipeline import RenderOptions, render_report

    audit = load_audit(suite.SAMPLES / f"{sample}.yaml").audit
    digest = hashlib.sha256(suite.rendered(sample, "evaluation" if kind == "audit-report" else "acceptance")).hexdigest()[:16]
    cache = Path(request.config.cache.mkdir("conformance-pdf")) / f"{sample}-{kind}-{digest}"
    pdfs = sorted(cache.glob("*.pdf")) if cache.exists() else []
    if not pdfs:
        out = render_report(audit, kind, cache, RenderOptions(pdf=True))
        pdfs = [out.pdf]
    result = suite.check_file(pdfs[0], profile)
    bad = [(f.rule, f.target_id, f.severity, f.message) for f in result.findings if f.severity != "info"]
    assert bad == [], bad
    assert result.verdict == "pass"
