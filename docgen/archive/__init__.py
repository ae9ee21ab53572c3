"""Archive packages of 附表2 (seed 003): assemble (``build``), check (``verify``).

A package is a ZIP holding one BagIt bag (RFC 8493, sha256): the filed documents under their stage
group and item name (``data/评估/05_评估申请表.pdf``), the archive list with every item's status as
DOCX and PDF, ``data/manifest.json`` (item, file, sha256, size, source, seal, status) and
``data/provenance.json``. See docs/archive.md.
"""

from docgen.archive.build import BuildResult, PackageError, build_package
from docgen.archive.items import ArchiveItem, archive_list
from docgen.archive.verify import verify_package

__all__ = ["ArchiveItem", "BuildResult", "PackageError", "archive_list", "build_package", "verify_package"]
