"""The register of processing activities as code: models, taxonomy, retention rules."""

from waarborg.register._base import LocalText
from waarborg.register.activity import (
    Activity,
    ConsentCollection,
    LegalBasis,
    MarketingChannel,
    Profiling,
)
from waarborg.register.cookies import AnalyticsSettings, Cookie, CookiePolicy
from waarborg.register.duration import Duration, add_months
from waarborg.register.loader import load_register, parse_register
from waarborg.register.model import Register, SecurityMeasure
from waarborg.register.organisation import Address, Contact, Organisation
from waarborg.register.parties import EEA_COUNTRIES, Party
from waarborg.register.retention import BookYear, RetentionRule, RetentionStage
from waarborg.register.rights import RightsHandling
from waarborg.register.statement_meta import StatementMeta
from waarborg.register.taxonomy import Taxonomy, Term, default_taxonomy, expand_iri

__all__ = [
    "EEA_COUNTRIES",
    "Activity",
    "Address",
    "AnalyticsSettings",
    "BookYear",
    "ConsentCollection",
    "Contact",
    "Cookie",
    "CookiePolicy",
    "Duration",
    "LegalBasis",
    "LocalText",
    "MarketingChannel",
    "Organisation",
    "Party",
    "Profiling",
    "Register",
    "RetentionRule",
    "RetentionStage",
    "RightsHandling",
    "SecurityMeasure",
    "StatementMeta",
    "Taxonomy",
    "Term",
    "add_months",
    "default_taxonomy",
    "expand_iri",
    "load_register",
    "parse_register",
]
