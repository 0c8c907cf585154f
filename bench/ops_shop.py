"""Operations on a generated business database: access and erasure for one person.

The lower bound is hand-written SQL: the same work in the fewest queries a developer
who knows the schema would write (``bench.handwritten`` for the WooCommerce (HPOS)
shape, ``bench.handwritten_whmcs`` for WHMCS and ``bench.handwritten_custom`` for the
custom shape).
Connectors are opened before timing (reflection is a one-off per process). Access
reads each person once both ways before timing, so both run from a warm cache;
erasure uses a different, never erased person for every run each way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bench.datasets import SHAPE, TODAY, fresh_people
from bench.handwritten import HandWritten
from bench.handwritten_custom import CustomHandWritten
from bench.handwritten_whmcs import WhmcsHandWritten
from bench.registry import OPERATIONS, Context, Operation, Sample, alternate
from waarborg.register import Register
from waarborg.rights.execute import erasure_changes
from waarborg.rights.plan import plan_erasure
from waarborg.systems.collect import collect
from waarborg.systems.connect import Connector
from waarborg.systems.found import Identity

SECRET = b"bench"


@dataclass
class Opened:
    register: Register
    connector: Connector
    hand: HandWritten | None

    def close(self) -> None:
        self.connector.dispose()
        if self.hand is not None:
            self.hand.dispose()


def _open(ctx: Context) -> Opened:
    shape = SHAPE[ctx.shape]
    register = shape.register()
    systems = shape.systems(register)
    connector = Connector.open(systems, shape.system, {shape.env: ctx.url})
    hand: HandWritten | None = None
    if ctx.shape == "woocommerce":
        hand = HandWritten(ctx.url, TODAY)
    elif ctx.shape == "whmcs":
        hand = WhmcsHandWritten(ctx.url, TODAY, SECRET)
    elif ctx.shape == "custom":
        hand = CustomHandWritten(ctx.url, TODAY, SECRET)
    return Opened(register, connector, hand)


def _emails(ctx: Context, count: int) -> list[str]:
    shape = SHAPE[ctx.shape]
    return [shape.person(ctx.size, i).email for i in fresh_people(ctx.url, ctx.size, count)]


def access(ctx: Context) -> Sample:
    opened = _open(ctx)
    try:
        reps = 3 * ctx.reps  # a few milliseconds each: more people steady the median
        emails = _emails(ctx, reps + 1)
        for email in emails:  # warm both ways
            collect(opened.connector, [Identity("email", email)])
            if opened.hand is not None:
                opened.hand.access(email)
        found: dict[int, int] = {}

        def ours(rep: int) -> None:
            found[rep] = collect(opened.connector, [Identity("email", emails[rep])]).count()

        hand = opened.hand
        bound = None if hand is None else (lambda rep: hand.access(emails[rep]))
        sample = alternate(ours, bound, reps)
        if hand is not None:  # the lower bound must do the same work
            for rep, count in found.items():
                theirs = hand.access(emails[rep])
                assert count == theirs, f"access: waarborg found {count} rows, hand {theirs}"
        return sample
    finally:
        opened.close()


def erasure(ctx: Context) -> Sample:
    """Walk (with hold anchors), plan and apply, as ``Fulfilment.erase`` does per
    system, without waarborg's own bookkeeping."""
    opened = _open(ctx)
    try:
        emails = _emails(ctx, 2 * (ctx.reps + 1))
        mine, theirs = emails[: ctx.reps + 1], emails[ctx.reps + 1 :]

        def ours(rep: int) -> None:
            collection = collect(opened.connector, [Identity("email", mine[rep])], holds=True)
            plan = plan_erasure(opened.register, [collection], TODAY)
            erasure_changes(opened.connector, plan.tables, SECRET)

        hand = opened.hand
        bound: Any = None if hand is None else (lambda rep: hand.erase(theirs[rep]))
        return alternate(ours, bound, ctx.reps)
    finally:
        opened.close()


HAND = "hand-written SQL"
OPERATIONS.extend(
    [
        Operation("access", "shop", HAND, access),
        Operation("erasure", "shop", HAND, erasure),
    ]
)
