"""Pictures: DrawingML (``w:drawing``) and legacy VML (``w:pict``, ``w:object``), with a position hint.

Why both: Word 2007+ writes ``wp:inline``/``wp:anchor`` with ``wp:extent`` in EMU (36 000 EMU =
1 mm); documents that went through older Word, WPS or converters keep VML shapes whose size is a
CSS ``style`` (pt, in, cm …) and whose picture is ``v:imagedata``. An OLE object (an Excel table
pasted as an object) shows its preview through the same ``v:imagedata`` — checker.md §2.3 wants
"table X is an image or OLE object" reported, so the ProgID goes into the name.

The hint (cover / signature / body) is evidence for the seal and signature checks: a seal image is
expected on the cover or near 盖章/签字 at the end of a section.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from docgen.read.docx.ns import A_NS, O_NS, R_EMBED, R_ID, R_LINK, V_NS, WP_NS

EXTENT = "{%s}extent" % WP_NS
DOC_PR = "{%s}docPr" % WP_NS
BLIP = "{%s}blip" % A_NS
V_IMAGEDATA = "{%s}imagedata" % V_NS
V_SHAPE = "{%s}shape" % V_NS
V_RECT = "{%s}rect" % V_NS
O_TITLE = "{%s}title" % O_NS
O_OLE = "{%s}OLEObject" % O_NS
EMU_PER_MM = 36_000

_CSS = re.compile(r"(width|height)\s*:\s*([\d.]+)\s*(pt|in|cm|mm|px|)", re.IGNORECASE)
_TO_MM = {"pt": 25.4 / 72, "in": 25.4, "cm": 10.0, "mm": 1.0, "px": 25.4 / 96, "": 25.4 / 72 / 20}

SIGNATURE_WORDS = ("盖章", "签字", "签章", "公章", "签名", "印章", "（章）", "(章)")


@dataclass
class ImageInfo:
    width_mm: float | None
    height_mm: float | None
    name: str | None


def _target_name(rels, rid: str | None) -> str | None:
    rel = rels.get(rid) if rid else None
    return posixpath.basename(rel.target) if rel is not None else None


def drawing_image(drawing, rels) -> ImageInfo | None:
    """The picture of a ``w:drawing`` (one per drawing, group shapes included), or ``None`` when
    the drawing is a shape/text box/chart without a bitmap."""
    blip = next(drawing.iter(BLIP), None)
    if blip is None:
        return None
    width = height = None
    extent = next(drawing.iter(EXTENT), None)
    if extent is not None:
        try:
            width = round(int(extent.get("cx", "0")) / EMU_PER_MM, 1)
            height = round(int(extent.get("cy", "0")) / EMU_PER_MM, 1)
        except ValueError:
            pass
    name = None
    doc_pr = next(drawing.iter(DOC_PR), None)
    if doc_pr is not None:
        name = (doc_pr.get("descr") or doc_pr.get("title") or "").strip() or None
    if name is None:
        name = _target_name(rels, blip.get(R_EMBED) or blip.get(R_LINK))
    if name is None and doc_pr is not None:
        name = doc_pr.get("name")
    return ImageInfo(width, height, name)


def vml_image(pict, rels) -> ImageInfo | None:
    """The picture of a VML ``w:pict``/``w:object`` (``v:shape`` with ``v:imagedata``)."""
    data = next(pict.iter(V_IMAGEDATA), None)
    if data is None:
        return None
    shape = data.getparent()
    width = height = None
    for key, value, unit in _CSS.findall(shape.get("style", "") if shape is not None else ""):
        mm = round(float(value) * _TO_MM[unit.lower()], 1)
        if key.lower() == "width":
            width = mm
        else:
            height = mm
    name = (data.get(O_TITLE) or (shape.get("alt") if shape is not None else None) or "").strip() or None
    ole = next(pict.iter(O_OLE), None)
    if ole is not None and ole.get("ProgID"):
        name = f"OLE {ole.get('ProgID')}" + (f" {name}" if name else "")
    if name is None:
        name = _target_name(rels, data.get(R_ID) or data.get("{%s}relid" % O_NS))
    return ImageInfo(width, height, name)


def near_signature_words(texts: list[str]) -> bool:
    return any(word in text for text in texts for word in SIGNATURE_WORDS)
