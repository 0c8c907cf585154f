"""Every text a person sees exists in Dutch and English."""

from __future__ import annotations

from tools.messages import extract, read_catalog

from waarborg.i18n import translate


def test_every_msgid_has_a_dutch_translation() -> None:
    catalog = read_catalog()
    missing = [
        f"{msgid!r} (used at {places[0]})"
        for msgid, places in extract().items()
        if msgid not in catalog or not catalog[msgid].string
    ]
    assert not missing, "run `python -m tools.messages` and translate:\n" + "\n".join(missing)


def test_dutch_translation_keeps_the_placeholders() -> None:
    catalog = read_catalog()
    for message in catalog:
        if message.id and message.string:
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            msgstr = message.string if isinstance(message.string, str) else message.string[0]
            assert sorted(_fields(msgid)) == sorted(_fields(msgstr)), msgid


def _fields(text: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def test_english_is_the_msgid_and_dutch_is_translated() -> None:
    assert translate("en", "got: {value}") == "got: {value}"
    assert translate("nl", "got: {value}") == "gevonden: {value}"
