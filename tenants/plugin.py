"""The tenant registry as a default plugin."""
from core.hookspecs import hookimpl
from core.permissions import DISTRICT_ROLES
from core.kernel import kernel
from core.plugins import FieldLabels, NavItem
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
        School.PluginEnabled: lambda e: f"启用模块「{_title(e.plugin)}」"
                                        + (f"，设置：{_settings(e.plugin, e.settings)}" if e.settings else ""),
        School.PluginDisabled: lambda e: f"停用模块「{_title(e.plugin)}」",
        School.PluginConfigured: lambda e: f"修改模块「{_title(e.plugin)}」的设置：{_settings(e.plugin, e.settings)}",
        School.RecordsStartChanged: lambda e: f"在本系统记录的起始日期定为 {e.records_from.isoformat()}（{e.reason}）",
    }
    sentence = sentences.get(type(event))
    return sentence(event) if sentence else None


def _title(plugin: str) -> str:
    info = kernel().registry.infos.get(plugin)
    return info.title if info else plugin


def _settings(plugin: str, settings: dict) -> str:
    """A module's settings in words: each setting by its schema label."""
    info = kernel().registry.infos.get(plugin)
    schema_fields = info.settings_schema().fields if info and info.settings_schema else {}
    words = {True: "是", False: "否", None: "（空）"}
    return "；".join(f"{schema_fields[n].metadata.get('label', n) if n in schema_fields else n}："
                    f"{words.get(v, v) if isinstance(v, (bool, type(None))) else v}"
                    for n, v in (settings or {}).items()) or "（默认）"


@hookimpl
def zhibu_event_names():
    return {"School.Registered": "学校·登记", "School.Renamed": "学校·更名", "School.PluginEnabled": "学校·启用模块",
            "School.PluginDisabled": "学校·停用模块", "School.PluginConfigured": "学校·修改模块设置",
            "School.RecordsStartChanged": "学校·更改记录起始日期"}


@hookimpl
def zhibu_field_labels():
    """Module codes and settings are worded by the registry (it knows every plugin's title and schema)."""
    return FieldLabels(labels={"slug": "代码", "name": "名称", "plugin": "模块", "settings": "设置"})


@hookimpl
def zhibu_district_nav_items(user):
    return [NavItem(label="区级总览", endpoint="district.home", order=0),
            NavItem(label="学校管理", endpoint="tenants.schools", order=80)]
