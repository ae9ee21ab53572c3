"""统一社会信用代码 (unified social credit code) check digit, GB 32100-2015.

The 18th character is a check character over the first 17, computed modulo 31 with fixed weights
(GB 32100-2015 §5). The code alphabet omits I, O, S, V and Z so that they are not confused with
1, 0, 5, U and 2. A typo in the enterprise's code is one of the commonest defects on report covers,
forms and 附表, so the model rejects a code whose check character does not match.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def expected_check_char(first17: str) -> str:
    """Return the check character for the first 17 characters of a code."""
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """Explain, in Chinese, what is wrong with ``code``; ``None`` when it is valid."""
    if len(code) != 18:
        return f"统一社会信用代码应为18位，实际为{len(code)}位"
    bad = [ch for ch in code if ch not in ALPHABET]
    if bad:
        return f"统一社会信用代码含有不允许的字符：{''.join(dict.fromkeys(bad))}（不使用 I、O、S、V、Z）"
    expected = expected_check_char(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码校验位错误：第18位应为 {expected}，实际为 {code[17]}"
    return None
