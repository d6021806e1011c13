"""What aggregates of several plugins share, beyond eventsourcing's ``Aggregate``."""
from __future__ import annotations

from eventsourcing.domain import CanMutateAggregate
from eventsourcing.utils import register_topic


def keeps_topics(module: str):
    """Class decorator: the aggregate and its nested event classes keep the topics they had when the
    aggregate was defined in ``module`` (``<module>:<qualname>``), wherever the class lives now.

    A stored event names its class by topic. An explicit ``TOPIC`` on the aggregate and on each
    nested event class (eventsourcing's own mechanism, registered here) keeps old and new events
    under one topic, so logs load, and projections and the audit index, which select by topic, see
    no change. The library's base ``Event`` is never stored and keeps its own."""
    def decorate(cls):
        for klass in [cls, *(v for n, v in vars(cls).items() if n != "Event" and isinstance(v, type)
                             and issubclass(v, CanMutateAggregate)
                             and v.__qualname__.startswith(cls.__qualname__ + "."))]:
            klass.TOPIC = f"{module}:{klass.__qualname__}"
            register_topic(klass.TOPIC, klass)
        return cls
    return decorate


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
