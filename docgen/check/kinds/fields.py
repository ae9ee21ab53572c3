"""Front-matter fields: ``required_fields``, ``field_consistency`` and ``required_mentions``.

Why (domain.md §2.2, §9): the 封面 names the enterprise (盖章) and the date; the 封二 /
responsibility page (企业清洁生产审核管理情况) names 单位名称, 报告编制/审核/批准人员, 咨询机构名称,
审核师姓名及证书编号, 批准人 and 日期 — the persons answerable for the report. Review point R1
(报告规范性) asks for "cover + 盖章 + 咨询机构 + 编制人员/审核师证书"; a bureau clerk rejects a
report whose 封二 still says "审核师姓名及证书编号：" with nothing after it.

Where a field is looked for (``where``):

- ``cover`` — the first page of the front matter (blocks on the first page; without page numbers,
  the blocks before the first page break);
- ``front`` (alias ``responsibility``) — everything before the table of contents (its 目录 title),
  or, without one, before the first heading after the cover: cover, 封二, responsibility page,
  declarations;
- ``anywhere`` — the whole document.

How a field is found: a paragraph "标签：值" (also "标签（盖章）：值", "（2）标签：值", or label and
value separated by spaces in a short paragraph, as PDF text often has it), or a key-value table
whose cell is the label (optionally with a parenthesis and colon) and whose value is the next cell
to the right — or below when the label is in the last column (a header-row layout, labels in the
first row and values under them, is not read: real 封二 tables are key-value). A value on the line
below an empty "标签：" line counts, unless that line is another label or the cover date. A label's aliases are matched with
与/及/和 and full-/half-width brackets treated alike, spaces ignored. A label whose value is empty,
only dashes/slashes/underscores, "无", or a leftover fill-in mark (XXX, ×××, 【…】, 待定 … — the
same patterns as ``placeholders``) is a failure even when the field is optional: an empty label is
visibly unfinished. For a ``date`` field a paragraph that is nothing but a date counts on the cover
(covers print "2025年2月" without a label); ``from_title`` takes the enterprise name from the cover
title ("XX有限公司清洁生产审核报告") when the cover has no labelled name.

params of ``required_fields``: ``fields``: [{``id`` (F-*), ``name`` (Chinese, for messages),
``labels`` (aliases), ``where`` (list of zones, default [front]), ``required`` (bool, default
true), ``value`` (text | date), ``pattern`` (regex a value must contain, e.g. a certificate
number), ``pattern_name`` (what the pattern is, for messages), ``exclude_dates`` (a pattern match
that is a date does not count, default true), ``from_title`` (bool), ``exempt_if_text`` (regex on the
whole text: when it matches, a missing field is not a failure — e.g. 自行开展审核 for the
consultancy), ``exempt_if_audit_missing`` (an AuditData attribute: when the audit data passed to the
check has it empty, a missing field is not a failure)}].
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from docgen.check.kinds import NotEvaluableRule, kind
from docgen.check.kinds.placeholders import cells_at
from docgen.check.textindex import table_text
from docgen.read.model import Heading, Location, PageBreak, Paragraph, Table
from docgen.read.normalize import norm

# --- zones ------------------------------------------------------------------------------------

_TOC_TITLE = re.compile(r"^(?:目录|目次|contents)$", re.IGNORECASE)


TOC_SEARCH_BLOCKS = 80  # a TOC title further in is not the front matter's end


def _is_toc_title(block) -> bool:
    text = block.text if isinstance(block, (Paragraph, Heading)) else ""
    return bool(text) and len(text) <= 12 and bool(_TOC_TITLE.match(norm(text)))


def front_blocks(doc) -> list:
    """Blocks before the table of contents — found as a 目录 title, a paragraph in DOCX, often a
    heading in PDF — or, without one, before the first heading after the cover page (a cover
    title the reader took for a heading stays cover; a 封二 title styled as a heading would end
    the front matter early, which is why the TOC title is preferred)."""
    for k, block in enumerate(doc.blocks[:TOC_SEARCH_BLOCKS]):
        if _is_toc_title(block):
            return list(doc.blocks[:k])
    out: list = []
    first_page = next((b.location.page for b in doc.blocks if b.location.page is not None), None)
    broke = False
    for block in doc.blocks:
        if isinstance(block, PageBreak):
            broke = True
        if isinstance(block, Heading):
            on_cover = not broke and (block.location.page is None or block.location.page == first_page)
            if not on_cover:
                break
        out.append(block)
    return out


def cover_blocks(doc) -> list:
    """The first page of the front matter (without page numbers: up to the first page break)."""
    front = front_blocks(doc)
    pages = [b.location.page for b in front if b.location.page is not None]
    if pages:
        first = min(pages)
        return [b for b in front if b.location.page == first and not isinstance(b, PageBreak)]
    out = []
    for b in front:
        if isinstance(b, PageBreak):
            break
        out.append(b)
    return out


def zone_blocks(ctx, zone: str) -> list:
    zone = "front" if zone == "responsibility" else zone
    if zone == "cover":
        return ctx.cached("zone:cover", lambda: cover_blocks(ctx.doc))
    if zone == "front":
        return ctx.cached("zone:front", lambda: front_blocks(ctx.doc))
    if zone == "anywhere":
        return ctx.doc.blocks
    raise NotEvaluableRule(f"规则参数错误：未知的查找范围「{zone}」（应为 cover / front / anywhere）")


def place_of(ctx, location: Location | None) -> str:
    """封面 / 封二 / 正文 — where a front-matter finding is, in the words a clerk uses."""
    if location is None:
        return "文档"
    if location.block in _zone_numbers(ctx, "cover"):
        return "封面"
    if location.block in _zone_numbers(ctx, "front"):
        return "封二"
    return "正文"


def _zone_numbers(ctx, zone: str) -> set[int]:
    """The block numbers of a zone as a set, once per document (place_of is asked for every value
    of every field, and looked through the zone's blocks each time)."""
    return ctx.cached(f"zone_numbers:{zone}", lambda: {b.location.block for b in zone_blocks(ctx, zone)})


# --- labels and values ------------------------------------------------------------------------

#: one-for-one folding for label matching (keeps spans): brackets, colons, 与/及 → 和
_LABEL_FOLD = str.maketrans({"（": "(", "）": ")", "：": ":", "与": "和", "及": "和", "\u3000": " "})
_NUMBERING = r"(?:\d+\s*[.、)）]|[（(]\s*\d+\s*[)）]|[一二三四五六七八九十]+、)?"
_PAREN = r"(?:\s*\([^)]{0,12}\))?"
_BLANK = re.compile(r"^[\s_＿\-—–－/／\\.。·…:：,，;；]*(?:无)?[\s_＿\-—–－/／\\.。·…]*$")
MAX_SPACED_PARAGRAPH = 60   # "标签  值" without a colon is taken only in short paragraphs


def _label_regex(label: str) -> str:
    chars = [c for c in label.translate(_LABEL_FOLD) if not c.isspace()]
    return r"\s*".join(re.escape(c) for c in chars)


@dataclass
class FieldValue:
    label: str                 # the label as written (with its parenthesis, e.g. 企业名称（盖章）)
    value: str                 # the value as written, stripped ("" when empty)
    location: Location | None
    source: str                # paragraph | table | title | date


@lru_cache(maxsize=4096)
def _norm_label(label: str) -> str:
    return norm(label)


_CELL_NUMBER = re.compile(r"^(?:\d+[.、)]|\(\d+\)|[一二三四五六七八九十]+、)")
_CELL_TAIL = re.compile(r"(?:\([^)]{0,12}\))?:?$")


def _label_key(cell) -> str:
    """A cell's text as a label: matching form without numbering, parenthesis and colon
    ("（2）企业名称（盖章）：" → 企业名称); "" for long cells."""
    return label_key_of(cell.norm)


@lru_cache(maxsize=16384)
def label_key_of(matching_form: str) -> str:
    """``_label_key`` of a matching form (memoised by text, not kept on the cell: nothing of the
    check stays on the model — docgen.check.engine.release_caches)."""
    n = matching_form
    return "" if not n or len(n) > 40 else _CELL_TAIL.sub("", _CELL_NUMBER.sub("", n))


def _cell_label(cell, labels: list[str]) -> bool:
    """Is this cell one of the labels?"""
    key = _label_key(cell)
    return bool(key) and key in _norm_labels(tuple(labels))


@lru_cache(maxsize=1024)
def _norm_labels(labels: tuple[str, ...]) -> frozenset[str]:
    """The labels' matching forms (rule data: once per label list, not ≈ 20 per value cell)."""
    return frozenset(_norm_label(label) for label in labels)


# The label patterns are rule data, the same for every paragraph and document: compiled once.
@lru_cache(maxsize=1024)
def _stop_pattern(all_labels: tuple[str, ...]) -> re.Pattern | None:
    stop = "|".join(_label_regex(lab) for lab in sorted(set(all_labels), key=len, reverse=True))
    return re.compile(rf"\s(?:{stop}){_PAREN}\s*:") if stop else None


@lru_cache(maxsize=4096)
def _label_patterns(label: str) -> tuple[re.Pattern, re.Pattern]:
    body = _label_regex(label)
    return (re.compile(rf"^\s*{_NUMBERING}\s*(?P<label>{body}{_PAREN})\s*:\s*(?P<value>.*)$", re.DOTALL),
            re.compile(rf"^\s*{_NUMBERING}\s*(?P<label>{body}{_PAREN})\s+(?P<value>\S.*)$", re.DOTALL))


@lru_cache(maxsize=1024)
def _label_probe(labels: tuple[str, ...]) -> re.Pattern:
    """A regex on the text AS WRITTEN that finds one of ``labels`` wherever the label patterns
    (on the text folded by ``_LABEL_FOLD``, spaces allowed between characters) could: each
    character of a label becomes the class of the characters that fold to it. Folding maps single
    characters to single characters and spaces to spaces, so a text without a match holds none of
    the labels; one C-level search of each paragraph, instead of folding and matching every
    paragraph of the report against every label (most paragraphs hold none)."""
    inverse: dict[str, set[str]] = {}
    for k, v in _LABEL_FOLD.items():
        inverse.setdefault(v, set()).add(chr(k))
    alternatives = []
    for label in labels:
        chars = [c for c in label.translate(_LABEL_FOLD) if not c.isspace()]
        if not chars:
            return re.compile("")  # a label of spaces only: the patterns may match anything
        classes = []
        for c in chars:
            raw = inverse.get(c, set()) | ({c} if ord(c) not in _LABEL_FOLD else set())
            classes.append("[" + "".join(re.escape(x) for x in sorted(raw)) + "]")
        alternatives.append(r"\s*".join(classes))
    return re.compile("|".join(alternatives)) if alternatives else re.compile("(?!)")


def _paragraph_values(text: str, location, labels: list[str], all_labels: list[str]) -> list[FieldValue]:
    out = []
    if not _label_probe(tuple(labels)).search(text):
        return out
    folded = text.translate(_LABEL_FOLD)
    stop = _stop_pattern(tuple(all_labels))
    for label in sorted(labels, key=len, reverse=True):
        with_colon, spaced = _label_patterns(label)
        m = with_colon.match(folded)
        if m is None and len(text) <= MAX_SPACED_PARAGRAPH:
            m = spaced.match(folded)
        if m is None:
            continue
        start, end = m.span("value")
        nxt = stop.search(folded[start:end]) if stop is not None else None
        if nxt:
            end = start + nxt.start()
        out.append(FieldValue(text[m.start("label"):m.end("label")].strip(), text[start:end].strip(), location,
                              "paragraph"))
        break
    return out


def _next_cell(table: Table, row: int, col: int):
    cells = table.grid[row]
    here = cells[col]
    for c in range(col + 1, len(cells)):
        if cells[c] is not here:
            return cells[c], c, row
    for r in range(row + here.rowspan, table.n_rows):
        if col < len(table.grid[r]) and table.grid[r][col] is not here:
            return table.grid[r][col], col, r
    return None, None, None


_COLON = re.compile("[:：]")


class _LabelIndex:
    """Where a table's cells can be labels, computed once per table (kept on the Table object):
    label key → positions of the origin cells with that key, and the positions of cells holding a
    colon ("企业名称：XX" written in one cell). The field rules look for dozens of label lists in
    every table; each lookup is then a few dict hits instead of a pass over every cell.

    Both parts are built on first use, and only for tables that can need them: a label key is a
    piece of its cell's matching form, so a table whose joined matching form
    (``docgen.check.textindex``) contains none of the labels looked for has no label cell, and one
    whose text has no colon has no colon cell. An event searched ``anywhere`` (审核启动时间 …) asks
    every table of the report; nearly all are ruled out by one substring test each."""

    def __init__(self, table: Table):
        self.grid = table.grid  # (not the table: kept on it, a reference back would make a cycle)
        self.text = table_text(table)  # also fills in every cell's matching form: one pass per table
        self._keys: dict[str, list[tuple[int, int]]] | None = None
        self._colon: list[tuple[int, int]] | None = None

    def may_hold(self, norm_labels) -> bool:
        """False only when no cell of the table can have one of these label keys."""
        return not self.text.aligned or any(label in self.text.norm for label in norm_labels)

    @property
    def keys(self) -> dict[str, list[tuple[int, int]]]:
        if self._keys is None:
            self._keys = {}
            for r, c, cell in self._origins():
                key = _label_key(cell)
                if key:
                    self._keys.setdefault(key, []).append((r, c))
        return self._keys

    @property
    def colon(self) -> list[tuple[int, int]]:
        """Positions (row-major) of the origin cells holding a colon (: or ：, the one _LABEL_FOLD
        makes a colon). Found in the joined cell texts: a cell's number is the count of joiners
        before the colon (0.12 ms for the one big table of a 100-page report that has colons,
        when every origin cell was translated and tested)."""
        if self._colon is None:
            text = self.text.text
            if ":" not in text and "：" not in text:
                self._colon = []
            elif not self.text.aligned:  # a cell holds the joining character: cell by cell
                self._colon = [(r, c) for r, c, cell in self._origins() if ":" in cell.text.translate(_LABEL_FOLD)]
            else:
                grid, found = self.grid, set()
                for cell in cells_at(self.text, [m.start() for m in _COLON.finditer(text)]):
                    r, c = cell.row, cell.col  # listed where it is an origin, as _origins does
                    if r < len(grid) and c < len(grid[r]) and grid[r][c] is cell:
                        found.add((r, c))
                self._colon = sorted(found)
        return self._colon

    def _origins(self):
        for r, row in enumerate(self.grid):
            for c, cell in enumerate(row):
                if cell.is_origin(r, c):
                    yield r, c, cell


def _label_index(table: Table) -> _LabelIndex:
    index = table.__dict__.get("_label_index")
    if index is None:
        index = table.__dict__["_label_index"] = _LabelIndex(table)
    return index


def _table_values(table: Table, labels: list[str], all_labels: list[str],
                  wanted: frozenset | None = None) -> list[FieldValue]:
    """``wanted``: the labels' matching forms, when the caller has them (one set per block list,
    not one per table)."""
    index = _label_index(table)
    is_label: set[tuple[int, int]] = set()
    if wanted is None:
        wanted = _norm_labels(tuple(labels))
    if index.may_hold(wanted):
        for norm_label in wanted:
            is_label.update(index.keys.get(norm_label, ()))
    colon = index.colon
    if not is_label and not colon:
        return []
    hits = sorted(is_label.union(colon))
    out = []
    for r, c in hits:  # row-major, as a reader meets them
        cell = table.grid[r][c]
        if (r, c) in is_label:
            value, vc, vr = _next_cell(table, r, c)
            text = "" if value is None or _cell_label(value, all_labels) else value.text.strip()
            loc = _cell_location(table, vr if value is not None else r, vc if value is not None else c)
            out.append(FieldValue(cell.text.strip(), text, loc, "table"))
        else:
            for fv in _paragraph_values(cell.text, _cell_location(table, r, c), labels, all_labels):
                fv.source = "table"
                out.append(fv)
    return out


def _cell_location(table: Table, row: int, col: int) -> Location:
    loc = table.location
    return Location(loc.block, paragraph=loc.paragraph, table=table.index, row=row, col=col, page=loc.page,
                    heading_path=loc.heading_path, part=loc.part)


def labelled_values(blocks: list, labels: list[str], all_labels: list[str] | None = None) -> list[FieldValue]:
    """Every place in ``blocks`` where one of ``labels`` is written, with its value (maybe empty)."""
    all_labels = list(all_labels or labels)
    out: list[FieldValue] = []
    probe = _label_probe(tuple(labels))
    wanted = _norm_labels(tuple(labels))
    for i, block in enumerate(blocks):
        if isinstance(block, (Paragraph, Heading)):
            # (_paragraph_values' own first test, without a call per paragraph; searching all the
            # paragraphs joined instead measured no faster: the probe, an alternation of character
            # classes, costs the same per character either way — 75 against 78 µs for 310 blocks)
            if not probe.search(block.text):
                continue
            found = _paragraph_values(block.text, block.location, labels, all_labels)
            if found and not found[0].value:
                nxt = _next_paragraph(blocks, i)
                if nxt is not None and _continues(nxt.text, all_labels):
                    found[0].value, found[0].location = nxt.text.strip(), nxt.location
            out.extend(found)
        elif isinstance(block, Table):
            out.extend(_table_values(block, labels, all_labels, wanted))
    return out


def _continues(text: str, all_labels: list[str]) -> bool:
    """May this paragraph be the value of the label line above it ("编制单位：" / "XX有限公司")?
    Not when it is a label line itself, a date alone (the cover date), or long running text."""
    from docgen.check.dates import find_dates

    folded = text.translate(_LABEL_FOLD).strip()
    if not folded or len(folded) > 40 or ":" in folded:
        return False
    if any(folded.startswith(lab.translate(_LABEL_FOLD)) for lab in all_labels):
        return False
    dates = find_dates(folded)
    return not (len(dates) == 1 and dates[0].span == (0, len(folded)))


def _next_paragraph(blocks: list, i: int):
    for block in blocks[i + 1:i + 2]:
        if isinstance(block, Paragraph) and block.text.strip():
            return block
    return None


def is_blank(value: str) -> bool:
    return not value.strip() or bool(_BLANK.match(value))


def is_placeholder(value: str) -> bool:
    from docgen.check.kinds.placeholders import default_patterns, find_placeholders

    return bool(find_placeholders(value, default_patterns()))


_TITLE = re.compile(r"^(?P<name>.*?)(?:[（(]?第\s*[一二三四五六七八九十\d]+\s*轮[)）]?)?清洁生产(?:审核)?(?:验收)?报告")


def title_name(blocks: list) -> FieldValue | None:
    """The enterprise name in the cover title: the text before 清洁生产审核报告 in the first cover
    paragraphs (covers break the title after the name: "XX有限公司" / "清洁生产审核报告")."""
    joined, first = "", None
    for block in blocks:
        if not isinstance(block, (Paragraph, Heading)) or not block.text.strip():
            continue
        first = first or block
        joined += block.text.strip()
        m = _TITLE.match(joined)
        if m:
            name = m["name"].strip()
            return FieldValue("封面标题", name, first.location, "title") if name else None
        if len(joined) > 80:
            return None
    return None


def standalone_dates(blocks: list) -> list[FieldValue]:
    from docgen.check.dates import find_dates

    out = []
    for block in blocks:
        if isinstance(block, Paragraph):
            text = block.text.strip()
            found = find_dates(text)
            if len(found) == 1:
                a, b = found[0].span
                rest = (text[:a] + text[b:]).strip(" \u3000（）()")
                if not rest:
                    out.append(FieldValue("日期", text, block.location, "date"))
    return out


def field_values(ctx, spec: dict, all_labels: list[str]) -> list[FieldValue]:
    """Labelled values of a field in its zones (document order, each block once), plus the cover
    title / standalone dates when the spec asks for them."""
    seen: set[int] = set()
    values: list[FieldValue] = []
    zones = spec.get("where", ["front"])
    for k, zone in enumerate(zones):
        blocks = zone_blocks(ctx, zone)
        # (nothing seen before the first zone, nothing to remember after the last: an event looked
        # for anywhere had its ≈ 300 blocks copied and remembered for nothing)
        if seen:
            blocks = [b for b in blocks if b.location.block not in seen]
        if k < len(zones) - 1:
            seen.update(b.location.block for b in blocks)
        values.extend(labelled_values(blocks, list(spec.get("labels", [])), all_labels))
        if spec.get("value") == "date" and zone in ("cover",):
            values.extend(standalone_dates(blocks))
        if spec.get("from_title") and zone == "cover":
            found = title_name(blocks)
            if found is not None:
                values.append(found)
    return values


# --- required_fields --------------------------------------------------------------------------


def _exempt(ctx, spec: dict) -> str | None:
    """Why a missing field is not required here, or None."""
    pattern = spec.get("exempt_if_text")
    if pattern:
        text = ctx.cached("full_text", lambda: "\n".join(p.text for p in ctx.doc.paragraphs))
        m = re.search(pattern, text)
        if m:
            return f"文中写明「{m.group(0)}」"
    attr = spec.get("exempt_if_audit_missing")
    if attr and ctx.audit is not None and not getattr(ctx.audit, attr, None):
        return f"审核数据中未填写 {attr}"
    return None


def _pattern_hits(value: str, spec: dict) -> list[str]:
    from docgen.check.dates import find_dates

    folded = unicodedata.normalize("NFKC", value)
    hits = [m.group(0) for m in re.finditer(spec["pattern"], folded)]
    if spec.get("exclude_dates", True):
        hits = [h for h in hits if not any(d.span == (0, len(h)) for d in find_dates(h))]
    return hits


def _zone_words(spec: dict) -> str:
    names = {"cover": "封面", "front": "封面及封二", "responsibility": "封面及封二", "anywhere": "全文"}
    return "、".join(dict.fromkeys(names.get(z, z) for z in spec.get("where", ["front"])))


def all_field_labels(fields: list[dict]) -> list[str]:
    return [lab for f in fields for lab in f.get("labels", [])]


def check_field(ctx, spec: dict, all_labels: list[str]):
    from docgen.check.dates import find_dates

    fid, name = spec["id"], spec.get("name", spec["id"])
    values = field_values(ctx, spec, all_labels)
    for fv in values:
        place = place_of(ctx, fv.location)
        if is_blank(fv.value) or is_placeholder(fv.value):
            what = "未填写" if is_blank(fv.value) else f"仍为占位内容「{fv.value}」"
            yield ctx.finding(f"{place}「{fv.label}」{what}", target_id=fid, target=name, location=fv.location,
                              evidence=f"{place}找到标签「{fv.label}」，其值为「{fv.value}」",
                              suggestion=f"请在{place}填写{name}。")
            continue
        if spec.get("value") == "date" and not find_dates(fv.value):
            yield ctx.finding(f"{place}「{fv.label}」不是有效日期：「{fv.value}」", target_id=fid, target=name,
                              location=fv.location, evidence="可识别的日期写法：2024年6月15日、二〇二四年六月、2024.6.15、2024-06-15",
                              suggestion="请填写报告编制完成的日期（年月日或年月）。")
            continue
        if spec.get("pattern"):
            hits = _pattern_hits(fv.value, spec)
            if not hits:
                what = spec.get("pattern_name", "符合格式的内容")
                yield ctx.finding(f"{place}「{fv.label}」中未发现{what}", target_id=fid, target=name,
                                  location=fv.location, evidence=f"填写内容：「{fv.value[:120]}」；要求格式：{spec['pattern']}",
                                  suggestion=f"请填写{what}。")
    if values or not spec.get("required", True) or _exempt(ctx, spec):
        return
    labels = "、".join(spec.get("labels", [])) or name
    yield ctx.finding(f"{_zone_words(spec)}未找到{name}（{fid}）", target_id=fid, target=name,
                      evidence=f"在{_zone_words(spec)}中查找标签：{labels}；均未出现",
                      suggestion=f"请在{_zone_words(spec)}写明「{spec.get('labels', [name])[0]}：…」。")


@kind("required_fields")
def required_fields(ctx):
    fields = list(ctx.params.get("fields") or [])
    if not fields:
        raise NotEvaluableRule("规则参数错误：未列出任何字段（fields）")
    if not ctx.doc.blocks:
        raise NotEvaluableRule("文档没有可读的正文内容")
    all_labels = all_field_labels(fields)
    for spec in fields:
        yield from check_field(ctx, spec, all_labels)


# --- field_consistency ------------------------------------------------------------------------


def _strip_title(text: str, suffix: str) -> str:
    i = text.find(suffix)
    return (text[:i] if i >= 0 else "").strip()


@kind("field_consistency")
def field_consistency(ctx):
    """The enterprise name on the cover = the name in the running header, on the 封二 and in the
    企业基本情况 table (domain.md §2.2, §2.4 T-5). A different name in one place is the classic trace
    of a report copied from another enterprise's, so it is a warning for the clerk to look at.

    params: ``field`` (a field spec as in required_fields: the reference value, looked up on the
    cover), ``compare_with`` (any of header, front, basic_info_table), ``front_labels`` (labels of the
    name on the 封二), ``title_suffix`` (the header's name is the text before it, default 清洁生产审核),
    ``basic_info_captions`` (caption words of the 企业基本情况 table), ``basic_info_labels``.
    """
    spec = dict(ctx.params["field"])
    reference = next((fv for fv in field_values(ctx, spec, list(spec.get("labels", [])))
                      if not is_blank(fv.value) and not is_placeholder(fv.value)), None)
    if reference is None:
        raise NotEvaluableRule(f"封面未找到{spec.get('name', '企业名称')}，无法核对各处是否一致")
    ref = norm(reference.value)
    others: list[tuple[str, str, Location | None]] = []
    compare = ctx.params.get("compare_with", ["header", "front", "basic_info_table"])
    if "header" in compare:
        suffix = ctx.params.get("title_suffix", "清洁生产审核")
        for text in ctx.doc.headers:
            name = _strip_title(text, suffix)
            if name:
                others.append(("页眉", name, None))
    if "front" in compare:
        front_labels = list(ctx.params.get("front_labels", []))
        for fv in labelled_values(zone_blocks(ctx, "front"), front_labels):
            if not is_blank(fv.value) and fv.location != reference.location:
                others.append((place_of(ctx, fv.location) + f"「{fv.label}」", fv.value, fv.location))
    if "basic_info_table" in compare:
        captions = list(ctx.params.get("basic_info_captions", ["企业基本情况"]))
        labels = list(ctx.params.get("basic_info_labels", ["企业名称"]))
        for table in ctx.doc.tables:
            if table.caption and any(w in table.caption for w in captions):
                for fv in _table_values(table, labels, labels):
                    if not is_blank(fv.value):
                        others.append((f"「{table.caption}」", fv.value, fv.location))
    for where, value, loc in others:
        if norm(value) != ref:
            yield ctx.finding(f"{where}的企业名称「{value}」与封面「{reference.value}」不一致",
                              location=loc or reference.location,
                              evidence=f"封面（{reference.label}）：{reference.value}；{where}：{value}",
                              suggestion="请核对全文企业名称（以营业执照为准），统一封面、封二、页眉和企业基本情况表。")


# --- required_mentions ------------------------------------------------------------------------

_APPENDIX_HEADING = re.compile(r"^(?:报告)?(?:附件|附录|附图附表|附件目录|附件清单)$")


def appendix_blocks(doc) -> list:
    """Blocks under a heading titled 附件/附录 (to the next heading of the same or higher level),
    plus paragraphs anywhere that start with 附件N / 附表N."""
    out, level = [], None
    for block in doc.blocks:
        if isinstance(block, Heading):
            if "附" in block.text and _APPENDIX_HEADING.match(norm(block.title or block.text)):
                level = block.level
                continue
            if level is not None and block.level <= level:
                level = None
        if level is not None or (isinstance(block, Paragraph) and re.match(r"^\s*附[件表图]\s*\d", block.text)):
            out.append(block)
    return out


_SEP = "\ue000"  # private use: survives NFKC, OpenCC and whitespace removal


def _block_texts(block) -> list[str]:
    if isinstance(block, (Paragraph, Heading)):
        return [block.text]
    if isinstance(block, Table):
        return ([block.caption] if block.caption else []) + [c.text for row in block.grid for c in row]
    return []


def normalised_blocks(blocks: list) -> list[str]:
    """One matching-form string per block, normalised in ONE OpenCC call (per-call conversion
    costs as much as reading the document)."""
    joined = norm(_SEP.join(" ".join(_block_texts(b)).replace(_SEP, " ") for b in blocks))
    parts = joined.split(_SEP)
    return parts if len(parts) == len(blocks) else [norm(" ".join(_block_texts(b))) for b in blocks]


def _normalised_zone(ctx, zone: str) -> list[str]:
    def compute():
        blocks = appendix_blocks(ctx.doc) if zone == "appendix" else ctx.doc.blocks
        return normalised_blocks(blocks)
    return ctx.cached(f"norm_blocks:{zone}", compute)


@kind("required_mentions")
def required_mentions(ctx):
    """Materials a report must name (its 附件 list or text), e.g. Shanghai's 附表1
    咨询服务机构基本情况表 or, for acceptance, the 绩效表 and 企业自我声明 (seed 003 附表2).

    A report can only show that it REFERS to a material; the material itself is checked in the
    archive (附表2). params: ``items`` [{``id`` (Z-n), ``name``, ``aliases``, ``where`` (appendix |
    anywhere, default anywhere)}]; ``applies_if_field`` (a field spec: the rule applies only when
    the field has a value — e.g. a consultancy is named); ``exempt_if_text`` (regex).
    """
    condition = ctx.params.get("applies_if_field")
    if condition:
        values = [fv for fv in field_values(ctx, condition, list(condition.get("labels", [])))
                  if not is_blank(fv.value) and not is_placeholder(fv.value)]
        if not values:
            return
    if ctx.params.get("exempt_if_text") and _exempt(ctx, {"exempt_if_text": ctx.params["exempt_if_text"]}):
        return
    for item in ctx.params.get("items", []):
        aliases = [norm(a) for a in [item["name"]] + list(item.get("aliases", []))]
        where = item.get("where", "anywhere")
        texts = _normalised_zone(ctx, "appendix" if where == "appendix" else "anywhere")
        if any(a in t for t in texts for a in aliases):
            continue
        place = "附件清单" if where == "appendix" else "报告正文及附件清单"
        yield ctx.finding(f"{place}中未提及「{item['name']}」（{item['id']}）", target_id=item["id"], target=item["name"],
                          evidence=f"查找：{'、'.join([item['name']] + list(item.get('aliases', [])))}；均未出现",
                          suggestion=f"请在报告附件中附上「{item['name']}」，或在附件清单中注明已另行提交。")
