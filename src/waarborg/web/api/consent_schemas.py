"""Bodies of the consent API (``/api/consents``), as OpenAPI shows them."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints, model_validator

from waarborg.web.api.schemas import Body, OneSubjectIn, Scalar

# A register activity, or ``cookies:<category>`` for a cookie category of the banner.
ConsentActivity = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,60}(?::[a-z0-9][a-z0-9-]{0,30})?$")
]
AnonymousId = Annotated[
    str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{16,80}$", min_length=16, max_length=80)
]
# The collection methods of waarborg.store.consent_tables (a test keeps them equal).
Method = Literal[
    "banner", "form", "double-opt-in", "account", "separate-request", "verbal", "import"
]


class HolderIn(Body):
    """Whose consent: a person (``subject``) or an anonymous consent id (cookies)."""

    subject: OneSubjectIn | None = None
    anonymous_id: AnonymousId | None = Field(
        None, description="the random id the cookie banner keeps in the visitor's browser"
    )

    @model_validator(mode="after")
    def _one_holder(self) -> HolderIn:
        if (self.subject is None) == (self.anonymous_id is None):
            raise ValueError("give subject or anonymous_id, not both")
        return self


class ConsentIn(HolderIn):
    activity: ConsentActivity
    state: Literal["given", "refused"]
    language: Literal["nl", "en"]
    collection_method: Method
    shown_text: str | None = Field(
        None, min_length=1, max_length=50_000, description="the exact text shown; hashed"
    )
    shown_text_hash: str | None = Field(
        None, pattern=r"^[0-9a-f]{64}$", description="or its SHA-256, if the text is kept elsewhere"
    )
    purposes: list[Annotated[str, StringConstraints(max_length=80)]] | None = Field(
        None, max_length=30, description="default: the activity's purposes"
    )
    evidence: dict[Annotated[str, StringConstraints(max_length=60)], Scalar] = Field(
        default_factory=dict, max_length=20, description="e.g. form id; no personal data"
    )

    @model_validator(mode="after")
    def _text(self) -> ConsentIn:
        if (self.shown_text is None) == (self.shown_text_hash is None):
            raise ValueError("give shown_text or shown_text_hash")
        return self


class WithdrawIn(HolderIn):
    activity: ConsentActivity
    method: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{0,39}$")] = Field(
        "api", description="how the person withdrew: banner, unsubscribe-link, account, …"
    )


class ConsentOut(BaseModel):
    record: str
    activity: str
    state: Literal["given", "refused", "withdrawn", "expired"]
    purposes: list[str]
    data_categories: list[str]
    statement_version_id: int | None
    shown_text_hash: str
    language: str
    collection_method: str
    consent_type: str
    collected_at: str
    expires_at: str | None
    ended_at: str | None
    withdrawal_method: str | None


class ConsentStateOut(BaseModel):
    subject: str | None
    anonymous_id: str | None
    consents: list[ConsentOut] = Field(description="the current record per activity")

    @classmethod
    def of(cls, subject: str | None, anonymous: str | None, rows: list[dict[str, Any]]) -> Any:
        return cls.model_validate({"subject": subject, "anonymous_id": anonymous, "consents": rows})
