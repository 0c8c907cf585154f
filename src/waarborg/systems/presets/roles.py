"""Which of a register's activities a preset's tables serve.

A preset knows the roles its tables play (the customer account, orders,
invoices, support). A register names its activities freely, so each role
lists the purposes that identify it, most specific first; the first activity
with one of those purposes serves the role. Without a register, or when no
activity fits, the preset assumes the ids in :data:`DEFAULTS` and says so in
the generated file, and loading the map against the register then names
each one that does not exist.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from waarborg.register import Register

# role → purposes that identify it, most specific first
PURPOSES: dict[str, tuple[str, ...]] = {
    "account": (
        "account-management",
        "portal-access",
        "customer-administration",
        "service-provision",
    ),
    "orders": ("order-handling", "subscription-management", "service-provision"),
    "services": ("hosting", "subscription-management", "service-provision", "portal-access"),
    "invoicing": ("invoicing",),
    "payments": ("payment",),
    "support": ("customer-support", "customer-contact"),
    "activity-log": ("record-keeping", "security", "portal-access"),
    "marketing": ("newsletter", "direct-marketing"),
}
DEFAULTS: dict[str, str] = {
    "account": "account",
    "orders": "order-handling",
    "services": "order-handling",
    "invoicing": "order-handling",
    "payments": "order-handling",
    "support": "customer-support",
    "activity-log": "portal-access",
    "marketing": "newsletter",
}
OPTIONAL = ("invoicing", "payments")
"""Roles that add an activity when the register has one, and are left out otherwise."""


@dataclass
class Roles:
    """Resolved activity ids per role, and the ids that were assumed, not found."""

    register: Register | None = None
    assumed: dict[str, str] = field(default_factory=dict)

    def __call__(self, *roles: str) -> list[str]:
        """The activities serving ``roles`` (the first is required, the rest optional)."""
        found: list[str] = []
        for index, role in enumerate(roles):
            activity = self._find(role)
            if activity is None and (index == 0 or role not in OPTIONAL):
                activity = DEFAULTS[role]
                self.assumed[role] = activity
            if activity is not None and activity not in found:
                found.append(activity)
        return found

    def optional(self, *roles: str) -> list[str]:
        """The activities serving ``roles`` that the register has; none are assumed."""
        found = (self._find(role) for role in roles)
        return list(dict.fromkeys(a for a in found if a is not None))

    def _find(self, role: str) -> str | None:
        if self.register is None:
            return None
        for purpose in PURPOSES[role]:
            for activity in self.register.activities:
                if purpose in activity.purposes:
                    return activity.id
        return None

    def notes(self) -> Iterable[str]:
        for role, activity in self.assumed.items():
            yield f"role {role!r}: no activity found, assumed {activity!r}"
