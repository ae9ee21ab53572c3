"""docgen — render and check Chinese cleaner-production audit reports (清洁生产审核报告).

The package is layered like the pipeline in DESIGN.md: ``model`` (what an audit is), ``load``
(YAML/JSON → model, with line-accurate messages), ``calc`` (pure formulas and factor tables),
and the command line in ``cli``. Later layers (render, read, check, archive…) build on these.
"""

__version__ = "0.2.0"
