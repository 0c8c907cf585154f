"""How long data is kept (Art. 5(1)(e), 13(2)(a); AWR art. 52 lid 4).

A statement gives the period or the criteria that fix it. "Until we are sure you are
satisfied" fixes nothing. Tax law requires keeping the books seven years from the end
of the book year: a shorter promise breaks the law, and a longer one for data the tax
administration never needs (IP addresses) breaks storage limitation.
"""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.check._core import Hit, PathKey, check
from waarborg.check._words import duration, label, labels, text
from waarborg.i18n import N_
from waarborg.register import Duration, Register, RetentionStage

# Obligations under the tax law (AWR art. 52), which covers fiscally relevant records.
FISCAL_OBLIGATIONS = frozenset({"fiscal", "fiscal-ten-years"})
# Categories the tax administration never needs: they are not part of the books.
NON_FISCAL_CATEGORIES = frozenset(
    {
        "ip-address",
        "device",
        "browser",
        "browser-and-device",
        "operating-system",
        "cookie-id",
        "behaviour",
        "website-activity",
        "location",
        "age",
        "gender",
        "interests",
        "visit-frequency",
        "channel",
        "conversion",
        "password",
        "account-activity",
        "social-media-profile",
        "consent-choices",
        "photo",
    }
)
# Purposes whose need ends with the question, the contact or the service.
SHORT_LIVED_PURPOSES = frozenset(
    {"customer-contact", "customer-support", "service-notifications", "quotes"}
)
_ONE_YEAR = Duration(years=1)


def _stage_path(index: int, depth: int) -> PathKey:
    return ("activities", index, "retention", *(["then"] * depth))


@check(
    "retention.unstated",
    severity="error",
    reference=N_("GDPR Art. 13(2)(a), 5(1)(e)"),
    source="GDPR Art. 13(2)(a): the period for which the data will be stored, or the "
    "criteria used to determine it",
)
def unstated(register: Register) -> Iterator[Hit]:
    for index, activity in enumerate(register.activities):
        if not activity.retention.stated:
            yield Hit(
                ("activities", index, "retention"),
                N_('The statement does not say how long the data of "{activity}" is kept.'),
                N_(
                    "Write a retention rule: an event and a period, e.g. 'collected + 1 year' "
                    "or 'until consent-withdrawn'."
                ),
                {"activity": text(activity.title)},
            )


@check(
    "retention.vague",
    severity="warning",
    reference=N_("GDPR Art. 13(2)(a), 5(1)(e)"),
    source="GDPR Art. 13(2)(a): the criteria must determine the period; an event only the "
    'company can judge ("until we are sure you are satisfied") determines nothing',
)
def vague(register: Register) -> Iterator[Hit]:
    for index, activity in enumerate(register.activities):
        anchor = activity.retention.after
        vocabulary = register.vocabulary
        if (
            anchor
            and vocabulary.has("retention_anchors", anchor)
            and (vocabulary.term("retention_anchors", anchor).vague)
        ):
            yield Hit(
                ("activities", index, "retention"),
                N_(
                    '"{activity}" keeps data until {anchor}, a moment nobody can check, '
                    "so the period has no real end."
                ),
                N_(
                    "Tie the period to an event that can be recorded, e.g. "
                    "'question-answered + 3 months'."
                ),
                {
                    "activity": text(activity.title),
                    "anchor": label(register, "retention_anchors", anchor),
                },
            )


def _statutory_stages(register: Register) -> Iterator[tuple[int, int, RetentionStage, str]]:
    """(activity index, stage depth, stage, obligation) for every stage with a duty."""
    for index, activity in enumerate(register.activities):
        for depth, stage in enumerate(activity.retention.stages()):
            obligation = stage.obligation
            if obligation and register.vocabulary.has("retention_obligations", obligation):
                yield index, depth, stage, obligation


@check(
    "retention.statutory-too-short",
    severity="error",
    reference=N_("AWR art. 52(4); Dutch Civil Code art. 2:10"),
    source="Algemene wet inzake rijksbelastingen art. 52 lid 4 (7 years; 10 for immovable "
    "property and electronic services, art. 52a); Burgerlijk Wetboek art. 2:10 lid 3",
)
def statutory_too_short(register: Register) -> Iterator[Hit]:
    for index, depth, stage, obligation in _statutory_stages(register):
        term = register.vocabulary.term("retention_obligations", obligation)
        if term.minimum is not None and stage.keep.approx_days() < term.minimum.approx_days():
            yield Hit(
                _stage_path(index, depth),
                N_(
                    '"{activity}" invokes the {obligation}, which requires {minimum}, but '
                    "keeps the data only {term}."
                ),
                N_("Keep these records for at least {minimum} ({source})."),
                {
                    "activity": text(register.activities[index].title),
                    "obligation": label(register, "retention_obligations", obligation),
                    "minimum": duration(term.minimum),
                    "term": duration(stage.keep),
                    "source": term.source or "",
                },
            )


@check(
    "retention.fiscal-not-from-book-year",
    severity="warning",
    reference=N_("AWR art. 52(4)"),
    source="AWR art. 52 lid 4 and Besluit Fiscaal Bestuursrecht §20: seven years; the term "
    "runs from the end of the book year (bieb.knab.nl; goedoporde.nl)",
)
def not_from_book_year(register: Register) -> Iterator[Hit]:
    for index, depth, stage, obligation in _statutory_stages(register):
        term = register.vocabulary.term("retention_obligations", obligation)
        if term.count_from != "end-of-book-year" or stage.count_from == "end-of-book-year":
            continue
        if term.minimum is None or stage.keep.approx_days() < term.minimum.approx_days():
            continue  # reported as too short
        covering = Duration(years=term.minimum.years + 1, months=term.minimum.months)
        if stage.keep.approx_days() < covering.approx_days() - 1:
            yield Hit(
                _stage_path(index, depth),
                N_(
                    '"{activity}" counts the {term} of the {obligation} from the event '
                    "itself, but the term runs from the end of the book year, so records "
                    "would be erased up to a year too early."
                ),
                N_("Add count_from: end-of-book-year to this period."),
                {
                    "activity": text(register.activities[index].title),
                    "term": duration(stage.keep),
                    "obligation": label(register, "retention_obligations", obligation),
                },
            )


@check(
    "retention.stacked-periods",
    severity="warning",
    reference=N_("GDPR Art. 13(2)(a), 5(1)(e)"),
    source="GDPR Art. 13(2)(a); a statutory term runs from the end of the book year on its "
    "own (AWR art. 52 lid 4), so a period placed before it contradicts the first promise",
)
def stacked_periods(register: Register) -> Iterator[Hit]:
    for index, activity in enumerate(register.activities):
        stages = activity.retention.stages()
        first = stages[0]
        later = [s.obligation for s in stages[1:] if s.obligation]
        if first.obligation is None and not first.keep.is_zero and later:
            yield Hit(
                ("activities", index, "retention"),
                N_(
                    '"{activity}" promises to keep data until {first} after {anchor} and '
                    "then another {then} for the {obligation}: the statement contradicts "
                    "itself about when the data goes."
                ),
                N_(
                    "Split the rule: keep what the law requires (the invoices) for its term "
                    "from the end of the book year, and erase the rest {first} after {anchor}."
                ),
                {
                    "activity": text(activity.title),
                    "first": duration(first.keep),
                    "anchor": label(register, "retention_anchors", str(activity.retention.after)),
                    "then": duration(stages[1].keep),
                    "obligation": label(register, "retention_obligations", later[0]),
                },
            )


@check(
    "retention.fiscal-scope",
    severity="advice",
    reference=N_("GDPR Art. 5(1)(c), 5(1)(e); AWR art. 52"),
    source="AWR art. 52 lid 4 covers data that is fiscally relevant (the books and their "
    "records); GDPR Art. 5(1)(e) storage limitation for the rest",
)
def fiscal_scope(register: Register) -> Iterator[Hit]:
    for index, activity in enumerate(register.activities):
        if not FISCAL_OBLIGATIONS & set(activity.retention.obligations()):
            continue
        extra = [c for c in activity.data_categories if c in NON_FISCAL_CATEGORIES]
        if extra:
            yield Hit(
                ("activities", index, "data_categories"),
                N_(
                    '"{activity}" keeps {categories} for the tax retention period, but the '
                    "tax administration does not need them."
                ),
                N_(
                    "Keep only the invoice data for the tax term; erase {categories} when "
                    "the order or service is done, e.g. in a separate activity with a shorter rule."
                ),
                {
                    "activity": text(activity.title),
                    "categories": labels(register, "data_categories", extra),
                },
            )


@check(
    "retention.longer-than-purpose",
    severity="advice",
    reference=N_("GDPR Art. 5(1)(e)"),
    source="GDPR Art. 5(1)(e): kept no longer than necessary for the purposes",
)
def longer_than_purpose(register: Register) -> Iterator[Hit]:
    for index, activity in enumerate(register.activities):
        rule = activity.retention
        if not (rule.stated and set(activity.purposes) <= SHORT_LIVED_PURPOSES):
            continue
        if not rule.obligations() and rule.total().approx_days() > _ONE_YEAR.approx_days():
            yield Hit(
                ("activities", index, "retention"),
                N_(
                    '"{activity}" keeps data {term} after {anchor}, but {purposes} ends with '
                    "the contact or the service, and no law requires keeping it."
                ),
                N_(
                    "Shorten the period to what the purpose needs (a few months after the last "
                    "contact), or name the statutory duty that requires it."
                ),
                {
                    "activity": text(activity.title),
                    "term": duration(rule.total()),
                    "anchor": label(register, "retention_anchors", str(rule.after)),
                    "purposes": labels(register, "purposes", activity.purposes),
                },
            )
