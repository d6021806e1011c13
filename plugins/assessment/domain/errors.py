"""The refusal of every rule of this plugin."""
from core.errors import DomainError


class AssessmentError(DomainError):
    pass
