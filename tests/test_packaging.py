"""A non-editable install must carry templates/, checks/ and the data files (DESIGN.md layout).

Builds the real wheel, unpacks it into a temporary directory and imports docgen from there, in a
working directory outside the repository, so nothing can be found through the checkout.
"""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_templates_checks_and_data(tmp_path):
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheel_dir), str(ROOT)],
        check=True, capture_output=True,
    )
    wheel = next(wheel_dir.glob("docgen-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "docgen/templates/README.md",
        "docgen/checks/README.md",
        "docgen/calc/data/units.yaml",
        "docgen/calc/data/energy/gbt2589-2020.yaml",
        "docgen/data/debian-packages.txt",
    ):
        assert required in names, required
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = (
        "import docgen, docgen.resources as r, docgen.calc.units as u;"
        "print(docgen.__file__); print(r.templates_dir()); print(r.checks_dir());"
        "print(u.convert(1, '万kWh', 'kWh'))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run([sys.executable, "-c", probe], cwd=elsewhere, env=env, check=True, capture_output=True, text=True).stdout.splitlines()
    assert all(line.startswith(str(site)) for line in out[:3]), out
    assert out[3] == "10000"
