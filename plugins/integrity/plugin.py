"""廉洁与承诺 plugin: metadata and thin hook implementations."""
from core.hookspecs import hookimpl
from core.plugins import PluginInfo


@hookimpl
def zhibu_plugin_info():
    return PluginInfo(name="integrity", title="廉洁与承诺", description="公开承诺、先锋岗、结对帮扶、志愿服务、廉政教育、师德", always_on=False, order=50)
