"""Final-view text: what Word shows with "No Markup" (checker.md §2.1 — the structures where
python-docx, docx2python and mammoth lose or double text)."""

from __future__ import annotations

from docgen.read.model import Paragraph

TEXTBOX = """
<w:p><w:r><w:t>锚点段落</w:t></w:r><w:r><mc:AlternateContent>
  <mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0"
      relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
    <wp:simplePos x="0" y="0"/><wp:extent cx="1828800" cy="457200"/><wp:docPr id="1" name="文本框 1"/>
    <a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
      <wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框里的字</w:t></w:r></w:p></w:txbxContent></wps:txbx>
      </wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
  <mc:Fallback><w:pict><v:shape style="width:144pt;height:36pt"><v:textbox><w:txbxContent>
    <w:p><w:r><w:t>文本框里的字</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
</mc:AlternateContent></w:r></w:p>
"""


def all_text(doc) -> str:
    return "\n".join(b.text for b in doc.blocks if hasattr(b, "text"))


def test_text_box_with_vml_fallback_is_read_once(docx):
    doc = docx(TEXTBOX)
    (para,) = doc.paragraphs
    assert para.text == "锚点段落\n文本框里的字"
    assert all_text(doc).count("文本框里的字") == 1
    assert doc.images == []  # a text box is not a picture


def test_paragraph_holding_only_a_text_box_is_marked_as_such(docx):
    doc = docx(TEXTBOX.replace("<w:r><w:t>锚点段落</w:t></w:r>", ""))
    (para,) = doc.paragraphs
    assert para.text == "文本框里的字"
    assert para.source == "textbox"


def test_unknown_choice_falls_back_once(docx):
    body = TEXTBOX.replace('Requires="wps"', 'Requires="x9" xmlns:x9="urn:example:unknown"')
    body = body.replace("<w:p><w:r><w:t>文本框里的字</w:t></w:r></w:p></w:txbxContent></v:textbox>",
                        "<w:p><w:r><w:t>备用内容</w:t></w:r></w:p></w:txbxContent></v:textbox>")
    doc = docx(body)
    assert doc.paragraphs[0].text == "锚点段落\n备用内容"
    assert "文本框里的字" not in all_text(doc)


def test_block_and_inline_content_controls(docx):
    doc = docx("""
      <w:sdt><w:sdtPr><w:alias w:val="企业名称"/></w:sdtPr><w:sdtContent>
        <w:p><w:r><w:t>块级控件中的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>
      <w:p><w:r><w:t>企业名称：</w:t></w:r><w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>上海某化工有限公司</w:t></w:r>
        </w:sdtContent></w:sdt></w:p>
      <w:p><w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>整段都在控件里</w:t></w:r></w:sdtContent></w:sdt></w:p>""")
    texts = [(b.text, b.source) for b in doc.paragraphs]
    assert texts == [("块级控件中的段落", "sdt"), ("企业名称：上海某化工有限公司", "body"), ("整段都在控件里", "sdt")]


def test_simple_and_complex_fields_show_their_result(docx):
    doc = docx("""
      <w:p><w:r><w:t>单位：</w:t></w:r><w:fldSimple w:instr=" DOCPROPERTY Company \\* MERGEFORMAT ">
        <w:r><w:t>上海某化工有限公司</w:t></w:r></w:fldSimple></w:p>
      <w:p><w:r><w:t>日期：</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>
        <w:r><w:instrText xml:space="preserve"> DATE \\@ "yyyy年M月d日" </w:instrText></w:r>
        <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2024年6月15日</w:t></w:r>
        <w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
      <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF </w:instrText></w:r>
        <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD 名称 </w:instrText></w:r>
        <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>内层结果</w:t></w:r>
        <w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:instrText> = "" "空" "非空" </w:instrText></w:r>
        <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>非空</w:t></w:r>
        <w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>。</w:t></w:r></w:p>""")
    assert [b.text for b in doc.paragraphs] == ["单位：上海某化工有限公司", "日期：2024年6月15日", "非空。"]
    assert doc.paragraphs[1].source == "body"
    assert "DATE" not in all_text(doc) and "MERGEFIELD" not in all_text(doc)


def test_tracked_changes_final_view(docx, wml):
    doc = docx(f"""
      <w:p><w:r><w:t>原有文字</w:t></w:r><w:ins w:id="1" w:author="审核员"><w:r><w:t>插入文字</w:t></w:r></w:ins>
        <w:del w:id="2" w:author="审核员"><w:r><w:delText>删除文字</w:delText></w:r></w:del></w:p>
      <w:p><w:moveFrom w:id="3" w:author="a"><w:r><w:t>移走</w:t></w:r></w:moveFrom><w:r><w:t>不变</w:t></w:r>
        <w:moveTo w:id="4" w:author="a"><w:r><w:t>移来</w:t></w:r></w:moveTo></w:p>
      <w:p><w:r><w:t>未修订</w:t></w:r></w:p>
      {wml.tbl(wml.tr(wml.tc("保留行")), wml.tr(wml.tc("删除行"), props='<w:del w:id="5" w:author="a"/>'),
               wml.tr(wml.tc("插入行"), props='<w:ins w:id="6" w:author="a"/>'), cols=1)}""")
    paras = doc.paragraphs
    assert [(b.text, b.revised) for b in paras] == [("原有文字插入文字", True), ("不变移来", True), ("未修订", False)]
    assert doc.revisions == 6  # ins, del, moveFrom, moveTo, deleted row, inserted row
    (table,) = doc.tables
    assert table.rows_text() == [["保留行"], ["插入行"]]
    assert any("修订" in w for w in doc.warnings)


def test_hidden_text_excluded_but_flagged(docx):
    doc = docx("""
      <w:p><w:r><w:t>看得见</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>看不见</w:t></w:r></w:p>
      <w:p><w:r><w:rPr><w:rStyle w:val="HiddenChar"/></w:rPr><w:t>样式隐藏</w:t></w:r><w:r><w:t>可见</w:t></w:r></w:p>
      <w:p><w:pPr><w:pStyle w:val="Secret"/></w:pPr><w:r><w:t>整段隐藏</w:t></w:r></w:p>
      <w:p><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显式不隐藏</w:t></w:r></w:p>""")
    assert [(b.text, b.hidden) for b in doc.paragraphs] == [("看得见", True), ("可见", True), ("显式不隐藏", False)]
    assert doc.hidden_text is True
    assert "看不见" not in all_text(doc) and "整段隐藏" not in all_text(doc)


def test_tabs_breaks_symbols_hyperlinks(docx):
    doc = docx("""
      <w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:noBreakHyphen/><w:t>丁</w:t></w:r>
        <w:r><w:sym w:font="Wingdings" w:char="F0FE"/></w:r>
        <w:hyperlink r:id="rIdX"><w:r><w:t>链接文字</w:t></w:r></w:hyperlink>
        <w:r><w:footnoteReference w:id="1"/></w:r><w:smartTag w:uri="u" w:element="e"><w:r><w:t>智能标记</w:t></w:r></w:smartTag></w:p>""")
    assert doc.paragraphs[0].text == "甲\t乙\n丙-丁\u00fe链接文字智能标记"


def test_bold_size_and_alignment_are_resolved_through_styles(docx):
    doc = docx("""
      <w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="30"/></w:rPr><w:t>居中加粗的一句话。</w:t></w:r></w:p>
      <w:p><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>字符样式加粗</w:t></w:r><w:r><w:t>普通</w:t></w:r></w:p>
      <w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr><w:r><w:t>题注样式居中</w:t></w:r></w:p>""")
    a, b, c = doc.paragraphs
    assert (a.bold, a.size_pt, a.align) == (True, 15.0, "center")
    assert (b.bold, b.size_pt) == (False, 12.0)
    assert (c.style, c.align) == ("Caption", "center")
    assert all(isinstance(x, Paragraph) for x in (a, b, c))


def test_math_text_is_kept(docx):
    doc = docx('<w:p><w:r><w:t>公式：</w:t></w:r><m:oMath><m:r><m:t>E=mc</m:t></m:r></m:oMath></w:p>')
    assert doc.paragraphs[0].text == "公式：E=mc"


def test_ruby_keeps_the_base_text(docx):
    doc = docx('<w:p><w:r><w:t>清洁</w:t></w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>shēng</w:t></w:r></w:rt>'
               '<w:rubyBase><w:r><w:t>生</w:t></w:r></w:rubyBase></w:ruby><w:r><w:t>产</w:t></w:r></w:p>')
    assert doc.paragraphs[0].text == "清洁生产"
