"""What the statement templates ask of a register, resolved for one language.

The templates hold every sentence (one set per language); this module only looks
things up: labels from the taxonomy, party names, countries and dates in the
reader's language, which recipients sit outside the EEA. Keeping the lookups
here keeps the templates readable and the logic testable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache

from babel import Locale
from babel.dates import format_date

from waarborg.register import Activity, Cookie, Duration, LocalText, Party, Register
from waarborg.register.retention import RetentionRule, RetentionStage
from waarborg.register.statement_meta import ExtraSection
from waarborg.register.taxonomy import Kind, Term

# Art. 12(3) AVG: one month, unless the statement promises less.
ONE_MONTH = Duration(months=1)
_ARTICLE = re.compile(r"^(\d+)(?:\((\d+)\))?(?:\(([a-z])\))?$")
# British English for dates ('25 May 2018') and country names.
_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(_LOCALES.get(lang, lang))


class StatementView:
    """Read-only lookups over one register in one language, for the templates."""

    def __init__(self, register: Register, lang: str):
        self.register = register
        self.lang = lang
        self.vocabulary = register.vocabulary
        self.org = register.organisation
        self.meta = register.statement
        self._parties = {party.id: party for party in register.parties}

    # -- texts and labels -------------------------------------------------------

    def text(self, value: LocalText | None) -> str:
        """The text in this language, or '' when the register has none."""
        return value.get(self.lang) if value is not None else ""

    def label(self, kind: Kind, term_id: str) -> str:
        return self.vocabulary.label(kind, term_id, self.lang)

    def labels(self, kind: Kind, term_ids: Iterable[str]) -> list[str]:
        return [self.label(kind, term_id) for term_id in term_ids]

    def term(self, kind: Kind, term_id: str) -> Term:
        return self.vocabulary.term(kind, term_id)

    def terms(self, kind: Kind) -> list[Term]:
        return list(self.vocabulary.terms(kind))

    @staticmethod
    def join(items: Sequence[str], conjunction: str) -> str:
        """'a, b and c' with the language's word for 'and' (or 'or')."""
        items = [str(item) for item in items if item]
        if len(items) < 2:
            return "".join(items)
        return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"

    @staticmethod
    def sentence(text: str) -> str:
        """A register fragment as a sentence: capital first letter, closing full stop."""
        text = text.strip()
        if not text:
            return ""
        text = text[0].upper() + text[1:]
        return text if text[-1] in ".!?:" else text + "."

    @staticmethod
    def clause(text: str) -> str:
        """A register fragment to continue a sentence with: no closing full stop."""
        return text.strip().rstrip(".")

    def date(self, day: date) -> str:
        return format_date(day, format="long", locale=_locale(self.lang))

    def country(self, code: str) -> str:
        return str(_locale(self.lang).territories.get(code, code))

    @staticmethod
    def article(article: str | None) -> tuple[str, str, str] | None:
        """'6(1)(a)' → ('6', '1', 'a'), for the templates to write in their language."""
        match = _ARTICLE.match(article or "")
        if not match:
            return None
        number, paragraph, point = match.groups()
        return number, paragraph or "", point or ""

    # -- activities -------------------------------------------------------------

    def categories(self, activity: Activity) -> list[str]:
        """The data categories of an activity, including those the statement calls
        'not personal data' (they are personal data all the same)."""
        ids = list(dict.fromkeys([*activity.data_categories, *activity.claimed_not_personal]))
        return self.labels("data_categories", ids)

    def global_categories(self) -> list[str]:
        return self.labels("data_categories", self.register.global_data_categories)

    def recipients(self, activity: Activity) -> list[Party]:
        return [self._parties[party_id] for party_id in activity.recipients]

    def transfers(self, activity: Activity) -> list[Party]:
        return [party for party in self.recipients(activity) if party.outside_eea]

    def all_transfers(self) -> list[Party]:
        return [party for party in self.register.parties if party.outside_eea]

    def name(self, party: Party) -> str:
        return party.name.get(self.lang)

    def anchor(self, rule: RetentionRule) -> Term | None:
        if rule.after is None or not self.vocabulary.has("retention_anchors", rule.after):
            return None
        return self.term("retention_anchors", rule.after)

    @staticmethod
    def stages(rule: RetentionRule) -> list[RetentionStage]:
        return [stage for stage in rule.stages() if not stage.keep.is_zero]

    @staticmethod
    def duration_parts(duration: Duration) -> list[tuple[int, str]]:
        """(amount, unit) pairs that are not zero, largest unit first."""
        pairs = [
            (duration.years, "years"),
            (duration.months, "months"),
            (duration.weeks, "weeks"),
            (duration.days, "days"),
        ]
        return [(amount, unit) for amount, unit in pairs if amount]

    # -- cookies, rights, contact -----------------------------------------------

    def cookie_provider(self, cookie: Cookie) -> str:
        if cookie.provider == "first-party":
            return self.org.display_name()
        return self.name(self._parties[cookie.provider])

    def analytics_cookies(self) -> list[Cookie]:
        """One cookie per provider whose analytics settings the statement describes."""
        seen: dict[tuple[str, str], Cookie] = {}
        for cookie in self.register.cookies:
            if cookie.analytics is not None:
                key = (cookie.provider, cookie.analytics.model_dump_json())
                seen.setdefault(key, cookie)
        return list(seen.values())

    def response_term(self) -> Duration:
        """The promised term when it is within the legal month, else the month itself."""
        promised = self.register.rights.response_term
        if promised is None or promised.compare_key() > ONE_MONTH.compare_key():
            return ONE_MONTH
        return promised

    def extra_sections(self) -> list[ExtraSection]:
        """The company's own sections that have text (an empty heading says nothing)."""
        return [s for s in self.meta.sections if s.text is not None and self.text(s.text)]

    def address_lines(self) -> list[str]:
        address = self.org.address
        if address is None:
            return []
        lines = address.lines()
        if address.country != "NL":
            lines.append(self.country(address.country))
        return lines
