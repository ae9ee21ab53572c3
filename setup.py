"""Build hook: ship the top-level ``templates/`` and ``checks/`` folders inside the package.

DESIGN.md fixes the top-level layout (templates and rule packs live beside the package so
consultancies find and edit them), while a non-editable install must still find them. Mapping the
two folders as the packages ``docgen.templates`` and ``docgen.checks`` does both: they stay where
they are in the repository and land inside the wheel. Everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["docgen", "docgen.*"]) + ["docgen.templates", "docgen.checks"],
    package_dir={"docgen.templates": "templates", "docgen.checks": "checks"},
    package_data={
        "docgen": ["calc/data/**/*.yaml", "data/**/*"],
        "docgen.templates": ["**/*"],
        "docgen.checks": ["**/*"],
    },
)
