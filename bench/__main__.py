"""`make bench` / `python -m bench`: every benchmark (see bench/runtime.py for options)."""

import sys

from bench.runtime import main

sys.exit(main(sys.argv[1:]))
