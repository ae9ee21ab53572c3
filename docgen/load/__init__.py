"""Loading audit data files: YAML/JSON → ``AuditData``, with every problem reported at once.

``load_audit(path)`` never raises for bad input: it returns a ``LoadResult`` whose ``problems`` say
what is wrong and where (field path and line, e.g. ``schemes[3].investment: 必须 ≥ 0（第 214 行）``).
"""

from .loader import AuditFileError, LoadResult, load_audit, load_audit_data, load_model, load_valid_audit
from .problems import Problem, format_path

__all__ = ["AuditFileError", "LoadResult", "Problem", "format_path", "load_audit", "load_audit_data", "load_model", "load_valid_audit"]
