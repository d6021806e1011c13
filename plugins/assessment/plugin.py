"""考核评议 plugin: metadata and thin hook implementations."""
from core.hookspecs import hookimpl
from core.plugins import PluginInfo


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="assessment", title="考核评议", description="五好支部考核与民主评议党员", always_on=False, order=60)
