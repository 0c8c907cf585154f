"""Mail goes out through real SMTP, as multipart text + HTML in the reader's language."""

from __future__ import annotations

import pytest

from tests.smtp import SmtpSink, free_port
from waarborg.mail import MailDeliveryError, SmtpMailer, render_mail
from waarborg.settings import SmtpSettings


def test_message_arrives_multipart_in_dutch(smtp_server: SmtpSink) -> None:
    message = render_mail(
        "test",
        "nl",
        "klant@example.nl",
        {"organisation": "Weservit"},
        headers={"List-Unsubscribe": "<https://example.nl/u/1>"},
    )
    SmtpMailer(smtp_server.settings(), sender_name="Weservit").send(message)
    (received,) = smtp_server.wait_for(1)
    assert received["Subject"] == "Testbericht van Weservit"
    assert received["To"] == "klant@example.nl"
    assert received["List-Unsubscribe"] == "<https://example.nl/u/1>"
    assert "Weservit <privacy@voorbeeld.nl>" in received["From"]
    text = received.get_body(preferencelist=("plain",))
    html = received.get_body(preferencelist=("html",))
    assert text is not None and "testbericht van waarborg" in text.get_content()
    assert html is not None and "<strong>Weservit</strong>" in html.get_content()


def test_english_template_and_html_escaping(smtp_server: SmtpSink) -> None:
    message = render_mail("test", "en", "a@example.nl", {"organisation": "<Pix & Co>"})
    assert message.subject == "Test message from <Pix & Co>"
    assert message.html is not None and "&lt;Pix &amp; Co&gt;" in message.html


def test_unreachable_server_raises_without_the_address() -> None:
    mailer = SmtpMailer(SmtpSettings(host="127.0.0.1", port=free_port(), timeout_seconds=2))
    message = render_mail("test", "nl", "geheim@example.nl", {"organisation": "X"})
    with pytest.raises(MailDeliveryError) as caught:
        mailer.send(message)
    assert "geheim@example.nl" not in str(caught.value)
