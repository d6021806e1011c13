"""What other plugins may use of notices: the shape of a message and of a delivery channel, for a
plugin that adds a channel (SMS, WeChat) through ``zhibu_notice_channels(k, tenant)``. Nothing else
of this package is public."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

__all__ = ["Channel", "Message"]


@dataclass(frozen=True)
class Message:
    """One message to one person: ``to`` is the address the channel gave (an e-mail address, a phone)."""

    tenant: str
    username: str
    to: str
    subject: str
    body: str


class Channel(Protocol):
    """A way notices reach people outside Zhibu. The worker queues a message for each channel that
    gives an address for the account, and calls ``send`` until it returns without raising (retried
    with backoff; every attempt and its error is kept in the outbox)."""

    name: str

    def address(self, tenant: str, username: str, preferences) -> str | None:
        """Where this account receives messages by this channel (``preferences``: the account's row
        of delivery choices, with ``email`` and ``delivery``), or None for not by this channel."""

    def send(self, message: Message) -> None:
        """Deliver the message or raise (the error is recorded and the message retried later)."""
