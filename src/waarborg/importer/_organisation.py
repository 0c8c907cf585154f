"""Who the controller is, and the statement's date and version.

The name is read, in this order of trust, from "X, gevestigd aan …, is
verantwoordelijk", the first line of the contact details, the title
("Privacyverklaring X") and the opening ("Uw privacy is voor X van groot belang").
"""

from __future__ import annotations

import re
from datetime import date

from waarborg.importer._blocks import Block
from waarborg.importer._document import Document, Sentence
from waarborg.importer._lexicon import lexicon, normalise
from waarborg.importer._model import Draft, Value

_MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ),
        start=1,
    )
}
_MONTH_RE = "|".join(_MONTHS)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_POSTCODE = re.compile(
    r"(?P<street>[A-Z][^\n,@]*?\s\d{1,5}\s?[a-zA-Z]?)\s*[,\n]?\s*"
    r"(?P<pc>\d{4})\s?(?P<letters>[A-Z]{2})\s+(?P<city>[A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)*)"
)
_PHONE = re.compile(r"(?<![\w])(\+31|0031|\(0\d{1,3}\)|0)[\d\s().-]{7,16}\d")
_COC = re.compile(r"(?:kvk|kamer van koophandel)[^\d]{0,40}(\d{8})", re.IGNORECASE)
_SITE = re.compile(
    r"(?<![@\w.-])((?:https?://)?(?:www\.)?[a-z0-9-]+\.(?:nl|com|nu|eu|be|org|net|shop|info))\b"
)
_TRADE = re.compile(r"\s+(?:h\.o\.d\.n\.?|handelend onder de naam|h/o/d/n)\s+", re.IGNORECASE)
_RESPONSIBLE = re.compile(
    r"^(?P<name>[^,]{2,80}),\s+gevestigd (?:aan|te|op)\s+(?P<rest>.*?),?\s+is verantwoordelijk"
)
_INTRO_NAME = (
    re.compile(r"^(?:Uw|Je|Jouw) privacy is voor (?P<name>.+?) van (?:groot )?belang"),
    re.compile(r"^(?P<name>[A-Z][\w .&'-]{1,60}?) (?:hecht|geeft|respecteert|vindt)\b"),
    re.compile(r"^Bij (?P<name>[A-Z][\w .&'-]{1,60}?) vinden (?:we|wij)"),
)
_COUNTRY = re.compile(r"\s+(?:Nederland|The Netherlands|NL)$")
_LEGAL_FORM = re.compile(
    r"^(?P<name>[A-Z][\w&'-]*(?: [\w&'-]+){0,4}? (?:B\.V\.|V\.O\.F\.|N\.V\.|C\.V\.))[ ,(]"
)


def read_organisation(draft: Draft) -> None:
    doc = draft.doc
    region = _contact_region(doc)
    lines = [line for block in region for line in (block.lines or [block.text])]
    text = "\n".join(lines)
    region_lines = {block.line for block in region}
    draft.use(*(s for s in doc.sentences if s.line in region_lines))
    _name(draft, doc, lines)
    _address(draft, doc, text)
    _contact_details(draft, doc, text)
    _privacy_contact(draft, region)
    _statement_meta(draft, doc)


def _contact_region(doc: Document) -> list[Block]:
    """The blocks from the first contact heading to the next heading on another topic."""
    lex = lexicon()
    start = None
    for index, block in enumerate(doc.blocks):
        if block.kind == "heading" and lex.section_topic(normalise(block.text)) == "contact":
            start = index
            break
    if start is None:
        return []
    region = []
    for block in doc.blocks[start + 1 :]:
        topic = lex.section_topic(normalise(block.text)) if block.kind == "heading" else None
        if topic not in (None, "contact"):
            break
        region.append(block)
    return region


def _sentence_for(doc: Document, text: str) -> Sentence | None:
    return next((s for s in doc.sentences if text and text in s.text), None)


def _name(draft: Draft, doc: Document, contact_lines: list[str]) -> None:
    candidates = [
        *_matches(doc.sentences[:40], (_RESPONSIBLE,), 0.95),
        *_contact_name(contact_lines),
        *_matches(doc.sentences[:6], (_LEGAL_FORM,), 0.75),
        *_title_name(doc.title or ""),
        *_matches(doc.sentences[:12], _INTRO_NAME, 0.7),
    ]
    if not candidates:
        draft.set(("organisation", "name"), Value("ONBEKEND", None, 0.1, "no name found"))
        return
    name, confidence = _best(candidates)
    parts = _TRADE.split(name)
    trade = _parenthetical_trade_name(doc, parts[0].strip())
    if trade and len(parts) == 1:
        parts.append(trade)
    draft.set(
        ("organisation", "name"), Value(parts[0].strip(), _sentence_for(doc, name), confidence)
    )
    if len(parts) > 1:
        draft.set(
            ("organisation", "trade_names"),
            Value([parts[1].strip()], _sentence_for(doc, name), confidence),
        )


def _matches(
    sentences: list[Sentence], patterns: tuple[re.Pattern[str], ...], confidence: float
) -> list[tuple[str, float]]:
    found = []
    for sentence in sentences:
        for pattern in patterns:
            match = pattern.match(sentence.text)
            if match:
                found.append((match.group("name").strip(), confidence))
    return found


def _contact_name(lines: list[str]) -> list[tuple[str, float]]:
    """The first line of the contact details that is no address, phone or e-mail."""
    for line in lines[:2]:
        if not (_EMAIL.search(line) or _PHONE.search(line) or _POSTCODE.search(line)):
            return [(line.strip(), 0.85)]
    return []


def _title_name(title: str) -> list[tuple[str, float]]:
    """'Privacyverklaring Weservit B.V.' → Weservit B.V.; 'Privacy Policy' → nothing."""
    match = re.match(
        r"^privacy\S*(?:\s+en\s+cookie\S*)?\s+(?:van\s+)?(?P<name>.+)$", title, re.IGNORECASE
    )
    if match and not re.match(r"(?i)policy|statement|beleid", match.group("name")):
        return [(match.group("name").strip(), 0.8)]
    return []


def _parenthetical_trade_name(doc: Document, name: str) -> str | None:
    """'Modehuis Lente (Lente Mode B.V.) verkoopt …': the name outside the brackets."""
    for sentence in doc.sentences[:8]:
        match = re.match(
            r"^(?P<trade>[A-Z][^()]{1,60}?)\s+\((?:hierna: )?(?P<legal>[^()]+)\)", sentence.text
        )
        if match and match.group("legal").strip() == name and match.group("trade") != name:
            return match.group("trade").strip()
    return None


def _best(candidates: list[tuple[str, float]]) -> tuple[str, float]:
    """The most trusted name, or a longer one with its legal form ('HostKlaar B.V.')."""
    name, confidence = candidates[0]
    for other, other_confidence in candidates[1:]:
        if other.startswith(name) and _LEGAL_FORM.match(other + " x"):
            return other, max(confidence, other_confidence)
    return name, confidence


def _address(draft: Draft, doc: Document, contact: str) -> None:
    responsible = next((s for s in doc.sentences[:40] if _RESPONSIBLE.match(s.text)), None)
    sources = [(contact, 0.85)]
    if responsible is not None:
        sources.insert(0, (responsible.text, 0.9))
    sources.extend((s.text, 0.7) for s in doc.sentences[:8])
    for text, confidence in sources:
        match = _POSTCODE.search(text)
        if match:
            city = _COUNTRY.sub("", match.group("city"))
            address = {
                "street": match.group("street").strip(),
                "postcode": f"{match.group('pc')} {match.group('letters')}",
                "city": city,
            }
            draft.set(
                ("organisation", "address"),
                Value(address, _sentence_for(doc, match.group("pc")), confidence),
            )
            return


def _contact_details(draft: Draft, doc: Document, contact: str) -> None:
    everything = "\n".join(s.text for s in doc.sentences)
    emails = _EMAIL.findall(contact) or _EMAIL.findall(everything)
    if emails:
        email = emails[0] if _EMAIL.findall(contact) else max(set(emails), key=emails.count)
        draft.set(("organisation", "email"), Value(email, _sentence_for(doc, email), 0.85))
    coc = _COC.search(everything) or _COC.search(contact)
    if coc:
        draft.set(
            ("organisation", "coc_number"),
            Value(coc.group(1), _sentence_for(doc, coc.group(1)), 0.9),
        )
    phone_text = _COC.sub("", contact)
    phone = _PHONE.search(phone_text)
    if phone:
        draft.set(
            ("organisation", "phone"),
            Value(_phone(phone.group(0)), _sentence_for(doc, phone.group(0)), 0.85),
        )
    sites = [m for m in _SITE.findall(everything.lower()) if "@" not in m]
    if sites:
        site = sites[0] if sites[0].startswith("http") else f"https://{sites[0]}"
        draft.set(("organisation", "website"), Value(site, _sentence_for(doc, sites[0]), 0.75))
    elif emails:
        site = f"https://{emails[0].split('@', 1)[1]}"
        draft.set(
            ("organisation", "website"), Value(site, None, 0.4, "guessed from the e-mail address")
        )


def _phone(raw: str) -> str:
    """A bare digit string is written the Dutch way; anything else as the statement wrote it."""
    text = raw.strip()
    if text.isdigit() and len(text) == 10:
        import phonenumbers

        number = phonenumbers.parse(text, "NL")
        return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))
    return text


def _privacy_contact(draft: Draft, region: list[Block]) -> None:
    for index, block in enumerate(region):
        if "contactpersoon" in block.text.lower() and index + 1 < len(region):
            name = region[index + 1].text.strip()
            if len(name.split()) <= 5 and not _EMAIL.search(name):
                contact = {"name": name, "role": block.text.strip().lower()}
                draft.set(
                    ("organisation", "privacy_contact"),
                    Value(contact, None, 0.8, f"line {region[index + 1].line}"),
                )
                return


def _statement_meta(draft: Draft, doc: Document) -> None:
    for sentence in doc.sentences[:60]:
        found = _date(sentence.text)
        if found is None:
            continue
        day, raw, exact = found
        version = re.search(r"\bversie\s+(\d+(?:\.\d+)*)", sentence.text, re.IGNORECASE)
        label = version.group(1) if version else (day.isoformat() if exact else raw)
        draft.set(
            ("statement", "effective_date"),
            Value(day.isoformat(), sentence, 0.85 if exact else 0.6),
        )
        draft.set(("statement", "version"), Value(label, sentence, 0.8))
        return
    today = date.today().isoformat()
    draft.set(
        ("statement", "effective_date"), Value(today, None, 0.1, "the statement gives no date")
    )
    draft.set(("statement", "version"), Value("draft", None, 0.1, "the statement gives no version"))


def _date(text: str) -> tuple[date, str, bool] | None:
    """'25 mei 2018', '12-05-2018', '16/12/2019' (exact) or 'augustus 2019' (month only)."""
    if re.search(r"\b(jonger|ouder)\b", text):
        return None
    full = re.search(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\s+(\d{{4}})\b", text, re.IGNORECASE)
    if full:
        day = date(int(full.group(3)), _MONTHS[full.group(2).lower()], int(full.group(1)))
        return day, full.group(0), True
    numeric = re.search(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b", text)
    if numeric:
        try:
            day = date(int(numeric.group(3)), int(numeric.group(2)), int(numeric.group(1)))
        except ValueError:
            return None
        return day, numeric.group(0), True
    month = re.fullmatch(rf"\s*({_MONTH_RE})\s+(\d{{4}})\s*", text, re.IGNORECASE)
    if month:
        return (
            date(int(month.group(2)), _MONTHS[month.group(1).lower()], 1),
            month.group(0).strip(),
            False,
        )
    return None
