"""Published statement versions in waarborg's own store.

A version is written once and never changed: publishing the same content again
finds the existing row (same content hash) instead of adding one, and a version
label that is already taken by other content is refused, so a label always
means one text.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg._exceptions import ConflictError, InputError, NotFoundError
from waarborg.i18n import N_
from waarborg.statement.versions import StatementVersion
from waarborg.store._store import Store, organisation_slug
from waarborg.store.tables import Organisation
from waarborg.store.tables import StatementVersion as VersionRow

# A hash prefix this long is accepted in place of the full 64 characters.
MIN_HASH_PREFIX = 8


@dataclass(frozen=True)
class Published:
    """The stored version, and whether this call stored it (``False``: it was there)."""

    version: StatementVersion
    created: bool
    organisation: str


def publish_version(
    store: Store, organisation_name: str, version: StatementVersion, published_by: str | None
) -> Published:
    """Store ``version`` for the organisation; identical content is a no-op."""
    slug = organisation_slug(organisation_name)
    organisation_id = store.ensure_organisation(organisation_name, slug)
    with store.transaction() as session:
        rows = session.scalars(
            select(VersionRow).where(VersionRow.organisation_id == organisation_id)
        ).all()
        for row in rows:
            if row.content_hash == version.content_hash:
                return Published(_version(row), created=False, organisation=slug)
        for row in rows:
            if row.version == version.version:
                raise ConflictError.translatable(
                    N_(
                        "version {version!r} is already published with other content; "
                        "give the new statement its own version label (statement.version)"
                    ),
                    {"version": version.version},
                )
        session.add(
            VersionRow(
                organisation_id=organisation_id,
                version=version.version,
                effective_date=version.effective_date,
                content_hash=version.content_hash,
                register_json=version.register_json,
                rendered=dict(version.rendered),
                published_by=published_by,
            )
        )
    return Published(version, created=True, organisation=slug)


def find_version(store: Store, reference: str, organisation: str | None = None) -> StatementVersion:
    """A stored version by its label or (a prefix of) its content hash.

    ``organisation`` (a slug) narrows the search; without it the reference must
    match in exactly one organisation.
    """
    with store.transaction() as session:
        matches = [row for row in _rows(session, organisation) if _matches(row, reference)]
        if not matches:
            raise NotFoundError.translatable(
                N_("no register file or published statement version {reference!r}"),
                {"reference": reference},
            )
        if len(matches) > 1:
            raise InputError.translatable(
                N_(
                    "{reference!r} matches {count} published versions; "
                    "give the content hash or choose the organisation with --org"
                ),
                {"reference": reference, "count": len(matches)},
                field="version",
            )
        return _version(matches[0])


def list_versions(store: Store, organisation: str) -> list[StatementVersion]:
    """Every version of one organisation, oldest first."""
    with store.transaction() as session:
        rows = sorted(_rows(session, organisation), key=lambda r: (r.published_at, r.id))
        return [_version(row) for row in rows]


def _rows(session: Session, organisation: str | None) -> list[VersionRow]:
    query = select(VersionRow)
    if organisation is not None:
        query = query.join(Organisation, Organisation.id == VersionRow.organisation_id).where(
            Organisation.slug == organisation
        )
    return list(session.scalars(query).all())


def _matches(row: VersionRow, reference: str) -> bool:
    if row.version == reference:
        return True
    return len(reference) >= MIN_HASH_PREFIX and row.content_hash.startswith(reference.lower())


def _version(row: VersionRow) -> StatementVersion:
    return StatementVersion(
        version=row.version,
        effective_date=row.effective_date,
        content_hash=row.content_hash,
        register_json=row.register_json,
        rendered=MappingProxyType(dict(row.rendered)),
    )
