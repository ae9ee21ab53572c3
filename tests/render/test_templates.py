"""The shipped templates are exactly what the builder produces (no silent hand edits), they are
valid Word packages, and a consultancy's template directory takes precedence."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from docgen.render.docx import RenderError, find_template
from docgen.render.template_build.build import TEMPLATES, build_template
from docgen.resources import templates_dir


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_committed_template_equals_builder_output(name):
    committed = templates_dir().joinpath(name).read_bytes()
    assert committed == build_template(name), f"templates/{name} is stale: run python -m docgen.render.template_build"


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_template_opens_in_python_docx_and_uses_heading_styles(name):
    document = docx.Document(io.BytesIO(build_template(name)))
    styles = {p.style.name for p in document.paragraphs}
    if "report" in name:
        assert {"heading 1", "heading 2"} <= {s.lower() for s in styles}


def test_builder_is_deterministic():
    for name in TEMPLATES:
        assert build_template(name) == build_template(name)
        with zipfile.ZipFile(io.BytesIO(build_template(name))) as zf:
            assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_template_lookup_order(tmp_path):
    assert find_template("audit-report.docx", "shanghai").name == "audit-report.docx"  # falls back to national
    custom = tmp_path / "audit-report.docx"
    custom.write_bytes(build_template("national/audit-report.docx"))
    assert find_template("audit-report.docx", "national", tmp_path) == custom
    with pytest.raises(RenderError, match="找不到模板"):
        find_template("nonexistent.docx", "national")


def test_undefined_tag_in_a_template_is_a_clear_error(tmp_path):
    import io

    from docx import Document

    from docgen.load import load_audit
    from docgen.render.docx import render_report_docx
    from tests.conftest import MINIMAL

    template = Document(io.BytesIO(build_template("national/audit-report.docx")))
    template.paragraphs[4].runs[0].text = "{{ e.nickname }}"
    template.save(tmp_path / "audit-report.docx")
    audit = load_audit(MINIMAL).audit
    with pytest.raises(RenderError, match="模板「.*audit-report.docx」引用了不存在的数据：.*nickname"):
        render_report_docx(audit, "evaluation", template_dir=tmp_path)
