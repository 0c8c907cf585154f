"""Group commit for the API's audit entries.

Every ``POST /api/decide`` writes an audit entry, and a durable commit (an fsync)
costs more than the whole decision. A request hands its entry to the writer and
waits until it is committed. The writer commits on a thread of its own, one batch
at a time: entries that arrive while a commit is under way go into the next
transaction together, and the event loop keeps answering other requests while
the disk syncs. No answer leaves before its entry is durable, and under load one
commit serves many requests.

A batch goes as soon as the writer is free (one turn of the event loop after its
first entry), not when the requests being handled have all joined it: waiting for
them left the event loop idle during every commit, and with the commits
overlapping the handling of the next requests the API answered about a sixth more
calls (``python -m bench.runtime --only api``, 16 connections).

The batch is written straight through the driver on a connection the writer
keeps (:class:`waarborg.audit_batches.BatchAppender`): every SQLAlchemy call on
this thread would take the GIL from the event loop. If a batch fails, each entry
is retried in a transaction of its own, so one bad entry cannot take the others
down with it.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from itertools import groupby
from weakref import WeakKeyDictionary

from waarborg import audit
from waarborg._exceptions import WaarborgError
from waarborg.audit_batches import BatchAppender
from waarborg.store import Store

log = logging.getLogger(__name__)
_BATCH = 512
_UNAVAILABLE = "the audit log cannot be written just now"

_Item = tuple[int, audit.Prepared, "asyncio.Future[audit.AuditRecord]"]


@dataclass
class _Queue:
    """The entries of one event loop waiting for their commit."""

    pending: list[_Item] = field(default_factory=list)
    scheduled: bool = False
    committing: bool = False


class AuditWriter:
    def __init__(self, store: Store):
        self._appender = BatchAppender(store.engine)
        self._executor: ThreadPoolExecutor | None = None
        self._queues: WeakKeyDictionary[asyncio.AbstractEventLoop, _Queue] = WeakKeyDictionary()

    async def write(self, organisation_id: int, entry: audit.Entry) -> audit.AuditRecord:
        """Append ``entry``; returns once it is committed."""
        prepared = audit.prepare(entry)  # input errors belong to the request, not the batch
        loop = asyncio.get_running_loop()
        queue = self._queues.get(loop)
        if queue is None:
            queue = self._queues[loop] = _Queue()
        future: asyncio.Future[audit.AuditRecord] = loop.create_future()
        queue.pending.append((organisation_id, prepared, future))
        self._schedule(loop, queue)
        return await future

    def close(self) -> None:
        """Wait for the commit under way and stop the thread (a new one starts on demand)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
        self._appender.close()

    def _schedule(self, loop: asyncio.AbstractEventLoop, queue: _Queue) -> None:
        if queue.pending and not queue.scheduled and not queue.committing:
            queue.scheduled = True
            loop.call_soon(self._flush, loop, queue)

    def _flush(self, loop: asyncio.AbstractEventLoop, queue: _Queue) -> None:
        queue.scheduled = False
        batch, queue.pending = queue.pending[:_BATCH], queue.pending[_BATCH:]
        queue.committing = True
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="waarborg-audit")
        done = loop.run_in_executor(self._executor, self._commit, [(o, p) for o, p, _ in batch])
        done.add_done_callback(partial(self._committed, loop, queue, batch))

    def _committed(
        self,
        loop: asyncio.AbstractEventLoop,
        queue: _Queue,
        batch: list[_Item],
        done: asyncio.Future[list[audit.AuditRecord | WaarborgError]],
    ) -> None:
        queue.committing = False
        failed = done.exception()
        if failed is not None:  # never leave a request waiting
            log.error("audit writer failed: %s", type(failed).__name__)
            unavailable = audit.AuditUnavailableError(_UNAVAILABLE)
            outcomes: list[audit.AuditRecord | WaarborgError] = [unavailable] * len(batch)
        else:
            outcomes = done.result()
        for (_, _, future), outcome in zip(batch, outcomes, strict=True):
            if future.done():  # the client went away; its entry stands all the same
                continue
            if isinstance(outcome, WaarborgError):
                future.set_exception(outcome)
            else:
                future.set_result(outcome)
        self._schedule(loop, queue)

    def _commit(
        self, batch: list[tuple[int, audit.Prepared]]
    ) -> list[audit.AuditRecord | WaarborgError]:
        """On the writer thread: one transaction per chain, in arrival order within it."""
        order = sorted(range(len(batch)), key=lambda i: batch[i][0])  # stable per organisation
        outcomes: dict[int, audit.AuditRecord | WaarborgError] = {}
        for organisation_id, group in groupby(order, key=lambda i: batch[i][0]):
            outcomes.update(self._commit_chain(organisation_id, [(i, batch[i][1]) for i in group]))
        return [outcomes[i] for i in range(len(batch))]

    def _commit_chain(
        self, organisation_id: int, items: list[tuple[int, audit.Prepared]]
    ) -> dict[int, audit.AuditRecord | WaarborgError]:
        try:
            records = self._appender.append(organisation_id, [p for _, p in items])
        except Exception as exc:  # retried one by one, then reported
            if len(items) > 1:
                outcomes: dict[int, audit.AuditRecord | WaarborgError] = {}
                for item in items:
                    outcomes.update(self._commit_chain(organisation_id, [item]))
                return outcomes
            # The type only: a database error's text may quote the values it was given.
            log.error("audit entry could not be written: %s", type(exc).__name__)
            return {items[0][0]: audit.AuditUnavailableError(_UNAVAILABLE)}
        return {i: record for (i, _), record in zip(items, records, strict=True)}
