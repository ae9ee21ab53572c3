"""统一社会信用代码 check digit (GB 32100-2015), worked by hand."""

from docgen.model.credit_code import credit_code_problem, expected_check_char

# 91350100M000100Y4 → values 9,1,3,5,0,1,0,0,M=21,0,0,0,1,0,0,Y=30,4
# weights            1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28
# products 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640
# 1640 mod 31 = 1640 − 31×52 = 28 → check = 31 − 28 = 3
VALID = "91350100M000100Y43"


def test_check_char_worked_example():
    assert expected_check_char(VALID[:17]) == "3"
    assert credit_code_problem(VALID) is None


def test_wrong_check_char_names_expected_and_actual():
    problem = credit_code_problem(VALID[:17] + "4")
    assert "第18位应为 3" in problem and "实际为 4" in problem


def test_length_and_alphabet():
    assert "18位" in credit_code_problem(VALID[:16])
    # I, O, S, V, Z are not in the alphabet (they look like 1, 0, 5, U, 2)
    assert "不允许的字符" in credit_code_problem("9135010OM000100Y43")


def test_remainder_zero_gives_zero():
    # first 17 = "00000000000000000": sum 0, 0 mod 31 = 0 → (31 − 0) mod 31 = 0 → '0'
    assert expected_check_char("0" * 17) == "0"
