"""Complex and simple fields: show the cached RESULT, never the instruction.

Word stores a field as ``fldChar begin`` → instruction runs (``w:instrText``) → ``fldChar separate``
→ result runs → ``fldChar end``; fields nest (a PAGEREF inside each TOC line, an IF around a
MERGEFIELD) and a field may span paragraphs (the whole TOC is one field). What a reader sees is
the result of the outermost field, so text is visible only while every open field is in its
result part (checker.md §2.4: "take the cached result text"). ``w:fldSimple`` carries its
instruction in an attribute and its result as ordinary runs.

The stack also tells the walker when it is inside a TOC field (those paragraphs are the table of
contents, not headings) and collects the PAGEREF targets of TOC lines (they name the ``_Toc``
bookmarks of the headings).
"""

from __future__ import annotations


class Frame:
    __slots__ = ("instr", "result", "code")

    def __init__(self):
        self.instr: list[str] = []
        self.result = False
        self.code = ""


def field_code(instr: str) -> str:
    """The field type: first word of the instruction, upper-cased (TOC, PAGEREF, MERGEFIELD …)."""
    parts = instr.split(None, 1)
    return parts[0].upper() if parts else ""


def field_argument(instr: str) -> str:
    """The first argument (PAGEREF _Toc123 \\h → _Toc123)."""
    parts = instr.split()
    return parts[1].strip('"') if len(parts) > 1 else ""


class FieldStack:
    """Open complex fields of one story (body, header, text box …), across paragraphs."""

    __slots__ = ("frames", "hiding", "toc_open", "pagerefs")

    def __init__(self):
        self.frames: list[Frame] = []
        self.hiding = 0        # frames still in their instruction part: their text is not shown
        self.toc_open = 0      # TOC fields in their result part
        self.pagerefs: list[str] = []

    def begin(self) -> None:
        self.frames.append(Frame())
        self.hiding += 1

    def instr(self, text: str | None) -> None:
        if self.frames and not self.frames[-1].result and text:
            self.frames[-1].instr.append(text)

    def separate(self) -> None:
        if not self.frames:
            return
        top = self.frames[-1]
        if top.result:
            return
        top.result = True
        self.hiding -= 1
        top.code = field_code("".join(top.instr))
        if top.code == "TOC":
            self.toc_open += 1

    def end(self) -> Frame | None:
        if not self.frames:
            return None
        top = self.frames.pop()
        if not top.result:
            self.hiding -= 1
            top.code = field_code("".join(top.instr))
        elif top.code == "TOC":
            self.toc_open -= 1
        if top.code == "PAGEREF":
            self.pagerefs.append(field_argument("".join(top.instr)))
        return top

    @property
    def open(self) -> bool:
        return bool(self.frames)
