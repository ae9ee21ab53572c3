"""Write and normalise DOCX packages so that the same input gives byte-identical files.

A DOCX is a ZIP; Word and python-docx stamp the current time on every entry and into
``docProps/core.xml``, so two renders of the same data differ and an archive cannot be re-verified by
checksum. Here every entry gets the same fixed timestamp (1980-01-01, the ZIP epoch), the entry
order is kept, compression is always DEFLATE, and the core properties carry a date taken from the
data (the report date), never the clock.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

FIXED_TIME = (1980, 1, 1, 0, 0, 0)

CONTENT_TYPES = "[Content_Types].xml"


def write_zip(parts: Iterable[tuple[str, bytes]]) -> bytes:
    """A ZIP of ``parts`` in the given order with fixed timestamps and permissions."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            zf.writestr(info, data, compresslevel=6)
    return buffer.getvalue()


def core_properties_xml(title: str, creator: str, iso_datetime: str, subject: str = "", keywords: str = "") -> str:
    from docgen.render.ooxml import esc

    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{esc(title)}</dc:title><dc:subject>{esc(subject)}</dc:subject>"
        f"<dc:creator>{esc(creator)}</dc:creator><cp:keywords>{esc(keywords)}</cp:keywords>"
        f"<cp:lastModifiedBy>{esc(creator)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{iso_datetime}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{iso_datetime}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def normalise_docx(data: bytes, core_xml: str | None = None, replace: dict[str, bytes] | None = None) -> bytes:
    """Re-pack a DOCX deterministically, optionally replacing parts (core properties, document)."""
    replace = dict(replace or {})
    if core_xml is not None:
        replace["docProps/core.xml"] = core_xml.encode("utf-8")
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        parts = [(n, replace.pop(n) if n in replace else zf.read(n)) for n in names]
    parts.extend(replace.items())
    return write_zip(parts)


