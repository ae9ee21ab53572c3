"""A purpose-built DOCX corpus: raw WordprocessingML written by the tests themselves.

Why raw XML rather than python-docx: python-docx cannot write most of what the reader must
survive (text boxes with a VML fallback, content controls, tracked changes, complex fields,
numbering definitions, TOC fields) — checker.md §2.1 measured exactly those as the places where
libraries lose text. Each test writes the few parts it needs; ``make_docx`` adds the package
scaffolding (content types, relationships) so the XML in a test is only what the test is about.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from docgen.read.docx import read_docx

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
}
XMLNS = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PNG_1PX = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")

#: Styles shared by most tests: Normal 12 pt (小四), built-in headings with outline levels, a
#: Chinese-named heading (标题 3), a WPS-style heading named "4", Caption, TOC 1/2, a hidden
#: paragraph style and a hidden character style.
STYLES = """
<w:styles {xmlns}>
  <w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="24"/></w:rPr></w:rPrDefault></w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>
    <w:rPr><w:sz w:val="24"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="a3"><w:name w:val="标题 3"/><w:basedOn w:val="Normal"/>
    <w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="4"><w:name w:val="4"/><w:basedOn w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="MyChapter"><w:name w:val="我的章标题"/><w:basedOn w:val="Heading1"/></w:style>
  <w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:jc w:val="center"/></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="TOC2"><w:name w:val="toc 2"/><w:basedOn w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Secret"><w:name w:val="Secret"/><w:basedOn w:val="Normal"/>
    <w:rPr><w:vanish/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="HiddenChar"><w:name w:val="Hidden Char"/><w:rPr><w:vanish/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
</w:styles>
""".format(xmlns=XMLNS)


def p(text: str = "", *, style: str | None = None, ppr: str = "", rpr: str = "") -> str:
    """One paragraph with one run (text XML-escaped by the caller when needed)."""
    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + ppr
    ppr_xml = f"<w:pPr>{props}</w:pPr>" if props else ""
    run = f'<w:r>{f"<w:rPr>{rpr}</w:rPr>" if rpr else ""}<w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p>{ppr_xml}{run}</w:p>"


def tc(text: str = "", props: str = "", *, bold: bool = False, extra: str = "") -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    run = f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}<w:p>{run}</w:p>{extra}</w:tc>"


def tr(*cells: str, props: str = "") -> str:
    return f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{''.join(cells)}</w:tr>"


def tbl(*rows: str, cols: int = 3) -> str:
    grid = "".join('<w:gridCol w:w="1000"/>' for _ in range(cols))
    return f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'


PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def make_docx(path: Path, body: str, *, styles: str | None = STYLES, numbering: str | None = None,
              headers: dict[str, str] | None = None, footers: dict[str, str] | None = None,
              footnotes: str | None = None, comments: str | None = None, core: str | None = None,
              app: str | None = None, media: dict[str, bytes] | None = None, sect: str | None = None,
              extra_rels: str = "", main: str = "word/document.xml") -> Path:
    """Write a DOCX. ``body`` is the content of ``w:body``; headers/footers map a relationship id
    to the part's XML (``sect`` must reference them); media maps ``rIdImg…`` to PNG bytes."""
    headers, footers, media = headers or {}, footers or {}, media or {}
    folder = main.rsplit("/", 1)[0]
    types = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
             '<Default Extension="xml" ContentType="application/xml"/>',
             '<Default Extension="png" ContentType="image/png"/>',
             f'<Override PartName="/{main}" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.document.main+xml"/>']
    rels = []
    parts: dict[str, str | bytes] = {}
    if styles is not None:
        rels.append(f'<Relationship Id="rIdStyles" Type="{REL}/styles" Target="styles.xml"/>')
        parts[f"{folder}/styles.xml"] = styles
    if numbering is not None:
        rels.append(f'<Relationship Id="rIdNumbering" Type="{REL}/numbering" Target="numbering.xml"/>')
        parts[f"{folder}/numbering.xml"] = f"<w:numbering {XMLNS}>{numbering}</w:numbering>"
    for kind, mapping in (("header", headers), ("footer", footers)):
        for rid, xml in mapping.items():
            name = f"{kind}{rid[-1]}.xml"
            rels.append(f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{name}"/>')
            tag = "hdr" if kind == "header" else "ftr"
            parts[f"{folder}/{name}"] = f"<w:{tag} {XMLNS}>{xml}</w:{tag}>"
    if footnotes is not None:
        rels.append(f'<Relationship Id="rIdFootnotes" Type="{REL}/footnotes" Target="footnotes.xml"/>')
        parts[f"{folder}/footnotes.xml"] = f"<w:footnotes {XMLNS}>{footnotes}</w:footnotes>"
    if comments is not None:
        rels.append(f'<Relationship Id="rIdComments" Type="{REL}/comments" Target="comments.xml"/>')
        parts[f"{folder}/comments.xml"] = f"<w:comments {XMLNS}>{comments}</w:comments>"
    for rid, data in media.items():
        rels.append(f'<Relationship Id="{rid}" Type="{REL}/image" Target="media/{rid}.png"/>')
        parts[f"{folder}/media/{rid}.png"] = data
    rels.append(extra_rels)
    root_rels = [f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="{main}"/>']
    if core is not None:
        root_rels.append('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
                         'metadata/core-properties" Target="docProps/core.xml"/>')
        parts["docProps/core.xml"] = core
    if app is not None:
        root_rels.append(f'<Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/>')
        parts["docProps/app.xml"] = app
    sect = sect if sect is not None else '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {XMLNS} ' \
               f'mc:Ignorable="w14"><w:body>{body}{sect}</w:body></w:document>'
    rels_name = f"{folder}/_rels/{main.rsplit('/', 1)[1]}.rels"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                    f'openxmlformats.org/package/2006/content-types">{"".join(types)}</Types>')
        zf.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                    f'relationships">{"".join(root_rels)}</Relationships>')
        zf.writestr(main, document)
        zf.writestr(rels_name, '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                    f'relationships">{"".join(rels)}</Relationships>')
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


@pytest.fixture
def docx(tmp_path):
    """``docx(body, **parts)`` → the ``Document`` read from a freshly written package."""
    counter = iter(range(1_000_000))

    def build(body: str, **kwargs):
        path = make_docx(tmp_path / f"t{next(counter)}.docx", body, **kwargs)
        return read_docx(path, sha256="0" * 64)

    return build


@pytest.fixture
def docx_path(tmp_path):
    counter = iter(range(1_000_000))

    def build(body: str, **kwargs) -> Path:
        return make_docx(tmp_path / f"p{next(counter)}.docx", body, **kwargs)

    return build


@pytest.fixture
def wml():
    """The XML helpers (tests are not a package, so they come as a fixture)."""
    import types

    return types.SimpleNamespace(p=p, tc=tc, tr=tr, tbl=tbl, PAGE_BREAK=PAGE_BREAK, PNG=PNG_1PX, STYLES=STYLES,
                                 XMLNS=XMLNS)
