"""``Projection``: the base class of every read model, and ``@on`` to mark its handlers."""
from __future__ import annotations

from typing import Callable, ClassVar

from eventsourcing.utils import get_topic
from sqlalchemy import Table, delete
from sqlalchemy.engine import Connection


def on(*event_classes: type) -> Callable:
    """Mark a projection method as the handler of the given event classes."""
    def mark(method: Callable) -> Callable:
        method._zhibu_on = event_classes
        return method
    return mark


class Projection:
    """Base class. Subclasses set ``name``, ``tables`` and decorate handlers with ``@on``.

    A handler is called as ``handler(rows, event, tenant)`` inside the batch transaction; ``rows``
    is a ``Rows`` writer: it writes with ``rows.insert(table, ...)``, ``rows.update(table, {"id": …},
    ..., add={"count": 1})`` and ``rows.delete(table, ...)``, and reads with ``rows.execute(select(…))``
    like a connection (a read sees the handler's own writes).
    """

    name: ClassVar[str]
    scope: ClassVar[str] = "tenant"  # "tenant": every school's log; "district": the district log
    tables: ClassVar[tuple[Table, ...]] = ()
    _handlers: ClassVar[dict[type, str]]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        handlers: dict[type, str] = {}
        for klass in reversed(cls.__mro__):
            for attr, value in vars(klass).items():
                for event_class in getattr(value, "_zhibu_on", ()):
                    handlers[event_class] = attr
        cls._handlers = handlers

    @property
    def topics(self) -> list[str]:
        return [get_topic(cls) for cls in self._handlers]

    def handles(self, event_class: type) -> bool:
        """Whether events of this class concern this projection (the projector asks once a class)."""
        return event_class in self._handlers

    def apply(self, conn: Connection, event, tenant: str) -> None:
        attr = self._handlers.get(type(event))
        if attr is not None:
            getattr(self, attr)(conn, event, tenant)

    def apply_notification(self, conn: Connection, notification, event, tenant: str) -> None:
        """Apply one decoded notification. Projections that need its position (the audit index)
        override this; the others only see the event."""
        self.apply(conn, event, tenant)

    def clear(self, conn: Connection, log_name: str) -> None:
        """Remove this projection's rows for one log (before a rebuild)."""
        for table in reversed(self.tables):
            if self.scope == "tenant":
                conn.execute(delete(table).where(table.c.tenant == log_name))
            else:
                conn.execute(delete(table))

