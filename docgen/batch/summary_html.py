"""The batch summary page: one self-contained HTML file for the bureau's reviewers (people only).

No scripts or assets from outside (mailed, archived, opened offline — as the per-document page,
docgen.check.report.html): the verdict distribution, a bar chart (inline SVG) of how many
documents each rule fired on, the distribution per rule and per consultancy as tables, and the
documents that could not be evaluated with their reasons.
"""

from __future__ import annotations

from html import escape

from docgen.batch.summary import stage_zh
from docgen.check.report.labels import VERDICT_ZH, category_zh, severity_zh

CHART_RULES = 20          # bars in the chart (the table lists every rule)
_BAR_W, _ROW_H, _LABEL_W = 420, 22, 90

_CSS = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;color:#222;line-height:1.6}
main{max-width:1100px;margin:0 auto;padding:0 1.2em 3em}
header{background:#37474f;color:#fff;padding:1.2em 1.6em}header h1{margin:0;font-size:1.7em}
h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.8em 0;font-size:.95em}
td,th{border:1px solid #ccc;padding:.25em .7em;text-align:left;vertical-align:top}th{background:#eee}
td.n{text-align:right}
.v-pass{color:#2e7d32}.v-fail{color:#c62828}.v-not_evaluable{color:#6d4c41}
.meta{color:#666;font-size:.9em}
"""


def _share(n: int, total: int) -> str:
    return f"{n / total * 100:.1f}%" if total else "—"


def _chart(rules: list[dict], total: int) -> str:
    """Horizontal bars: documents each rule fired on, the most frequent first."""
    shown = rules[:CHART_RULES]
    if not shown:
        return "<p>本批文件未发现任何问题。</p>"
    height = _ROW_H * len(shown) + 10
    most = max(r["documents"] for r in shown)
    bars = []
    for i, rule in enumerate(shown):
        y = i * _ROW_H + 5
        width = max(1, round(rule["documents"] / most * _BAR_W))
        colour = {"error": "#c62828", "warning": "#ef6c00"}.get(rule.get("severity"), "#1565c0")
        bars.append(f'<text x="{_LABEL_W - 6}" y="{y + 15}" text-anchor="end" font-size="12">{escape(rule["rule"])}</text>'
                    f'<rect x="{_LABEL_W}" y="{y + 3}" width="{width}" height="{_ROW_H - 6}" fill="{colour}">'
                    f'<title>{escape(rule["rule"])} {escape(rule.get("title", ""))}：{rule["documents"]} 份</title></rect>'
                    f'<text x="{_LABEL_W + width + 5}" y="{y + 15}" font-size="12">{rule["documents"]} 份'
                    f'（{_share(rule["documents"], total)}）</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_LABEL_W + _BAR_W + 130}" height="{height}" '
            f'role="img" aria-label="各规则涉及的文件数">' + "".join(bars) + "</svg>")


def _rules_table(rules: list[dict], total: int) -> str:
    rows = "".join(f"<tr><td>{escape(r['rule'])}</td><td>{escape(r.get('title', ''))}</td>"
                   f"<td>{escape(category_zh(r.get('category', '')))}</td><td>{escape(severity_zh(r.get('severity', '')))}</td>"
                   f"<td class=\"n\">{r['documents']}</td><td class=\"n\">{_share(r['documents'], total)}</td>"
                   f"<td class=\"n\">{r['findings']}</td></tr>" for r in rules)
    return ("<table><tr><th>规则</th><th>标题</th><th>类别</th><th>严重程度</th><th>涉及文件数</th><th>占比</th>"
            f"<th>问题条数</th></tr>{rows}</table>")


def _firms_table(firms: list[dict]) -> str:
    rows = []
    for f in firms:
        common = "、".join(f"{escape(code)}（{n}）" for code, n in list(f["rules"].items())[:5])
        rows.append(f"<tr><td>{escape(f['name'])}</td><td class=\"n\">{f['documents']}</td>"
                    f"<td class=\"n\">{f.get('pass', 0)}</td><td class=\"n\">{f.get('fail', 0)}</td>"
                    f"<td class=\"n\">{f.get('not_evaluable', 0)}</td><td class=\"n\">{_share(f.get('pass', 0), f['documents'])}</td>"
                    f"<td class=\"n\">{f['error']}</td><td class=\"n\">{f['warning']}</td><td>{common}</td></tr>")
    return ("<table><tr><th>咨询机构</th><th>文件数</th><th>通过</th><th>未通过</th><th>无法审查</th><th>通过率</th>"
            f"<th>错误</th><th>警告</th><th>常见问题（涉及文件数）</th></tr>{''.join(rows)}</table>")


def _not_evaluable(documents: list[dict]) -> str:
    rows = [f"<tr><td>{escape(d['file'])}</td><td>{escape(d['top'][0]['message'] if d['top'] else '')}</td></tr>"
            for d in documents if d["verdict"] == "not_evaluable"]
    if not rows:
        return "<p>全部文件均已审查。</p>"
    return f"<table><tr><th>文件</th><th>原因</th></tr>{''.join(rows)}</table>"


def render_summary_html(summary: dict) -> str:
    total = summary["total"]
    v = summary["verdicts"]
    verdicts = "".join(f'<tr><td class="v-{k}">{escape(VERDICT_ZH[k])}</td><td class="n">{v.get(k, 0)}</td>'
                       f'<td class="n">{_share(v.get(k, 0), total)}</td></tr>' for k in ("pass", "fail", "not_evaluable"))
    stages = sorted({stage_zh(d["stage"]) for d in summary["documents"] if d["stage"]})
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>批量审查汇总（{total} 份）</title>
<style>{_CSS}</style>
</head>
<body>
<header><h1>批量审查汇总</h1><p>共 {total} 份报告 · {escape('、'.join(stages))}</p></header>
<main>
<h2>审查结论</h2>
<table><tr><th>结论</th><th>份数</th><th>占比</th></tr>{verdicts}</table>
<h2>各规则涉及的文件数</h2>
{_chart(summary["rules"], total)}
<h2>按规则分布</h2>
{_rules_table(summary["rules"], total)}
<h2>按咨询机构分布</h2>
{_firms_table(summary["consultancies"])}
<h2>无法审查的文件</h2>
{_not_evaluable(summary["documents"])}
<p class="meta">只统计未豁免的问题；“无法审查”的规则也计入该规则。由 docgen {escape(summary["engine_version"])} 于 {escape(summary["generated_at"])} 生成。</p>
</main>
</body>
</html>
"""
