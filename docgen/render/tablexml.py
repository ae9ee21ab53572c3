"""``TableData`` → a caption paragraph plus a Word table, as WordprocessingML.

Word conventions a reviewer expects (issue 3; notes/generation.md §7): the caption 表X-Y above the
table (its number is filled in after rendering, in document order per chapter — see
``postprocess``); header rows repeated on every page (``w:tblHeader``) and never split; a two-level
header merged where the group label spans columns (``gridSpan``) or a column has no group
(``vMerge``); numbers right-aligned; the 合计 row bold. Column widths are fixed and proportional to
the content so LibreOffice and Word lay the table out alike. Only style ids appear here; fonts and
sizes come from the template's styles.
"""

from __future__ import annotations

import unicodedata

from docgen.render.ooxml import esc
from docgen.tables import TableData

#: Marks the caption number to fill in after rendering (private-use character, never in real text).
CAPTION_MARK = "\ue000"
#: Wraps a table id in prose (``\ue001T-16\ue001``) to be replaced by its number, e.g. 表4-1.
REF_MARK = "\ue001"


def table_ref(table_id: str) -> str:
    return f"{REF_MARK}{table_id}{REF_MARK}"


def _display_width(text: str) -> int:
    """Width in half-em units (rounded up): CJK 2, W/M/% 2, capitals 1.5, digits and lower case 1,
    narrow punctuation ≈0.6 — the proportions of Liberation Serif (Times New Roman metrics)."""
    tenths = 0
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            tenths += 20
        elif ch in "WMmw%@":
            tenths += 20
        elif ch.isupper():
            tenths += 15
        elif ch in ".,:;'|!()[]-/ ":
            tenths += 6
        else:
            tenths += 10
    return -(-tenths // 10)


#: Twips one half-width character of 五号 text needs (10.5 pt / 2 × 20), and a cell's side margins.
_CHAR_TWIPS = 105
_CELL_MARGIN_TWIPS = 170
#: Short labels (所属小组, 2021年) should not wrap: a text column gets up to 4 characters before any
#: column gets more; numbers never wrap (up to 14 digits).
_MIN_TEXT_UNITS = 8
_MAX_NUMBER_UNITS = 14
#: Beyond this a column wraps anyway, so it does not claim more of the spare width.
_DESIRED_CAP_UNITS = 40


def _longest(cells) -> int:
    best = 0
    for cell in cells:
        for line in str(cell).split("\n") if cell else ():
            best = max(best, _display_width(line))
    return best


def column_widths(table: TableData, total_twips: int) -> list[int]:
    """Fixed column widths that read well in Word and LibreOffice alike.

    Each column first gets its minimum (numbers: the widest number; text: up to 4 characters;
    header words may wrap onto two lines), then the remaining width goes to the columns in
    proportion to how much more their content wants, capped so one long 说明 column cannot starve
    the others.
    """
    n = table.width
    body = table.all_rows()
    minimum, desired = [], []
    for i in range(n):
        content = max(_longest(row[i] for row in body), 2)
        header = _longest(h[i] for h in table.header_rows[-1:])
        if i in table.numeric_cols:
            low = max(min(content, _MAX_NUMBER_UNITS), 4)
        else:
            low = max(min(content, _MIN_TEXT_UNITS), min(header, 4))
        minimum.append(low)
        desired.append(max(low, min(max(content, min(header, 8)), _DESIRED_CAP_UNITS)))
    base = [u * _CHAR_TWIPS + _CELL_MARGIN_TWIPS for u in minimum]
    if sum(base) >= total_twips:
        widths = [w * total_twips // sum(base) for w in base]
    else:
        spare = total_twips - sum(base)
        extra = [d - m for d, m in zip(desired, minimum)]
        want = sum(extra)
        if want:
            grant = [min(spare * e // want, e * _CHAR_TWIPS * 3) for e in extra]
        else:
            grant = [0] * n
        leftover = spare - sum(grant)
        widths = [b + g + leftover * b // sum(base) for b, g in zip(base, grant)]
    widths[-1] += total_twips - sum(widths)
    return widths


def _cell(text: str, width: int, style: str, *, bold: bool = False, span: int = 1, vmerge: str | None = None) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge is not None:
        props += '<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>"
    props += '<w:vAlign w:val="center"/>'
    rpr = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
    lines = str(text).split("\n") if text else [""]
    paras = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
        + (f'<w:r>{rpr}<w:t xml:space="preserve">{esc(line)}</w:t></w:r>' if line else "")
        + "</w:p>"
        for line in lines
    )
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paras}</w:tc>"


_HEADER_TR = "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
_BODY_TR = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"


def _header_xml(table: TableData, widths: list[int]) -> str:
    rows = table.header_rows
    if len(rows) == 1:
        return _HEADER_TR + "".join(_cell(t, w, "TableHeader") for t, w in zip(rows[0], widths)) + "</w:tr>"
    top, bottom = rows[0], rows[-1]
    n = len(top)
    top_xml, bottom_xml = _HEADER_TR, _HEADER_TR
    i = 0
    while i < n:
        if top[i] == bottom[i]:  # no group: one label spanning both header rows
            top_xml += _cell(top[i], widths[i], "TableHeader", vmerge="restart")
            bottom_xml += _cell("", widths[i], "TableHeader", vmerge="continue")
            i += 1
            continue
        j = i
        while j + 1 < n and top[j + 1] == top[i] and top[j + 1] != bottom[j + 1]:
            j += 1
        top_xml += _cell(top[i], sum(widths[i:j + 1]), "TableHeader", span=j - i + 1)
        for k in range(i, j + 1):
            bottom_xml += _cell(bottom[k], widths[k], "TableHeader")
        i = j + 1
    return top_xml + "</w:tr>" + bottom_xml + "</w:tr>"


def table_xml(table: TableData, total_twips: int) -> str:
    """Caption paragraph + table (+ note paragraph)."""
    widths = column_widths(table, total_twips)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    caption = (
        '<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">表{CAPTION_MARK}{esc(table.id)}{CAPTION_MARK} {esc(table.name)}</w:t></w:r></w:p>'
    )
    body = []
    numeric = table.numeric_cols
    for row in table.rows:
        body.append(_BODY_TR + "".join(
            _cell(text, w, "TableNumber" if i in numeric else "TableText") for i, (text, w) in enumerate(zip(row, widths))
        ) + "</w:tr>")
    if table.total_row is not None:
        body.append(_BODY_TR + "".join(
            _cell(text, w, "TableNumber" if i in numeric else "TableHeader", bold=True)
            for i, (text, w) in enumerate(zip(table.total_row, widths))
        ) + "</w:tr>")
    xml = (
        caption
        + f'<w:tbl><w:tblPr><w:tblStyle w:val="DocgenTable"/><w:tblW w:w="{total_twips}" w:type="dxa"/>'
        + '<w:tblLayout w:type="fixed"/></w:tblPr>'
        + f"<w:tblGrid>{grid}</w:tblGrid>"
        + _header_xml(table, widths)
        + "".join(body)
        + "</w:tbl>"
    )
    if table.note:
        xml += f'<w:p><w:pPr><w:pStyle w:val="TableNote"/></w:pPr><w:r><w:t xml:space="preserve">注：{esc(table.note)}</w:t></w:r></w:p>'
    else:
        xml += '<w:p><w:pPr><w:pStyle w:val="TableNote"/></w:pPr></w:p>'
    return xml
