"""Property-based run of the OpenAPI spec against the app in-process: never a 500, and
every answer (errors included) has the shape the spec promises.

Requests carry a valid key, so the generated bodies reach validation and the
handlers; a bounded number of examples per operation keeps it fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import Case
from schemathesis.checks import (
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.web.conftest import Served, serve

_running: Served | None = None


def _app() -> object:
    """The schema is loaded at collection time; the app lives for the whole module."""
    global _running
    if _running is None:
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="waarborg-schemathesis-"))
        _running = serve(f"sqlite:///{folder / 'w.db'}", folder)
    return _running.app


schema = schemathesis.openapi.from_asgi("/api/openapi.json", _app())


@pytest.fixture(scope="module", autouse=True)
def _close() -> Iterator[None]:
    yield
    if _running is not None:
        _running.app.state.waarborg.audit.close()
        _running.app.state.waarborg.states.close()
        _running.store.dispose()


def _steer(case: Case) -> None:
    """Make every other generated body use real ids, so the fuzzing reaches the handlers
    instead of stopping at "unknown activity"."""
    body = case.body
    if not isinstance(body, dict) or len(repr(body)) % 2:
        return
    if "activity" in body:
        body["activity"] = "order-handling"
        if isinstance(body.get("categories"), list):
            body["categories"] = ["email", "naw"][: len(body["categories"])]
    if "kind" in body:
        body["kind"] = "order-completed"


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
    derandomize=True,  # the same cases every run: a failure here is always reproducible
)
def test_the_api_never_answers_500(case: Case) -> None:
    assert _running is not None
    headers = dict(case.headers or {})
    # Keep to the key's own organisation, so most cases reach the handlers (403 is tested
    # in test_api.py).
    headers.pop("Waarborg-Organisation", None)
    case.headers = {**headers, "Authorization": f"Bearer {_running.key}"}
    _steer(case)
    response = case.call()
    case.validate_response(
        response, checks=[not_a_server_error, response_schema_conformance, status_code_conformance]
    )
    assert response.status_code < 500, response.text
