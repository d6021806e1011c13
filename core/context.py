"""The command context: who acts, in which tenant, for which request, and why.

Every write runs inside one. The event store stamps each event from it, so "every action is
recorded with its actor" holds by construction: there is no write path without an actor.
"""
from __future__ import annotations

import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Iterator


class NoActorError(RuntimeError):
    """A write was attempted outside a command context."""


@dataclass(frozen=True)
class CommandContext:
    actor_id: str
    actor_name: str
    role: str
    tenant: str | None = None
    correlation_id: str = ""
    reason: str | None = None
    source: str = "web"  # web, api, cli, worker, demo, import

    def stamp(self, log_tenant: str) -> dict:
        return {"actor_id": self.actor_id, "actor_name": self.actor_name, "role": self.role,
                "tenant": log_tenant, "correlation_id": self.correlation_id, "reason": self.reason,
                "source": self.source}


_current: ContextVar[CommandContext | None] = ContextVar("zhibu_command_context", default=None)


def current() -> CommandContext:
    ctx = _current.get()
    if ctx is None:
        raise NoActorError("写入必须在命令上下文中进行 (no actor for this write)")
    return ctx


def get() -> CommandContext | None:
    return _current.get()


@contextmanager
def acting(ctx: CommandContext) -> Iterator[CommandContext]:
    """Run the enclosed commands as ``ctx``."""
    if not ctx.correlation_id:
        ctx = replace(ctx, correlation_id=uuid.uuid4().hex)
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)


@contextmanager
def because(reason: str | None) -> Iterator[None]:
    """Attach the user's reason to the commands in the block."""
    if not reason:
        yield
        return
    token = _current.set(replace(current(), reason=reason))
    try:
        yield
    finally:
        _current.reset(token)


def system(name: str = "system", source: str = "cli", tenant: str | None = None) -> CommandContext:
    """A context for commands that no signed-in person issues (CLI, worker, demo)."""
    return CommandContext(actor_id=f"system:{name}", actor_name=name, role="system",
                          tenant=tenant, source=source)


def set_reason(reason: str | None) -> None:
    """Attach the user's reason to the rest of the current request's commands.

    The web layer resets the context at the end of each request.
    """
    if reason:
        _current.set(replace(current(), reason=reason.strip()))
