"""The catalogue of event types: every aggregate class the plugins register and its nested events, and
the event codes that name them (``core.events.event_code``: ``dues.account.paid``)."""
from __future__ import annotations

from eventsourcing.domain import Aggregate, CanInitAggregate
from eventsourcing.utils import get_topic

from core.events import event_code


def nested_event_classes(aggregate_cls: type) -> list[type]:
    """The event classes defined on one aggregate class (``Member.Registered`` …)."""
    out: list[type] = []
    for klass in aggregate_cls.__mro__:
        if klass is Aggregate or not (isinstance(klass, type) and issubclass(klass, Aggregate)):
            continue
        for value in vars(klass).values():
            if isinstance(value, type) and issubclass(value, Aggregate.Event) \
                    and value.__qualname__.startswith(klass.__qualname__ + ".") and value not in out:
                out.append(value)
    # The library's generated bases are never stored: ``Member.Event`` (the base of them all), and
    # ``Member.Created`` when the aggregate names its own creation event (``Member.Registered``).
    out = [c for c in out if not any(o is not c and issubclass(o, c) for o in out)]
    created = [c for c in out if issubclass(c, CanInitAggregate)]
    if len(created) > 1:
        out = [c for c in out if not (c in created and c.__name__ == "Created")]
    return out


def registered_event_classes(registry) -> list[type]:
    """Every event class of every aggregate registered through ``zhibu_event_classes``."""
    out: list[type] = []
    for classes in registry.hook.zhibu_event_classes():
        for aggregate_cls in classes or ():
            for event_cls in nested_event_classes(aggregate_cls):
                if event_cls not in out:
                    out.append(event_cls)
    return out


def all_aggregate_classes() -> list[type]:
    seen, stack = [], list(Aggregate.__subclasses__())
    while stack:
        cls = stack.pop()
        if cls not in seen:
            seen.append(cls)
            stack.extend(cls.__subclasses__())
    return seen


def all_event_topics() -> list[str]:
    """Topics of every event class loaded in this process (the audit index takes them all)."""
    topics = set()
    for cls in all_aggregate_classes():
        for event_cls in nested_event_classes(cls):
            topics.add(get_topic(event_cls))
    return sorted(topics)


def event_type(event_or_cls) -> str:
    cls = event_or_cls if isinstance(event_or_cls, type) else type(event_or_cls)
    return cls.__qualname__


def is_code(value: str) -> bool:
    """An event code (``dues.account.paid``: lower case, dotted), not a class's qualified name
    (``DuesAccount.Paid``) as the audit index stores it."""
    return "." in value and value == value.lower()


def topics_with_code(code: str) -> list[str]:
    """The topics of the loaded event classes whose code is ``code`` (none for an unknown code)."""
    return [topic for topic in all_event_topics() if event_code(topic) == code]
