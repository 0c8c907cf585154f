"""Banner choices in the store: only changes are written; the banner's text is proven."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.web.conftest import ROOT
from waarborg.consent.banner import banner_config, consent_categories, shown_hash
from waarborg.consent.choices import record_choices
from waarborg.register import load_register
from waarborg.store import Store
from waarborg.store.consent_tables import ConsentRecord

REGISTER = load_register(ROOT / "examples" / "weservit" / "register.yaml")


def test_the_banner_lists_the_registers_cookies_per_category_in_both_languages() -> None:
    config = banner_config(REGISTER)
    assert consent_categories(REGISTER) == ["analytics", "functional"]
    assert config["categories"]["necessary"] == {"enabled": True, "readOnly": True}
    assert config["categories"]["analytics"]["enabled"] is False
    assert config["guiOptions"]["consentModal"]["equalWeightButtons"] is True
    nl = config["language"]["translations"]["nl"]
    assert nl["consentModal"]["acceptNecessaryBtn"] == "Alles weigeren"
    analytics = next(
        s for s in nl["preferencesModal"]["sections"] if s["linkedCategory"] == "analytics"
    )
    assert analytics["title"] == "analytisch"
    assert analytics["cookieTable"]["body"][0]["service"] == "Google Analytics"
    assert shown_hash(REGISTER, "nl") != shown_hash(REGISTER, "en")


def test_the_same_choice_twice_writes_nothing(store_url: str) -> None:
    store = Store(store_url)
    store.upgrade()
    org = store.ensure_organisation(REGISTER.organisation.name)

    def choose(accepted: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        with store.transaction() as session:
            done = record_choices(
                session, org, REGISTER, consent_id="c" * 32, accepted=accepted, language="nl"
            )
        return done.given, done.refused

    try:
        assert choose(["necessary", "analytics"]) == (("analytics",), ("functional",))
        assert choose(["necessary", "analytics"]) == ((), ())
        assert choose(["necessary"]) == ((), ("analytics",))
        assert choose(["necessary", "functional"]) == (("functional",), ())
        with store.reading() as session:
            count = session.scalar(select(func.count()).select_from(ConsentRecord))
            hashes = set(session.scalars(select(ConsentRecord.shown_text_hash)))
        assert count == 4
        assert hashes == {shown_hash(REGISTER, "nl")}
    finally:
        store.dispose()
