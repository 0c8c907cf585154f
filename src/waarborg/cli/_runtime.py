"""What the runtime commands share: the store, and which organisation is meant."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select

from waarborg._exceptions import InputError, NotFoundError
from waarborg.cli._app import state
from waarborg.i18n import N_
from waarborg.register import load_register
from waarborg.store import Store, organisation_slug
from waarborg.store.tables import Organisation


def open_store() -> Store:
    """waarborg's own store from the global options, brought up to date."""
    store = Store.from_settings(state.settings())
    store.upgrade()
    return store


@contextmanager
def organisation_store(name: str) -> Iterator[tuple[Store, int]]:
    """The store, brought up to date, and the id of organisation ``name``; closed afterwards."""
    store = Store.from_settings(state.settings())
    try:
        store.upgrade()
        yield store, store.ensure_organisation(name)
    finally:
        store.dispose()


def organisation_id(store: Store, slug: str | None, register: Path | None) -> tuple[int, str]:
    """(id, slug) of the organisation named by ``--organisation`` or ``--register``.

    Without either, the store's only organisation; with several, the user must say.
    """
    if register is not None:
        name = load_register(register).organisation.name
        key = organisation_slug(name)
        return store.ensure_organisation(name, key), key
    with store.reading() as session:
        rows = list(session.execute(select(Organisation.id, Organisation.slug)))
    if slug is not None:
        for found, found_slug in rows:
            if found_slug == slug:
                return found, found_slug
        raise NotFoundError.translatable(
            N_("no organisation {slug!r} in this store"), {"slug": slug}
        )
    if len(rows) == 1:
        return rows[0][0], rows[0][1]
    slugs = [s for _, s in rows]
    raise InputError.translatable(
        N_("name the organisation with --organisation or --register (one of: {slugs})"),
        {"slugs": ", ".join(slugs) or "-"},
        field="organisation",
        allowed=slugs,
    )
