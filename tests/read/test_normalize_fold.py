"""docgen.read.normalize.fold and squash equal their definitions: whitespace removed by the regex
``_SPACE``, and NFKC followed by the bracket map (``fold`` takes shortcuts: one swap for both,
``str.split`` for the whitespace — it must never change a result)."""

from __future__ import annotations

import random
import re
import sys
import unicodedata
from pathlib import Path

from docgen.read.normalize import _SPACE, _brackets, _compat_forms, _fold, fold, squash

ROOT = Path(__file__).resolve().parents[2]


def reference_fold(text: str) -> str:
    """fold as first written: NFKC, the bracket map, every _SPACE character removed."""
    return _SPACE.sub("", _brackets(unicodedata.normalize("NFKC", text)))


def test_regex_whitespace_is_str_isspace_for_every_code_point():
    # what squash's str.split relies on; a Python upgrade that changes either would show here
    space = re.compile(r"\s")
    differ = [hex(c) for c in range(sys.maxunicode + 1) if bool(space.fullmatch(chr(c))) != chr(c).isspace()]
    assert differ == []


def test_squash_removes_exactly_what_the_regex_removes():
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if _SPACE.fullmatch(chr(c))]
    assert {"\u3000", "\u00a0", "\u200b", "\ufeff", "\u2028", "\t", "\n"} <= set(spaces)
    rng = random.Random(7)
    pool = spaces + list("预审核（）ab12") + ["\u200c", "\u2060"]  # (ZWNJ, word joiner: not spaces, kept)
    for _ in range(20000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 10)))
        assert squash(text) == _SPACE.sub("", text), repr(text)


def test_fold_of_every_swapped_character_alone_and_in_context():
    chars = set(_compat_forms().changes) | set(_brackets.changes)
    assert {"（", "】", "—", "‑", "℃", "\u3000"} <= chars
    for ch in sorted(chars):
        for text in (ch, "审" + ch + "核", ch + "\u0301", "A" + ch + "\u0323\u0301", ch * 3):
            assert fold.__wrapped__(text) == _fold(text) == reference_fold(text), repr(text)


def test_fold_of_random_mixtures():
    rng = random.Random(20261122)
    pool = ([chr(c) for c in range(0x20, 0x7F)] + list(_compat_forms().changes) + list(_brackets.changes)
            + list("审核（）【】〔〕：；，。℃²³Ⅱⅰ①ｶﾞ가각\u0301\u0308\u3099\uf900\u2f00漢與é\u200b\ufeff\u3000\xa0")
            + ["A\u030a", "\u1100\u1161", "\ufe58", "\ufe3b"])  # (﹘ → — → -, ︻ → 【 → [: swapped twice)
    for _ in range(30000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 14)))
        assert _fold(text) == reference_fold(text), repr(text)


def test_fold_of_the_sample_reports_texts():
    from docgen.read import read_document

    texts = []
    for path in sorted((ROOT / "samples" / "conformance").glob("*.docx"))[:20]:
        doc = read_document(path)
        texts += [b.text for b in doc.blocks if hasattr(b, "text")]
        texts += [cell.text for table in doc.tables for row in table.grid for cell in row if cell is not None]
    assert len(texts) > 5000
    joined = "\ue000".join(texts)
    assert _fold(joined) == reference_fold(joined)
    assert [_fold(t) for t in texts] == [reference_fold(t) for t in texts]


def test_fold_examples():
    assert fold("预 审 核（一）") == "预审核(一)"
    assert fold("【审核】\u200b〔2018〕—５号") == "[审核][2018]-5号"
    assert fold("ascii  text\u200b") == "asciitext"


def test_replace_of_long_texts_equals_a_character_by_character_swap():
    # a long text (a table's joined cells) is scanned by search from the last swap on, a short one
    # by findall: both must give translate's result
    from docgen.read.normalize import _LONG, _conjunctions, _fold_forms

    rng = random.Random(5)
    for replace in (_brackets, _compat_forms(), _fold_forms(), _conjunctions):
        keys = sorted(replace.changes)
        pool = keys[:40] + list("审核前后（）合计与及 0123456789abc\ue000")
        texts = ["".join(rng.choice(pool) for _ in range(length))
                 for length in (0, 1, _LONG - 1, _LONG, _LONG + 1, 3000) for _ in range(20)]
        # long texts in which each character to swap occurs once, next to another one
        texts += ["审" * _LONG + "".join(rng.sample(keys, min(4, len(keys)))) + "核" * k for k in (0, 1, 7)]
        texts += ["".join(rng.sample(keys, min(3, len(keys)))) + "审" * (_LONG + k) for k in (0, 5)]
        for text in texts:
            assert replace(text) == "".join(replace.changes.get(c, c) for c in text), text[-20:]
