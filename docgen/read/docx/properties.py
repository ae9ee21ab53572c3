"""Document properties from docProps/core.xml and docProps/app.xml (and custom.xml).

Why: the checker compares them with the body — a report whose ``creator``/``Company`` is another
consultancy or whose ``title`` names another enterprise is a recycled template — and Word's own
page count (``Pages`` in app.xml, from its last layout) is a second opinion on our page estimate.
Keys are the element local names as Word writes them (title, creator, lastModifiedBy, created,
modified, Pages, Company …); custom properties are prefixed ``custom:``.
"""

from __future__ import annotations

from docgen.read.docx.ns import CUSTOM_NS
from docgen.read.docx.package import Package

CUSTOM_PROPERTY = "{%s}property" % CUSTOM_NS


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def read_properties(pkg: Package) -> dict[str, str]:
    props: dict[str, str] = {}
    core = pkg.xml_optional(pkg.first_of_root("core-properties") or "docProps/core.xml")
    app = pkg.xml_optional(pkg.first_of_root("extended-properties") or "docProps/app.xml")
    for root in (core, app):
        if root is None:
            continue
        for el in root:
            if len(el):  # structured values (HeadingPairs, TitlesOfParts) are not properties a reader reads
                continue
            text = (el.text or "").strip()
            if text:
                props[_local(el.tag)] = text
    custom = pkg.xml_optional(pkg.first_of_root("custom-properties") or "docProps/custom.xml")
    if custom is not None:
        for prop in custom.iter(CUSTOM_PROPERTY):
            value = "".join(t.strip() for t in prop.itertext())
            if prop.get("name") and value:
                props[f"custom:{prop.get('name')}"] = value
    return props
