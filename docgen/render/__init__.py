"""Rendering: audit data → Word (docxtpl templates) → PDF (LibreOffice)."""
