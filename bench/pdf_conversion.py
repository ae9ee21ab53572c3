"""Benchmark: DOCX → PDF with docgen.render.pdf on a realistic ~60-page Chinese audit report.

Not a test. Run:  .venv/bin/python bench/pdf_conversion.py [--n 3] [--docs 4]
Prints a Markdown block (date, machine, LibreOffice, results) for docs/benchmarks.md.

What it measures and why:
* per-document conversion time, median of n, with the TOC refresh on and off (notes/generation.md
  §4.2 measured +0.3–0.4 s for the refresh on 59 pages), plus PDF/A-2b and a one-line document
  (LibreOffice's fixed start-up cost);
* throughput of 2 parallel conversions vs 1 on the same documents in the same run (the notes found
  2 cold conversions in parallel took as long as one on 2 cores; target ≥ 1.6×);
* peak RSS of the largest process (soffice.bin), from ``RUSAGE_CHILDREN`` — grandchildren are
  folded into their parents' usage when reaped, and every level of the tree is waited for.

The document is written as raw WordprocessingML strings (the engine's own style rules: four explicit
``w:rFonts`` slots, zh-CN language, first-line indent in twips *and* chars, a real TOC field, headings
with outline levels, tables with repeated header rows) — 7 chapters, 18 sections, ~126 paragraphs,
30 tables of 10–50 rows × 6 columns, like the document measured in the notes (59 pages).
Before each sample the script waits (≤ 60 s) for the CPU to be ≥ 60 % idle, since other jobs may
share the machine, and reports the idle share it saw.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from docgen.render.pdf import convert_many, convert_to_pdf, font_set, libreoffice_version  # noqa: E402

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CHAPTERS = [
    ("一、企业基本情况", ["（一）企业概况", "（二）生产工艺", "（三）主要设备"]),
    ("二、审核准备", ["（一）审核小组", "（二）审核计划"]),
    ("三、预审核", ["（一）资源能源消耗", "（二）污染物产生与排放", "（三）审核重点确定"]),
    ("四、审核", ["（一）物料平衡", "（二）水平衡", "（三）能量平衡"]),
    ("五、方案的产生和筛选", ["（一）无低费方案", "（二）中高费方案"]),
    ("六、方案的确定与实施", ["（一）可行性分析", "（二）实施效果"]),
    ("七、持续清洁生产", ["（一）组织机构", "（二）管理制度", "（三）持续改进计划"]),
]
SENTENCES = [
    "企业依据《中华人民共和国清洁生产促进法》和《清洁生产审核办法》开展本轮清洁生产审核工作。",
    "审核小组对全厂原辅材料、能源、水资源的消耗情况进行了现场调查和数据核实。",
    "2021年至2023年企业综合能耗分别为1,234.5吨标准煤、1,198.2吨标准煤和1,156.8吨标准煤，呈逐年下降趋势。",
    "电镀生产线的清洗用水量占全厂用水总量的百分之六十以上，是节水潜力最大的环节。",
    "通过物料平衡测试发现，镀液带出损失约占镍投加量的百分之八，回收利用具有明显的经济效益。",
    "审核小组结合行业清洁生产评价指标体系，对企业的清洁生产水平进行了对标分析。",
    "无低费方案以加强管理、优化操作为主，实施周期短、投入少、见效快。",
    "中高费方案经技术、环境和经济可行性分析后，确定逐项实施并纳入企业年度投资计划。",
    "方案实施后，预计每年可节约用水约两万吨，减少危险废物产生量约十五吨。",
    "企业将清洁生产纳入日常管理体系，建立持续清洁生产的长效机制。",
]
MATERIALS = ["硫酸镍", "氯化镍", "硼酸", "氰化亚铜", "铬酐", "盐酸", "液碱", "活性炭", "电能", "新鲜水"]
COLUMNS = ["序号", "名称", "单位", "2021年", "2022年", "2023年"]


# --------------------------------------------------------------------------- raw OOXML


def rfonts(east: str) -> str:
    return f'<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{east}" w:cs="Times New Roman"/>'


def para(text: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def field_para(instr: str, cached: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return (
        f'<w:p>{ppr}<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(instr)} </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{escape(cached)}</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )


def table(number: str, title: str, rows: int, seed: int) -> str:
    widths = [700, 2600, 900, 1600, 1600, 1600]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)

    def cell(text: str, width: int) -> str:
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{para(text, "TableText")}</w:tc>'

    header = '<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>' + "".join(cell(c, w) for c, w in zip(COLUMNS, widths)) + "</w:tr>"
    body = []
    for r in range(1, rows + 1):
        values = [f"{(seed * 7919 + r * 104729 + k * 1299709) % 100000 / 10:,.1f}" for k in range(3)]
        texts = [str(r), f"{MATERIALS[(seed + r) % len(MATERIALS)]}{r}", "吨", *values]
        body.append('<w:tr><w:trPr><w:cantSplit/></w:trPr>' + "".join(cell(t, w) for t, w in zip(texts, widths)) + "</w:tr>")
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    return (
        para(f"表 {number} {title}", "Caption")
        + f'<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders>'
        f'<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{header}{"".join(body)}</w:tbl>'
    )


def document_xml(paragraphs_per_section: int = 7) -> tuple[str, dict]:
    parts = [para("某某电镀有限公司", "Title"), para("清洁生产审核报告", "Title"), para("二〇二四年六月", "Subtitle")]
    parts.append('<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
                 '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>'
                 '</w:sectPr></w:pPr></w:p>')
    parts += [para("目  录", "TOCHeading"), field_para('TOC \\o "1-2" \\h \\z \\u', "目录（打开文件后请更新域）")]
    parts.append('<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
                 '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>'
                 '<w:pgNumType w:fmt="upperRoman" w:start="1"/></w:sectPr></w:pPr></w:p>')
    stats = {"paragraphs": 0, "tables": 0, "rows": 0, "chars": 0}
    table_no = 0
    for c, (chapter, sections) in enumerate(CHAPTERS, start=1):
        parts.append(para(chapter, "Heading1"))
        for s, section in enumerate(sections, start=1):
            parts.append(para(section, "Heading2"))
            for p in range(paragraphs_per_section):
                text = "".join(SENTENCES[(c * 7 + s * 3 + p + k) % len(SENTENCES)] for k in range(5))
                parts.append(para(text))
                stats["paragraphs"] += 1
                stats["chars"] += len(text)
            for _ in range(2 if table_no < 24 else 1):
                if table_no >= 30:
                    break
                table_no += 1
                rows = 10 + (table_no * 37) % 41
                parts.append(table(f"{c}-{table_no}", f"{section[3:]}统计表", rows, table_no))
                stats["tables"] += 1
                stats["rows"] += rows
    body_sect = (
        '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter1"/><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>'
        '<w:pgNumType w:fmt="decimal" w:start="1"/></w:sectPr>'
    )
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{"".join(parts)}{body_sect}</w:body></w:document>'
    return xml, stats


def styles_xml() -> str:
    def pstyle(sid: str, name: str, ppr: str, rpr: str, based: str = "Normal", extra: str = "") -> str:
        return (f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/><w:basedOn w:val="{based}"/>'
                f'<w:next w:val="Normal"/>{extra}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>')

    no_indent = '<w:ind w:firstLine="0" w:firstLineChars="0"/>'
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W_NS}">'
        f'<w:docDefaults><w:rPrDefault><w:rPr>{rfonts("宋体")}<w:sz w:val="24"/><w:szCs w:val="24"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:ind w:firstLine="480" w:firstLineChars="200"/><w:jc w:val="both"/></w:pPr></w:style>'
        + pstyle("Title", "Title", f'<w:jc w:val="center"/><w:spacing w:before="1200" w:after="600"/>{no_indent}',
                 f'{rfonts("方正小标宋简体")}<w:sz w:val="44"/>')
        + pstyle("Subtitle", "Subtitle", f'<w:jc w:val="center"/><w:spacing w:before="2400"/>{no_indent}', f'{rfonts("楷体")}<w:sz w:val="32"/>')
        + pstyle("TOCHeading", "TOC Heading", f'<w:jc w:val="center"/><w:spacing w:after="240"/>{no_indent}', f'{rfonts("黑体")}<w:sz w:val="32"/>')
        + pstyle("Heading1", "heading 1", f'<w:keepNext/><w:pageBreakBefore/><w:spacing w:before="240" w:after="240"/>{no_indent}<w:outlineLvl w:val="0"/>',
                 f'{rfonts("黑体")}<w:sz w:val="32"/>')
        + pstyle("Heading2", "heading 2", f'<w:keepNext/><w:spacing w:before="120" w:after="120"/>{no_indent}<w:outlineLvl w:val="1"/>',
                 f'{rfonts("楷体")}<w:sz w:val="28"/>')
        + pstyle("TOC1", "toc 1", f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8834"/></w:tabs>{no_indent}', "")
        + pstyle("TOC2", "toc 2", '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8834"/></w:tabs><w:ind w:left="480" w:firstLine="0" w:firstLineChars="0"/>', "")
        + pstyle("Caption", "caption", f'<w:keepNext/><w:jc w:val="center"/><w:spacing w:before="120" w:after="60"/>{no_indent}',
                 f'{rfonts("黑体")}<w:sz w:val="21"/>')
        + pstyle("TableText", "Table Text", f'<w:jc w:val="center"/><w:spacing w:line="240" w:lineRule="auto"/>{no_indent}',
                 f'{rfonts("宋体")}<w:sz w:val="21"/>')
        + pstyle("Footer", "footer", f'<w:jc w:val="center"/>{no_indent}', f'{rfonts("宋体")}<w:sz w:val="28"/>')
        + "</w:styles>"
    )


def footer_xml() -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="{W_NS}">'
            '<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
            '<w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>')


def write_report(path: Path) -> dict:
    document, stats = document_xml()
    ct = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{ct}.document.main+xml"/>'
            f'<Override PartName="/word/styles.xml" ContentType="{ct}.styles+xml"/>'
            f'<Override PartName="/word/settings.xml" ContentType="{ct}.settings+xml"/>'
            f'<Override PartName="/word/footer1.xml" ContentType="{ct}.footer+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{R_NS}/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/_rels/document.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rIdStyles" Type="{R_NS}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rIdSettings" Type="{R_NS}/settings" Target="settings.xml"/>'
            f'<Relationship Id="rIdFooter1" Type="{R_NS}/footer" Target="footer1.xml"/></Relationships>'
        ),
        "word/document.xml": document,
        "word/styles.xml": styles_xml(),
        "word/settings.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="{W_NS}"><w:updateFields w:val="true"/></w:settings>',
        "word/footer1.xml": footer_xml(),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in files.items():
            package.writestr(name, text)
    return stats


def write_one_line(path: Path) -> None:
    from docx import Document  # python-docx: the smallest valid package

    document = Document()
    document.add_paragraph("清洁生产审核报告")
    document.save(path)


# --------------------------------------------------------------------------- measuring


def cpu_idle(interval: float = 1.0) -> float:
    def snap() -> tuple[int, int]:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        return fields[3] + fields[4], sum(fields)

    idle1, total1 = snap()
    time.sleep(interval)
    idle2, total2 = snap()
    return (idle2 - idle1) / max(1, total2 - total1)


IDLE_SEEN: list[float] = []


def wait_for_idle(threshold: float = 0.6, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    idle = cpu_idle()
    while idle < threshold and time.monotonic() < deadline:
        idle = cpu_idle()
    IDLE_SEEN.append(idle)


def interleaved_runs(variants: dict[str, tuple[Path, dict]], out_dir: Path, n: int) -> dict[str, list]:
    """n rounds, each converting every variant once: load from other jobs on a shared machine
    then drifts into all variants alike instead of skewing the one measured during a busy spell."""
    results: dict[str, list] = {name: [] for name in variants}
    for i in range(n):
        for name, (docx, kw) in variants.items():
            wait_for_idle()
            results[name].append(convert_to_pdf(docx, out_dir / f"{name}-{i}.pdf", **kw))
    return results


def throughput(docs: list[Path], out_dir: Path, workers: int) -> float:
    wait_for_idle()
    started = time.monotonic()
    results = convert_many([(d, out_dir / f"w{workers}-{d.stem}.pdf") for d in docs], workers=workers)
    elapsed = time.monotonic() - started
    failed = [r for r in results if isinstance(r, Exception)]
    if failed:
        raise SystemExit(f"throughput run failed: {failed[0]}")
    return elapsed


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def fmt(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s (n={len(values)}; {min(values):.2f}–{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3, help="samples per single-document measurement")
    parser.add_argument("--docs", type=int, default=4, help="documents per throughput batch")
    parser.add_argument("--rounds", type=int, default=2, help="throughput rounds (1 worker, 2 workers alternating)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="docgen-bench-"))
    try:
        report = work / "report.docx"
        started = time.perf_counter()
        stats = write_report(report)
        build_seconds = time.perf_counter() - started
        tiny = work / "tiny.docx"
        write_one_line(tiny)
        out = work / "out"

        warm = convert_to_pdf(report, out / "warmup.pdf")  # fontconfig/page caches; not counted
        runs = interleaved_runs(
            {"toc": (report, {}), "notoc": (report, {"update_indexes": False}), "pdfa": (report, {"pdfa": True}), "tiny": (tiny, {})},
            out, args.n,
        )
        with_toc, without_toc, pdfa, one_line = runs["toc"], runs["notoc"], runs["pdfa"], runs["tiny"]

        docs = []
        for i in range(args.docs):
            copy = work / f"batch-{i}.docx"
            shutil.copyfile(report, copy)
            docs.append(copy)
        serial, parallel = [], []
        for _ in range(args.rounds):
            serial.append(throughput(docs, out, workers=1))
            parallel.append(throughput(docs, out, workers=2))
        ratio = statistics.median(serial) / statistics.median(parallel)
        peak_rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

        def step(results: list, name: str) -> str:
            values = [r.timings.get(name, 0.0) for r in results]
            return f"{statistics.median(values):.2f}"

        print(f"""### DOCX → PDF (`docgen.render.pdf`), {dt.date.today().isoformat()}

- Machine: {os.cpu_count()} cores (`nproc` {len(os.sched_getaffinity(0))}), {cpu_model()}, {platform.system()} {platform.release()}
- {libreoffice_version()}; Python {platform.python_version()} (driver: `/usr/bin/python3` + python3-uno)
- Fonts: {", ".join(f"{k}→{v}" for k, v in font_set().items())}
- Document: raw-OOXML report, {len(CHAPTERS)} chapters / {sum(len(s) for _, s in CHAPTERS)} sections, {stats["paragraphs"]} paragraphs
  ({stats["chars"]:,} characters), {stats["tables"]} tables ({stats["rows"]} data rows), TOC field, PAGE footer;
  {report.stat().st_size / 1024:.0f} KB DOCX built in {build_seconds * 1000:.0f} ms → **{warm.pages} PDF pages**
- CPU idle before samples: min {min(IDLE_SEEN):.0%}, median {statistics.median(IDLE_SEEN):.0%} (waited for ≥ 60 %)

| Conversion (fresh soffice + profile each time; variants interleaved) | wall time, median | soffice up | load | TOC refresh | export |
|---|---|---|---|---|---|
| {warm.pages} pages, TOC refreshed (default) | {fmt([r.seconds for r in with_toc])} | {step(with_toc, "start")} | {step(with_toc, "load")} | {step(with_toc, "indexes")} | {step(with_toc, "export")} |
| {warm.pages} pages, `update_indexes=False` | {fmt([r.seconds for r in without_toc])} | {step(without_toc, "start")} | {step(without_toc, "load")} | – | {step(without_toc, "export")} |
| {warm.pages} pages, PDF/A-2b, TOC refreshed | {fmt([r.seconds for r in pdfa])} | {step(pdfa, "start")} | {step(pdfa, "load")} | {step(pdfa, "indexes")} | {step(pdfa, "export")} |
| one-line document (fixed cost) | {fmt([r.seconds for r in one_line])} | {step(one_line, "start")} | {step(one_line, "load")} | {step(one_line, "indexes")} | {step(one_line, "export")} |

| Throughput, {args.docs} × {warm.pages}-page documents (n={args.rounds} rounds) | batch time, median | documents/s |
|---|---|---|
| `convert_many(workers=1)` | {statistics.median(serial):.2f} s ({", ".join(f"{v:.2f}" for v in serial)}) | {args.docs / statistics.median(serial):.2f} |
| `convert_many(workers=2)` | {statistics.median(parallel):.2f} s ({", ".join(f"{v:.2f}" for v in parallel)}) | {args.docs / statistics.median(parallel):.2f} |
| **speed-up 2 vs 1 worker** | **{ratio:.2f}×** (target ≥ 1.6×) | |

- Peak RSS of the largest process (soffice.bin, `RUSAGE_CHILDREN`): {peak_rss_mb:.0f} MB
""")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
