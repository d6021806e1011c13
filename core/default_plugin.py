"""The core's own pages as a default plugin: the shell (home pages, language, health)."""
from core import home, mine, web  # noqa: F401  (home and mine add the school's pages to the shell)
from core import summaries
from core.hookspecs import hookimpl
from core.permissions import EVERYONE, READERS, SCHOOL_PEOPLE
from core.plugins import NavItem


@hookimpl
def zhibu_permissions():
    return {"school.view": SCHOOL_PEOPLE | READERS, "school.mine": SCHOOL_PEOPLE, "people.everyone": EVERYONE,
            "district.health": {"district_admin"}}


@hookimpl
def zhibu_blueprints():
    return [web.bp]


@hookimpl
def zhibu_nav_items(tenant, user):
    return [NavItem(label="首页", endpoint="shell.school_home", order=0),
            NavItem(label="我的", endpoint="shell.mine", order=1)]


@hookimpl
def zhibu_district_nav_items(user):
    return [NavItem(label="系统状态", endpoint="shell.health", order=90)]


@hookimpl
def zhibu_worker_jobs():
    return [summaries.refresh_job]
