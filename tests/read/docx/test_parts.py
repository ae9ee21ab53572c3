"""Stories beside the body (headers, footers, footnotes, comments) and document properties."""

from __future__ import annotations

SECT = ('<w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/><w:headerReference w:type="first" r:id="rIdH2"/>'
        '<w:footerReference w:type="default" r:id="rIdF1"/><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>')
FIRST_SECT = ('<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/><w:type w:val="nextPage"/>'
              '</w:sectPr></w:pPr></w:p>')

CORE = """<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>某公司清洁生产审核报告</dc:title>
 <dc:creator>某咨询公司</dc:creator><cp:lastModifiedBy>张三</cp:lastModifiedBy>
 <dcterms:created xsi:type="dcterms:W3CDTF">2024-06-01T08:00:00Z</dcterms:created>
 <dcterms:modified xsi:type="dcterms:W3CDTF">2024-06-15T09:30:00Z</dcterms:modified></cp:coreProperties>"""
APP = """<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
 xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Template>Normal.dotm</Template>
 <Pages>96</Pages><Words>41000</Words><Company>某咨询公司</Company><HeadingPairs><vt:vector size="2"
 baseType="variant"><vt:variant><vt:lpstr>标题</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant>
 </vt:vector></HeadingPairs></Properties>"""


def test_headers_and_footers_referenced_by_sections(docx, wml):
    page = ('<w:p><w:r><w:t>第 </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE '
            '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t> 页</w:t></w:r></w:p>')
    watermark = ('<w:p><w:r><w:pict><v:shape style="width:400pt;height:100pt"><v:textpath string="内部资料"/>'
                 '</v:shape></w:pict></w:r></w:p>')
    doc = docx(FIRST_SECT + wml.p("正文"), sect=SECT,
               headers={"rIdH1": wml.p("某公司清洁生产审核报告"), "rIdH2": wml.p("首页页眉") + watermark,
                        "rIdH3": wml.p("没有被引用的页眉")},
               footers={"rIdF1": page})
    assert doc.headers == ["某公司清洁生产审核报告", "首页页眉\n内部资料"]
    assert doc.footers == ["第 3 页"]
    assert [p.text for p in doc.paragraphs] == ["正文"]


def test_footnotes_and_comments(docx, wml):
    footnotes = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
                 '</w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
                 '<w:r><w:t xml:space="preserve"> 数据来源：企业统计报表。</w:t></w:r></w:p></w:footnote>')
    comments = ('<w:comment w:id="0" w:author="专家" w:initials="Z"><w:p><w:r><w:t>请核实物料平衡数据</w:t></w:r></w:p>'
                '</w:comment>')
    body = ('<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>物料平衡</w:t></w:r><w:commentRangeEnd w:id="0"/>'
            '<w:r><w:commentReference w:id="0"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>')
    doc = docx(body, footnotes=footnotes, comments=comments)
    assert doc.footnotes == ["数据来源：企业统计报表。"]
    assert doc.comments == ["请核实物料平衡数据"]
    assert doc.paragraphs[0].text == "物料平衡"
    assert any("批注" in w for w in doc.warnings)


def test_core_and_app_properties(docx, wml):
    doc = docx(wml.p("正文"), core=CORE, app=APP)
    props = doc.properties
    assert {k: props[k] for k in ("title", "creator", "lastModifiedBy", "created", "modified", "Pages", "Company",
                                  "Template")} == {
        "title": "某公司清洁生产审核报告", "creator": "某咨询公司", "lastModifiedBy": "张三",
        "created": "2024-06-01T08:00:00Z", "modified": "2024-06-15T09:30:00Z", "Pages": "96",
        "Company": "某咨询公司", "Template": "Normal.dotm"}
    assert "HeadingPairs" not in props


def test_main_part_found_through_package_relationships(docx_path, wml):
    from docgen.read.docx import read_docx

    path = docx_path(wml.p("放在别处的主文档"), main="content/main.xml")
    doc = read_docx(path, sha256="x")
    assert [p.text for p in doc.paragraphs] == ["放在别处的主文档"]
    assert (doc.format, doc.sha256, doc.path) == ("docx", "x", str(path))
