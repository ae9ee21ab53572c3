"""The YAML/JSON source layer: exact decimals, lines, duplicate keys, syntax errors, bombs."""

from decimal import Decimal

from docgen.load.source import MAX_NODES, parse_json_text, parse_yaml_text, read_source

TEXT = """\
enterprise:
  name: 上海某化工有限公司
  area_m2: 0.1229
schemes:
  - id: F1
    investment: 2.5
  - id: F2
    investment: 30
"""


def test_decimals_are_exact_and_lines_recorded():
    src = parse_yaml_text(TEXT)
    assert src.problems == []
    assert src.data["enterprise"]["area_m2"] == Decimal("0.1229")
    assert isinstance(src.data["enterprise"]["area_m2"], Decimal)
    assert src.lines[("enterprise", "area_m2")] == 3
    assert src.lines[("schemes", 1)] == 7
    assert src.lines[("schemes", 1, "investment")] == 8


def test_line_of_missing_path_falls_back_to_parent():
    src = parse_yaml_text(TEXT)
    assert src.line_of(("schemes", 1, "name")) == 7
    assert src.line_of(("nowhere",)) == 1  # the document root


def test_duplicate_key_is_a_problem_with_both_lines():
    src = parse_yaml_text("a: 1\nb: 2\na: 3\n")
    assert len(src.problems) == 1
    p = src.problems[0]
    assert p.path == ("a",) and p.line == 3 and "第 1 行已出现" in p.message


def test_syntax_error_reports_line():
    src = parse_yaml_text("a:\n  b: [1, 2\nc: 3\n")
    assert src.data is None
    assert "YAML 语法错误" in src.problems[0].message
    assert src.problems[0].line == 3


def test_alias_bomb_is_refused():
    # 9 levels of 10 aliases each = 10^9 nodes if expanded; must stop at MAX_NODES.
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    prev = "a"
    for name in "bcdefghij":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
        prev = name
    src = parse_yaml_text("\n".join(lines) + "\n")
    assert src.data is None
    assert str(MAX_NODES) in src.problems[0].message


def test_json_numbers_exact_and_lines():
    src = parse_json_text('{\n  "a": 0.1,\n  "b": [1, 2]\n}\n')
    assert src.data == {"a": Decimal("0.1"), "b": [1, 2]}
    assert src.lines[("b",)] == 3


def test_json_syntax_error():
    src = parse_json_text('{"a": 1,,}')
    assert src.data is None and "JSON 语法错误" in src.problems[0].message


def test_read_source_bad_files(tmp_path):
    assert "文件不存在" in read_source(tmp_path / "none.yaml").problems[0].message
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    assert "文件为空" in read_source(empty).problems[0].message
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("名称: 测试".encode("gbk"))
    assert "UTF-8" in read_source(gbk).problems[0].message
    other = tmp_path / "data.txt"
    other.write_text("a: 1")
    assert "不支持的文件类型" in read_source(other).problems[0].message
    assert "不是文件" in read_source(tmp_path).problems[0].message
