"""A processing activity (verwerking): one purpose section of the statement."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from waarborg.register._base import LocalText, Slug, StrictModel
from waarborg.register.retention import RetentionRule


class LegalBasis(StrictModel):
    """Art. 6(1) basis; ``unstated`` records a statement that names none."""

    basis: Slug = Field(description="legal basis id, e.g. 'contract'")
    interest: LocalText | None = Field(
        default=None, description="for legitimate interest: the interest (Art. 13(1)(d))"
    )
    obligation: LocalText | None = Field(
        default=None, description="for a legal obligation: which law"
    )
    special_category_ground: Slug | None = Field(
        default=None, description="Art. 9(2) ground when special categories are processed"
    )

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, value: Any) -> Any:
        return {"basis": value} if isinstance(value, str) else value


class ExistingCustomerException(StrictModel):
    """Telecommunicatiewet art. 11.7 lid 3: e-mail to existing customers without opt-in.

    All five conditions must hold (ACM: a mention in the terms or the statement
    alone is not enough for the opt-out at collection).
    """

    obtained_with_sale: bool = False
    same_legal_entity: bool = False
    informed_at_collection: bool = False
    opt_out_at_collection: bool = False
    similar_products: bool = False

    def holds(self) -> bool:
        return all(
            (
                self.obtained_with_sale,
                self.same_legal_entity,
                self.informed_at_collection,
                self.opt_out_at_collection,
                self.similar_products,
            )
        )


ConsentMethod = Literal[
    "opt-in",
    "double-opt-in",
    "separate-request",
    "banner",
    "account-setting",
    "automatic-enrolment",
    "pre-ticked",
    "continued-use",
    "unstated",
]


class ConsentCollection(StrictModel):
    """How people come to be included (a newsletter list, a location prompt, a banner)."""

    method: ConsentMethod = "unstated"
    withdraw: list[Slug] = Field(default_factory=list, description="opt-out method ids")
    existing_customer_exception: ExistingCustomerException | None = None


class MarketingChannel(StrictModel):
    channel: Slug = Field(description="marketing channel id: post, email, social-media, phone")
    opt_out: list[Slug] = Field(default_factory=list, description="opt-out method ids")


class Profiling(StrictModel):
    """Combining data to learn about a person, and any automated decision (Art. 22)."""

    combines_data: bool = True
    automated_decisions: bool = False
    logic: LocalText | None = None
    significance: LocalText | None = None
    consequences: LocalText | None = None
    objection: LocalText | None = None


class Source(StrictModel):
    """Where the data comes from; anything but the person triggers Art. 14."""

    kind: Literal["data-subject", "observed", "third-party", "public"] = "data-subject"
    description: LocalText | None = None
    publicly_accessible: bool = False


class Requirement(StrictModel):
    """Art. 13(2)(e): must the person provide the data, and what if they do not."""

    kind: Literal["statutory", "contractual", "contract-entry", "voluntary"]
    consequence: LocalText | None = None


class Activity(StrictModel):
    id: Slug
    title: LocalText
    description: LocalText | None = Field(
        default=None, description="what happens, in plain words, as the statement says it"
    )
    purposes: list[Slug] = Field(min_length=1)
    data_subjects: list[Slug] = Field(default_factory=list)
    data_categories: list[Slug] = Field(default_factory=list)
    legal_basis: LegalBasis
    retention: RetentionRule
    recipients: list[Slug] = Field(default_factory=list, description="party ids")
    source: Source = Source()
    requirement: Requirement | None = None
    profiling: Profiling | None = None
    consent: ConsentCollection | None = None
    channels: list[MarketingChannel] = Field(default_factory=list)
    claimed_not_personal: list[Slug] = Field(
        default_factory=list,
        description="categories the statement calls 'not personal data' or 'anonymous'",
    )
    large_scale: bool = False
    details: LocalText | None = Field(
        default=None, description="further explanation printed after the facts"
    )

    @property
    def basis(self) -> str:
        return self.legal_basis.basis

    def texts(self) -> list[tuple[str, LocalText]]:
        """Every person-readable text in this activity, with its field name."""
        found: list[tuple[str, LocalText]] = [("title", self.title)]
        for name in ("description", "details"):
            value = getattr(self, name)
            if value is not None:
                found.append((name, value))
        for name in ("interest", "obligation"):
            value = getattr(self.legal_basis, name)
            if value is not None:
                found.append((f"legal_basis.{name}", value))
        if self.retention.note is not None:
            found.append(("retention.note", self.retention.note))
        if self.profiling is not None:
            for name in ("logic", "significance", "consequences", "objection"):
                value = getattr(self.profiling, name)
                if value is not None:
                    found.append((f"profiling.{name}", value))
        if self.source.description is not None:
            found.append(("source.description", self.source.description))
        if self.requirement is not None and self.requirement.consequence is not None:
            found.append(("requirement.consequence", self.requirement.consequence))
        return found
