"""docgen.read.normalize.nfkc equals unicodedata NFKC (it only skips work NFKC would not change)."""

from __future__ import annotations

import random
import unicodedata

import pytest

from docgen.read.normalize import _compat_forms, fold, nfkc

_FULL_WIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " "}


def test_the_swap_table_holds_what_reports_use():
    table = _compat_forms().changes
    for char, ascii_char in _FULL_WIDTH.items():  # ！(U+FF01) … ～(U+FF5E), and the ideographic space
        assert table[char] == ascii_char
    assert table["℃"] == "°C" and table["³"] == "3" and table["…"] == "..." and table["①"] == "1"


@pytest.mark.parametrize("text, expected", [
    ("审核（２０２４年）：ＣＯＤ", "审核(2024年):COD"),   # full-width forms → ASCII
    ("ｍ³／ｈ，℃", "m3/h,°C"),                         # superscript and ℃ swapped too
    ("削减率\u0308", "削减率\u0308"),                    # a combining mark: the real NFKC decides
    ("Ａ\u030a", "Å"),                                  # a full-width letter + combining ring composes
    ("預\u3000審核", "預 審核"),                         # ideographic space → space (traditional kept)
    ("", ""),
    ("plain ascii", "plain ascii"),
])
def test_hand_made_cases(text, expected):
    assert nfkc(text) == expected == unicodedata.normalize("NFKC", text)


def test_random_mixtures_equal_unicodedata():
    rng = random.Random(20261122)
    pool = [chr(c) for c in range(0x20, 0x7F)] + list(_compat_forms().changes) + list(
        "审核（）【】：；，。℃²³Ⅱⅰ①ｶﾞ가각\u0301\u0308\u3099\uf900\u2f00漢與é") + ["A\u030a", "\u1100\u1161"]
    for _ in range(20000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        assert nfkc(text) == unicodedata.normalize("NFKC", text), repr(text)


def test_fold_still_folds():
    assert fold("预 审 核（一）") == "预审核(一)"
