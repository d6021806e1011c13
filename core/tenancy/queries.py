"""Read side of the tenant registry."""
from __future__ import annotations

import logging
from datetime import date

from marshmallow import ValidationError
from sqlalchemy import select

from core.clock import local_day
from core.tenancy.models import records_start, school_plugins, schools

logger = logging.getLogger("zhibu")


def _with_start():
    return (select(schools, records_start.c.records_from, records_start.c.reason.label("records_reason"))
            .outerjoin(records_start, records_start.c.tenant == schools.c.slug))


class SchoolRow:
    """A school's row with ``records_from`` always filled in (the registration day when unset)."""

    def __init__(self, row):
        self._row = row
        self.records_from = row.records_from or local_day(row.created_at)

    def __getattr__(self, name):
        return getattr(self._row, name)


def list_schools(conn) -> list[SchoolRow]:
    return [SchoolRow(r) for r in conn.execute(_with_start().order_by(schools.c.slug)).all()]


def get_school(conn, slug: str) -> SchoolRow | None:
    row = conn.execute(_with_start().where(schools.c.slug == slug)).first()
    return SchoolRow(row) if row else None


def records_from(k, slug: str) -> date | None:
    """The day the school's records in Zhibu start: obligations, compliance and deadlines count
    from it, never before (once per request)."""
    def load():
        with k.reading() as conn:
            row = get_school(conn, slug)
        return row.records_from if row else None
    return k.per_request(("tenants.records_from", slug), load)


def slugs(conn) -> list[str]:
    return list(conn.scalars(select(schools.c.slug).order_by(schools.c.slug)))


def enabled_plugins(conn, slug: str) -> list[str]:
    """The plugins a school has enabled (its own choice; always-on ones are the kernel's)."""
    return list(conn.scalars(select(school_plugins.c.plugin).where(
        school_plugins.c.tenant == slug, school_plugins.c.enabled.is_(True))))


def list_plugin_rows(conn, slug: str) -> dict:
    rows = conn.execute(select(school_plugins).where(school_plugins.c.tenant == slug)).all()
    return {r.plugin: r for r in rows}


def get_settings(conn, slug: str, plugin: str) -> dict:
    """A school's stored settings for one plugin (``{}`` when none)."""
    row = conn.execute(select(school_plugins.c.settings).where(
        school_plugins.c.tenant == slug, school_plugins.c.plugin == plugin)).first()
    return dict(row.settings) if row else {}


def plugin_settings(k, slug: str, plugin: str) -> dict:
    """A school's settings of one plugin read through the plugin's settings schema: defaults filled
    in, keys the schema no longer knows left out, and a stored value the schema no longer accepts
    replaced by its default (and said in the log)."""
    with k.reading() as conn:
        stored = get_settings(conn, slug, plugin)
    return validated_settings(k, slug, plugin, stored)


def validated_settings(k, slug: str, plugin: str, stored: dict) -> dict:
    """``plugin_settings`` of settings already read (``stored``)."""
    info = k.registry.infos.get(plugin)
    if info is None or info.settings_schema is None:
        return stored
    schema = info.settings_schema()
    known = {key: value for key, value in stored.items() if key in schema.fields}
    try:
        return schema.load(known)
    except ValidationError as exc:
        # A value the schema refuses on its own gives way to its default; values that each pass but
        # contradict one another (saved before a cross-field check existed) are read as they were
        # saved: checks across fields apply to new input only.
        logger.warning("settings of %s at %s no longer valid, defaults used where refused: %s",
                       plugin, slug, ", ".join(sorted(map(str, exc.messages))))
        kept = exc.valid_data if isinstance(exc.valid_data, dict) else {}
        return {**schema.load({}), **{key: value for key, value in kept.items() if key in schema.fields}}

