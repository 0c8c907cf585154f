"""How requesters prove who they are (Art. 12(6) and the AP's guidance on ID copies).

The AP: ask for a copy of an identity document only when there really is no other
way; first use what you already know (the e-mail address on file, the customer's
account). If a copy is unavoidable, only a shielded one: BSN and photo made
invisible. The BSN may only be processed where a law allows it (UAVG art. 46).
"""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.check._core import Hit, check
from waarborg.i18n import N_
from waarborg.register import Register

_AP_SOURCE = (
    "AP, 'Kopie van uw ID-bewijs: wat kunt u doen?' "
    "(autoriteitpersoonsgegevens.nl/themas/identificatie)"
)


@check(
    "verification.id-copy-required",
    severity="warning",
    reference=N_("GDPR Art. 12(6), 5(1)(c); AP guidance on ID copies"),
    source=f"GDPR Art. 12(6) (additional information only where there is reasonable doubt); "
    f"{_AP_SOURCE}",
)
def id_copy_required(register: Register) -> Iterator[Hit]:
    if register.rights.verification.id_copy.required:
        yield Hit(
            ("rights", "verification", "id_copy", "required"),
            N_(
                "Every request must come with a copy of an identity document, while the AP "
                "allows asking for one only when there is really no other way."
            ),
            N_(
                "Verify through the e-mail address you already know or the customer's account "
                "(verification.methods: [known-email, account]) and set id_copy.required to "
                "false; ask for a shielded copy only when nothing else works."
            ),
        )


@check(
    "verification.id-copy-unshielded",
    severity="error",
    reference=N_("AP guidance on ID copies; UAVG art. 46"),
    source=f"{_AP_SOURCE}; Uitvoeringswet AVG art. 46 (the BSN only where a law prescribes it)",
)
def id_copy_unshielded(register: Register) -> Iterator[Hit]:
    verification = register.rights.verification
    uses_copy = verification.id_copy.required or "id-copy" in verification.methods
    if uses_copy and not verification.id_copy.shielded:
        yield Hit(
            ("rights", "verification", "id_copy", "shielded"),
            N_(
                "Requesters may send an unshielded copy of their identity document, which "
                "exposes their citizen service number (BSN) and photo."
            ),
            N_(
                "Ask people to make the BSN and the photo invisible (e.g. with the KopieID "
                "app) and set id_copy.shielded: true; delete the copy when the request closes."
            ),
        )
