"""The e-mail channel: SMTP as configured by ``ZHIBU_SMTP_HOST/PORT/USER/PASSWORD/FROM/STARTTLS``.
Without a host, e-mail is off and nothing is queued for it."""
from __future__ import annotations

import smtplib
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from plugins.notices.public import Message

TIMEOUT = 20   # seconds: a hung server fails the attempt; the worker retries it later


class EmailChannel:
    name = "email"

    def __init__(self, config: dict):
        self.config = config

    @property
    def configured(self) -> bool:
        return bool(self.config.get("ZHIBU_SMTP_HOST"))

    def address(self, tenant: str, username: str, preferences) -> str | None:
        if not self.configured or preferences is None or preferences.delivery == "none":
            return None
        return preferences.email or None

    def send(self, message: Message) -> None:
        c = self.config
        mail = EmailMessage()
        mail["From"] = c.get("ZHIBU_SMTP_FROM") or "zhibu@localhost"
        mail["To"] = message.to
        mail["Subject"] = message.subject
        mail["Date"] = formatdate(localtime=False)
        mail["Message-ID"] = make_msgid(domain="zhibu")
        mail.set_content(message.body)
        with smtplib.SMTP(c["ZHIBU_SMTP_HOST"], int(c.get("ZHIBU_SMTP_PORT") or 25), timeout=TIMEOUT) as smtp:
            if c.get("ZHIBU_SMTP_STARTTLS"):
                smtp.starttls()
            if c.get("ZHIBU_SMTP_USER"):
                smtp.login(c["ZHIBU_SMTP_USER"], c.get("ZHIBU_SMTP_PASSWORD") or "")
            smtp.send_message(mail)
