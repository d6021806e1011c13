"""Zhibu's hook specifications: the only way plugins extend the core.

Each hook is documented in docs/hooks.md under a heading that is its exact signature.
Hooks marked "tenant" are called through the dispatcher: silent for schools that have not
enabled the plugin.
"""
from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("zhibu")
hookimpl = pluggy.HookimplMarker("zhibu")


@hookspec
def zhibu_plugin_info():
    """Describe the plugin: a ``core.plugins.PluginInfo`` (name, title, settings schema)."""


@hookspec
def zhibu_permissions():
    """Return a mapping of the plugin's actions (``"dues.view"``) to the roles allowed them."""


@hookspec
def zhibu_projections():
    """Return the plugin's ``core.projections.Projection`` instances."""


@hookspec
def zhibu_blueprints():
    """Return the plugin's Flask blueprints for pages and its flask-smorest blueprints for the API."""


@hookspec
def zhibu_cli_commands():
    """Return click commands to add to the ``zhibu`` command line."""


@hookspec
def zhibu_event_classes():
    """Return the aggregate classes whose events the plugin stores (for describe_event and audits)."""


@hookspec
def zhibu_event_names():
    """Return {event class qualname (``DuesAccount.Paid``): its Chinese name (``党费·交纳``)}."""


@hookspec
def zhibu_field_labels():
    """Return a ``core.plugins.FieldLabels``: labels, coded values in words and money fields of stored events."""


@hookspec
def zhibu_nav_items(k, tenant, user):
    """(tenant) Return ``NavItem``s for a school's navigation, for this user."""


@hookspec
def zhibu_home_widgets(k, tenant, user, today):
    """(tenant) Return ``Widget``s for a school's home page; ``action`` says who may see one."""


@hookspec
def zhibu_alerts(k, tenant, today):
    """(tenant) Return ``Alert``s that need attention at a school; ``action`` says who may see one."""


@hookspec
def zhibu_district_figures(k, tenant, today):
    """(tenant) Return ``Figure``s that the district dashboard shows for a school."""


@hookspec
def zhibu_roster_sections(k, tenant, as_of):
    """(tenant) Return ``RosterSection``s to add to a school's rosters (e.g. activists) on the day ``as_of``."""


@hookspec
def zhibu_member_flags(k, tenant, member_id, year):
    """(tenant) Return ``Flag``s about one member that other plugins may act on (e.g. an ethics veto)."""


@hookspec
def zhibu_assessment_evidence(k, tenant, year):
    """(tenant) Return ``Evidence`` items measured from the plugin's records for a Five Goods year."""


@hookspec(firstresult=True)
def zhibu_describe_event(event, locale):
    """Describe one stored event in words for the audit console; ``None`` if not the plugin's (decided by
    the event's class: the console asks a class's describer first, docs/hooks.md)."""


@hookspec
def zhibu_demo_data(k, tenant, today, rng):
    """(tenant) Record a few months of demo activity at a school (the demo district)."""


@hookspec
def zhibu_worker_jobs():
    """Return callables ``job(kernel)`` that ``zhibu worker`` runs on every poll (e.g. audit sealing)."""


@hookspec
def zhibu_save_listeners():
    """Return callables ``listener(kernel, log_name, recordings)`` run after every save, once its
    projections caught up (e.g. the automatic checkpoint). A failure is logged, never raised."""


@hookspec
def zhibu_write_records():
    """Return callables ``record(kernel, conn, log_name, recordings)`` that write rows derived from the
    bytes just stored (e.g. the audit's leaf hashes), in the read-model transaction that catches the
    write's projections up (core.projections.writes), or in one of their own when that cannot run."""


@hookspec(firstresult=True)
def zhibu_inspector_scope(k, user, tenant, today):
    """Whether an inspector may see school ``tenant`` today (True/False); ``None`` if no opinion."""


@hookspec
def zhibu_district_nav_items(k, user):
    """Return ``NavItem``s for the district's top navigation (district-wide pages of a plugin)."""


@hookspec(firstresult=True)
def zhibu_linked_member(k, tenant, username):
    """(tenant) The member (UUID) the login account ``username`` is at a school; ``None`` if not linked."""


@hookspec
def zhibu_my_sections(k, tenant, member_id, today):
    """(tenant) Return ``MySection``s of one member's own page ("我的"): only that member's records."""


@hookspec
def zhibu_report_figures(k, tenant, period):
    """(tenant) Return ``ReportFigure``s: figures of a school's records for a ``ReportPeriod``, to pre-fill report forms."""


@hookspec
def zhibu_notice_channels(k, tenant):
    """(tenant) Return channels (``name``, ``address(tenant, username, preferences)``, ``send(message)``) through which notices reach people outside Zhibu (e-mail; an SMS or WeChat gateway)."""


@hookspec
def zhibu_record_links(k, tenant, record, record_id):
    """(tenant) Return ``RecordLink``s shown on one record's page: what of the plugin refers to that record."""


@hookspec
def zhibu_papers():
    """(tenant) Return ``core.papers.Paper``s: official papers the plugin generates from its records."""


@hookspec
def zhibu_disclosable(k, tenant, since, until):
    """(tenant) Return ``Disclosable``s: facts of a school's records dated ``since``–``until`` it may disclose (党务公开)."""


@hookspec
def zhibu_summary_facts(k, tenant, year):
    """(tenant) Return ``SummaryFact``s: facts of a school's records for the year's work summary (年度党建工作总结)."""
