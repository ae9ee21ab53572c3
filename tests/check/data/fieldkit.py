"""Test kit for the field / placeholder / seal / date rules: the national rule entries of
``national-rules-fields.yaml`` as a profile, and XML surgery on rendered reports (text of a
paragraph or cell, table rows, the running header, a picture on the cover)."""

from __future__ import annotations

import dataclasses
import io
import struct
import zipfile
import zlib
from pathlib import Path

import yaml
from lxml import etree

from docgen.check.engine import check_document
from docgen.check.profile import Profile, Rule, _rule, load_profile
from docgen.read import read_document
from tests.check.conftest import W, paragraph_text

RULES_FILE = Path(__file__).with_name("national-rules-fields.yaml")
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def national_rules() -> dict[str, Rule]:
    raw = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    return {r["code"]: _rule(r, str(RULES_FILE)) for r in raw["rules"]}


def with_params(rule: Rule, **params) -> Rule:
    return dataclasses.replace(rule, params={**rule.params, **params})


def profile_of(*rules: Rule, kind: str = "evaluation") -> Profile:
    return Profile(id="test-fields", title="测试", version="0", kind=kind, effective=None, source="tests",
                   rules=tuple(rules))


def check(path: Path, *codes: str, audit=None, **params):
    """Run national rule entries (by code) on a document; ``params`` override the params of a
    single selected rule."""
    rules = national_rules()
    chosen = [rules[c] for c in codes]
    if params:
        assert len(chosen) == 1
        chosen = [with_params(chosen[0], **params)]
    return check_document(read_document(path), profile_of(*chosen), audit=audit)


def check_pack(path: Path, pack: str, *codes: str, audit=None):
    """Run only the given rules of a shipped pack (with its extends chain)."""
    prof = load_profile(pack)
    only = dataclasses.replace(prof, rules=tuple(prof.rule(c) for c in codes))
    return check_document(read_document(path), only, audit=audit)


# --- package surgery ------------------------------------------------------------------------------


def edit_package(source: Path, target: Path, edits: dict, add: dict[str, bytes] | None = None) -> Path:
    """Copy a DOCX; ``edits`` maps a part name to ``fn(root)`` changing its XML; ``add`` new parts."""
    with zipfile.ZipFile(source) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    for name, fn in edits.items():
        root = etree.fromstring(parts[name])
        fn(root)
        parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts.update(add or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    return target


def edit(source: Path, target: Path, *fns) -> Path:
    """Apply several edits to word/document.xml."""
    return edit_package(source, target, {"word/document.xml": lambda root: [fn(root) for fn in fns]})


def _set_p_text(p, text: str) -> None:
    runs = [r for r in p if r.tag in (f"{W}r", f"{W}hyperlink", f"{W}ins")]
    for r in runs:
        p.remove(r)
    if text:
        r = etree.SubElement(p, f"{W}r")
        t = etree.SubElement(r, f"{W}t")
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def set_paragraph(old: str, new: str, *, contains: bool = False, count: int = 1):
    """The paragraph(s) whose text is ``old`` (or contains it) get the text ``new`` (with
    ``contains``, ``old`` is replaced inside the paragraph text)."""
    def fn(root):
        done = 0
        for p in root.iter(f"{W}p"):
            text = paragraph_text(p)
            if (contains and old in text) or text == old:
                _set_p_text(p, text.replace(old, new) if contains else new)
                done += 1
                if done == count:
                    return
        raise AssertionError(f"paragraph {old!r} found {done} times, expected {count}")
    return fn


def _row_cells(tr):
    return tr.findall(f"{W}tc")


def _first_text(tr) -> str:
    cells = _row_cells(tr)
    return paragraph_text(cells[0]) if cells else ""


def set_cell(first: str, col: int, new: str, *, expect: str | None = None, nth: int = 0):
    """In the ``nth`` table row whose first cell reads ``first``, set cell ``col`` to ``new``;
    ``expect`` asserts the cell's old text (so the edit cannot silently hit another table)."""
    def fn(root):
        rows = [tr for tr in root.iter(f"{W}tr") if _first_text(tr) == first]
        assert len(rows) > nth, f"row {first!r} not found"
        tc = _row_cells(rows[nth])[col]
        if expect is not None:
            assert paragraph_text(tc) == expect, paragraph_text(tc)
        ps = tc.findall(f"{W}p")
        _set_p_text(ps[0], new)
        for p in ps[1:]:
            tc.remove(p)
    return fn


def remove_row(first: str):
    def fn(root):
        rows = [tr for tr in root.iter(f"{W}tr") if _first_text(tr) == first]
        assert rows, f"row {first!r} not found"
        for tr in rows:
            tr.getparent().remove(tr)
    return fn


def remove_table_containing(text: str):
    def fn(root):
        for tbl in root.iter(f"{W}tbl"):
            if text in "".join(t.text or "" for t in tbl.iter(f"{W}t")):
                tbl.getparent().remove(tbl)
                return
        raise AssertionError(f"no table with {text!r}")
    return fn


def set_header(old: str, new: str):
    def fn(root):
        for t in root.iter(f"{W}t"):
            if t.text and old in t.text:
                t.text = t.text.replace(old, new)
                return
        raise AssertionError(f"header text {old!r} not found")
    return fn


# --- a picture on the cover ------------------------------------------------------------------------

def png(width: int = 8, height: int = 8) -> bytes:
    """A small red PNG (no Pillow needed)."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _drawing(rid: str, mm: float, name: str) -> etree._Element:
    emu = int(mm * 36000)
    xml = (f'<w:r xmlns:w="{W[1:-1]}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
           f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
           f'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:r="{R_NS}">'
           f'<w:drawing><wp:inline><wp:extent cx="{emu}" cy="{emu}"/><wp:docPr id="901" name="{name}" descr="{name}"/>'
           f'<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
           f'<pic:blipFill><a:blip r:embed="{rid}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic>'
           f'</wp:inline></w:drawing></w:r>')
    return etree.fromstring(xml)


def add_cover_image(source: Path, target: Path, *, after: str, mm: float = 40.0, name: str = "企业公章",
                    extra_edits=()) -> Path:
    """Apply ``extra_edits``, then put a ``mm``×``mm`` picture into the paragraph whose text is
    ``after`` (a cover paragraph)."""
    rid = "rIdSealTest"

    def doc(root):
        for fn in extra_edits:
            fn(root)
        for p in root.iter(f"{W}p"):
            if paragraph_text(p) == after:
                p.append(_drawing(rid, mm, name))
                break
        else:
            raise AssertionError(f"paragraph {after!r} not found")

    def rels(root):
        rel = etree.SubElement(root, "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship")
        rel.set("Id", rid)
        rel.set("Type", f"{R_NS}/image")
        rel.set("Target", "media/seal-test.png")

    def types(root):
        ns = "http://schemas.openxmlformats.org/package/2006/content-types"
        if not any(d.get("Extension") == "png" for d in root.findall(f"{{{ns}}}Default")):
            d = etree.SubElement(root, f"{{{ns}}}Default")
            d.set("Extension", "png")
            d.set("ContentType", "image/png")

    return edit_package(source, target, {"word/document.xml": doc, "word/_rels/document.xml.rels": rels,
                                         "[Content_Types].xml": types}, add={"word/media/seal-test.png": png()})
