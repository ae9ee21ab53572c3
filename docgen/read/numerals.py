"""Chinese and other list numerals, both ways: render (numbering.xml formats) and parse (labels).

Word's numFmt values rendered here, as Word writes them (MS-DOCX numFmt table; measured in
LibreOffice for notes/generation.md §2.3): ``chineseCountingThousand`` 一 十 十一 二十 二十一 一百
一百零一 一百一十; ``chineseCounting`` the same below 100 but 100 → 一○○ (digit by digit);
``ideographTraditional`` 甲 … 癸 (then Arabic); ``chineseLegalSimplified`` 壹 贰 叁 … 壹拾.
"""

from __future__ import annotations

DIGITS = "〇一二三四五六七八九"
LEGAL = "零壹贰叁肆伍陆柒捌玖"
STEMS = "甲乙丙丁戊己庚辛壬癸"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def counting_thousand(n: int, digits: str = DIGITS, ten: str = "十", hundred: str = "百", thousand: str = "千") -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 20:
        return ten + (digits[n - 10] if n > 10 else "")
    if n < 100:
        t, o = divmod(n, 10)
        return digits[t] + ten + (digits[o] if o else "")
    if n < 1000:
        h, rest = divmod(n, 100)
        if rest == 0:
            return digits[h] + hundred
        if rest < 10:
            return digits[h] + hundred + digits[0].replace("〇", "零") + digits[rest]
        t, o = divmod(rest, 10)
        return digits[h] + hundred + digits[t] + ten + (digits[o] if o else "")
    th, rest = divmod(n, 1000)
    tail = counting_thousand(rest, digits, ten, hundred, thousand) if rest else ""
    gap = "零" if 0 < rest < 100 else ""
    return digits[th] + thousand + gap + tail


def counting(n: int) -> str:
    """``chineseCounting``: like counting_thousand below 100, digit by digit from 100 (一○○)."""
    if n < 100:
        return counting_thousand(n)
    return "".join("○" if d == "0" else DIGITS[int(d)] for d in str(n))


def roman(n: int) -> str:
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
            (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def letters(n: int) -> str:
    """A … Z, AA … (Word repeats the letter: 27 → AA)."""
    q, r = divmod(n - 1, 26)
    return chr(ord("A") + r) * (q + 1)


def render(n: int, fmt: str) -> str:
    """Render ``n`` in a numbering format; unknown formats fall back to Arabic digits."""
    if fmt in ("decimal", "decimalZero") or n <= 0:
        return f"{n:02d}" if fmt == "decimalZero" and n < 10 else str(n)
    if fmt == "chineseCountingThousand" or fmt == "taiwaneseCountingThousand":
        return counting_thousand(n)
    if fmt in ("chineseCounting", "taiwaneseCounting", "japaneseCounting"):
        return counting(n)
    if fmt == "chineseLegalSimplified":
        return counting_thousand(n, LEGAL, "拾", "佰", "仟").replace("壹拾", "壹拾")
    if fmt == "ideographTraditional":
        return STEMS[n - 1] if n <= 10 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return CIRCLED[n - 1] if n <= 20 else str(n)
    if fmt == "upperRoman":
        return roman(n)
    if fmt == "lowerRoman":
        return roman(n).lower()
    if fmt == "upperLetter":
        return letters(n)
    if fmt == "lowerLetter":
        return letters(n).lower()
    return str(n)


_VALUES = {ch: i for i, ch in enumerate(DIGITS)} | {"零": 0, "○": 0, "两": 2} | {ch: i for i, ch in enumerate(LEGAL)}
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}


def parse(text: str) -> int | None:
    """十一 → 11, 二十 → 20, 一百零一 → 101, 一○○ → 100, 12 → 12; ``None`` if not a numeral."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if all(ch in _VALUES for ch in text) and len(text) > 1:
        return int("".join(str(_VALUES[ch]) for ch in text))  # digit by digit: 一○○
    total, current = 0, 0
    for ch in text:
        if ch in _VALUES:
            current = _VALUES[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            return None
    return total + current
