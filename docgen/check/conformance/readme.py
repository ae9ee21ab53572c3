"""samples/conformance/README.md: what the suite is, how to rebuild it, coverage per pack and the
rules not yet covered (written by ``python -m docgen.check.conformance build``)."""

from __future__ import annotations

from docgen.check.conformance import suite

HEAD = """# 检查器一致性测试集（conformance suite）

引擎自己渲染的样例报告，按不同咨询机构的写法改排（variant），每份最多植入**一个**缺陷（defect），
并附手工写出的预期结果 `<name>.expected.yaml`：

```yaml
profile: shanghai-evaluation        # 用哪个规则包检查
base_sample: samples/audit-….yaml   # 渲染的样例数据
kind: evaluation | acceptance
variant: heading-styles | bold-headings | outline-levels | auto-numbering | naming-family | extra-chapter | traditional
defect: missing-t1 | null
expected: [{rule, target_id, status, severity}]   # 严重程度为 error/warning 的全部结果（多重集合）
note: 如何手工得出预期
```

比较规则：检查结果中严重程度为 error 或 warning 的条目（rule, target_id, status, severity）须与 `expected`
完全一致（含重复次数）；info 条目忽略，除非 `expected` 列出了该规则。

- 重新生成（逐字节确定）：`python -m docgen.check.conformance build`
- 运行并列出偏差（有偏差时退出码 1）：`python -m docgen.check.conformance run`
- 覆盖率：`python -m docgen.check.conformance coverage`
- 测试：`tests/check/test_conformance.py`（结果一致、重建逐字节一致、覆盖率、PDF 变体）。
  PDF 变体（`pdf`）在测试时用 LibreOffice 生成到缓存目录，不提交；缺少 LibreOffice 时测试失败，
  除非设置 `DOCGEN_ALLOW_NO_LIBREOFFICE=1`。

生成器代码：`docgen/check/conformance/`（`variants.py` 改排，`defects.py` 缺陷及预期，`suite.py` 目录与运行）。
"""

BEHAVIOUR = """
## 检查器行为记录（已写入预期，供规则维护者判断）

1. **FLD-002 不再重复报告封面企业名称**（`cover-name-blank`、`cover-name-xxx`）：FLD-002 的
   `F-enterprise-name` 只读封二的“单位名称”，封面的“企业名称（盖章）”由 FLD-001 负责（此前两条规则对同一缺陷各报一条 error，已修正）。
2. **删除的一级章不再被仅相似的二级小节顶替**（`acceptance-missing-ac4`）：删去“第四章 清洁生产绩效”后，
   第三章下的小节「3.3 方案实施绩效汇总」与别名相似度 86，但低一级标题只在别名完全相同或结尾相同时才算作该章，
   因此报 error“缺少章节”（此前只给 info，已修正）。删去“清洁生产水平评价”时，若有二级小节与别名完全相同，
   仍报 warning“不是一级标题”，由专家判断。
3. **顺序错误的章不作为表格位置的比较基准**（`chapters-out-of-order`）：S5 顺序错误后在章节匹配中无标题，
   TBL-019–021 不再检查位置，只有 S4 的表报位置警告（按设计：缺少比较基准时不归咎于表格）。
"""


def render(table) -> str:
    lines = [HEAD, "\n## 覆盖率（有失败文档且有通过文档的规则 / 规则总数）\n"]
    summary = suite.coverage_summary(table)
    for pack, (n, total) in summary.items():
        lines.append(f"- `{pack}`：{n}/{total}")
    lines.append("\n## 尚未覆盖（not yet covered）\n")
    any_missing = False
    for pack, rules in table.items():
        missing = [(code, v) for code, v in rules.items() if not (v["fail"] and v["pass"])]
        for code, v in missing:
            any_missing = True
            lack = "、".join(w for w, k in (("失败文档", "fail"), ("通过文档", "pass")) if not v[k])
            lines.append(f"- `{pack}` {code}：缺{lack}")
    if not any_missing:
        lines.append("（无）")
    lines.append(BEHAVIOUR)
    lines.append("## 文档\n")
    lines.append("| 文档 | 规则包 | 样例 | 改排 | 缺陷 | 预期 |")
    lines.append("|---|---|---|---|---|---|")
    for c in suite.cases():
        exp = "；".join(f"{e.rule} {e.target_id} {e.severity}" + ("" if e.status == "fail" else f"（{e.status}）")
                       for e in c.expected) or "无"
        lines.append(f"| {c.name} | {c.profile} | {c.sample} | {c.variant} | {c.defect.name if c.defect else '—'} | {exp} |")
    return "\n".join(lines) + "\n"


def write(table) -> None:
    (suite.SUITE_DIR / "README.md").write_text(render(table), encoding="utf-8")
