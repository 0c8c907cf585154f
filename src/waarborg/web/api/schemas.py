"""Request and response bodies of the JSON API, as OpenAPI shows them."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from waarborg.store.subjects import Identity

Slug = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$", max_length=80)
]
SUBJECT_REF = r"^sub_[0-9a-f]{32}$"
Scalar = str | int | float | bool | None


class Body(BaseModel):
    """Unknown fields are errors, so a misspelt field never passes silently."""

    model_config = ConfigDict(extra="forbid")


class SubjectIn(Body):
    """A person: their ``sub_…`` reference, or how the calling system knows them."""

    ref: str | None = Field(None, pattern=SUBJECT_REF, description="waarborg's reference")
    email: str | None = Field(None, min_length=3, max_length=254)
    phone: str | None = Field(None, min_length=3, max_length=40)
    customer_id: str | None = Field(None, min_length=1, max_length=200)

    @model_validator(mode="after")
    def _something(self) -> SubjectIn:
        if not self.given():
            raise ValueError("give ref, email, phone or customer_id")
        return self

    def given(self) -> list[str]:
        return [n for n in ("ref", "email", "phone", "customer_id") if getattr(self, n)]

    def identities(self) -> list[Identity]:
        found = []
        if self.email:
            found.append(Identity("email", self.email))
        if self.phone:
            found.append(Identity("phone", self.phone))
        if self.customer_id:
            found.append(Identity("customer-id", self.customer_id))
        return found


class OneSubjectIn(SubjectIn):
    """A person by exactly one of ``ref``, ``email``, ``phone`` or ``customer_id``."""

    @model_validator(mode="after")
    def _exactly_one(self) -> OneSubjectIn:
        if len(self.given()) > 1:
            raise ValueError("give only one of ref, email, phone or customer_id")
        return self


class EventIn(Body):
    kind: Slug = Field(description="a retention anchor of the register, e.g. order-completed")
    reference: str = Field(min_length=1, max_length=200, description="e.g. the order number")
    occurred_at: AwareDatetime
    subject: SubjectIn | None = Field(
        None, description="the person; several identities link them to one subject"
    )
    details: dict[Annotated[str, StringConstraints(max_length=60)], Scalar] = Field(
        default_factory=dict, max_length=20, description="facts without personal data"
    )


class EventOut(BaseModel):
    subject: str | None
    kind: str
    reference: str
    created: bool = Field(description="false when this event was posted before")


class SubjectOut(BaseModel):
    subject: str = Field(description="waarborg's pseudonymous reference")


class DecideIn(Body):
    subject: OneSubjectIn | None = Field(None, description="leave out for an unknown visitor")
    activity: Slug
    categories: list[Slug] = Field(default_factory=list, max_length=100)
    at: AwareDatetime | None = Field(None, description="decide for this moment (default: now)")


class ReasonOut(BaseModel):
    code: str
    article: str | None
    message: str
    params: dict[str, Any] = Field(default_factory=dict)


class DecisionOut(BaseModel):
    allowed: bool
    subject: str | None
    activity: str
    categories: list[str]
    basis: str | None
    reasons: list[ReasonOut]
    keep_until: date | None = Field(None, description="last day the data may be kept")
    audit_seq: int = Field(description="the audit log entry of this decision")


class AccessIn(Body):
    subject: OneSubjectIn
    activity: Slug
    categories: list[Slug] = Field(min_length=1, max_length=100)
    at: AwareDatetime | None = Field(None, description="when it happened (default: now)")
    details: dict[Annotated[str, StringConstraints(max_length=60)], Scalar] = Field(
        default_factory=dict, max_length=20, description="facts without personal data"
    )


class AccessOut(BaseModel):
    subject: str
    allowed: bool = Field(description="whether waarborg would have allowed it")
    reasons: list[ReasonOut]
    audit_seq: int


class ActivityOut(BaseModel):
    id: str
    title: str
    basis: str
    purposes: list[str]
    data_categories: list[str]
    retention: str


class ErrorItem(BaseModel):
    field: str | None
    message: str
    allowed: list[str] | None = None


class ErrorOut(BaseModel):
    error: str
    message: str
    errors: list[ErrorItem] | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": text}
    for status, text in (
        (400, "the body cannot be read (not UTF-8)"),
        (401, "no API key, or not a valid one"),
        (403, "the key belongs to another organisation"),
        (404, "no such subject"),
        (409, "the identities belong to different subjects"),
        (422, "a field is missing or wrong; the body names it"),
        (503, "the store cannot be written just now"),
    )
}
