"""The audit data model (pydantic v2): one enterprise cleaner-production audit, list to acceptance.

Modules follow the stages of the audit (domain.md §2.3): ``enterprise``, ``consultancy``, ``audit``
(type and timeline), ``team`` (S1), ``baseline`` (S2 现状), ``focus`` and ``targets`` (S2),
``balance`` (S3), ``schemes`` (S4–S6), ``level`` (清洁生产水平), ``results`` (验收, S7) and the root
``audit_data``. ``consistency`` holds the cross-field rules.
"""

from .audit_data import SCHEMA_VERSION, AuditData

__all__ = ["AuditData", "SCHEMA_VERSION"]
