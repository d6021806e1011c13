"""党费 plugin: metadata and thin hook implementations."""
from core.hookspecs import hookimpl
from core.plugins import PluginInfo


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="dues", title="党费", description="党费基数、应缴、收缴、欠缴、上缴与公示", always_on=False, order=20)
