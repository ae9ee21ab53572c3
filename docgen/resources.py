"""Where the shipped templates and rule packs are, in a checkout and in an installed wheel.

``templates/`` and ``checks/`` sit at the top of the repository (DESIGN.md) and are mapped into the
package as ``docgen.templates`` and ``docgen.checks`` by setup.py, so ``importlib.resources`` finds
them in an editable install and in a wheel installed anywhere.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable


def templates_dir() -> Traversable:
    return resources.files("docgen.templates")


def checks_dir() -> Traversable:
    return resources.files("docgen.checks")


def data_file(name: str) -> Traversable:
    """A file of ``docgen/data`` (package data: tables catalogue, package lists …)."""
    return resources.files("docgen").joinpath("data", name)
