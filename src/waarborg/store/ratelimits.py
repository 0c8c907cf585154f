"""Fixed-window rate limits kept in the store, so that they hold across processes.

``hit`` counts one use of a key in the current window and raises
:class:`RateLimitedError` once the limit is passed. The count is one upsert,
atomic on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite

from waarborg._exceptions import RateLimitedError
from waarborg.i18n import N_
from waarborg.identity import keyed_hash
from waarborg.store._store import Store
from waarborg.store.base import utcnow
from waarborg.store.ratelimit_tables import RateLimitHit

_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def window_start(now: datetime, window: timedelta) -> datetime:
    elapsed = (now - _EPOCH) // window
    return _EPOCH + elapsed * window


def hit(
    store: Store,
    secret: bytes,
    key: str,
    *,
    limit: int,
    window: timedelta,
    now: datetime | None = None,
) -> int:
    """Count a use of ``key``; the count so far in this window, or RateLimitedError."""
    moment = now or utcnow()
    start = window_start(moment, window)
    digest = keyed_hash(secret, "rate-limit", key)
    dialect = store.engine.dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(RateLimitHit)
        .values(key_hash=digest, window_start=start, count=1)
        .on_conflict_do_update(
            index_elements=["key_hash", "window_start"],
            set_={"count": RateLimitHit.count + 1},
        )
        .returning(RateLimitHit.count)
    )
    with store.transaction() as session:
        count = int(session.execute(statement).scalar_one())
    if count > limit:
        retry = int((start + window - moment).total_seconds()) + 1
        raise RateLimitedError.translatable(
            N_("too many attempts; try again in {seconds} seconds"), {"seconds": retry}
        )
    return count


def prune(store: Store, older_than: timedelta = timedelta(days=2)) -> int:
    with store.transaction() as session:
        result = session.execute(
            delete(RateLimitHit).where(RateLimitHit.window_start < utcnow() - older_than)
        )
        return int(getattr(result, "rowcount", 0) or 0)
