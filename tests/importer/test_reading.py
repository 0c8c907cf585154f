"""Every supported format reads into the same facts; bad files are clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.importer.files import BAD_FILES, make_docx, make_pdf
from waarborg import StatementFileError
from waarborg.importer import import_statement

STATEMENT = """Privacyverklaring Bakkerij Bol

25 mei 2021

Bestellingen

Voor uw bestelling gebruiken wij uw naam, adres en e-mailadres. Dit doen wij vanwege het contract.
Wij bewaren deze informatie tot uw bestelling is afgerond en zeven jaar daarna.

Contactgegevens

Bakkerij Bol
Dorpsstraat 1
1234 AB Ergens
info@bakkerijbol.nl
"""


def _facts(path: Path) -> tuple[object, ...]:
    register = import_statement(path, run_checker=False).register
    activity = register.activities[0]
    return (
        register.organisation.name,
        register.organisation.address.city if register.organisation.address else None,
        register.statement.effective_date.isoformat(),
        activity.title.nl,
        activity.data_categories,
        activity.basis,
        activity.retention.short(),
    )


EXPECTED = (
    "Bakkerij Bol",
    "Ergens",
    "2021-05-25",
    "Bestellingen",
    ["name", "address", "email"],
    "contract",
    "order-completed + 7 years",
)


def test_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "privacy.txt"
    path.write_text(STATEMENT, encoding="utf-8")
    assert _facts(path) == EXPECTED


def test_pdf(tmp_path: Path) -> None:
    assert _facts(make_pdf(tmp_path / "privacy.pdf", STATEMENT)) == EXPECTED


def test_docx_headings_come_from_the_styles(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "privacy.docx",
        "Privacyverklaring Bakkerij Bol",
        [
            (
                "Bestellingen",
                [
                    "Voor uw bestelling gebruiken wij uw naam, adres en e-mailadres. "
                    "Dit doen wij vanwege het contract.",
                    "Wij bewaren deze informatie tot uw bestelling is afgerond "
                    "en zeven jaar daarna.",
                ],
            )
        ],
    )
    register = import_statement(path, run_checker=False).register
    assert register.organisation.name == "Bakkerij Bol"
    assert register.activities[0].title.nl == "Bestellingen"
    assert register.activities[0].retention.short() == "order-completed + 7 years"


def test_html_page_without_navigation_and_scripts(tmp_path: Path) -> None:
    page = tmp_path / "privacy.html"
    page.write_text(
        "<html><head><script>var naam='x';</script></head><body>"
        "<nav>Home | Winkel</nav><h1>Privacyverklaring Bakkerij Bol</h1>"
        "<h2>Bestellingen</h2><p>Voor uw bestelling gebruiken wij uw naam en<br>"
        "e-mailadres. Dit doen wij vanwege het contract.</p>"
        "<h2>Uw rechten</h2><ul><li>inzage</li><li>het laten corrigeren van fouten</li></ul>"
        "</body></html>",
        encoding="utf-8",
    )
    result = import_statement(page, run_checker=False)
    assert result.register.activities[0].data_categories == ["name", "email"]
    assert result.register.rights.offered == ["access", "rectification"]
    assert not any("Home" in s.text or "var naam" in s.text for s in result.unplaced)


def test_text_can_be_passed_directly() -> None:
    result = import_statement(STATEMENT, run_checker=False)
    assert result.source == "<text>"
    assert result.register.organisation.email == "info@bakkerijbol.nl"


@pytest.mark.parametrize(("name", "content", "message", "_"), BAD_FILES)
def test_unreadable_files_are_named_errors(
    tmp_path: Path, name: str, content: bytes, message: str, _: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(StatementFileError) as caught:
        import_statement(path, run_checker=False)
    assert message in caught.value.render("en")
    assert name in caught.value.render("en")


def test_missing_file_is_an_error_in_dutch(tmp_path: Path) -> None:
    with pytest.raises(StatementFileError) as caught:
        import_statement(tmp_path / "weg.txt", run_checker=False)
    assert "kan het bestand niet lezen" in caught.value.render("nl")
