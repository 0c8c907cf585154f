"""What a cookie scan found, held against the register's declared cookies; JSON and HTML.

Three kinds of problem (Telecommunicatiewet art. 11.7a; Art. 13 AVG for informing):

- ``before-consent``: a declared cookie that needs consent was set before any was given;
- ``undeclared``: a cookie or localStorage key the register (so the statement) does
  not mention;
- ``third-party-before-consent``: another host was called before consent (it learns
  the visitor's IP address and often sets its own cookies);
- ``never-seen``: a declared, named cookie that no page set: the statement may be
  out of date (a notice, not an error).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from jinja2 import Environment

from waarborg.consent.scanner import Seen, Visit
from waarborg.i18n import N_, template_environment, translate
from waarborg.register import Register
from waarborg.register.cookies import Cookie

PROBLEMS = {
    "before-consent": N_("needs consent, but was set before consent was given"),
    "undeclared": N_("not declared in the register, so not in the privacy statement"),
    "third-party-before-consent": N_("another host was called before consent was given"),
    "never-seen": N_("declared in the register, but no page set it"),
}
NOTICES = frozenset({"never-seen"})


@dataclass(frozen=True)
class Finding:
    code: str
    kind: str
    name: str
    host: str
    page: str
    declared_as: str | None = None

    def message(self, lang: str) -> str:
        return translate(lang, PROBLEMS[self.code])


@dataclass
class ScanReport:
    url: str
    accepted: bool
    before: Visit
    after: Visit
    findings: list[Finding] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.code not in NOTICES]

    def as_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "accepted": self.accepted,
            "ok": not self.problems,
            "before_consent": {
                "pages": self.before.pages,
                "seen": [asdict(s) for s in self.before.seen],
            },
            "after_consent": {
                "pages": self.after.pages,
                "seen": [asdict(s) for s in self.after.seen],
            },
            "findings": [asdict(f) for f in self.findings],
            "declared_without_name": self.unnamed,
        }


def match(cookies: list[Cookie], seen: Seen) -> Cookie | None:
    """The declared cookie ``seen`` is (a name ending in ``*`` is a prefix)."""
    for cookie in cookies:
        if cookie.name is None or cookie.kind != seen.kind:
            continue
        if cookie.name.endswith("*"):
            if seen.name.startswith(cookie.name[:-1]):
                return cookie
        elif cookie.name == seen.name:
            return cookie
    return None


def assess(register: Register, url: str, before: Visit, after: Visit) -> ScanReport:
    cookies = list(register.cookies)
    report = ScanReport(url, after.accepted, before, after)
    report.unnamed = [c.id for c in cookies if c.name is None]
    stored = [s for s in (*before.seen, *after.seen) if s.kind != "request"]
    matched: set[str] = set()
    reported: set[tuple[str, str]] = set()
    for seen in stored:
        declared = match(cookies, seen)
        if declared is not None:
            matched.add(declared.id)
        elif (seen.kind, seen.name) not in reported:
            reported.add((seen.kind, seen.name))
            report.findings.append(
                Finding("undeclared", seen.kind, seen.name, seen.host, seen.page)
            )
    for seen in before.seen:
        if seen.kind == "request":
            report.findings.append(
                Finding("third-party-before-consent", "request", seen.name, seen.host, seen.page)
            )
            continue
        declared = match(cookies, seen)
        if declared is not None and declared.consent_required:
            report.findings.append(
                Finding("before-consent", seen.kind, seen.name, seen.host, seen.page, declared.id)
            )
    for cookie in cookies:
        named = cookie.name is not None and cookie.kind in ("cookie", "local-storage")
        if named and cookie.id not in matched:
            report.findings.append(
                Finding("never-seen", cookie.kind, cookie.name or "", "", "", cookie.id)
            )
    return report


def render_json(report: ScanReport) -> str:
    return json.dumps(report.as_json(), ensure_ascii=False, indent=2)


def _environment(lang: str) -> Environment:
    return template_environment("waarborg.consent", lang)


def render_html(report: ScanReport, lang: str) -> str:
    """A standalone page: the problems first, then everything seen before and after."""
    return (
        _environment(lang)
        .get_template("scan.html")
        .render(
            lang=lang,
            report=report,
            problems=report.problems,
            notices=[f for f in report.findings if f.code in NOTICES],
        )
    )
