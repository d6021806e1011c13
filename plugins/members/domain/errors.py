"""The registry's domain error, and how a rule's refusal becomes one."""
from __future__ import annotations

from core.errors import DomainError


class MemberError(DomainError):
    pass


def refuse(error: tuple[str, str] | None) -> None:
    """Raise a rule's refusal, (field, sentence), as a MemberError; nothing when the rule allows it."""
    if error:
        raise MemberError(error[1], field=error[0])
