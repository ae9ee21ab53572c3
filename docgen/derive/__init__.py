"""Derived figures of an audit: what the report prints but nobody should type by hand.

``derive_figures(audit)`` applies the pure formulas of ``docgen.calc`` to the model: 综合能耗 per
year (GB/T 2589), CO2, water intensity and reuse, the T-11 ranking, target rates and attainment
(T-12/T-23), balances (T-13/T-14), scheme counts and T-19c economics, 资源节约量/环境减排量
(DB31/T 662 附录A/B model), the level index before and after (T-20/A-8) and the 绩效表 (A-5).
"""

from .compute import derive_figures
from .figures import Figures

__all__ = ["Figures", "derive_figures"]
