"""Read side of the tenant registry."""
from __future__ import annotations

from sqlalchemy import select

from tenants.models import school_plugins, schools


def list_schools(conn):
    return conn.execute(select(schools).order_by(schools.c.slug)).all()


def get_school(conn, slug: str):
    return conn.execute(select(schools).where(schools.c.slug == slug)).first()


def list_plugin_rows(conn, slug: str) -> dict:
    rows = conn.execute(select(school_plugins).where(school_plugins.c.tenant == slug)).all()
    return {r.plugin: r for r in rows}


def get_settings(conn, slug: str, plugin: str) -> dict:
    """A school's stored settings for one plugin (``{}`` when none)."""
    row = conn.execute(select(school_plugins.c.settings).where(
        school_plugins.c.tenant == slug, school_plugins.c.plugin == plugin)).first()
    return dict(row.settings) if row else {}
