"""The refusal of every rule of party dues, and the check of a text the rules require."""
from core.errors import DomainError


class DuesError(DomainError):
    pass


def require(value, field: str, message: str) -> str:
    """``value`` stripped; refused with ``message`` when it is blank."""
    text = (value or "").strip()
    if not text:
        raise DuesError(message, field=field)
    return text
