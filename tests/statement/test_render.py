"""The privacy statement a visitor reads: complete, honest, accessible, in both languages."""

from __future__ import annotations

import re

import pytest
from bs4 import Tag

from tests.statement.helpers import ROOT, example, fact, section_text, soup
from waarborg import InputError
from waarborg.register import Duration, LegalBasis, LocalText, load_register
from waarborg.statement import render_statement


def test_dutch_page_is_standalone_and_accessible() -> None:
    page = render_statement(example("weservit"), "nl", "html").document
    doc = soup(page)
    html = doc.find("html")
    assert isinstance(html, Tag) and html.get("lang") == "nl"
    assert len(doc.find_all("h1")) == 1
    skip = doc.find("a", class_="skip-link")
    assert isinstance(skip, Tag) and skip.get("href") == "#content"
    assert doc.find(id="content") is not None
    assert "@media print" in page
    # No scripts and nothing fetched from elsewhere: readable offline and without JS.
    assert doc.find("script") is None
    assert doc.find("link") is None
    assert not doc.find_all(src=True)


def test_every_section_has_its_own_h2_and_every_activity_an_h3() -> None:
    register = example("weservit")
    doc = soup(render_statement(register, "nl", "html").body)
    sections = [s for s in doc.find_all("section") if "activity" not in (s.get("class") or [])]
    assert sections
    for section in sections:
        heading = section.find(["h2", "h3"])
        assert isinstance(heading, Tag) and heading.name == "h2", section.get("id")
    activity_headings = [h.get_text(strip=True) for h in doc.select("section.activity > h3")]
    assert activity_headings == [a.title.get("nl") for a in register.activities]
    titles = [h.get_text(strip=True) for h in doc.find_all("h2")]
    for wanted in (
        "Wie wij zijn",
        "Uw rechten",
        "Zo gebruikt u uw rechten",
        "Klacht indienen",
        "Cookies",
        "Hoe wij uw gegevens beveiligen",
        "Contact",
        "Wijzigingen in deze verklaring",
        "Met wie wij uw gegevens delen",
    ):
        assert wanted in titles


def test_the_statement_names_every_right_even_those_the_old_one_left_out() -> None:
    # TwenteNET's statement lists six rights; the law gives more, and all are stated.
    html = render_statement(example("twentenet"), "nl", "html").body
    rights = section_text(html, "rights")
    for right in (
        "Inzage",
        "Correctie",
        "Verwijdering",
        "Beperking",
        "Overdraagbaarheid",
        "Bezwaar",
        "Toestemming intrekken",
        "Klacht",
        "Geen automatisch besluit",
    ):
        assert right in rights
    assert "Autoriteit Persoonsgegevens" in section_text(html, "complaint")


def test_order_section_states_data_basis_retention_and_recipients() -> None:
    html = render_statement(example("weservit"), "nl", "html").body
    section = "activity-order-handling"
    assert fact(html, section, "Gegevens") == (
        "betalingsgegevens, naw-gegevens, ip-adres, e-mailadres, telefoonnummer en factuuradres"
    )
    assert "met uw toestemming" in fact(html, section, "Grondslag")
    assert "U kunt die toestemming altijd intrekken" in fact(html, section, "Grondslag")
    assert fact(html, section, "Bewaartermijn") == (
        "Wij bewaren deze gegevens tot zeven jaar nadat uw bestelling is afgerond "
        "(fiscale bewaarplicht, AWR art. 52 lid 4)."
    )
    assert "onze bezorgdienst" in fact(html, section, "Ontvangers")


def test_an_unstated_basis_or_term_is_not_invented() -> None:
    html = render_statement(example("weservit"), "nl", "html").body
    basis = fact(html, "activity-newsletter", "Grondslag")
    assert basis == "Op welke grondslag wij dit doen, is niet vastgelegd."
    marketing = "activity-direct-marketing"
    assert fact(html, marketing, "Bewaartermijn") == (
        "Hoe lang wij deze gegevens bewaren, is niet vastgelegd."
    )
    assert fact(html, marketing, "Gegevens") == "niet vastgelegd"


def test_data_called_not_personal_is_listed_as_personal_data() -> None:
    html = render_statement(example("itsb"), "nl", "html").body
    section = "activity-automatically-collected"
    assert fact(html, section, "Gegevens") == "ip-adres, browser en besturingssysteem"
    assert "verzamelen wij zelf" in fact(html, section, "Herkomst")


def test_global_categories_and_bases_are_stated_once() -> None:
    html = render_statement(example("webence"), "nl", "html").body
    overview = section_text(html, "processing")
    assert "Voor- en achternaam" not in overview  # labels come from the taxonomy
    for label in ("naam", "geslacht", "bankrekeningnummer", "PayPal-betaalgegevens"):
        assert label in overview
    assert "uitvoering van een overeenkomst (artikel 6 lid 1 onder b AVG)" in overview
    assert "niet per verwerking vastgelegd" in fact(html, "activity-payments", "Gegevens")


@pytest.mark.parametrize(
    ("company", "promise"),
    [("webence", "vier weken"), ("itsb", "30 dagen"), ("weservit", "één maand")],
)
def test_response_term_is_the_promise_or_one_month(company: str, promise: str) -> None:
    html = render_statement(example(company), "nl", "html").body
    assert f"uiterlijk binnen {promise} nadat wij uw verzoek hebben ontvangen" in section_text(
        html, "requests"
    )


def test_a_promise_longer_than_the_law_allows_is_not_repeated() -> None:
    register = example("webence")
    rights = register.rights.model_copy(update={"response_term": Duration(weeks=6)})
    html = render_statement(register.model_copy(update={"rights": rights}), "nl", "html").body
    assert "uiterlijk binnen één maand" in section_text(html, "requests")
    assert "zes weken" not in html


def test_id_copy_instructions_name_what_to_shield() -> None:
    text = section_text(render_statement(example("webence"), "nl", "html").body, "requests")
    assert "kopie van uw identiteitsbewijs" in text
    assert "uw pasfoto" in text and "burgerservicenummer (BSN)" in text
    assert "KopieID" in text


def test_legitimate_interest_states_the_interest() -> None:
    register = example("weservit")
    interest = LocalText(nl="fraude met bestellingen voorkomen", en="preventing order fraud")
    activity = register.activities[0].model_copy(
        update={"legal_basis": LegalBasis(basis="legitimate-interest", interest=interest)}
    )
    changed = register.model_copy(update={"activities": [activity, *register.activities[1:]]})
    nl = fact(render_statement(changed, "nl", "html").body, "activity-order-handling", "Grondslag")
    en = fact(
        render_statement(changed, "en", "html").body, "activity-order-handling", "Legal basis"
    )
    assert "gerechtvaardigd belang (artikel 6 lid 1 onder f AVG): fraude met bestellingen" in nl
    assert "bezwaar" in nl
    assert "legitimate interest (Article 6(1)(f) GDPR): preventing order fraud" in en


def test_transfer_outside_the_eea_names_country_and_safeguard() -> None:
    register = load_register(ROOT / "docs" / "examples" / "weservit-next.yaml")
    html = render_statement(register, "nl", "html").body
    assert "Mailchimp in Verenigde Staten: EU-VS Data Privacy Framework" in section_text(
        html, "transfers"
    )
    assert "Verenigde Staten" in fact(html, "activity-newsletter", "Buiten de EER")
    english = render_statement(register, "en", "html").body
    assert "Mailchimp in United States: EU-US Data Privacy Framework" in english


def test_cookie_table_says_what_the_register_says_and_no_more() -> None:
    html = render_statement(example("webence"), "nl", "html").body
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in soup(html).select("#cookies tbody tr")
    ]
    assert rows[0] == [
        "niet genoemd",
        "Webence",
        "zorgen dat de website naar behoren werkt en uw voorkeursinstellingen onthouden",
        "niet vastgelegd",
        "nee: puur technische functionaliteit",
    ]
    assert rows[1][-1] == "nee"
    ibpix = section_text(render_statement(example("ibpix"), "nl", "html").body, "cookies")
    assert "Uw ip-adres wordt niet geanonimiseerd." in ibpix


def test_english_statement_is_a_translation() -> None:
    html = render_statement(example("weservit"), "en", "html").document
    doc = soup(html)
    html_tag = doc.find("html")
    assert isinstance(html_tag, Tag) and html_tag.get("lang") == "en"
    text = " ".join(doc.get_text(" ").split())
    assert "Privacy statement of Weservit B.V." in text
    assert "effective from 25 May 2018" in text
    assert "payment details, name, address and town, IP address" in text
    assert "We keep this data until seven years after your order has been completed" in text
    assert "We use it to create an account" in text  # the register's own English text
    for dutch in ("Bewaartermijn", "Uw rechten", "naw-gegevens", "toestemming", " wij "):
        assert dutch not in text, dutch


def test_markdown_has_the_same_content_with_register_text_escaped() -> None:
    register = example("weservit")
    activity = register.activities[0].model_copy(
        update={
            "description": LocalText(
                nl="Wij *reageren* op <b>alles</b>_snel_.", en="We *answer* <b>all</b>_quickly_."
            )
        }
    )
    changed = register.model_copy(update={"activities": [activity, *register.activities[1:]]})
    md = render_statement(changed, "nl", "md").document
    assert md.startswith("# Privacyverklaring Weservit B.V.\n")
    assert "### Afhandelen bestelling" in md
    assert r"Wij \*reageren\* op \<b\>alles\</b\>\_snel\_." in md
    assert "- **Bewaartermijn**: Wij bewaren deze gegevens tot zeven jaar" in md
    assert "<info@weservit.nl>" in md  # an e-mail address stays a link
    html = render_statement(changed, "nl", "html").body
    assert "&lt;b&gt;alles&lt;/b&gt;" in html and "<b>alles" not in html


def test_body_is_the_document_without_the_page_around_it() -> None:
    result = render_statement(example("itsb"), "en", "html")
    assert result.body.startswith('<article class="privacy-statement" lang="en"')
    assert "<html" not in result.body and "<style" not in result.body
    assert result.body.strip() in result.document
    assert result.title == "Privacy policy of IT Services Best"


def test_empty_extra_sections_are_left_out() -> None:
    html = render_statement(example("itsb"), "nl", "html").body
    titles = [h.get_text(strip=True) for h in soup(html).find_all("h2")]
    assert "Medewerking aan fiscaal en strafrechtelijk onderzoek" in titles
    assert "Beoordelingen" not in titles  # a heading without text in the source


def test_a_language_the_register_is_not_published_in_is_refused() -> None:
    register = example("twentenet")
    dutch_only = register.model_copy(
        update={"statement": register.statement.model_copy(update={"languages": ["nl"]})}
    )
    with pytest.raises(InputError) as caught:
        render_statement(dutch_only, "en", "html")
    assert caught.value.render("nl") == "de verklaring verschijnt in nl, niet in 'en'"
    with pytest.raises(InputError):
        render_statement(register, "nl", "pdf")


@pytest.mark.parametrize("company", ["weservit", "webence", "itsb", "twentenet", "ibpix"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_example_renders_without_leftover_markup(company: str, lang: str) -> None:
    register = example(company)
    md = render_statement(register, lang, "md").document
    html = render_statement(register, lang, "html").document
    assert "\ue000" not in md and "\ue001" not in md
    assert not re.search(r"\{\{|\{%|None|Undefined", md + html)
    assert "\n\n\n" not in md


def test_source_requirement_and_automated_decisions_are_explained() -> None:
    register = example("twentenet")
    activity = register.activities[1].model_validate(
        {
            **register.activities[1].model_dump(exclude_none=True),
            "source": {
                "kind": "third-party",
                "description": {
                    "nl": "uw werkgever, als die het account voor u aanvraagt",
                    "en": "your employer, when it requests the account",
                },
            },
            "requirement": {"kind": "contract-entry"},
            "profiling": {
                "combines_data": True,
                "automated_decisions": True,
                "logic": {
                    "nl": "een score op basis van uw betaalgedrag",
                    "en": "a score based on your payment history",
                },
            },
        }
    )
    changed = register.model_copy(
        update={"activities": [register.activities[0], activity, *register.activities[2:]]}
    )
    html = render_statement(changed, "nl", "html").body
    section = "activity-portal-access"
    assert fact(html, section, "Herkomst") == (
        "Deze gegevens krijgen wij niet van u, maar van een ander. "
        "Uw werkgever, als die het account voor u aanvraagt."
    )
    assert fact(html, section, "Verplicht?") == (
        "Zonder deze gegevens kunnen wij geen overeenkomst met u sluiten."
    )
    profiling = fact(html, section, "Profilering")
    assert "Op basis daarvan nemen wij automatisch besluiten over u." in profiling
    assert "Hoe dat werkt: een score op basis van uw betaalgedrag." in profiling
    assert "opnieuw bekijkt" in profiling
