"""The DOCX reader: a submitted report → ``docgen.read.model.Document``, as a human sees it.

``read_docx(path, sha256=…)`` reads with raw ``zipfile`` + ``lxml`` behind the limits of
``docgen.read.limits`` (checker.md §0, §2.5: python-docx misses text boxes, content controls,
tracked insertions, ``fldSimple`` results and nested tables, returns merged cells twice, and no
library renders Chinese auto-numbering). Errors are NOT caught here: ``LimitExceeded``,
``xmlsafe.UnsafeXml``, ``zipfile.BadZipFile`` and ``KeyError`` (the main document part is missing)
propagate so the ingestion layer can turn them into a ``NotEvaluable`` with its code.

Modules: ``package`` (guarded OPC access, relationships), ``ns`` (tags), ``styles`` (basedOn
chains), ``numbering`` (labels from numbering.xml), ``text`` (final-view paragraph text),
``fields`` (complex/simple field results), ``images``, ``pages`` (page estimate), ``tables``
(grids, merges, nested tables), ``table_headers`` (header rows and paths), ``walker`` (the one
ordered pass), ``toc``, ``headings`` (the signal cascade), ``captions``, ``notes`` (headers,
footers, footnotes, comments), ``properties``, ``build`` (records → Document).
"""

from __future__ import annotations

from pathlib import Path

from docgen.gcpause import gc_paused
from docgen.read.docx.build import assemble
from docgen.read.docx.notes import read_stories
from docgen.read.docx.ns import BODY
from docgen.read.docx.numbering import Numbering
from docgen.read.docx.package import open_package
from docgen.read.docx.properties import read_properties
from docgen.read.docx.styles import Styles
from docgen.read.docx.text import ParagraphReader
from docgen.read.docx.walker import BodyWalker
from docgen.read.limits import DEFAULT_LIMITS, Limits
from docgen.read.model import Document

__all__ = ["read_docx"]


def read_docx(path: Path, *, sha256: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read one DOCX into the document model (see the module docstring for what raises)."""
    with gc_paused():
        return _read(Path(path), sha256, limits)


def _read(path: Path, sha256: str, limits: Limits) -> Document:
    pkg = open_package(path, limits)
    try:
        root = pkg.xml(pkg.main)
        body = root.find(BODY)
        if body is None:
            raise KeyError(f"{pkg.main}: no w:body")
        styles = Styles(pkg.xml_optional(pkg.first_of("styles")))
        numbering = Numbering(pkg.xml_optional(pkg.first_of("numbering")), styles.numbering_styles)
        reader = ParagraphReader(styles, numbering, pkg.rels)
        walker = BodyWalker(reader, body)
        walker.walk(body)
        stories = read_stories(pkg, styles, walker.pages.sections)
        properties = read_properties(pkg)
        revisions = reader.revisions + walker.table_revisions + stories.revisions
        hidden = reader.hidden_any or stories.hidden
        return assemble(str(path), sha256, walker, revisions, hidden, styles.para(None).size_half_pt, stories,
                        properties)
    finally:
        pkg.zf.close()
