"""三会一课 plugin: metadata and thin hook implementations."""
from core.hookspecs import hookimpl
from core.plugins import PluginInfo


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="meetings", title="三会一课", description="会议通知、签到、表决、会议记录与合规", always_on=False, order=30)
