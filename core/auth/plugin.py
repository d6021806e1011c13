"""Accounts as a default plugin: its projection, actions, pages and CLI."""
from core.auth import cli, projections, views
from core.auth.domain import User
from core.hookspecs import hookimpl
from core.permissions import AUTHENTICATED


@hookimpl
def zhibu_permissions():
    return {"account.self": {AUTHENTICATED}, "district.admin": {"district_admin"}}


@hookimpl
def zhibu_projections():
    return [projections.AccountsProjection()]


@hookimpl
def zhibu_blueprints():
    return [views.bp]


@hookimpl
def zhibu_cli_commands():
    return [cli.user, cli.token]


@hookimpl
def zhibu_event_classes():
    return [User]
