"""发展党员 plugin: metadata and thin hook implementations."""
from core.hookspecs import hookimpl
from core.plugins import PluginInfo


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="development", title="发展党员", description="五个阶段二十五个步骤、时限与把关", always_on=False, order=40)
