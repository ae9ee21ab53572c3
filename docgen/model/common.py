"""Shared building blocks of the audit data model.

Why these exist: every table of an audit report (domain.md §2.4) is built from a handful of
recurring shapes — a quantity with a unit, a value per year of the 近三年 baseline, a 1–10 rating of
the 权重总和计分排序法. Defining them once keeps the whole model consistent and gives every field a
Chinese title, which the JSON Schema (``docgen schema``) and the data reference in ``docs/`` show to
consultancies editing YAML by hand.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field


class DocModel(BaseModel):
    """Base of every model: unknown keys are errors (a misspelt key must not be silently dropped)."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        validate_default=False,
        use_enum_values=True,
    )


def _known_unit(text: str) -> str:
    """Reject unit spellings the unit registry cannot convert (e.g. ``t/年`` typed as ``t/y``)."""
    from docgen.calc.units import UnitError, parse_unit

    try:
        parse_unit(text)
    except UnitError as exc:
        raise ValueError(str(exc)) from None
    return text


#: A unit of measure as written in Chinese reports (t/a, 万kWh/a, mg/L, tce/t …), checked against
#: ``docgen/calc/data/units.yaml``.
UnitText = Annotated[str, Field(min_length=1, title="单位"), AfterValidator(_known_unit)]

NonNegative = Annotated[Decimal, Field(ge=0)]
Money = Annotated[Decimal, Field(ge=0, title="金额（万元）")]
Rating = Annotated[Decimal, Field(ge=1, le=10, title="评分（1–10）")]
Weight = Annotated[Decimal, Field(ge=1, le=10, title="权重（1–10）")]
Fraction = Annotated[Decimal, Field(ge=0, le=1, title="比例（0–1 的小数）")]

#: Values per calendar year, e.g. ``{2022: 1200, 2023: 1350, 2024: 1420}`` — the 近三年 columns.
YearSeries = Annotated[dict[int, NonNegative], Field(title="分年度数值（年份: 数值）")]

_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
Identifier = Annotated[str, Field(pattern=_ID_PATTERN, max_length=32, title="编号")]

NonEmptyText = Annotated[str, Field(min_length=1)]


def _normalise_cost_class(value: object) -> object:
    """Accept the naming variants seen in real reports (domain.md §0): 无低费 ≡ 无/低费 ≡ 无、低费."""
    if isinstance(value, str):
        compact = re.sub(r"[\s/、，,．.]", "", value)
        if compact in {"无低费", "无费低费", "低费", "无费"}:
            return "无/低费"
        if compact in {"中高费", "中费高费", "中费", "高费"}:
            return "中/高费"
    return value


#: 费用类别: the two families of 清洁生产方案 (domain.md §1 glossary).
CostClassText = Annotated[str, BeforeValidator(_normalise_cost_class)]

_PHONE = re.compile(r"^[0-9０-９+\-() ]{5,24}$")


def _phone(value: str) -> str:
    if not _PHONE.match(value):
        raise ValueError(f"电话号码格式不正确：{value!r}")
    return value


Phone = Annotated[str, AfterValidator(_phone)]


class Contact(DocModel):
    """A person one can reach: 联系人 of the enterprise, 技术负责人 of the consultancy."""

    name: NonEmptyText = Field(title="姓名")
    role: str | None = Field(None, title="职务")
    phone: Phone | None = Field(None, title="固定电话/手机")
    email: str | None = Field(None, title="E-mail", pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
