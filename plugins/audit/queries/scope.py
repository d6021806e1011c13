"""Whose console reads what: a user's scope of logs, and the history criteria from a request's query
arguments (no Flask here: the pages and the API share them)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from core.clock import LOCAL_TZ
from core.eventstore import DISTRICT
from core.kernel import Kernel
from plugins.audit import queries
from plugins.audit.queries.history import Criteria, from_school_names


def scope_for(k: Kernel, user) -> list[str] | None:
    """The logs a user may read in the console: None = every log (district administrator)."""
    roles = set(getattr(user, "district_roles", ()))
    if "district_admin" in roles:
        return None
    if "inspector" in roles:
        return queries.inspector_schools(k, user.username, k.today())
    return []


def may_read(scope: list[str] | None, log: str) -> bool:
    return scope is None or log in scope


def is_log(k: Kernel, log: str) -> bool:
    """Whether ``log`` names an existing log (the district's or a school's): anything else would open an
    empty store."""
    return log == DISTRICT or log in k.tenant_slugs()


def scope_logs(k: Kernel, scope: list[str] | None) -> list[str]:
    """The logs of a scope; every log (the district's, then the schools' by code) for None, from the
    schools read with their names once per request (the console shows both)."""
    if scope is not None:
        return list(scope)
    return list(from_school_names(k, "logs", lambda names: (DISTRICT, *(log for log in names if log != DISTRICT))))


def local_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LOCAL_TZ)


def criteria(data: dict, scope: list[str] | None) -> Criteria:
    """Criteria from validated query arguments (HistoryQuerySchema); dates are Beijing days."""
    since = until = None
    if data.get("month"):
        year, month = (int(p) for p in data["month"].split("-"))
        since = local_start(date(year, month, 1))
        until = local_start(date(year + month // 12, month % 12 + 1, 1))
    if data.get("since"):
        since = local_start(data["since"])
    if data.get("until"):
        until = local_start(data["until"] + timedelta(days=1))
    return Criteria(schools=scope, school=data.get("school"), since=since, until=until,
                    actor=data.get("actor"), event_type=data.get("event_type"), record=data.get("record"),
                    page=data.get("page", 1), per_page=data.get("per_page", 50))
