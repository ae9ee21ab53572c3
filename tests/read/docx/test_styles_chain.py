"""Style resolution through ``w:basedOn``: each property from the first style up the chain that
sets it, and inside one style element only the FIRST ``w:pPr``/``w:rPr`` and the first of each
property in them — what ``find`` returns (styles._Own reads them in one pass over the children).
Expected values are worked out by hand from those rules."""

from __future__ import annotations

from lxml import etree

from docgen.read.docx.styles import Styles

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def styles(body: str) -> Styles:
    return Styles(etree.fromstring(f'<w:styles xmlns:w="{W}">{body}</w:styles>'))


CHAIN = """
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>
  <w:rPr><w:sz w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Base"><w:name w:val="Base"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="5"/></w:numPr><w:jc w:val="center"/>
    <w:outlineLvl w:val="1"/><w:pageBreakBefore/></w:pPr>
  <w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Derived"><w:name w:val="Derived"/><w:basedOn w:val="Base"/>
  <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId/></w:numPr><w:jc/><w:pageBreakBefore w:val="0"/></w:pPr>
  <w:pPr><w:jc w:val="right"/><w:outlineLvl w:val="4"/></w:pPr>
  <w:rPr><w:sz w:val="bad"/><w:b w:val="false"/><w:b/></w:rPr></w:style>
"""


def test_each_property_comes_from_the_first_style_that_sets_it():
    st = styles(CHAIN).para("Derived")
    # numId without a value does not end the search: the base's numbering wins, with its level
    assert (st.num_id, st.num_ilvl, st.num_style) == ("5", 2, "Base")
    # a jc without w:val sets nothing; the second pPr (jc right, outline 4) is never read
    assert st.jc == "center"
    assert st.outline == 1
    # pageBreakBefore w:val="0" is set (off) here, so the base's on is not inherited
    assert st.page_break_before is False
    # the first w:b (false) counts, not the second; an unreadable size falls through to the base
    assert st.bold is False
    assert st.size_half_pt == 32
    assert st.name == "Derived"


def test_outline_level_nine_makes_a_heading_named_style_body_text():
    st = styles("""
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>
  <w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="Heading1"/>
  <w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
""")
    assert (st.para("Heading1").heading_style, st.para("Heading1").heading_level, st.para("Heading1").outline) \
        == (True, 1, 0)
    toc = st.para("TOCHeading")
    assert (toc.heading_style, toc.heading_level, toc.outline, toc.toc_heading) == (False, None, None, True)


def test_a_basedon_cycle_is_cut():
    st = styles("""
<w:style w:type="paragraph" w:styleId="A"><w:name w:val="A"/><w:basedOn w:val="B"/></w:style>
<w:style w:type="paragraph" w:styleId="B"><w:name w:val="B"/><w:basedOn w:val="A"/>
  <w:rPr><w:vanish/></w:rPr></w:style>
""")
    assert st.para("A").vanish is True
    assert st.para("B").vanish is True
