"""``seal_evidence``: is there a picture where the seal (公章) belongs? — evidence for a human, never proof.

Why: the cover carries "企业名称（盖章）" (domain.md §2.2) and Shanghai's archive list asks for the
final reports sealed by the enterprise and its consultancy (seed 003 附表2 items 11 and 22). A
checker cannot tell a scanned seal from a logo or a photo, nor see a seal stamped on paper after
printing, so this rule only reports what it sees, at three levels:

1. an image on the cover (``Image.hint == "cover"``: before the first heading, or PDF page 1) or,
   for ``where: signature``, near a 盖章/签字 line → **info** "有图片，可能为印章，请人工核实",
   with the image sizes (a company seal is a round stamp about 40 mm across — common practice,
   to verify; ``seal_size_mm`` gives the range that is called "尺寸与公章相符");
2. no image, but the seal place is marked — a seal box "（企业盖章处）", "企业名称（盖章）", "（公章）"
   (``seal_place_patterns``) → **info** "标有盖章位置，但未发现印章图片": the DOCX the engine renders
   is legitimately unsealed (the seal goes on the printed copy), so it must pass the round trip
   with zero errors and warnings; a human checks the paper or scanned copy;
3. neither an image nor a marked seal place → the rule's **severity** (warning in the national
   pack): nobody could tell where, or whether, the report was sealed.

``required_for`` (optional, words on the cover such as 终稿/报批稿): the seal is only required for
those versions (seed 003: 评估报告终稿、验收报告终稿); a cover naming none of them gives no finding.

params: ``where`` (cover | signature, default cover), ``seal_place_patterns`` (regexes),
``seal_size_mm`` ([min, max], default [25, 50]), ``required_for`` (list of cover words),
``who`` (Chinese, whose seal: 企业 / 企业和审核咨询机构; for messages).
"""

from __future__ import annotations

import re

from docgen.check.kinds import NotEvaluableRule, kind
from docgen.check.kinds.fields import zone_blocks
from docgen.read.model import Heading, Image, Paragraph, Table

DEFAULT_PLACE_PATTERNS = (r"盖章处", r"此处盖章", r"[（(]\s*(?:企业)?盖\s*章\s*[)）]", r"[（(]\s*公\s*章\s*[)）]", r"签章处")


def _texts(blocks) -> list[tuple[str, object]]:
    out = []
    for b in blocks:
        if isinstance(b, (Paragraph, Heading)):
            out.append((b.text, b.location))
        elif isinstance(b, Table):
            out.extend((c.text, b.location) for row in b.grid for c in row)
    return out


def _size(image: Image) -> str:
    if image.width_mm is None or image.height_mm is None:
        return "尺寸未知"
    return f"{image.width_mm:g}×{image.height_mm:g} mm"


def _seal_sized(image: Image, low: float, high: float) -> bool:
    w, h = image.width_mm, image.height_mm
    return w is not None and h is not None and low <= w <= high and low <= h <= high and abs(w - h) <= 0.2 * max(w, h)


@kind("seal_evidence")
def seal_evidence(ctx):
    where = ctx.params.get("where", "cover")
    if where not in ("cover", "signature"):
        raise NotEvaluableRule(f"规则参数错误：where 应为 cover 或 signature，而不是「{where}」")
    who = ctx.params.get("who", "企业")
    place_zh = "封面" if where == "cover" else "签章处"
    cover = zone_blocks(ctx, "cover")
    if not ctx.doc.blocks:
        raise NotEvaluableRule("文档没有可读的内容")
    required_for = list(ctx.params.get("required_for") or [])
    if required_for:
        cover_text = "".join(t for t, _ in _texts(cover)) + ctx.doc.properties.get("title", "")
        if not any(word in cover_text for word in required_for):
            return
    images = [i for i in ctx.doc.images if i.hint == where]
    low, high = (ctx.params.get("seal_size_mm") or [25, 50])[:2]
    if images:
        sized = [i for i in images if _seal_sized(i, float(low), float(high))]
        listing = "；".join(f"{i.name or '图片'}（{_size(i)}，第 {i.location.page or '?'} 页）" for i in images[:5])
        fit = f"其中 {len(sized)} 张尺寸与公章相符（{low}–{high} mm 近似圆形）" if sized else "尺寸均不像公章"
        yield ctx.finding(f"{place_zh}有图片，可能为{who}印章，请人工核实", severity="info", location=images[0].location,
                          evidence=f"{place_zh}图片 {len(images)} 张：{listing}；{fit}。图片内容无法自动识别，仅作人工核实的线索",
                          suggestion=f"请核对纸质件或扫描件上{who}印章是否清晰、与企业名称一致。")
        return
    patterns = [re.compile(p) for p in ctx.params.get("seal_place_patterns", DEFAULT_PLACE_PATTERNS)]
    blocks = cover if where == "cover" else ctx.doc.blocks
    marked = [(t, loc) for t, loc in _texts(blocks) if any(p.search(t) for p in patterns)]
    if marked:
        text, loc = marked[0]
        yield ctx.finding(f"{place_zh}标有盖章位置，但未发现{who}印章图片，请人工核实纸质件是否盖章", severity="info",
                          location=loc, evidence=f"盖章位置：「{text.strip()[:40]}」；{place_zh}图片 0 张",
                          suggestion=f"电子版未盖章属正常情况；提交终稿时请加盖{who}印章（或提交盖章扫描件）。")
        return
    yield ctx.finding(f"{place_zh}未发现印章图片（{who}盖章），也没有标出盖章位置",
                      location=cover[0].location if cover else None,
                      evidence=f"{place_zh}图片 0 张；未找到盖章标记（{'、'.join(p.pattern for p in patterns)}）",
                      suggestion=f"请在{place_zh}加盖{who}印章，或注明盖章位置（如“企业名称（盖章）”）。")
