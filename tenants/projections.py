"""School events → tenants_schools, tenants_plugins, tenants_records_start."""
from sqlalchemy import delete, insert, select, update

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
        conn.execute(insert(schools).values(slug=e.slug, id=e.originator_id, name=e.name,
                                            version=e.originator_version, created_at=e.timestamp))
        conn.execute(insert(records_start).values(tenant=e.slug, records_from=local_day(e.timestamp),
                                                  reason=None, changed_at=e.timestamp))

    @staticmethod
    def _touch(conn, e, **values) -> str:
        conn.execute(update(schools).where(schools.c.id == e.originator_id)
                     .values(version=e.originator_version, **values))
        return conn.scalar(select(schools.c.slug).where(schools.c.id == e.originator_id))

    @on(School.Renamed)
    def _renamed(self, conn, e, _log):
        self._touch(conn, e, name=e.name)

    @on(School.PluginEnabled, School.PluginConfigured)
    def _enabled(self, conn, e, _log):
        slug = self._touch(conn, e)
        conn.execute(delete(school_plugins).where(school_plugins.c.tenant == slug,
                                                  school_plugins.c.plugin == e.plugin))
        conn.execute(insert(school_plugins).values(tenant=slug, plugin=e.plugin, enabled=True,
                                                   settings=e.settings, changed_at=e.timestamp))

    @on(School.PluginDisabled)
    def _disabled(self, conn, e, _log):
        slug = self._touch(conn, e)
        conn.execute(update(school_plugins).where(school_plugins.c.tenant == slug,
                                                  school_plugins.c.plugin == e.plugin)
                     .values(enabled=False, changed_at=e.timestamp))

    @on(School.RecordsStartChanged)
    def _records_started(self, conn, e, _log):
        slug = self._touch(conn, e)
        conn.execute(delete(records_start).where(records_start.c.tenant == slug))
        conn.execute(insert(records_start).values(tenant=slug, records_from=e.records_from,
                                                  reason=e.reason, changed_at=e.timestamp))
