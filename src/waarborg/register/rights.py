"""How data-subject requests are handled (Art. 12, 15–22, 77)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from waarborg.register._base import LocalText, Slug, StrictModel
from waarborg.register.duration import Duration


class IdCopyPolicy(StrictModel):
    """AP guidance: ask for an ID copy only if nothing else works, and then shielded."""

    required: bool = False
    shielded: bool = True
    shielded_fields: list[str] = Field(default_factory=list)
    advice: LocalText | None = None


class Verification(StrictModel):
    methods: list[Slug] = Field(default_factory=lambda: ["known-email"])
    id_copy: IdCopyPolicy = IdCopyPolicy()
    description: LocalText | None = None


class RequestChannel(StrictModel):
    kind: Slug = Field(description="request channel id: email, form, post, phone, portal")
    address: str | None = None


class RightsHandling(StrictModel):
    offered: list[Slug] = Field(description="right ids the statement promises")
    erasure_scope: Literal["all", "outdated"] = "all"
    response_term: Duration | None = Field(
        default=None, description="the statement's promise, e.g. '4 weeks'; None = unstated"
    )
    extension_possible: bool = True
    verification: Verification = Verification()
    channels: list[RequestChannel] = Field(default_factory=list)
    copies_to_known_email_only: bool = False
    anonymised_request_log: bool = False
    approval_required: bool = Field(
        default=False, description="the privacy contact approves each request before it runs"
    )
    objection_effect: LocalText | None = None
    description: LocalText | None = None
