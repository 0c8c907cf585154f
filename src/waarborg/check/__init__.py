"""The checker: what is wrong with a register, where, why, and how to fix it.

``run_checks(register)`` runs every check and returns its findings in file order.
Each area of the law has its own module of small check functions; importing them
here registers them. To add a check, write a function in the right module, decorate
it with :func:`waarborg.check._core.check`, document it in ``docs/checks.md`` and test
it with a register that triggers it and one that does not.
"""

from __future__ import annotations

from waarborg.check import (  # noqa: F401  (importing registers the checks)
    basis,
    breyer,
    cookies,
    identity,
    leftovers,
    marketing,
    minimisation,
    profiling,
    recipients,
    retention,
    rights,
    verification,
)
from waarborg.check._core import SEVERITIES, Check, Finding, Localized, Severity, all_checks
from waarborg.check.report import counts, exit_status, render_json, render_text, report
from waarborg.register import Register

__all__ = [
    "SEVERITIES",
    "Check",
    "Finding",
    "Localized",
    "Severity",
    "all_checks",
    "counts",
    "exit_status",
    "render_json",
    "render_text",
    "report",
    "run_checks",
]


def run_checks(register: Register) -> list[Finding]:
    """Every finding of every check, ordered by place in the file, then by check id."""
    findings = [finding for c in all_checks() for finding in c.run(register)]
    return sorted(findings, key=_order)


def _order(finding: Finding) -> tuple[int, int, str, str]:
    pos = finding.position
    return (pos.line if pos else 0, pos.column if pos else 0, finding.check, finding.path)
