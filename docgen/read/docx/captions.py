"""Table captions (表3-2 …, 续表, 附表N) linked to their table, and 续表 pieces re-joined.

Why: required tables are recognised partly by their caption (checker.md §5.3: a bonus when the
caption matches the table's title aliases), and findings cite "表3-2". Chinese reports put the
caption ABOVE the table (GB/T 7713 convention), so the paragraph right above wins; the paragraph
right below is taken only when nothing is above and the next table does not claim it as its own
caption. A caption is a Caption-styled paragraph (Word's "caption"/题注; figure captions 图… are
not table captions) or a short paragraph starting 表N / 续表 / 附表N.

Authors split long tables by hand into a second table captioned 续表 (checker.md §2.3): that piece
gets ``continued_from`` = the index of the table it continues (same number, or the previous table
with the same column count when the 续表 caption has no number).
"""

from __future__ import annotations

import re

from docgen.read.headings import light_fold
from docgen.read.model import PageBreak, Paragraph, Table

MAX_CAPTION_CHARS = 60
_CAPTION = re.compile(r"^(?:续\s*表|(?:续\s*)?(?:附\s*)?表\s*[\dA-Za-z一二三四五六七八九十])")
_NUMBER = re.compile(r"表\s*([\dA-Za-z][\dA-Za-z.\-－—–]*)")
_SENTENCE_END = ("。", "；", ";", "，", ",", "：", ":")


def is_caption_text(text: str, caption_style: bool = False) -> bool:
    if not caption_style and "表" not in text[:8]:
        return False
    t = light_fold(text)
    if not t:
        return False
    if caption_style:
        return not t.startswith(("图", "Figure", "Fig"))
    return len(t) <= MAX_CAPTION_CHARS and not t.endswith(_SENTENCE_END) and bool(_CAPTION.match(t))


def caption_number(caption: str) -> str | None:
    m = _NUMBER.search(light_fold(caption))
    return m.group(1).replace("－", "-").replace("—", "-").replace("–", "-") if m else None


def link(blocks: list, caption_styled: set[int]) -> None:
    """Set ``caption``/``caption_position`` on every top-level table of ``blocks``;
    ``caption_styled`` holds the block indexes of Caption-styled paragraphs."""
    def candidate(i: int) -> Paragraph | None:
        if 0 <= i < len(blocks):
            b = blocks[i]
            if isinstance(b, Paragraph) and is_caption_text(b.text, i in caption_styled):
                return b
        return None

    def neighbour(i: int, step: int) -> int:
        j = i + step
        while 0 <= j < len(blocks) and isinstance(blocks[j], PageBreak):
            j += step
        return j

    claimed: set[int] = set()
    tables = [i for i, b in enumerate(blocks) if isinstance(b, Table)]
    for i in tables:
        j = neighbour(i, -1)
        if candidate(j) is not None:
            blocks[i].caption = blocks[j].text.strip()
            blocks[i].caption_position = "above"
            claimed.add(j)
    for i in tables:
        if blocks[i].caption is not None:
            continue
        j = neighbour(i, 1)
        if j not in claimed and candidate(j) is not None:
            blocks[i].caption = blocks[j].text.strip()
            blocks[i].caption_position = "below"
            claimed.add(j)
    _continuations([blocks[i] for i in tables])


def _continuations(tables: list[Table]) -> None:
    for k, table in enumerate(tables):
        caption = light_fold(table.caption or "")
        if not caption.startswith("续"):
            continue
        number = caption_number(caption)
        target = None
        for prev in reversed(tables[:k]):
            if number is not None:
                if caption_number(prev.caption or "") == number and not light_fold(prev.caption or "").startswith("续"):
                    target = prev
                    break
            elif prev.n_cols == table.n_cols:
                target = prev
                break
        if target is not None:
            table.continued_from = target.continued_from if target.continued_from is not None else target.index
