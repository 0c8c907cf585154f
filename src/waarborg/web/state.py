"""What every request handler reaches through ``request.app.state.waarborg``."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from waarborg.jobs import Runner
from waarborg.settings import Settings
from waarborg.store import Store
from waarborg.store.apikeys import Caller, authenticate
from waarborg.store.states import StateReader
from waarborg.web.audit_writer import AuditWriter
from waarborg.web.protect import CsrfGuard
from waarborg.web.site import Sites


class KeyCache:
    """Keys that checked out recently, so the API does not query them on every call.

    A key revoked elsewhere (``waarborg apikey revoke`` in another process) stops
    working within ``ttl`` seconds; 0 checks the store on every call.
    """

    def __init__(self, ttl: float):
        self.ttl = ttl
        self._known: dict[str, tuple[float, Caller]] = {}

    def get(self, token: str) -> Caller | None:
        found = self._known.get(token)
        if found is None or found[0] < time.monotonic():
            return None
        return found[1]

    def put(self, token: str, caller: Caller) -> None:
        if self.ttl > 0:
            if len(self._known) > 10_000:
                self._known.clear()
            self._known[token] = (time.monotonic() + self.ttl, caller)


@dataclass
class AppState:
    settings: Settings
    store: Store
    sites: Sites
    secret: bytes
    keys: KeyCache
    jobs: Runner
    audit: AuditWriter = field(init=False)
    states: StateReader = field(init=False)
    csrf: CsrfGuard = field(init=False)

    def __post_init__(self) -> None:
        self.csrf = CsrfGuard(self.secret, secure_cookies=self.settings.secure_cookies)
        self.audit = AuditWriter(self.store)
        self.states = StateReader(self.store.engine)

    def caller(self, token: str) -> Caller:
        """The caller a key belongs to (cached); raises AuthenticationError."""
        found = self.keys.get(token)
        if found is None:
            with self.store.reading() as session:
                found = authenticate(session, token)
            self.keys.put(token, found)
        return found
