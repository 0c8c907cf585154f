"""Retention enforced: which rows are due, sweeps that erase them, and run reports.

``plan(...)`` counts per system, table and action the rows due now and within 30
days; ``run(...)`` sweeps them in batches (each its own transaction) and records a
run report; ``recent_runs(...)`` reads past runs for the admin console. The
arithmetic is in :mod:`waarborg.retention.expiry` (no I/O), the SQL in
:mod:`waarborg.retention.due` and :mod:`waarborg.retention.sweep`.
"""

from waarborg.retention.expiry import TableRules, cutoffs, table_rules
from waarborg.retention.plan import RetentionPlan, TablePlan, plan
from waarborg.retention.run import DEFAULT_BATCH, run
from waarborg.retention.runs import RunSummary, recent_runs

__all__ = [
    "DEFAULT_BATCH",
    "RetentionPlan",
    "RunSummary",
    "TablePlan",
    "TableRules",
    "cutoffs",
    "plan",
    "recent_runs",
    "run",
    "table_rules",
]
