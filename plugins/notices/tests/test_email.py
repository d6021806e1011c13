"""E-mail through a real SMTP server (aiosmtpd) started by the test: a notice is delivered to whoever
chose e-mail; with the server down the attempt fails and is recorded, and once the server is up the
worker sends it (nothing lost); a weekly digest goes out on Mondays; nothing is queued twice."""
from __future__ import annotations

import socket
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from plugins.meetings import services as meetings
from plugins.notices import queries, services
from plugins.notices.tests.conftest import reader


class Inbox:
    """An SMTP handler keeping every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"


def free_port(candidates=range(8125, 8130)) -> int:
    for port in candidates:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail("no free port among 8125-8129 for the test's SMTP server")


@pytest.fixture
def smtp(k, monkeypatch):
    """Point the deployment at 127.0.0.1:<port>; ``smtp.start()`` starts a server there."""
    port = free_port()
    monkeypatch.setitem(k.config, "ZHIBU_SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(k.config, "ZHIBU_SMTP_PORT", port)
    monkeypatch.setitem(k.config, "ZHIBU_SMTP_FROM", "zhibu@example.org")

    class Server:
        inbox = Inbox()
        controller = None

        def start(self):
            self.controller = Controller(self.inbox, hostname="127.0.0.1", port=port)
            self.controller.start()

    server = Server()
    yield server
    if server.controller is not None:
        server.controller.stop()


def _schedule(k, tenant):
    return meetings.schedule_meeting(k, tenant, "congress", "第四季度党员大会", datetime(2026, 12, 10, 15), "活动室")


def test_a_notice_is_delivered_by_e_mail_to_whoever_chose_it(k, tenant, people, actor, smtp):
    smtp.start()
    services.choose_delivery(k, tenant, people[0][0], "p1@example.org", "each")
    _schedule(k, tenant)
    services.run_delivery(k)
    [(to, mail)] = smtp.inbox.messages
    assert to == ["p1@example.org"] and mail["Subject"] == "会议通知：第四季度党员大会"
    assert "活动室" in mail.get_content() and mail["From"] == "zhibu@example.org"
    [row] = queries.list_outbox(k, tenant, people[0][0])
    assert row.sent_at is not None and row.attempts == 1 and row.last_error is None
    services.run_delivery(k)                                      # nothing queued or sent twice
    assert len(smtp.inbox.messages) == 1 and len(queries.list_outbox(k, tenant)) == 1


def test_with_the_server_down_the_message_waits_and_is_sent_when_it_is_up(k, tenant, people, actor, smtp, clock):
    services.choose_delivery(k, tenant, people[1][0], "p2@example.org", "each")
    _schedule(k, tenant)
    services.run_delivery(k)                                      # no server listening
    [row] = queries.list_outbox(k, tenant, people[1][0])
    assert row.sent_at is None and row.attempts == 1 and row.last_error
    assert "Connection" in row.last_error or "refused" in row.last_error.lower()

    smtp.start()
    services.run_delivery(k)                                      # not due yet: it waits its backoff
    assert smtp.inbox.messages == [] and queries.list_outbox(k, tenant)[0].attempts == 1
    clock.set(clock.now + timedelta(minutes=2))
    services.run_delivery(k)
    [(to, mail)] = smtp.inbox.messages
    assert to == ["p2@example.org"]
    [row] = queries.list_outbox(k, tenant, people[1][0])
    assert row.sent_at is not None and row.attempts == 2


def test_a_read_notice_is_not_mailed_and_none_means_none(k, tenant, people, actor, smtp):
    smtp.start()
    services.choose_delivery(k, tenant, people[0][0], "p1@example.org", "each")
    services.choose_delivery(k, tenant, people[1][0], "p2@example.org", "none")
    _schedule(k, tenant)
    services.mark_all_read(k, tenant, reader(k, tenant, people[0][0]))
    services.run_delivery(k)
    assert smtp.inbox.messages == [] and queries.list_outbox(k, tenant) == []


def test_the_weekly_digest_goes_out_on_monday(k, tenant, people, actor, smtp, clock):
    smtp.start()
    services.choose_delivery(k, tenant, people[2][0], "p3@example.org", "weekly")
    _schedule(k, tenant)
    services.run_delivery(k)                                      # 2026-11-23 is a Monday
    [(to, mail)] = smtp.inbox.messages
    assert to == ["p3@example.org"] and "2026-W48" in mail["Subject"] and "第四季度党员大会" in mail.get_content()
    clock.set(datetime(2026, 11, 24, 2, tzinfo=timezone.utc))
    services.run_delivery(k)
    assert len(smtp.inbox.messages) == 1


def test_without_a_mail_server_configured_nothing_is_queued(k, tenant, people, actor):
    services.choose_delivery(k, tenant, people[0][0], "p1@example.org", "each")
    _schedule(k, tenant)
    services.run_delivery(k)
    assert queries.list_outbox(k, tenant) == []
