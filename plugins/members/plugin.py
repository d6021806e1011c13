"""Members plugin: metadata and thin hook implementations, delegating to the modules beside it."""
from core.hookspecs import hookimpl
from core.kernel import kernel
from core.permissions import READERS, SCHOOL_PEOPLE
from core.plugins import NavItem, PluginInfo
from plugins.members import demo, projections, views
from plugins.members.domain import Member, PersonalDataRead

EDITORS = {"secretary", "deputy", "org"}


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="members", title="党员名册", description="党员信息、组织架构、关系转接、统计",
                      always_on=True, order=10)


@hookimpl
def zhibu_permissions():
    return {
        "members.view": SCHOOL_PEOPLE | READERS,
        "members.edit": EDITORS,
        "members.personal_data": {"secretary", "org"},
    }


@hookimpl
def zhibu_projections():
    return [projections.MembersProjection()]


@hookimpl
def zhibu_blueprints():
    return [views.bp, views.api]


@hookimpl
def zhibu_event_classes():
    return [Member, PersonalDataRead]


@hookimpl
def zhibu_nav_items(tenant, user):
    return [NavItem(label="党员名册", endpoint="members.index", order=10)]


@hookimpl(tryfirst=True)
def zhibu_demo_data(tenant, today, rng):
    demo.create_members(kernel(), tenant, today, rng)
