"""Errors raised by the calculation layer.

Every error is a ``ValueError`` so callers that only care about "bad input" can catch one type,
and every message is in Chinese because it ends up in findings and CLI output read by auditors.
``CalcError`` is the common base; ``UnitError`` and ``FactorError`` narrow it down so the loader
can point at the offending cell (a unit text, a carrier key) rather than at a formula.
"""

from __future__ import annotations

__all__ = ["CalcError", "UnitError", "FactorError"]


class CalcError(ValueError):
    """A formula cannot be evaluated for the given inputs (division by zero, missing rating …)."""


class UnitError(CalcError):
    """A unit text is unknown, malformed, or not convertible to the requested unit."""


class FactorError(CalcError, KeyError):
    """A factor table or a carrier key does not exist.

    Also a ``KeyError`` because looking up a carrier is a mapping lookup; ``__str__`` is reset to
    the plain message because ``KeyError`` would otherwise wrap the Chinese text in quotes.
    """

    def __str__(self) -> str:  # pragma: no cover - trivial
        return BaseException.__str__(self)
