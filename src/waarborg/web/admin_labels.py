"""Words the console shows for the workflow's codes (request kinds, states, outcomes).

The codes stay in the store and the audit log; people read these labels,
translated by the templates (``{{ _(label(code)) }}``).
"""

from __future__ import annotations

from waarborg.i18n import N_

LABELS: dict[str, str] = {
    "access": N_("access"),
    "portability": N_("portability"),
    "rectification": N_("rectification"),
    "erasure": N_("erasure"),
    "restriction": N_("restriction"),
    "objection": N_("objection"),
    "withdraw-consent": N_("withdrawal of consent"),
    "stop-marketing": N_("stop marketing"),
    "received": N_("received, not verified"),
    "verified": N_("verified"),
    "planned": N_("planned"),
    "approved": N_("approved"),
    "executed": N_("being carried out"),
    "answered": N_("answered"),
    "rejected": N_("refused"),
    "closed": N_("closed"),
    "done": N_("done"),
    "nothing-found": N_("nothing found"),
    "unverified": N_("never verified"),
}


def label(code: str) -> str:
    """The msgid for ``code``; an unknown code is shown as it is."""
    return LABELS.get(code, code)
