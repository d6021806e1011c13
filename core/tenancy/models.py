"""Read models of the tenant registry (tables tenants_*)."""
from sqlalchemy import JSON, Boolean, Column, Date, Index, Integer, String, Table, Uuid

from core.db import UtcDateTime, metadata

schools = Table(
    "tenants_schools", metadata,
    Column("slug", String(40), primary_key=True),
    Column("id", Uuid, nullable=False, unique=True),
    Column("name", String(120), nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

school_plugins = Table(
    "tenants_plugins", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("plugin", String(40), primary_key=True),
    Column("enabled", Boolean, nullable=False),
    Column("settings", JSON, nullable=False),
    Column("changed_at", UtcDateTime, nullable=False),
    # The modules each school has on, read for every school by the dashboard without the settings' JSON.
    Index("ix_tenants_plugins_enabled", "tenant", "enabled", "plugin"),
)

# The day each school's records in Zhibu start (a table of its own: a school registered before it
# existed has no row, and its start is the local day it was registered).
records_start = Table(
    "tenants_records_start", metadata,
    Column("tenant", String(40), primary_key=True),
    Column("records_from", Date, nullable=False),
    Column("reason", String(500)),
    Column("changed_at", UtcDateTime, nullable=False),
)
