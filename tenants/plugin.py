"""The tenant registry as a default plugin."""
from core.hookspecs import hookimpl
from core.permissions import DISTRICT_ROLES
from core.plugins import NavItem
from tenants import api, cli, district, projections, views
from tenants.domain import School


@hookimpl
def zhibu_permissions():
    return {"district.view": set(DISTRICT_ROLES)}


@hookimpl
def zhibu_projections():
    return [projections.SchoolsProjection()]


@hookimpl
def zhibu_blueprints():
    return [views.bp, district.bp, api.api]


@hookimpl
def zhibu_cli_commands():
    return [cli.tenant, cli.plugin]


@hookimpl
def zhibu_event_classes():
    return [School]


@hookimpl
def zhibu_describe_event(event, locale):
    """School events in one sentence."""
    if not isinstance(event, School.Event):
        return None
    sentences = {
        School.Registered: lambda e: f"登记学校党支部 {e.name}（代码 {e.slug}）",
        School.Renamed: lambda e: f"学校名称改为「{e.name}」",
        School.PluginEnabled: lambda e: f"启用模块 {e.plugin}" + (f"，设置：{e.settings}" if e.settings else ""),
        School.PluginDisabled: lambda e: f"停用模块 {e.plugin}",
        School.PluginConfigured: lambda e: f"修改模块 {e.plugin} 的设置为 {e.settings}",
        School.RecordsStartChanged: lambda e: f"在本系统记录的起始日期定为 {e.records_from.isoformat()}（{e.reason}）",
    }
    sentence = sentences.get(type(event))
    return sentence(event) if sentence else None


@hookimpl
def zhibu_district_nav_items(user):
    return [NavItem(label="区级总览", endpoint="district.home", order=0),
            NavItem(label="学校管理", endpoint="tenants.schools", order=80)]
