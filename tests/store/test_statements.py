"""Published statement versions in the store: written once, found by label or hash."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from tests.statement.helpers import example
from waarborg import ConflictError, InputError, NotFoundError
from waarborg.statement import build_version
from waarborg.store import Store
from waarborg.store.statements import find_version, list_versions, publish_version


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    store = Store(store_url)
    store.upgrade()
    yield store
    store.dispose()


def test_publishing_the_same_content_twice_stores_it_once(store: Store) -> None:
    register = example("twentenet")
    version = build_version(register)
    first = publish_version(store, register.organisation.name, version, "office")
    again = publish_version(store, register.organisation.name, build_version(register), None)
    assert first.created and not again.created
    assert again.version.content_hash == version.content_hash
    assert [v.content_hash for v in list_versions(store, "source-xs-b-v")] == [version.content_hash]


def test_a_stored_version_comes_back_exactly(store: Store) -> None:
    register = example("itsb")
    version = build_version(register)
    publish_version(store, register.organisation.name, version, None)
    found = find_version(store, "2019-12-16")
    assert found == version
    assert found.register().statement.effective_date == date(2019, 12, 16)
    assert find_version(store, version.content_hash[:10]).content_hash == version.content_hash


def test_a_label_already_used_for_other_content_is_refused(store: Store) -> None:
    register = example("twentenet")
    publish_version(store, register.organisation.name, build_version(register), None)
    changed = register.model_copy(
        update={
            "statement": register.statement.model_copy(update={"effective_date": date(2019, 8, 15)})
        }
    )
    with pytest.raises(ConflictError) as caught:
        publish_version(store, register.organisation.name, build_version(changed), None)
    assert "augustus 2019" in caught.value.render("nl")
    assert "eigen versienummer" in caught.value.render("nl")


def test_ambiguous_or_unknown_references_are_explained(store: Store) -> None:
    for company in ("weservit", "ibpix"):  # both published a version "2018-05-25"
        register = example(company)
        publish_version(store, register.organisation.name, build_version(register), None)
    with pytest.raises(InputError, match="matches 2 published versions"):
        find_version(store, "2018-05-25")
    assert (
        find_version(store, "2018-05-25", "internetbureau-pix").register().organisation.name
        == "internetbureau Pix"
    )
    with pytest.raises(NotFoundError):
        find_version(store, "1999-01-01")
    with pytest.raises(NotFoundError):
        find_version(store, "abc")  # too short to be a hash prefix
