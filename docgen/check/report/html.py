"""The HTML report: one self-contained page per document for a non-technical reviewer.

No scripts, fonts or images from outside (the page is mailed, archived and opened offline): a
verdict banner, the counts, the findings grouped by review point, and the document's outline —
its headings as a navigable list with anchors (``id="h0"`` …), each finding listed under the
heading it belongs to. Every finding links to its place in the outline and back. Human-only
output: integrations read JSON or SARIF.
"""

from __future__ import annotations

from html import escape

from docgen import __version__
from docgen.check.findings import SEVERITY_RANK, Finding
from docgen.check.report.labels import (
    VERDICT_MARK,
    VERDICT_ZH,
    category_zh,
    location_zh,
    place,
    severity_zh,
    target_zh,
    verdict_line,
)
from docgen.check.report.order import outline_index, sort_key

DOC_ANCHOR = "h-doc"

_CSS = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;color:#222;line-height:1.6}
main{max-width:960px;margin:0 auto;padding:0 1.2em 3em}
.banner{padding:1.2em 1.6em;color:#fff}
.banner h1{margin:0;font-size:1.8em}.banner p{margin:.3em 0 0}
.v-pass{background:#2e7d32}.v-fail{background:#c62828}.v-not_evaluable{background:#6d4c41}
table.counts{border-collapse:collapse;margin:1em 0}
table.counts td,table.counts th{border:1px solid #ccc;padding:.3em 1em;text-align:center}
.notes{color:#555;font-size:.95em}
h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
h3{font-size:1.05em;margin:1.2em 0 .4em}
ul.findings{list-style:none;padding-left:0;margin:.2em 0}
li.finding{border-left:5px solid #999;padding:.4em .8em;margin:.5em 0;background:#fafafa}
li.sev-error{border-color:#c62828}li.sev-warning{border-color:#ef6c00}li.sev-info{border-color:#1565c0}
li.st-not_evaluable{border-color:#6d4c41;border-left-style:dashed}li.waived{opacity:.65}
.badge{display:inline-block;font-size:.85em;padding:0 .5em;border-radius:3px;color:#fff;background:#999;margin-right:.4em}
.b-error{background:#c62828}.b-warning{background:#ef6c00}.b-info{background:#1565c0}.b-ne{background:#6d4c41}
.b-waived{background:#757575}
.meta{color:#555;font-size:.9em}
.outline .h{margin:.3em 0;padding:.1em .4em}
.outline .h.has{background:#fff3f3}
.outline .h .count{color:#c62828;font-size:.9em;margin-left:.5em}
.outline ul{margin:.1em 0 .4em 1.2em;padding:0;font-size:.92em}
footer{color:#888;font-size:.85em;margin-top:3em}
a{color:#1565c0}
"""


def _badges(f: Finding) -> str:
    if f.status == "not_evaluable":
        badge = '<span class="badge b-ne">无法审查</span>'
    else:
        badge = f'<span class="badge b-{escape(f.severity)}">{escape(severity_zh(f.severity))}</span>'
    if f.waived:
        badge += '<span class="badge b-waived">已豁免</span>'
    return badge


def _classes(f: Finding) -> str:
    return f"finding sev-{f.severity} st-{f.status}" + (" waived" if f.waived else "")


def _where(f: Finding, heading: str | None) -> str:
    """The heading as the reader sees it (with its number: 第一章 筹划和组织), then table/page."""
    if heading is None:
        return location_zh(f.location)
    return " · ".join(x for x in (heading, place(f.location)) if x)


def _finding_item(f: Finding, fid: str, anchor: str, heading: str | None) -> str:
    details = [(f"<div class=\"meta\">对象：{escape(target_zh(f))} · 类别：{escape(category_zh(f.category))} · "
               f"位置：<a href=\"#{anchor}\">{escape(_where(f, heading))}</a></div>")]
    if f.evidence:
        details.append(f"<div>依据：{escape(f.evidence)}</div>")
    if f.suggestion:
        details.append(f"<div>建议：{escape(f.suggestion)}</div>")
    if f.waived:
        waiver = f.waived
        by = "，".join(x for x in (waiver.get("by", ""), waiver.get("date", "")) if x)
        details.append(f"<div>豁免理由：{escape(waiver.get('justification', ''))}{'（' + escape(by) + '）' if by else ''}</div>")
    return (f'<li class="{_classes(f)}" id="{fid}">{_badges(f)}<b>{escape(f.rule)}</b> {escape(f.message)}'
            + "".join(details) + "</li>")


def _by_review_point(findings: list[tuple[str, Finding, str, str | None]]) -> str:
    groups: dict[str, list[tuple[str, Finding, str, str | None]]] = {}
    for item in findings:
        groups.setdefault(item[1].review_point, []).append(item)

    def worst(items):
        active = [f for _, f, _, _ in items if not f.waived]
        return -max((SEVERITY_RANK.get(f.severity, 0) + (f.status == "fail") * 3 for f in active), default=-1)

    out = []
    for point, items in sorted(groups.items(), key=lambda kv: worst(kv[1])):
        out.append(f"<h3>{escape(point)}</h3><ul class=\"findings\">")
        out += [_finding_item(f, fid, anchor, heading) for fid, f, anchor, heading in items]
        out.append("</ul>")
    return "\n".join(out)


def _outline(checked, placed: dict[str, list[tuple[str, Finding]]]) -> str:
    out = []
    nodes = [(DOC_ANCHOR, 1, "文档整体（未定位到具体章节）")] + [(e.anchor, e.level, e.text) for e in checked.outline]
    for anchor, level, text in nodes:
        items = placed.get(anchor, [])
        if anchor == DOC_ANCHOR and not items:
            continue
        active = [f for _, f in items if not f.waived]
        count = f'<span class="count">{len(active)} 个问题</span>' if active else ""
        out.append(f'<div class="h{" has" if items else ""}" id="{anchor}" style="margin-left:{(level - 1) * 1.5}em">'
                   f"{'<b>' if level == 1 else ''}{escape(text)}{'</b>' if level == 1 else ''}{count}")
        if items:
            out.append("<ul>" + "".join(
                f'<li>{_badges(f)}<a href="#{fid}">{escape(f.rule)} {escape(f.message)}</a></li>' for fid, f in items)
                + "</ul>")
        out.append("</div>")
    if not checked.outline:
        out.append("<p>未能读取文档的标题结构。</p>")
    return "\n".join(out)


def render_html(checked) -> str:
    """The page for one ``run.CheckedDocument``."""
    result = checked.result
    ordered = sorted(result.findings, key=lambda f: sort_key(f, checked.outline))
    items, placed = [], {}
    for n, f in enumerate(ordered):
        index = outline_index(f, checked.outline)
        entry = None if index is None else checked.outline[index]
        anchor = DOC_ANCHOR if entry is None else entry.anchor
        fid = f"f{n}"
        items.append((fid, f, anchor, None if entry is None else entry.text))
        placed.setdefault(anchor, []).append((fid, f))
    c = result.counts
    waived = sum(1 for f in result.findings if f.waived)
    profile = f"{result.profile.get('id')} {result.profile.get('version')}"
    notes = "".join(f"<p class=\"notes\">{escape(n)}</p>" for n in result.notes)
    body = _by_review_point(items) if items else "<p>未发现问题。</p>"
    name = result.file.replace("\\", "/").rsplit("/", 1)[-1]
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>审查结果：{escape(name)}</title>
<style>{_CSS}</style>
</head>
<body>
<header class="banner v-{escape(result.verdict)}">
<h1>{VERDICT_MARK.get(result.verdict, '')} {escape(VERDICT_ZH.get(result.verdict, result.verdict))}</h1>
<p>{escape(verdict_line(result))}</p>
<p>文件：{escape(result.file)}</p>
</header>
<main>
<table class="counts">
<tr><th>错误</th><th>警告</th><th>提示</th><th>无法审查</th><th>已豁免</th></tr>
<tr><td>{c.get('error', 0)}</td><td>{c.get('warning', 0)}</td><td>{c.get('info', 0)}</td><td>{c.get('not_evaluable', 0)}</td><td>{waived}</td></tr>
</table>
<p class="notes">规则包：{escape(profile)}。“错误”须整改后方可提交专家审查；“警告”需说明或整改；“提示”供参考；“无法审查”表示该项未能自动审查，须人工核对。</p>
{notes}
<section id="by-point">
<h2>问题清单（按审查要点）</h2>
{body}
</section>
<section id="outline" class="outline">
<h2>文档大纲与问题位置</h2>
{_outline(checked, placed)}
</section>
<footer>由 docgen {escape(__version__)} 生成 · 文件 SHA-256：{escape(result.sha256 or '—')}</footer>
</main>
</body>
</html>
"""
