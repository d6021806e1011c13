"""What aggregates of several plugins share, beyond eventsourcing's ``Aggregate``."""
from __future__ import annotations


class FlatCopy:
    """Mixin for an aggregate whose state is immutable values and flat containers of them (a dict of
    ID numbers, a map of receipt numbers): the aggregate cache copies each aggregate it hands out, and
    ``copy.deepcopy`` of a 1,000-entry dict cost a registration 18 ms; one level of copying is a deep
    copy of such state, in microseconds. ``flat_containers`` names the attributes to copy."""

    flat_containers: tuple[str, ...] = ()

    def __deepcopy__(self, memo):
        copied = object.__new__(type(self))
        copied.__dict__.update(self.__dict__)
        copied.__dict__["_pending_events"] = list(self.__dict__.get("_pending_events", ()))
        for name in self.flat_containers:
            value = self.__dict__.get(name)
            if value is not None:
                copied.__dict__[name] = type(value)(value)
        return copied
