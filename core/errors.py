"""Errors shared by every layer. Domain modules define their own subclasses of DomainError.

A refusal carries its Chinese message id and its parameters, unformatted, so that the place that shows
it (``core.messages.message_of``) writes it in the reader's language; ``message`` is the Chinese sentence.
"""
from __future__ import annotations


class Message(str):
    """A message filled in, in Chinese, that remembers its message id and parameters, so that the place
    that shows it can write it in the reader's language (a rule's refusal returned as a string)."""

    template: str
    params: dict

    def __new__(cls, template: str, params: dict | None = None):
        params = params or {}
        made = super().__new__(cls, template % params if params else template)
        made.template, made.params = template, params
        return made

    def __getnewargs__(self):   # copied or pickled, it stays a Message
        return self.template, self.params


def N_(message: str, **params) -> str:
    """Marks a message id for extraction (``pybabel extract -k N_``); translated where it is shown.
    With parameters, the message filled in (a ``Message``)."""
    return Message(message, params) if params else message


def refusal_message(exc: Exception, default: str = "") -> str:
    """An exception's message as one that still knows its id and parameters (translated where shown)."""
    template = getattr(exc, "template", None)
    if template is None:
        return getattr(exc, "message", None) or default
    return Message(template, exc.params) if getattr(exc, "params", None) else template


def row_problems(problems: dict) -> str:
    """Problems of a sheet's rows (row number → message) as one message, each part translated where
    it is shown: "第 3 行：…；第 5 行：…"."""
    parts = {f"p{i}": N_("第 %(row)s 行：%(problem)s", row=row, problem=message)
             for i, (row, message) in enumerate(problems.items())}
    return Message("；".join(f"%({name})s" for name in parts), parts)


class Refusal(Exception):
    """A message id with its parameters (``%(name)s``); ``message`` is it filled in, in Chinese."""

    def __init__(self, message: str, **params):
        if isinstance(message, Message) and not params:
            message, params = message.template, message.params
        self.template = message
        self.params = params
        self.message = message % params if params else message
        super().__init__(self.message)


class DomainError(Refusal):
    """A rule refused a command. ``field`` names the input at fault, when there is one; ``problems``
    (input name → its message) names every input at fault when a command checks them all at once
    (a whole sheet or attendance list), so the page and the API show them all, each by its input;
    ``invalid`` keeps a schema's messages (field → messages) when the refusal is a validation's, with
    the ``field_labels``, so that they are shown field by field in the reader's language."""

    def __init__(self, message: str, field: str | None = None, *, problems: dict[str, str] | None = None,
                 invalid: dict | None = None, field_labels: dict | None = None, **params):
        super().__init__(message, **params)
        self.field = field
        self.problems = dict(problems or {})
        self.invalid = invalid
        self.field_labels = field_labels or {}


class ConflictError(Refusal):
    """The record changed since the caller read it (HTTP 409)."""

    def __init__(self, message: str = N_("记录已被他人修改，请刷新后重试"), **params):
        super().__init__(message, **params)


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
        raise ConflictError(N_("记录已更新到版本 %(current)s，您提交的是版本 %(expected)s；请刷新后重试"),
                            current=aggregate.version, expected=expected_version)
