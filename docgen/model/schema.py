"""The JSON Schema of the audit data model, for editors (YAML language servers) and integrations.

Generated from the pydantic models in validation mode, so it is exactly what ``docgen validate``
accepts at field level (cross-field rules are not expressible in JSON Schema and are not in it).
"""

from __future__ import annotations

from docgen import __version__

from .audit_data import SCHEMA_VERSION, AuditData

SCHEMA_ID = "https://docgen.invalid/schema/audit-data-v{version}.json"


def audit_json_schema() -> dict:
    schema = AuditData.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID.format(version=SCHEMA_VERSION),
        "x-docgen-version": __version__,
        **schema,
    }
