"""What the importer reads from the untidy text real statements are."""

from __future__ import annotations

import pytest

from waarborg.importer import import_statement, render_report
from waarborg.importer._lexicon import lexicon
from waarborg.importer._retention import parse_retention
from waarborg.register import default_taxonomy


def _import(text: str):  # type: ignore[no-untyped-def]
    return import_statement(text, run_checker=False)


@pytest.mark.parametrize(
    ("statement", "title", "categories", "basis", "retention"),
    [
        pytest.param(
            "Privacyverklaring Test\n\nContactformulier\n\n"
            "Hiervoor gebruiken wij uw e-mailadres en telefoonnummer. Dit doen wij op basis\n\n"
            "van uw toestemming. Wij bewaren deze informatie tot het einde van de "
            "dienstverlening.\n",
            "Contactformulier", ["email", "phone"], "consent", "until service-ended",
            id="sentence broken over paragraphs",
        ),
        pytest.param(
            "PRIVACYVERKLARING JOUWSHOP\n\nNIEUWSBRIEF\n\n"
            "Voor de nieuwsbrief gebruiken we je e-mailadres, op basis van jouw toestemming. "
            "We bewaren je gegevens totdat je je afmeldt. Elke nieuwsbrief bevat een afmeldlink.\n",
            "Nieuwsbrief", ["email"], "consent", "until unsubscribed",
            id="je/jij and headings in capitals",
        ),
        pytest.param(
            "Privacyverklaring Test\n\n3. Cameratoezicht\n\n"
            "Wij hebben hierbij een gerechtvaardigd belang, namelijk het beschermen van onze "
            "eigendommen. De beelden worden na vier weken automatisch verwijderd.\n",
            "Cameratoezicht", [], "legitimate-interest", "collected + 4 weeks",
            id="numbered heading",
        ),
    ],
)  # fmt: skip
def test_facts_of_an_activity(
    statement: str, title: str, categories: list[str], basis: str, retention: str
) -> None:
    activity = _import(statement).register.activities[0]
    assert (activity.title.nl, activity.data_categories, activity.basis) == (
        title,
        categories,
        basis,
    )
    assert activity.retention.short() == retention


def test_legitimate_interest_is_written_out() -> None:
    activity = _import(
        "Privacyverklaring Test\n\nCameratoezicht\n\nWij hebben hierbij een gerechtvaardigd "
        "belang, namelijk het beschermen van onze eigendommen.\n"
    ).register.activities[0]
    assert activity.legal_basis.interest is not None
    assert activity.legal_basis.interest.nl == "het beschermen van onze eigendommen"


def test_list_artefacts_and_unknown_words_are_reported_not_dropped() -> None:
    result = _import(
        "Privacyverklaring Test\n\nStatistieken\n\n"
        "Hiervoor gebruiken wij uw ip-adres, schoenmaat, kanaal en . en geslacht.\n"
    )
    assert result.register.activities[0].data_categories == ["ip-address", "channel", "gender"]
    kinds = {(n.kind, n.text) for n in result.notes}
    assert ("unknown-category", "schoenmaat") in kinds
    assert any(kind == "artefact" for kind, _ in kinds)
    report = render_report(result)
    assert "schoenmaat" in report
    assert "overblijfsel van een sjabloon" in report


def test_template_leftovers_get_no_facts_from_global_rules() -> None:
    result = _import(
        "Privacybeleid Test\n\nWebhosting\n\nSiteground\n\n"
        "VOORBEELD: Wij nemen webhosting af van [AANBIEDER]. [AANBIEDER] verwerkt "
        "persoonsgegevens namens ons.\n\nBewaartermijnen\n\n"
        "Wij bewaren uw gegevens zolang u cliënt van ons bent.\n"
    )
    hosting = result.register.activities[0]
    assert hosting.purposes == ["hosting"]
    assert hosting.retention.short() == "unstated"
    assert ("leftover", "Siteground") in {(n.kind, n.text) for n in result.notes}


def test_sentences_that_fit_nowhere_are_listed_in_the_report() -> None:
    result = _import(
        "Privacyverklaring Test\n\nNieuwsbrief\n\n"
        "Voor de nieuwsbrief gebruiken wij uw e-mailadres.\n\n"
        "Onze kantoorkat heet Minoes.\n\nOnze kantoren\n\nWij hebben drie vestigingen.\n"
    )
    assert [s.text for s in result.unplaced] == ["Wij hebben drie vestigingen."]
    assert [s.text for s in result.free_text] == ["Onze kantoorkat heet Minoes."]
    report = render_report(result)
    assert "- regel 11: Wij hebben drie vestigingen." in report
    assert "## Zinnen alleen als toelichting overgenomen (1)" in report


def test_automatic_enrolment_and_opt_outs_of_a_newsletter() -> None:
    result = _import(
        "Privacyverklaring Test\n\nNieuwsbrief\n\n"
        "U kunt zich abonneren op onze nieuwsbrief. Iedere nieuwsbrief bevat een afmeldlink. "
        "Via uw account kunt u dit ook doorgeven. Uw e-mailadres wordt automatisch toegevoegd "
        "aan de lijst van abonnees.\n"
    )
    consent = result.register.activities[0].consent
    assert consent is not None
    assert consent.method == "automatic-enrolment"
    assert consent.withdraw == ["unsubscribe-link", "account"]
    assert result.register.activities[0].data_categories == ["email"]


def test_marketing_channels_get_their_own_and_the_shared_opt_outs() -> None:
    result = _import(
        "Privacyverklaring Test\n\nReclame\n\nWij willen u graag reclame sturen. Dit doen wij:\n\n"
        "- per post\n- per e-mail\n\nIn elke brief staat hoe dat moet. Elke e-mail bevat een "
        "afmeldlink. Via het portaal kunt u dit ook doorgeven.\n"
    )
    channels = {c.channel: c.opt_out for c in result.register.activities[0].channels}
    assert channels == {
        "post": ["letter-instructions", "portal"],
        "email": ["unsubscribe-link", "portal"],
    }


def test_claimed_not_personal_data() -> None:
    result = _import(
        "Privacyverklaring Test\n\nAutomatisch verzamelde gegevens\n\n"
        "Gegevens die automatisch worden verzameld worden verwerkt met het doel onze "
        "dienstverlening verder te verbeteren. Deze gegevens (bijvoorbeeld uw IP-adres en "
        "besturingssysteem) zijn geen persoonsgegevens.\n"
    )
    activity = result.register.activities[0]
    assert activity.claimed_not_personal == ["ip-address", "operating-system"]


def test_rights_response_term_and_id_copy_demand() -> None:
    result = _import(
        "Privacyverklaring Test\n\nGegevens inzien, aanpassen of verwijderen\n\n"
        "U heeft het recht op gegevensoverdraagbaarheid. Om er zeker van te zijn dat het "
        "verzoek door u is gedaan, vragen wij u een kopie van uw identiteitsbewijs mee te "
        "sturen. Maak in deze kopie uw pasfoto en BSN zwart. We reageren binnen vier weken.\n"
    )
    rights = result.register.rights
    assert rights.offered == ["access", "rectification", "erasure", "portability"]
    assert str(rights.response_term) == "4 weeks"
    assert rights.verification.methods == ["id-copy"]
    assert rights.verification.id_copy.required
    assert rights.verification.id_copy.shielded_fields == ["photo", "bsn"]


def test_no_verification_method_is_invented() -> None:
    result = _import("Privacyverklaring Test\n\nInzage\n\nU hebt recht op inzage.\n")
    assert result.register.rights.verification.methods == []


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Wij bewaren deze informatie tot uw bestelling is afgerond en zeven jaar daarna "
         "(dat is de wettelijke bewaarplicht).",
         {"after": "order-completed", "keep": "7 years", "obligation": "fiscal"}),
        ("Wij bewaren deze informatie tot zes maanden nadat uw bestelling is afgerond en "
         "zeven jaar daarna (dat is de wettelijke bewaarplicht).",
         {"after": "order-completed", "keep": "6 months",
          "then": {"keep": "7 years", "obligation": "fiscal"}}),
        # no event named: the caller decides (collected, or the usual event of a listed term)
        ("Wij bewaren deze informatie voor één jaar.", {"keep": "1 year"}),
        ("Wij bewaren deze informatie tot drie maanden nadat u het account hebt opgeheven.",
         {"after": "account-closed", "keep": "3 months"}),
        ("Wij bewaren deze informatie totdat we zeker weten dat u tevreden bent met onze reactie.",
         {"after": "customer-satisfied"}),
        ("Wij bewaren je gegevens zolang als nodig.", {"after": "no-longer-necessary"}),
        ("Wij bewaren deze informatie zodat u ze niet opnieuw hoeft in te vullen.", None),
    ],
)  # fmt: skip
def test_retention_phrases(sentence: str, rule: dict[str, object] | None) -> None:
    parsed = parse_retention(lexicon(), sentence)
    assert (parsed[0] if parsed else None) == rule


def test_a_listed_term_without_event_counts_from_the_usual_event_of_its_purpose() -> None:
    result = _import(
        "Privacyverklaring Test\n\nWaarom gebruiken wij je gegevens?\n\n"
        "- Het afhandelen van je bestelling. Hiervoor gebruiken we je naam en adres.\n\n"
        "Hoe lang bewaren wij je gegevens?\n\n- Bestelgegevens: 7 jaar (fiscale bewaarplicht).\n"
    )
    activity = result.register.activities[0]
    assert activity.data_categories == ["name", "address"]
    assert activity.retention.short() == "order-completed + 7 years"
    trace = next(t for t in result.traces if t.path == ("activities", 0, "retention"))
    assert trace.note == "the term names no event; counted from order-completed"
    assert trace.confidence == 0.6


def test_vague_retention_is_marked_for_checking_in_the_yaml() -> None:
    result = _import(
        "Privacyverklaring Test\n\nContactformulier\n\nHiervoor gebruiken wij uw e-mailadres. "
        "Wij bewaren deze informatie totdat we zeker weten dat u tevreden bent met onze reactie.\n"
    )
    retention = next(t for t in result.traces if t.path == ("activities", 0, "retention"))
    assert retention.confidence == 0.6
    assert result.register.activities[0].retention.after == "customer-satisfied"


def test_low_confidence_values_are_marked_in_the_yaml() -> None:
    result = _import("Privacyverklaring Test\n\nNieuwsbrief\n\nWe gebruiken uw e-mailadres.\n")
    assert "version: draft  # ⚠ CHECK" in result.yaml
    assert any(t.path == ("statement", "version") for t in result.low_confidence)


def test_every_lexicon_id_exists_in_the_taxonomy() -> None:
    taxonomy = default_taxonomy()
    raw = lexicon().raw
    checks = [
        ("data_categories", list(raw["data_categories"])),
        ("purposes", [p["id"] for p in raw["purposes"]]),
        ("legal_bases", list(raw["legal_bases"])),
        ("retention_anchors", list(raw["retention"]["anchors"])),
        ("retention_obligations", list(raw["retention"]["obligations"])),
        ("recipient_kinds", [r["kind"] for r in raw["recipients"]]),
        ("recipient_kinds", [s["kind"] for s in raw["services"]]),
        ("marketing_channels", list(raw["marketing_channels"])),
        ("opt_out_methods", list(raw["opt_out_methods"])),
        ("rights", list(raw["rights"])),
        ("security_measures", list(raw["security_measures"])),
        ("cookie_categories", list(raw["cookies"]["categories"])),
    ]
    unknown = [(kind, i) for kind, ids in checks for i in ids if not taxonomy.has(kind, i)]  # type: ignore[arg-type]
    assert not unknown


def test_bold_run_in_headings_of_a_page_start_activities_of_their_own() -> None:
    result = _import(
        "<html><body><h1>Privacyverklaring Studio</h1><h2>Wat doe ik met je gegevens?</h2>"
        "<p><strong>Nieuwsbrief.</strong> Voor de nieuwsbrief gebruik ik je e-mailadres, met "
        "jouw toestemming.</p><p><strong>Facturen.</strong> Voor de factuur gebruik ik je naam "
        "en adres.</p></body></html>"
    )
    activities = result.register.activities
    assert [(a.title.nl, a.purposes, a.data_categories) for a in activities] == [
        ("Nieuwsbrief", ["newsletter"], ["email"]),
        ("Facturen", ["invoicing"], ["name", "address"]),
    ]
    assert activities[0].basis == "consent"


def test_a_company_the_lexicon_does_not_know_is_kept_and_reported() -> None:
    result = _import(
        "Privacyverklaring Test\n\nWie krijgt je gegevens?\n\n"
        "Je foto's lever ik via een downloadlink van Pixieset. Met beide partijen heb ik een "
        "verwerkersovereenkomst.\n"
    )
    party = next(p for p in result.register.parties if p.name.nl == "Pixieset")
    assert party.processor_agreement is True
    kind = next(t for t in result.traces if t.path[:2] == ("parties", 0) and t.path[-1] == "kind")
    assert kind.low
    assert ("unknown-company", "Pixieset") in {(n.kind, n.text) for n in result.notes}


def test_a_text_without_any_purpose_still_gives_a_draft_that_says_so() -> None:
    result = _import("Boodschappenlijst\n\nMelk, brood en kaas halen bij de bakker.\n")
    activity = result.register.activities[0]
    assert activity.title.nl == "Onbekende verwerking (aanvullen)"
    assert ("no-activities", "no processing activity found; a placeholder was written") in {
        (n.kind, n.text) for n in result.notes
    }
    assert [s.text for s in result.unplaced] == ["Melk, brood en kaas halen bij de bakker."]
