"""``python -m docgen.render.template_build [OUT_DIR]`` — write the shipped templates."""

from __future__ import annotations

import sys
from pathlib import Path

from docgen.render.template_build.build import build_all


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[3] / "templates"
    for path in build_all(root):
        print(path)


if __name__ == "__main__":
    main()
