"""What other plugins may use of 党务公开. Nothing else of this package is public."""
from __future__ import annotations

from plugins.disclosure.domain import Disclosure

__all__ = ["DisclosurePublished"]

# An event other plugins may listen to in projections of their own (notices: members are told of a new
# disclosure). Its fields are part of this module's promise: ``title``, ``audience`` ("members" or
# "everyone"), ``window_from``, ``window_until`` (or None).
DisclosurePublished = Disclosure.Published
