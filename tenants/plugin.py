"""The tenant registry as a default plugin."""
from core.hookspecs import hookimpl
from core.permissions import DISTRICT_ROLES
from tenants import cli, district, projections, views
from tenants.domain import School


@hookimpl
def zhibu_permissions():
    return {"district.view": set(DISTRICT_ROLES)}


@hookimpl
def zhibu_projections():
    return [projections.SchoolsProjection()]


@hookimpl
def zhibu_blueprints():
    return [views.bp, district.bp]


@hookimpl
def zhibu_cli_commands():
    return [cli.tenant, cli.plugin]


@hookimpl
def zhibu_event_classes():
    return [School]
