"""Findings as a person reads them (text) and as programs read them (JSON).

Both are plain strings: the CLI prints them, the web layer may serve them. The JSON
follows ``report.schema.json`` in this package.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from waarborg.check._core import SEVERITIES, Finding, Severity
from waarborg.i18n import N_, translate

SEVERITY_NAMES: dict[Severity, str] = {
    "error": N_("error"),
    "warning": N_("warning"),
    "advice": N_("advice"),
}


def counts(findings: Sequence[Finding]) -> dict[Severity, int]:
    return {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}


def exit_status(findings: Sequence[Finding]) -> int:
    """1 when any finding is an error, else 0: a register with errors fails a build."""
    return 1 if any(f.severity == "error" for f in findings) else 0


def report(findings: Sequence[Finding], register_file: str, lang: str) -> dict[str, Any]:
    return {
        "register": register_file,
        "language": lang,
        "counts": counts(findings),
        "findings": [f.as_dict(lang) for f in findings],
    }


def render_json(findings: Sequence[Finding], register_file: str, lang: str = "nl") -> str:
    return json.dumps(report(findings, register_file, lang), ensure_ascii=False, indent=2)


def render_text(findings: Sequence[Finding], register_file: str, lang: str = "nl") -> str:
    """One block per finding, then a count line; 'no findings' when all is well."""
    blocks = [_block(f, register_file, lang) for f in findings]
    number = counts(findings)
    summary = translate(lang, "{file}: {error} errors, {warning} warnings, {advice} advice")
    blocks.append(summary.format(file=register_file, **number))
    return "\n\n".join(blocks)


def _block(finding: Finding, register_file: str, lang: str) -> str:
    where = finding.location or register_file
    subject = f" ({finding.activity})" if finding.activity else ""
    severity = translate(lang, SEVERITY_NAMES[finding.severity])
    return "\n".join(
        (
            f"{where}: {severity} {finding.check}{subject}",
            f"  {finding.message(lang)}",
            "  " + translate(lang, "Fix: {fix}").format(fix=finding.fix(lang)),
            f"  {finding.reference_text(lang)} · {finding.path}",
        )
    )
