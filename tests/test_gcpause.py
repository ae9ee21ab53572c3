"""The collector pause around reading: on again afterwards, also after an error, and never switched
on by an inner pause when an outer one (or the caller) had it off."""

import gc

import pytest

from docgen.gcpause import gc_paused


def test_paused_inside_and_restored_after():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_after_an_error():
    with pytest.raises(ValueError), gc_paused():
        raise ValueError("broken document")
    assert gc.isenabled()


def test_nested_pause_leaves_it_to_the_outer_one():
    with gc_paused():
        with gc_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_caller_that_disabled_the_collector_keeps_it_disabled():
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_reading_a_docx_leaves_the_collector_on(tmp_path):
    from docx import Document as WordDocument

    from docgen.read.docx import read_docx

    path = tmp_path / "one.docx"
    word = WordDocument()
    word.add_paragraph("第一章 总论")
    word.save(path)
    read_docx(path, sha256="0" * 64)
    assert gc.isenabled()
