"""School events → tenants_schools, tenants_plugins, tenants_records_start."""
from sqlalchemy import select

from core.clock import local_day
from core.projections import Projection, on
from tenants.domain import School
from core.tenancy.models import records_start, school_plugins, schools


class SchoolsProjection(Projection):
    name = "tenants.schools"
    scope = "district"
    tables = (school_plugins, records_start, schools)

    @on(School.Registered)
    def _registered(self, conn, e, _log):
        conn.insert(schools, slug=e.slug, id=e.originator_id, name=e.name,
                             version=e.originator_version, created_at=e.timestamp)
        conn.insert(records_start, tenant=e.slug, records_from=local_day(e.timestamp),
                                   reason=None, changed_at=e.timestamp)

    @staticmethod
    def _touch(conn, e, **values) -> str:
        conn.update(schools, {"id": e.originator_id}, version=e.originator_version, **values)
        return conn.scalar(select(schools.c.slug).where(schools.c.id == e.originator_id))

    @on(School.Renamed)
    def _renamed(self, conn, e, _log):
        self._touch(conn, e, name=e.name)

    @on(School.PluginEnabled, School.PluginConfigured)
    def _enabled(self, conn, e, _log):
        slug = self._touch(conn, e)
        conn.delete(school_plugins, tenant=slug, plugin=e.plugin)
        conn.insert(school_plugins, tenant=slug, plugin=e.plugin, enabled=True,
                                    settings=e.settings, changed_at=e.timestamp)

    @on(School.PluginDisabled)
    def _disabled(self, conn, e, _log):
        slug = self._touch(conn, e)
        conn.update(school_plugins, {"tenant": slug, "plugin": e.plugin}, enabled=False, changed_at=e.timestamp)

    @on(School.RecordsStartChanged)
    def _records_started(self, conn, e, _log):
        slug = self._touch(conn, e)
        conn.delete(records_start, tenant=slug)
        conn.insert(records_start, tenant=slug, records_from=e.records_from,
                                   reason=e.reason, changed_at=e.timestamp)
