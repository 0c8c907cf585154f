"""Group commit for the API's audit entries.

Every ``POST /api/decide`` writes an audit entry, and a durable commit costs more
than the whole decision. Requests hand their entry to one writer thread and wait
until it is committed; entries that arrive while a commit is under way go into
the next transaction together (:func:`waarborg.audit.append_many`). No request is
answered before its entry is durable, and under load one commit serves many
requests.

If a batch fails, each entry is retried in a transaction of its own, so one bad
entry cannot take the others down with it.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from concurrent.futures import Future
from itertools import groupby

from waarborg import audit
from waarborg.store import Store

log = logging.getLogger(__name__)
_BATCH = 512
_STOP = object()

_Item = tuple[int, audit.Entry, "Future[audit.AuditRecord]"]


class AuditWriter:
    def __init__(self, store: Store):
        self._store = store
        self._queue: queue.SimpleQueue[_Item | object] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    async def write(self, organisation_id: int, entry: audit.Entry) -> audit.AuditRecord:
        """Append ``entry``; returns once it is committed."""
        audit.check_entry(entry)  # input errors belong to the request, not to the writer
        future: Future[audit.AuditRecord] = Future()
        self._ensure_started()
        self._queue.put((organisation_id, entry, future))
        return await asyncio.wrap_future(future)

    def _ensure_started(self) -> None:
        if self._thread is None:
            with self._lock:
                if self._thread is None:
                    self._thread = threading.Thread(
                        target=self._run, name="waarborg-audit-writer", daemon=True
                    )
                    self._thread.start()

    def close(self) -> None:
        """Finish what is queued and stop the thread."""
        if self._thread is not None:
            self._queue.put(_STOP)
            self._thread.join(timeout=30)
            self._thread = None

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            batch: list[_Item] = [first]  # type: ignore[list-item]
            stop = False
            while len(batch) < _BATCH:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is _STOP:
                    stop = True
                    break
                batch.append(item)  # type: ignore[arg-type]
            self._commit(batch)
            if stop:
                return

    def _commit(self, batch: list[_Item]) -> None:
        try:
            with self._store.transaction() as session:
                results: list[tuple[Future[audit.AuditRecord], audit.AuditRecord]] = []
                batch.sort(key=lambda item: item[0])
                for organisation_id, items in groupby(batch, key=lambda item: item[0]):
                    group = list(items)
                    records = audit.append_many(session, organisation_id, [e for _, e, _ in group])
                    results.extend(zip((f for _, _, f in group), records, strict=True))
        except Exception as exc:  # retried one by one, then reported
            if len(batch) > 1:
                for item in batch:
                    self._commit([item])
                return
            # The type only: a database error's text may quote the values it was given.
            log.error("audit entry could not be written: %s", type(exc).__name__)
            batch[0][2].set_exception(
                audit.AuditUnavailableError("the audit log cannot be written just now")
            )
            return
        for future, record in results:
            future.set_result(record)
