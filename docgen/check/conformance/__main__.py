"""``python -m docgen.check.conformance build|run|coverage``.

build     regenerate samples/conformance/*.docx and *.expected.yaml (deterministic)
run       check every committed document against its expected findings; exit 1 on any deviation
coverage  per pack: rules with a failing and a passing document; write the README's "not yet covered"
"""

from __future__ import annotations

import sys

from docgen.check.conformance import suite


def _run() -> int:
    outcomes = suite.run()
    bad = [o for o in outcomes if not o.ok]
    for o in bad:
        print(f"DEVIATION {o.name} ({o.profile})")
        for k in o.missing:
            print(f"  missing    {' '.join(k)}")
        for k in o.unexpected:
            print(f"  unexpected {' '.join(k)}")
    print(f"{len(outcomes) - len(bad)}/{len(outcomes)} documents as expected", file=sys.stderr)
    return 1 if bad else 0


def main(argv: list[str]) -> int:
    cmd = argv[0] if argv else "run"
    if cmd == "build":
        paths = suite.build()
        print(f"{len(paths)} documents written to {suite.SUITE_DIR}", file=sys.stderr)
        from docgen.check.conformance import readme
        readme.write(suite.coverage(suite.run()))
        return 0
    if cmd == "run":
        return _run()
    if cmd == "coverage":
        table = suite.coverage(suite.run())
        for pack, (n, total) in suite.coverage_summary(table).items():
            print(f"{pack}: {n}/{total}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
