"""Building and sending e-mail: multipart text + HTML, per-language templates.

Templates live in ``mail_templates/<lang>/<name>.txt`` (required) and
``<name>.html`` (optional); the first line of the text template is
``Subject: ...``. Sending goes through SMTP with the settings' credentials;
queueing and retries belong to the job runner, which calls :meth:`SmtpMailer.send`.
Addresses never appear in exception messages.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, TemplateNotFound, select_autoescape

from waarborg._exceptions import WaarborgError
from waarborg.settings import SmtpSettings


class MailDeliveryError(WaarborgError):
    """The SMTP server could not take the message; it stays queued for a retry."""

    http_status = 503


@dataclass(frozen=True)
class MailMessage:
    to: str
    subject: str
    text: str
    html: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)

    def to_email(self, sender: str, sender_name: str | None = None) -> EmailMessage:
        message = EmailMessage()
        message["From"] = formataddr((sender_name, sender)) if sender_name else sender
        message["To"] = self.to
        message["Subject"] = self.subject
        message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
        for name, value in self.headers.items():
            message[name] = value
        message.set_content(self.text)
        if self.html is not None:
            message.add_alternative(self.html, subtype="html")
        return message


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("waarborg", "mail_templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def render_mail(
    name: str,
    lang: str,
    to: str,
    context: Mapping[str, Any],
    headers: Mapping[str, str] | None = None,
) -> MailMessage:
    """The message ``name`` in ``lang`` for ``to``; unknown template names are errors."""
    env = _environment()
    text = env.get_template(f"{lang}/{name}.txt").render(**context)
    first, _, body = text.partition("\n")
    if not first.startswith("Subject: "):
        raise ValueError(f"mail template {lang}/{name}.txt must start with 'Subject: '")
    try:
        html: str | None = env.get_template(f"{lang}/{name}.html").render(**context)
    except TemplateNotFound:
        html = None
    return MailMessage(
        to=to,
        subject=first.removeprefix("Subject: ").strip(),
        text=body.lstrip("\n"),
        html=html,
        headers=dict(headers or {}),
    )


class SmtpMailer:
    """Sends one message per call over a fresh SMTP connection."""

    def __init__(self, settings: SmtpSettings, sender_name: str | None = None):
        self.settings = settings
        self.sender_name = sender_name

    def send(self, message: MailMessage) -> str:
        """Deliver ``message``; returns its Message-ID. Raises :class:`MailDeliveryError`."""
        email = message.to_email(self.settings.sender, self.sender_name)
        try:
            with self._connect() as smtp:
                smtp.send_message(email)
        except (OSError, smtplib.SMTPException) as exc:
            raise MailDeliveryError(
                f"SMTP server {self.settings.host}:{self.settings.port} did not accept the "
                f"message ({type(exc).__name__})"
            ) from None
        return str(email["Message-ID"])

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        if s.ssl:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                s.host, s.port, timeout=s.timeout_seconds, context=ssl.create_default_context()
            )
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout_seconds)
            if s.starttls:
                smtp.starttls(context=ssl.create_default_context())
        if s.username and s.password:
            smtp.login(s.username, s.password.get_secret_value())
        return smtp
