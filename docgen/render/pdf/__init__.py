"""DOCX → PDF with LibreOffice: TOC refreshed through UNO, one private profile per conversion,
pinned Chinese font aliases, PDF/A-2b on request. ``converter`` lists the measured reasons."""

from docgen.render.pdf.converter import ConversionResult, convert_many, convert_to_pdf
from docgen.render.pdf.errors import ConversionError
from docgen.render.pdf.fonts import FontSetError, font_set, fontconfig_env
from docgen.render.pdf.tools import find_uno_python, libreoffice_version

__all__ = [
    "ConversionError",
    "ConversionResult",
    "FontSetError",
    "convert_many",
    "convert_to_pdf",
    "find_uno_python",
    "font_set",
    "fontconfig_env",
    "libreoffice_version",
]
