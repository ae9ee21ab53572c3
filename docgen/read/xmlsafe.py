"""The only way untrusted XML is parsed: entities not resolved, no network, no DTD, no huge trees.

lxml ≥ 5 already defaults to internal-only entities and libxml2 stops billion laughs
(checker.md §2.5), but the parser is stated explicitly so that a dependency change cannot reopen
XXE; ``huge_tree`` stays off (libxml2 then refuses text nodes > 10 MB and depth > 256). OOXML
never needs a DOCTYPE, so one is rejected outright.
"""

from __future__ import annotations

from lxml import etree


def parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True, collect_ids=False)


class UnsafeXml(ValueError):
    pass


def parse_xml(data: bytes) -> etree._Element:
    """Parse a package part; DOCTYPE declarations are refused (OOXML never has one).

    Checked on the parsed tree (``docinfo``), not by searching the bytes: the parser above never
    loads a DTD nor expands an entity, so a DOCTYPE is harmless while parsing and only has to be
    refused afterwards; an ``<!ENTITY`` outside a DOCTYPE is not well-formed and fails the parse.
    Searching the whole part for the two markers cost ≈ 0.6 ms per 1 MB document.xml, 5 % of the
    parse itself (docs/benchmarks.md, issue 4)."""
    try:
        root = etree.fromstring(data, parser())
    except etree.XMLSyntaxError:
        # libxml2 stops an entity bomb inside the DOCTYPE with a syntax error: name the real cause
        if data.find(b"<!DOCTYPE") >= 0:
            raise UnsafeXml("XML part declares a DOCTYPE/ENTITY (not allowed in OOXML)") from None
        raise
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise UnsafeXml("XML part declares a DOCTYPE/ENTITY (not allowed in OOXML)")
    return root
