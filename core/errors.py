"""Errors shared by every layer. Domain modules define their own subclasses of DomainError."""
from __future__ import annotations


class DomainError(Exception):
    """A rule refused a command. ``field`` names the input at fault, when there is one; ``errors``
    holds every problem (field → sentence) when a rule found several at once."""

    def __init__(self, message: str, field: str | None = None, errors: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.errors = dict(errors or {})


class ConflictError(Exception):
    """The record changed since the caller read it (HTTP 409)."""

    def __init__(self, message: str = "记录已被他人修改，请刷新后重试"):
        super().__init__(message)
        self.message = message


class SaveCollided(ConflictError):
    """Another process saved a new version of one of the aggregates first (the store refused ours).

    A command that loads everything afresh may simply run again (``core.retrying.retrying``); a
    stale ``expected_version`` is a plain ConflictError and is never retried.
    """


class NotFoundError(Exception):
    """No such record in this tenant (HTTP 404)."""


def check_version(aggregate, expected_version: int | None) -> None:
    """Refuse a write based on a stale read: the caller must have seen the latest version."""
    if expected_version is not None and aggregate.version != expected_version:
        raise ConflictError(
            f"记录已更新到版本 {aggregate.version}，您提交的是版本 {expected_version}；请刷新后重试")
