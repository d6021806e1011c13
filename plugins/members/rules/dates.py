"""Month arithmetic the registry's rules count with: the core's (core.dates)."""
from core.dates import add_months, months_between  # noqa: F401  (re-exported for the registry's rules)
