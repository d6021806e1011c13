"""督查审计 plugin: metadata and thin hook implementations."""
from core.hookspecs import hookimpl
from core.plugins import PluginInfo


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="audit", title="督查审计", description="区级总览、事件史、时间回溯、封存校验与整改", always_on=True, order=90)
