"""`python -m bench`: every benchmark in turn; exits non-zero when one misses its target."""

from __future__ import annotations

import sys

from bench import consent, importer, render, runtime, systems


def main() -> int:
    return max(module.main() for module in (render, importer, runtime, systems, consent))


if __name__ == "__main__":
    sys.exit(main())
