"""Calculation layer: pure formulas and versioned factor tables (no I/O besides package data).

One module per concern, each citing the regulation or standard behind its formula:

* :mod:`~docgen.calc.units` — unit registry and exact conversion (``data/units.yaml``);
* :mod:`~docgen.calc.factors` — standard-coal and CO2 factor tables (``data/energy``, ``data/co2``);
* :mod:`~docgen.calc.energy` — 折标准煤 and 综合能耗 (GB/T 2589-2020), in tce;
* :mod:`~docgen.calc.carbon` — CO2 emissions (GB/T 32150, grid factors), in tCO2;
* :mod:`~docgen.calc.reduction` — 削减量 / 削减率; :mod:`~docgen.calc.targets` — 目标与完成情况;
* :mod:`~docgen.calc.ranking` — 权重总和计分排序法; :mod:`~docgen.calc.balance` — 物料/水平衡;
* :mod:`~docgen.calc.economics` — 中/高费方案经济评估 (D, T, E, F, N, NPV, NPVR, IRR);
* :mod:`~docgen.calc.level` — 清洁生产水平综合评价指数; :mod:`~docgen.calc.totals` — 分项合计.

Numbers in: ``Decimal | int | float | str``; numbers out: ``Decimal``; rates are fractions.
Errors: :class:`CalcError` (a ``ValueError``) and its subclasses, with Chinese messages.
"""

from docgen.calc.errors import CalcError, FactorError, UnitError

__all__ = ["CalcError", "FactorError", "UnitError"]
