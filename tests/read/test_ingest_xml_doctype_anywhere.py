"""A DOCTYPE behind a long comment is refused like one at the start (xmlsafe scans the whole part)."""

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
