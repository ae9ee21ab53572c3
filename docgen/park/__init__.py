"""Industrial-park cleaner-production audits (园区清洁生产审核, seed 004; docs/park.md).

``model`` (data), ``load`` (file → model + problems), ``consistency`` (cross-field rules),
``selection`` (the ≥ 80 % 重点管控名单), ``grading`` (indicator system grading methods),
``figures`` (everything computed), ``tables`` / ``templates`` / ``render`` (the two reports),
``cli`` (``docgen park validate|calc|render``).
"""
