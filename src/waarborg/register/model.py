"""The register of processing activities (Art. 30) as one validated object."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, PrivateAttr

from waarborg._exceptions import Position
from waarborg._yaml import LocatedDocument
from waarborg.register._base import LocalText, Slug, StrictModel
from waarborg.register.activity import Activity
from waarborg.register.cookies import Cookie, CookiePolicy
from waarborg.register.organisation import Organisation
from waarborg.register.parties import Party
from waarborg.register.rights import RightsHandling
from waarborg.register.statement_meta import StatementMeta
from waarborg.register.taxonomy import Taxonomy, Term, default_taxonomy


class SecurityMeasure(StrictModel):
    measure: Slug = Field(description="security measure id, e.g. 'tls'")
    description: LocalText | None = Field(
        default=None, description="the company's own wording; the taxonomy label otherwise"
    )


class TaxonomyAdditions(StrictModel):
    """Terms a company adds to the built-in vocabularies."""

    data_categories: list[Term] = Field(default_factory=list)
    purposes: list[Term] = Field(default_factory=list)
    data_subjects: list[Term] = Field(default_factory=list)
    recipient_kinds: list[Term] = Field(default_factory=list)
    retention_anchors: list[Term] = Field(default_factory=list)
    retention_obligations: list[Term] = Field(default_factory=list)
    security_measures: list[Term] = Field(default_factory=list)
    cookie_categories: list[Term] = Field(default_factory=list)
    opt_out_methods: list[Term] = Field(default_factory=list)

    def by_kind(self) -> dict[str, list[Term]]:
        return {kind: list(getattr(self, kind)) for kind in type(self).model_fields}


class Register(StrictModel):
    """A company's register; load it with :func:`waarborg.register.load_register`."""

    waarborg: Literal[1] = Field(default=1, description="register format version")
    organisation: Organisation
    statement: StatementMeta
    activities: list[Activity] = Field(min_length=1)
    parties: list[Party] = Field(default_factory=list)
    cookies: list[Cookie] = Field(default_factory=list)
    cookie_policy: CookiePolicy = CookiePolicy()
    security_measures: list[SecurityMeasure] = Field(default_factory=list)
    rights: RightsHandling
    global_legal_bases: list[Slug] = Field(
        default_factory=list,
        description="bases the statement lists for everything at once, not per activity",
    )
    global_data_categories: list[Slug] = Field(
        default_factory=list,
        description="categories the statement lists once for all purposes, not per activity",
    )
    taxonomy: TaxonomyAdditions = TaxonomyAdditions()

    _vocabulary: Taxonomy | None = PrivateAttr(default=None)
    _source: LocatedDocument | None = PrivateAttr(default=None)

    @property
    def vocabulary(self) -> Taxonomy:
        """The built-in taxonomy extended with this register's own terms."""
        if self._vocabulary is None:
            self._vocabulary = default_taxonomy().extended(self.taxonomy.by_kind())
        return self._vocabulary

    @property
    def source_file(self) -> str | None:
        return self._source.file if self._source else None

    def attach_source(self, source: LocatedDocument) -> None:
        self._source = source

    def position(self, *path: str | int) -> Position | None:
        """Where ``path`` (e.g. ``"activities", 2, "retention"``) sits in the source file."""
        return self._source.position(path) if self._source else None

    def activity(self, activity_id: str) -> Activity:
        for activity in self.activities:
            if activity.id == activity_id:
                return activity
        raise KeyError(activity_id)

    def activity_index(self, activity_id: str) -> int:
        for index, activity in enumerate(self.activities):
            if activity.id == activity_id:
                return index
        raise KeyError(activity_id)

    def party(self, party_id: str) -> Party:
        for party in self.parties:
            if party.id == party_id:
                return party
        raise KeyError(party_id)

    def has_activity(self, activity_id: str) -> bool:
        return any(a.id == activity_id for a in self.activities)

    def category_ids(self) -> set[str]:
        """Every data category the register declares, per activity or globally."""
        return {c for a in self.activities for c in a.data_categories} | set(
            self.global_data_categories
        )
