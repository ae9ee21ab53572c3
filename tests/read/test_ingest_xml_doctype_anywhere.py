"""A DOCTYPE anywhere in a part (behind a long comment, with an entity bomb, with an external entity) is refused."""

import time

import pytest

from docgen.read.xmlsafe import UnsafeXml, parse_xml


def test_doctype_after_a_long_comment_is_refused_fast():
    bomb = b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    data = b'<?xml version="1.0"?>\n<!--' + b"x" * 70_000 + b"-->" + bomb + b"<d>&b;</d>"
    start = time.perf_counter()
    with pytest.raises(UnsafeXml):
        parse_xml(data)
    assert time.perf_counter() - start < 0.05


def test_a_nested_entity_bomb_is_refused_as_a_doctype():
    """libxml2 stops a ten-level billion-laughs with its amplification limit (a syntax error); the
    reader still names the cause (a DOCTYPE), as it does for a DOCTYPE found after parsing."""
    entities = ['<!ENTITY e0 "lol">'] + [f'<!ENTITY e{i} "' + f"&e{i - 1};" * 10 + '">' for i in range(1, 12)]
    data = ('<?xml version="1.0"?><!DOCTYPE d [' + "".join(entities) + "]><d>&e11;</d>").encode()
    start = time.perf_counter()
    with pytest.raises(UnsafeXml):
        parse_xml(data)
    assert time.perf_counter() - start < 0.05


def test_an_external_entity_is_refused_and_never_read():
    data = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>'
    with pytest.raises(UnsafeXml):
        parse_xml(data)
