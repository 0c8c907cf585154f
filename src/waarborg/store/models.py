"""Imports every table module so the metadata is complete (for Alembic and tests).

One module per area holds its tables (``<area>_tables.py``) and gets its own
migration; a new area (the data-subject request workflow, for one) adds its
module here and a revision after the current head.
"""

from waarborg.store.apikey_tables import ApiKey
from waarborg.store.audit_tables import AuditEntry, AuditHead
from waarborg.store.consent_tables import ConsentRecord
from waarborg.store.executions import HeldRow, RequestExecution, RequestStep
from waarborg.store.limit_tables import Objection, Restriction
from waarborg.store.outbox_tables import OutboxMail
from waarborg.store.ratelimit_tables import RateLimitHit
from waarborg.store.retention_tables import RetentionRun
from waarborg.store.tables import (
    Event,
    Organisation,
    StatementVersion,
    Subject,
    SubjectIdentity,
)

__all__ = [
    "ApiKey",
    "AuditEntry",
    "AuditHead",
    "ConsentRecord",
    "Event",
    "HeldRow",
    "Objection",
    "Organisation",
    "OutboxMail",
    "RateLimitHit",
    "RequestExecution",
    "RequestStep",
    "Restriction",
    "RetentionRun",
    "StatementVersion",
    "Subject",
    "SubjectIdentity",
]
