"""Stage S2 现状调查: the 近三年 baseline of production, consumption and pollution.

R2 of the review points (domain.md §4.3) asks for at least three years of production, raw-material,
energy, water and pollutant data; every series here is keyed by year and the loader checks that each
covers exactly the years in ``Baseline.years``. Feeds T-6, T-7, T-7e, T-7w, T-8 and T-9a–d.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from .common import DocModel, NonEmptyText, NonNegative, UnitText, YearSeries

SolidWasteCategory = Literal["一般固废", "危险废物"]


class Product(DocModel):
    """主要产品 (T-6); 产量 feeds every per-unit indicator."""

    name: NonEmptyText = Field(title="产品名称")
    unit: UnitText
    design_capacity: NonNegative | None = Field(None, title="设计产能")
    output: YearSeries = Field(title="近三年实际产量")
    note: str | None = Field(None, title="备注")


class Material(DocModel):
    """主要原辅材料 (T-7) with the 有毒有害 flag of 办法 第八条 (双有)."""

    name: NonEmptyText = Field(title="名称")
    unit: UnitText
    consumption: YearSeries = Field(title="近三年消耗量")
    use: NonEmptyText = Field(title="用途/使用工序")
    toxic: bool = Field(False, title="是否有毒有害")
    toxic_component: str | None = Field(None, title="有毒有害成分")


class EnergyUse(DocModel):
    """一种能源 (T-7e); ``carrier`` names the factor in the standard-coal table (GB/T 2589)."""

    name: NonEmptyText = Field(title="能源名称")
    carrier: NonEmptyText = Field(title="折标系数键（electricity、natural_gas、diesel …）")
    unit: UnitText
    consumption: YearSeries = Field(title="近三年消耗量")
    use: str | None = Field(None, title="主要用途")


class WaterUse(DocModel):
    """用水 by source (T-7w)."""

    source: NonEmptyText = Field(title="水源（自来水/地下水/地表水…）")
    unit: UnitText
    consumption: YearSeries = Field(title="近三年取水量")


class Equipment(DocModel):
    """主要生产设备 (T-8); ``obsolete`` = 属《产业结构调整指导目录》淘汰类 (a 评估 veto candidate)."""

    name: NonEmptyText = Field(title="设备名称")
    model: NonEmptyText = Field(title="规格型号")
    quantity: int = Field(ge=1, title="数量")
    quantity_unit: str = Field("台", title="数量单位")
    workshop: NonEmptyText = Field(title="所在车间/工序")
    year: int | None = Field(None, ge=1950, le=2100, title="购置年份")
    status: str = Field("正常", title="运行状况")
    obsolete: bool = Field(False, title="是否属淘汰类")
    obsolete_basis: str | None = Field(None, title="淘汰类依据/整改计划")


class WaterPollutant(DocModel):
    """A pollutant of one wastewater stream (T-9a)."""

    name: NonEmptyText = Field(title="污染物")
    concentration_unit: UnitText = "mg/L"
    generation_concentration: NonNegative | None = Field(None, title="产生浓度")
    emission_concentration: NonNegative = Field(title="排放浓度")
    limit: NonNegative = Field(title="排放标准限值")
    standard: NonEmptyText = Field(title="执行标准")
    emission: YearSeries = Field(title="近三年排放量（单位见 emission_unit）")
    emission_unit: UnitText = Field("t/a", title="排放量单位（重金属常用 kg/a）")


class WastewaterStream(DocModel):
    """废水 by source and outlet (T-9a)."""

    name: NonEmptyText = Field(title="废水来源")
    outlet: NonEmptyText = Field(title="排放口编号")
    treatment: NonEmptyText = Field(title="治理措施")
    destination: NonEmptyText = Field(title="排放去向")
    volume: YearSeries = Field(title="近三年排放量（t/a）")
    pollutants: list[WaterPollutant] = Field(min_length=1, title="污染物")


class GasPollutant(DocModel):
    """A pollutant of one stack (T-9b)."""

    name: NonEmptyText = Field(title="污染物")
    emission_concentration: NonNegative = Field(title="排放浓度（mg/m³）")
    emission_rate: NonNegative | None = Field(None, title="排放速率（kg/h）")
    limit_concentration: NonNegative = Field(title="浓度限值（mg/m³）")
    limit_rate: NonNegative | None = Field(None, title="速率限值（kg/h）")
    standard: NonEmptyText = Field(title="执行标准")
    emission: YearSeries = Field(title="近三年排放量（单位见 emission_unit）")
    emission_unit: UnitText = Field("t/a", title="排放量单位（重金属常用 kg/a）")


class WasteGasOutlet(DocModel):
    """废气 per stack 排气筒 (T-9b), or an 无组织 monitoring point (厂界/厂房外) with ``kind``.

    无组织排放 (fugitive emissions) count in the enterprise's totals and in VOCs balances but have
    no stack, flow or height; in printing and coating plants they are often most of the VOCs.
    """

    kind: Literal["有组织", "无组织"] = Field("有组织", title="排放类型")
    outlet: NonEmptyText = Field(title="排气筒编号（无组织：监控点名称）")
    source: NonEmptyText = Field(title="来源/工序")
    treatment: NonEmptyText = Field(title="治理设施")
    air_flow: NonNegative | None = Field(None, title="风量（m³/h）")
    height_m: NonNegative | None = Field(None, title="排气筒高度（m）")
    pollutants: list[GasPollutant] = Field(min_length=1, title="污染物")


class SolidWaste(DocModel):
    """固体废物 (T-9c); hazardous waste carries its code of 《国家危险废物名录》 (HWxx xxx-xxx-xx)."""

    name: NonEmptyText = Field(title="名称")
    category: SolidWasteCategory = Field(title="类别")
    hw_code: str | None = Field(
        None, title="危废代码", pattern=r"^HW\d{2}(\s+\d{3}-\d{3}-\d{2})?$"
    )
    process: NonEmptyText = Field(title="产生工序")
    generation: YearSeries = Field(title="近三年产生量（t/a）")
    disposal: NonEmptyText = Field(title="处置方式")
    disposer: str | None = Field(None, title="处置单位")


class NoisePoint(DocModel):
    """厂界噪声 monitoring point (T-9d)."""

    point: NonEmptyText = Field(title="测点")
    day: Decimal = Field(ge=0, le=200, title="昼间 dB(A)")
    night: Decimal = Field(ge=0, le=200, title="夜间 dB(A)")
    day_limit: Decimal = Field(ge=0, le=200, title="昼间限值 dB(A)")
    night_limit: Decimal = Field(ge=0, le=200, title="夜间限值 dB(A)")


class Baseline(DocModel):
    """近三年 现状数据."""

    years: list[int] = Field(min_length=3, max_length=3, title="近三年年份")
    intensity_products: list[str] = Field(
        default_factory=list,
        title="单位产品指标的分母产品（产品名称；缺省为与第一种产品同单位的全部产品之和）",
    )
    output_value: YearSeries | None = Field(None, title="近三年工业总产值（万元）")
    products: list[Product] = Field(min_length=1, title="主要产品")
    materials: list[Material] = Field(min_length=1, title="主要原辅材料")
    energy: list[EnergyUse] = Field(min_length=1, title="能源消耗")
    stated_energy_total: YearSeries | None = Field(None, title="报告所列综合能耗（tce），用于核对")
    water: list[WaterUse] = Field(min_length=1, title="用水")
    reused_water: YearSeries | None = Field(None, title="重复利用水量（与取水同单位）")
    equipment: list[Equipment] = Field(min_length=1, title="主要生产设备")
    wastewater: list[WastewaterStream] = Field(default_factory=list, title="废水")
    waste_gas: list[WasteGasOutlet] = Field(default_factory=list, title="废气")
    solid_waste: list[SolidWaste] = Field(default_factory=list, title="固体废物")
    noise: list[NoisePoint] = Field(default_factory=list, title="噪声")
    process_description: str | None = Field(None, title="生产工艺流程说明（正文用）")
    environmental_management: str | None = Field(None, title="环境管理现状（正文用）")
    implemented_measures: list[str] = Field(default_factory=list, title="已实施的节能减排及清洁生产措施")
