"""The area command groups load when used: ``import docgen.cli`` stays light (every worker and
every short command pays it), and each lazy name still resolves to its group."""

import subprocess
import sys

import click
from click.testing import CliRunner

from docgen.cli import _Commands, main


def test_importing_the_cli_does_not_import_the_area_groups():
    modules = [spec.split(":")[0] for spec in _Commands.LAZY.values()]
    code = "import sys, docgen.cli; print([m for m in %r if m in sys.modules])" % modules
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_every_lazy_name_resolves_and_is_listed():
    ctx = click.Context(main)
    for name in _Commands.LAZY:
        command = main.get_command(ctx, name)
        assert command is not None and command.name == name
    result = CliRunner().invoke(main, ["--help"])
    for name in _Commands.LAZY:
        assert f"  {name} " in result.output
