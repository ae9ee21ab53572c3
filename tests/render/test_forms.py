"""The six forms over the three samples: they render, read back with an independent reader (lxml
over the package, python-docx to open it), carry the labels and the values of the data, leave no
template tags or placeholders, take their fonts from styles, and are byte-for-byte reproducible.

Expected values are computed here from the YAML itself (Decimal sums, dates written by hand), not
from the engine's derived figures, except where the test is about structure (which rows exist).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import pytest
import yaml
from lxml import etree

from docgen.derive import derive_figures
from docgen.load import load_audit
from docgen.render.docx import RenderError
from docgen.render.docxpkg import normalise_docx
from docgen.render.forms import FORMS, FormSpec, form_filename, render_form_docx
from docgen.render.forms.wording import (
    CAPABILITY_INSTRUCTION,
    CAPABILITY_STATEMENTS,
    ENTERPRISE_DECLARATION,
    PERFORMANCE_FOOTNOTE,
    PERFORMANCE_HEADERS,
    STAFF_HEADERS,
)
from docgen.render.template_build.build import TEMPLATES, build_template
from docgen.resources import templates_dir

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("audit-*.yaml"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FOOTNOTE = "注：经济效益是指节能降耗的经济效益与削减污染物排放的经济效益的加和。"
FORM_NAMES = sorted(FORMS)
A4 = ("11906", "16838")


# ─── an independent reader ───────────────────────────────────────────────────────────────────
def xml_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n.endswith(".xml")}


def root_of(data: bytes, part: str = "word/document.xml"):
    return etree.fromstring(xml_parts(data)[part])


def ptext(p) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def paragraphs(data: bytes) -> list[str]:
    return [ptext(p) for p in root_of(data).iter(f"{W}p")]


def full_text(data: bytes) -> str:
    return "\n".join(paragraphs(data))


def tables(data: bytes) -> list[list[list[str]]]:
    """Every table as rows of cell texts (a cell's paragraphs joined by newlines)."""
    result = []
    for tbl in root_of(data).iter(f"{W}tbl"):
        rows = []
        for tr in tbl.findall(f"{W}tr"):
            rows.append(["\n".join(ptext(p) for p in tc.findall(f"{W}p")) for tc in tr.findall(f"{W}tc")])
        result.append(rows)
    return result


def value_of(data: bytes, label: str) -> str:
    """The cell right of the label cell ``label`` (first occurrence)."""
    for table in tables(data):
        for row in table:
            for i, cell in enumerate(row[:-1]):
                if cell == label:
                    return row[i + 1]
    raise AssertionError(f"没有标签「{label}」")


def table_with_header(data: bytes, header: tuple[str, ...]) -> list[list[str]]:
    for table in tables(data):
        for i, row in enumerate(table):
            if tuple(row) == header:
                return table[i:]
    raise AssertionError(f"没有表头 {header}")


def cn_date(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def d(value) -> Decimal:
    return Decimal(str(value))


def money(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def same_number(printed: str, expected) -> bool:
    """``printed`` equals ``expected`` rounded (half up) to the decimals printed."""
    places = len(printed.split(".")[1]) if "." in printed else 0
    return Decimal(printed) == d(expected).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


# ─── fixtures ────────────────────────────────────────────────────────────────────────────────
class Sample:
    def __init__(self, path: Path):
        self.path = path
        result = load_audit(path)
        assert result.ok, [str(p) for p in result.errors]
        self.audit = result.audit
        self.raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.figures = derive_figures(self.audit)
        self._rendered: dict[str, bytes] = {}

    def render(self, name: str) -> bytes:
        if name not in self._rendered:
            self._rendered[name] = render_form_docx(self.audit, name, figures=self.figures)
        return self._rendered[name]


@pytest.fixture(scope="module", params=SAMPLES, ids=lambda p: p.stem)
def sample(request) -> Sample:
    return Sample(request.param)


@pytest.fixture(scope="module")
def shanghai() -> Sample:
    return Sample(ROOT / "samples" / "audit-shanghai-fine-chemical.yaml")


def test_samples_and_forms_exist():
    assert len(SAMPLES) == 3
    assert set(FORMS) == {"form-consultancy", "form-evaluation-application", "form-acceptance-application",
                          "form-performance", "form-self-declaration", "form-work-plan"}


# ─── every form × every sample ───────────────────────────────────────────────────────────────
@pytest.mark.parametrize("name", FORM_NAMES)
def test_renders_a_valid_a4_portrait_document(sample, name):
    data = sample.render(name)
    document = docx.Document(io.BytesIO(data))  # python-docx opens it
    assert document.paragraphs
    for sect in root_of(data).iter(f"{W}sectPr"):
        size = sect.find(f"{W}pgSz")
        assert (size.get(f"{W}w"), size.get(f"{W}h")) == A4 and size.get(f"{W}orient") is None
    assert sample.audit.enterprise.name in full_text(data) or name == "form-consultancy"
    header = "".join(ptext(p) for p in root_of(data, "word/header1.xml").iter(f"{W}p"))
    assert header == f"{sample.audit.enterprise.name}清洁生产审核"


@pytest.mark.parametrize("name", FORM_NAMES)
def test_no_template_tags_or_placeholders_left(sample, name):
    for part, xml in xml_parts(sample.render(name)).items():
        text = xml.decode("utf-8")
        for bad in ("{{", "}}", "{%", "%}", "{#"):
            assert bad not in text, f"{name} {part}: 残留模板标签 {bad}"
        words = "".join(t.text or "" for t in etree.fromstring(xml).iter(f"{W}t"))
        for bad in ("XXX", "xxx", "待", "None", "nan", "\ue000", "\ue001"):
            assert bad not in words, f"{name} {part}: 残留占位文字 {bad!r}"


@pytest.mark.parametrize("name", FORM_NAMES)
def test_rendering_twice_gives_identical_bytes(sample, name):
    first = sample.render(name)
    again = render_form_docx(sample.audit, name)  # fresh figures, fresh template read
    assert again == first
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = zf.read("docProps/core.xml").decode()
    assert f"<dc:title>{sample.audit.enterprise.name}{FORMS[name].title}</dc:title>" in core


def _style_chain(styles, style_id: str):
    by_id = {s.get(f"{W}styleId"): s for s in styles.iter(f"{W}style")}
    seen = []
    while style_id and style_id in by_id and style_id not in seen:
        seen.append(style_id)
        based = by_id[style_id].find(f"{W}basedOn")
        style_id = based.get(f"{W}val") if based is not None else None
    return [by_id[s] for s in seen]


@pytest.mark.parametrize("name", FORM_NAMES)
def test_east_asian_fonts_come_from_styles(sample, name):
    data = sample.render(name)
    parts = xml_parts(data)
    styles = etree.fromstring(parts["word/styles.xml"])
    document = root_of(data)
    # no theme fonts anywhere, no direct fonts in the body
    for part in ("word/styles.xml", "word/document.xml", "word/header1.xml", "word/footer1.xml"):
        assert b"Theme" not in parts[part], f"{part} 使用了主题字体"
    assert not list(document.iter(f"{W}rFonts")), "正文中不应直接设置字体"
    used = {e.get(f"{W}val") for e in document.iter(f"{W}pStyle")}
    assert {"CoverTitle", "TableText", "TableHeader"} & used
    for style_id in used:
        chain = _style_chain(styles, style_id)
        assert chain, f"未定义的样式 {style_id}"
        fonts = [s.find(f"{W}rPr/{W}rFonts") for s in chain]
        east = next((f.get(f"{W}eastAsia") for f in fonts if f is not None and f.get(f"{W}eastAsia")), None)
        assert east in {"仿宋", "黑体", "宋体", "楷体"}, f"样式 {style_id} 没有设置中文字体（w:eastAsia）"
    assert {e.get(f"{W}val") for e in document.iter(f"{W}tblStyle")} <= {"DocgenTable"}
    title = _style_chain(styles, "CoverTitle")[0].find(f"{W}rPr/{W}rFonts")
    assert title.get(f"{W}eastAsia") == "黑体"


@pytest.mark.parametrize("name", FORM_NAMES)
def test_every_form_marks_a_place_for_the_seal(sample, name):
    text = full_text(sample.render(name))
    assert "（盖章）" in text or "盖章：" in text


# ─── API ─────────────────────────────────────────────────────────────────────────────────────
def test_form_specs_and_filenames(shanghai):
    assert all(isinstance(s, FormSpec) and s.name == n for n, s in FORMS.items())
    assert FORMS["form-consultancy"].profiles == ("shanghai",)
    assert FORMS["form-consultancy"].applies_to("shanghai") and not FORMS["form-consultancy"].applies_to("national")
    assert FORMS["form-performance"].applies_to("national")
    name = shanghai.audit.enterprise.name
    assert form_filename(shanghai.audit, "form-consultancy") == "附表1_咨询服务机构基本情况表.docx"
    assert form_filename(shanghai.audit, "form-performance") == f"{name}清洁生产审核绩效表.docx"
    assert form_filename(shanghai.audit, "form-evaluation-application") == f"{name}清洁生产审核评估申请表.docx"
    assert form_filename(shanghai.audit, "form-acceptance-application") == f"{name}清洁生产审核验收申请表.docx"
    assert form_filename(shanghai.audit, "form-self-declaration") == f"{name}企业自我声明.docx"
    assert form_filename(shanghai.audit, "form-work-plan") == f"{name}清洁生产审核工作计划.docx"
    odd = shanghai.audit.model_copy(update={"enterprise": shanghai.audit.enterprise.model_copy(update={"name": "甲/乙:公司"})})
    assert form_filename(odd, "form-performance") == "甲_乙_公司清洁生产审核绩效表.docx"


def test_unknown_form_is_a_render_error(shanghai):
    with pytest.raises(RenderError, match="没有名为「form-nope」的表格"):
        render_form_docx(shanghai.audit, "form-nope")


def test_missing_consultancy_raises_a_clear_error(shanghai):
    audit = shanghai.audit.model_copy(update={"consultancy": None})
    with pytest.raises(RenderError) as info:
        render_form_docx(audit, "form-consultancy")
    assert "附表1需要咨询机构信息（consultancy），数据文件中没有" in str(info.value)
    # the other forms read "企业自行审核" instead
    text = full_text(render_form_docx(audit, "form-evaluation-application"))
    assert "企业自行审核" in text and "企业自行开展清洁生产审核的技术能力证明材料" in text


@pytest.mark.parametrize("name", ["form-acceptance-application", "form-performance", "form-self-declaration"])
def test_acceptance_forms_need_post_audit_data(shanghai, name):
    audit = shanghai.audit.model_copy(update={"post_audit": None})
    with pytest.raises(RenderError, match=r"需要方案实施后的数据（post_audit"):
        render_form_docx(audit, name)


def test_other_missing_fields_are_named(shanghai):
    a = shanghai.audit
    tl = a.audit.timeline.model_copy(update={"started": None, "evaluation_result": None})
    audit = a.model_copy(update={"audit": a.audit.model_copy(update={"timeline": tl}),
                                 "report": a.report.model_copy(update={"acceptance_report_date": None})})
    with pytest.raises(RenderError, match=r"audit\.timeline\.started"):
        render_form_docx(audit, "form-evaluation-application")
    with pytest.raises(RenderError, match=r"audit\.timeline\.evaluation_result"):
        render_form_docx(audit, "form-acceptance-application")
    with pytest.raises(RenderError, match=r"report\.acceptance_report_date"):
        render_form_docx(audit, "form-self-declaration")


def test_dates_not_yet_known_are_blank_lines_for_handwriting(shanghai):
    a = shanghai.audit
    tl = a.audit.timeline.model_copy(update={"acceptance_applied": None, "acceptance_onsite": None,
                                             "acceptance_result_date": None})
    audit = a.model_copy(update={"audit": a.audit.model_copy(update={"timeline": tl})})
    assert value_of(render_form_docx(audit, "form-acceptance-application"), "申请验收时间") == "　　　　年　　月　　日"
    assert value_of(render_form_docx(audit, "form-performance"), "验收时间") == "　　　　年　　月　　日"


def test_consultancy_form_renders_for_a_national_audit_from_the_shanghai_template(sample):
    """附表1 ships in templates/shanghai/; a national audit still gets it (the pipeline decides whether
    to produce it with FormSpec.applies_to)."""
    assert "咨询服务机构基本情况表" in full_text(sample.render("form-consultancy"))
    assert templates_dir().joinpath("shanghai", "form-consultancy.docx").is_file()
    assert not templates_dir().joinpath("national", "form-consultancy.docx").is_file()


def test_a_custom_template_directory_wins(shanghai, tmp_path):
    template = build_template("national/form-self-declaration.docx")
    document = xml_parts(template)["word/document.xml"].replace("企业自我声明".encode(), "承诺书".encode())
    (tmp_path / "form-self-declaration.docx").write_bytes(normalise_docx(template, None, {"word/document.xml": document}))
    text = full_text(render_form_docx(shanghai.audit, "form-self-declaration", template_dir=tmp_path))
    assert "承诺书" in text and "企业自我声明" not in text


@pytest.mark.parametrize("name", sorted(n for n in TEMPLATES if "/form-" in n))
def test_committed_form_templates_equal_builder_output(name):
    assert templates_dir().joinpath(name).read_bytes() == build_template(name)


# ─── 附表1 咨询服务机构基本情况表 ────────────────────────────────────────────────────────────
SEED_LABELS = ("附表1", "咨询服务机构基本情况表", "以下内容由审核咨询服务机构填写", "机构名称（盖章）", "成立时间",
               "法定代表人", "注册资本", "机构性质", "固定资产", "工作场所面积", "地址", "邮编", "联系人",
               "固定电话/手机", "E-mail", "技术负责人", "机构技术能力符合情况", "以下内容符合的打✓，不符合的打✗",
               "实施本项目清洁生产审核人员情况", "以下内容由企业填写", "企业名称", "联系人和联系方式",
               "经办人签字：", "企业盖章：")


def _staff_rows(data: bytes) -> list[list[str]]:
    rows = table_with_header(data, STAFF_HEADERS)[1:]
    end = next(i for i, r in enumerate(rows) if r[0] == "以下内容由企业填写")
    return rows[:end]


def _tick_of(data: bytes, statement: str) -> str:
    for table in tables(data):
        for row in table:
            if statement in row:
                return row[-1]
    raise AssertionError(statement)


def test_consultancy_form_layout_and_values(sample):
    data = sample.render("form-consultancy")
    text = full_text(data)
    for label in SEED_LABELS:
        assert label in text, label
    assert text.count("固定电话/手机") == 2 and text.count("E-mail") == 2
    c = sample.raw["consultancy"]
    assert value_of(data, "机构名称（盖章）") == c["name"]
    assert value_of(data, "成立时间") == cn_date(c["founded"])
    assert value_of(data, "注册资本") == f"{c['registered_capital']}万元"
    assert value_of(data, "法定代表人") == c["legal_representative"]
    assert value_of(data, "邮编") == c["postcode"]
    assert value_of(data, "技术负责人") == c["technical_lead"]["name"]
    staff = _staff_rows(data)
    assert len(staff) == len(c["staff"])
    for i, (row, person) in enumerate(zip(staff, c["staff"]), 1):
        assert row[:3] == [str(i), person["name"], str(person["age"])]
        assert row[6:9] == [person["certificate_name"], person["certificate_no"], f"{person['audit_since']}年至今"]
        assert row[9] == person["achievements"]
    for key, statement in CAPABILITY_STATEMENTS:
        assert _tick_of(data, statement) == ("✓" if c["capabilities"][key] else "✗")
    e = sample.raw["enterprise"]
    assert value_of(data, "企业名称") == e["name"]
    assert value_of(data, "联系人和联系方式").startswith(e["contacts"][0]["name"])
    for sentence in ENTERPRISE_DECLARATION:
        assert sentence in text
    assert re.search(r"时间：\s+年\s+月\s+日", text)


def test_consultancy_form_instruction_and_statements_are_verbatim():
    assert CAPABILITY_INSTRUCTION == "以下内容符合的打✓，不符合的打✗"
    assert [s for _, s in CAPABILITY_STATEMENTS] == [
        "具有独立法人资格，具备为企业清洁生产审核提供公平、公正和高效率服务的质量保证体系和管理制度。",
        "具备开展清洁生产审核物料平衡测试、能量和水平衡测试的基本检测分析器具、设备或手段。",
        "拥有熟悉相关行业生产工艺、技术规程和节能、节水、污染防治管理要求的技术人员。",
        "拥有掌握清洁生产审核方法并具有清洁生产审核咨询经验的技术人员。",
    ]
    assert ENTERPRISE_DECLARATION == ("公司已了解并知晓国家规定的清洁生产审核咨询服务机构应具备的技术能力和要求。",
                                      "公司确认审核咨询服务机构所填写的基本情况属实。")


def test_consultancy_form_ticks_follow_the_booleans(shanghai):
    c = shanghai.audit.consultancy
    caps = c.capabilities.model_copy(update={"testing_equipment": False})
    audit = shanghai.audit.model_copy(update={"consultancy": c.model_copy(update={"capabilities": caps})})
    data = render_form_docx(audit, "form-consultancy")
    ticks = [_tick_of(data, s) for _, s in CAPABILITY_STATEMENTS]
    assert ticks == ["✓", "✗", "✓", "✓"]


def test_consultancy_form_capability_label_spans_the_statement_rows(shanghai):
    document = root_of(shanghai.render("form-consultancy"))
    merges = [tc.find(f"{W}tcPr/{W}vMerge") for tc in document.iter(f"{W}tc")]
    restarts = [m for m in merges if m is not None and m.get(f"{W}val") == "restart"]
    continues = [m for m in merges if m is not None and m.get(f"{W}val") is None]
    assert len(restarts) == 1 and len(continues) == 4


# ─── 清洁生产审核评估申请表 ──────────────────────────────────────────────────────────────────
def test_evaluation_application(sample):
    data = sample.render("form-evaluation-application")
    text = full_text(data)
    for label in ("清洁生产审核评估申请表", "企业名称", "统一社会信用代码", "地址", "所属行业", "法定代表人", "联系人及电话",
                  "审核类型", "审核咨询机构", "审核启动时间", "审核重点", "清洁生产目标", "清洁生产方案", "方案投资",
                  "申请评估时间", "申请材料", "企业意见", "受理意见", "法定代表人（签字）：", "企业（盖章）：", "受理部门（盖章）："):
        assert label in text, label
    raw = sample.raw
    assert value_of(data, "统一社会信用代码") == raw["enterprise"]["credit_code"]
    assert value_of(data, "所属行业") == f"{raw['enterprise']['industry']['name']}（{raw['enterprise']['industry']['code']}）"
    kind = value_of(data, "审核类型")
    mandatory = raw["audit"]["type"] == "强制性"
    assert kind.startswith("☑强制性" if mandatory else "☐强制性") and kind.endswith("☐自愿性" if mandatory else "☑自愿性")
    for reason in ("双超", "双有", "高耗能"):
        assert (f"☑{reason}" in kind) == (reason in raw["audit"]["mandatory_reasons"])
    assert value_of(data, "审核启动时间") == cn_date(raw["audit"]["timeline"]["started"])
    assert value_of(data, "申请评估时间") == cn_date(raw["audit"]["timeline"]["evaluation_applied"])
    schemes = raw["schemes"]
    low = [s for s in schemes if s["cost_class"].replace("/", "") == "无低费"]
    high = [s for s in schemes if s["cost_class"].replace("/", "") == "中高费"]
    assert f"共 {len(schemes)} 项，其中无/低费方案 {len(low)} 项" in value_of(data, "清洁生产方案")
    assert f"中/高费方案 {len(high)} 项" in value_of(data, "清洁生产方案")
    invest = value_of(data, "方案投资")
    assert f"无/低费方案 {money(sum(d(s['investment']) for s in low))} 万元" in invest
    assert f"合计 {money(sum(d(s['investment']) for s in schemes))} 万元" in invest
    targets = value_of(data, "清洁生产目标").split("\n")
    assert len(targets) == len(raw["targets"])
    for line, t in zip(targets, raw["targets"]):
        assert t["indicator"] in line and t["direction"] in line


# ─── 清洁生产审核验收申请表 ──────────────────────────────────────────────────────────────────
def test_acceptance_application(sample):
    data = sample.render("form-acceptance-application")
    text = full_text(data)
    for label in ("清洁生产审核验收申请表", "评估时间", "评估结论", "无/低费方案", "中/高费方案", "目标完成情况", "主要绩效",
                  "审核后统计期", "申请验收时间", "申请材料", "企业意见", "受理意见", "企业（盖章）："):
        assert label in text, label
    raw, tl = sample.raw, sample.raw["audit"]["timeline"]
    assert value_of(data, "评估时间") == cn_date(tl.get("evaluation_onsite") or tl["evaluation_result_date"])
    assert value_of(data, "评估结论") == tl["evaluation_result"]
    assert value_of(data, "申请验收时间") == cn_date(tl["acceptance_applied"])
    assert value_of(data, "审核后统计期") == raw["post_audit"]["period"]
    high = [s for s in raw["schemes"] if s["cost_class"].replace("/", "") == "中高费"]
    cell = value_of(data, "中/高费方案")
    assert len(cell.split("\n")) == 1 + len(high)
    for s in high:
        assert f"{s['id']} {s['name']}" in cell
    actual = sum(d(s.get("actual_investment", s["investment"])) for s in high if s["status"] == "已实施")
    assert f"实际投资 {money(actual)} 万元" in cell
    targets = value_of(data, "目标完成情况")
    assert targets.startswith(f"清洁生产目标共 {len(raw['targets'])} 项")
    assert len(targets.split("\n")) == 1 + len(raw["targets"])
    post = raw["post_audit"]
    benefit = d(post["economic_benefit_energy"]) + d(post["economic_benefit_pollution"])
    assert f"经济效益：{money(benefit)} 万元/a" in value_of(data, "主要绩效")
    opinions = raw.get("evaluation_opinions") or []
    assert (f"评估提出意见 {len(opinions)} 条" in text) == bool(opinions)


# ─── 清洁生产审核绩效表 ──────────────────────────────────────────────────────────────────────
STATS_HEADER = ("方案类别", "提出数量（项）", "实施数量（项）", "投资（万元）", "经济效益（万元/a）")


def _implemented_sums(schemes) -> tuple[int, Decimal, Decimal]:
    done = [s for s in schemes if s["status"] == "已实施"]
    invest = sum((d(s.get("actual_investment", s["investment"])) for s in done), Decimal(0))
    benefit = sum((d(s.get("actual_economic_benefit", s["expected_economic_benefit"])) for s in done), Decimal(0))
    return len(done), invest, benefit


def test_performance_header_and_scheme_statistics(sample):
    data = sample.render("form-performance")
    text = full_text(data)
    for label in ("清洁生产审核绩效表", "企业名称", "所属行业", "审核类型", "审核起止时间", "评估时间", "验收时间", "咨询机构",
                  "方案实施统计", "清洁生产绩效指标", "企业（盖章）："):
        assert label in text, label
    raw, tl = sample.raw, sample.raw["audit"]["timeline"]
    assert value_of(data, "企业名称") == raw["enterprise"]["name"]
    assert value_of(data, "咨询机构") == raw["consultancy"]["name"]
    assert value_of(data, "审核起止时间") == f"{cn_date(tl['started'])}—{cn_date(tl['acceptance_applied'])}"
    assert value_of(data, "验收时间") == cn_date(tl.get("acceptance_onsite") or tl["acceptance_result_date"])
    stats = table_with_header(data, STATS_HEADER)
    by_label = {row[0]: row for row in stats[1:]}
    low = [s for s in raw["schemes"] if s["cost_class"].replace("/", "") == "无低费"]
    high = [s for s in raw["schemes"] if s["cost_class"].replace("/", "") == "中高费"]
    totals = [0, 0, Decimal(0), Decimal(0)]
    for label, group in (("无/低费方案", low), ("中/高费方案", high)):
        count, invest, benefit = _implemented_sums(group)
        assert by_label[label][1:] == [str(len(group)), str(count), money(invest), money(benefit)]
        totals = [totals[0] + len(group), totals[1] + count, totals[2] + invest, totals[3] + benefit]
    assert by_label["合计"][1:] == [str(totals[0]), str(totals[1]), money(totals[2]), money(totals[3])]
    assert f"日期：{cn_date(raw['report']['acceptance_report_date'])}" in text


def test_performance_indicators(sample):
    data = sample.render("form-performance")
    assert PERFORMANCE_FOOTNOTE == FOOTNOTE and FOOTNOTE in full_text(data)
    table = table_with_header(data, PERFORMANCE_HEADERS)
    body, total = table[1:-1], table[-1]
    items = [row[1] for row in body]
    performance = [r.item for r in sample.figures.performance]
    assert items[:len(performance)] == performance
    assert items[-2:] == ["节能降耗的经济效益", "削减污染物排放的经济效益"]
    assert len(body) - len(performance) - 2 in (0, 1)  # + 二氧化碳排放量 when every carrier has a factor
    raw, year = sample.raw, sample.raw["audit"]["baseline_year"]
    post = raw["post_audit"]
    rows = {row[1]: row for row in body}
    for water in raw["baseline"]["water"]:
        if water["source"] in post["water"]:
            row = rows[water["source"]]
            before, after = d(water["consumption"][year]), d(post["water"][water["source"]])
            assert same_number(row[3], before) and same_number(row[4], after) and same_number(row[5], before - after)
    for energy in raw["baseline"]["energy"]:
        if energy["name"] in post["energy"]:
            row = rows[energy["name"]]
            before, after = d(energy["consumption"][year]), d(post["energy"][energy["name"]])
            assert same_number(row[3], before) and same_number(row[4], after)
            assert row[6] == f"{((before - after) / before * 100).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"
    benefit = d(post["economic_benefit_energy"]) + d(post["economic_benefit_pollution"])
    assert total[0] == "经济效益合计" and total[3] == money(benefit)
    assert rows["节能降耗的经济效益"][5] == money(d(post["economic_benefit_energy"]))
    # 类别 merged per group: one w:vMerge restart per group in the indicator table
    groups = list(dict.fromkeys(r.group for r in sample.figures.performance))
    indicator_table = list(root_of(data).iter(f"{W}tbl"))[-1]
    restarts = [m for m in indicator_table.iter(f"{W}vMerge") if m.get(f"{W}val") == "restart"]
    assert len(restarts) >= len(groups) + 1  # + 经济效益 (and 温室气体)
    assert [row[0] for row in body if row[0]][: len(groups)] == groups


# ─── 企业自我声明 ────────────────────────────────────────────────────────────────────────────
def test_self_declaration(sample):
    data = sample.render("form-self-declaration")
    text = full_text(data)
    raw = sample.raw
    name = raw["enterprise"]["name"]
    assert paragraphs(data)[0] == "企业自我声明"
    assert f"{name}（统一社会信用代码：{raw['enterprise']['credit_code']}）" in text
    assert f"《{name}清洁生产审核验收报告》" in text
    assert "《中华人民共和国清洁生产促进法》" in text and "《清洁生产审核办法》" in text
    assert f"共提出清洁生产方案{len(raw['schemes'])}项" in text
    for ordinal in "一二三四五":
        assert f"{ordinal}、" in text
    assert "特此声明。" in text
    for line in ("法定代表人（签字）：", "企业（盖章）：", f"日期：{cn_date(raw['report']['acceptance_report_date'])}"):
        assert line in paragraphs(data)


def test_self_declaration_date_style(shanghai):
    assert "日期：2026年4月15日" in paragraphs(shanghai.render("form-self-declaration"))


# ─── 清洁生产审核工作计划 ────────────────────────────────────────────────────────────────────
def test_work_plan(sample):
    data = sample.render("form-work-plan")
    text = full_text(data)
    raw = sample.raw
    for label in ("清洁生产审核工作计划", "一、审核概况", "二、审核小组", "三、审核工作计划", "表1 审核小组成员表",
                  "表2 审核工作计划表", "企业（盖章）："):
        assert label in text, label
    plan = raw["organisation"]["work_plan"]
    table = table_with_header(data, ("阶段", "工作内容", "完成时间", "责任部门及负责人", "考核部门及人员", "产出"))
    assert len(table) - 1 == len(plan)
    assert [row[1] for row in table[1:]] == [p["content"] for p in plan]
    assert [row[2] for row in table[1:]] == [cn_date(p["end"]) for p in plan]
    members = raw["organisation"]["members"]
    team = next(t for t in tables(data) if t[0][:3] == ["序号", "所属小组", "姓名"])
    assert len(team) - 1 == len(members)
    assert f"共{sum(1 for m in members if m['group'] == '领导小组')}人" in text
    if raw.get("consultancy"):
        assert f"等{len(raw['consultancy']['staff'])}名审核人员" in text
    assert value_of(data, "审核工作期限") == f"{cn_date(min(p['start'] for p in plan))}—{cn_date(max(p['end'] for p in plan))}"
    assert f"日期：{cn_date(raw['audit']['timeline']['started'])}" in text
