"""Exit codes of the ``docgen`` command — a contract integrations rely on (DESIGN.md).

0 ok / pass; 1 findings at or above ``--fail-on``; 2 usage or input error; 3 some input could not
be evaluated. Data-file problems found by ``validate``/``calc`` are input errors (2).
"""

OK = 0
FINDINGS = 1
INPUT_ERROR = 2
NOT_EVALUABLE = 3
