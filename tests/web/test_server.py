"""How ``waarborg serve`` runs the app: what is built at start-up is left out of collections."""

from __future__ import annotations

import subprocess
import sys

from waarborg.web.server import YOUNG_COLLECTION_THRESHOLD

PROBE = """
import gc
from waarborg.web.server import settle_heap
leftover = []
leftover.append(leftover)  # a cycle from start-up, unreachable below
del leftover
settle_heap()
young, _, _ = gc.get_threshold()
print(gc.get_freeze_count() > 10_000, young, gc.collect())
cycle = []
cycle.append(cycle)  # made while serving: still collected
del cycle
print(gc.collect())
"""


def test_the_server_freezes_its_start_up_heap_and_still_collects_cycles() -> None:
    # In a process of its own: freezing the test runner's heap would change every later test.
    output = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    ).stdout.split()
    assert output[:2] == ["True", str(YOUNG_COLLECTION_THRESHOLD)]
    assert output[2] == "0"  # the start-up cycle was collected before freezing
    assert output[3] == "1"
