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
                           huge_tree=False, remove_comments=True, remove_pis=True)


class UnsafeXml(ValueError):
    pass


def parse_xml(data: bytes) -> etree._Element:
    """Parse a package part; DOCTYPE declarations are refused (OOXML never has one)."""
    # Searched in the whole part, not just its head: a DOCTYPE may follow a long comment. Raw
    # "<!DOCTYPE" can only be markup (text content would be escaped as &lt;), and bytes.find is cheap.
    if data.find(b"<!DOCTYPE") >= 0 or data.find(b"<!ENTITY") >= 0:
        raise UnsafeXml("XML part declares a DOCTYPE/ENTITY (not allowed in OOXML)")
    return etree.fromstring(data, parser())
