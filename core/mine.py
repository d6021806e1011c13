"""The member's own page, "我的" (``/t/<tenant>/me``): every enabled plugin hands in the sections of the
signed-in account's own member (``zhibu_my_sections``); the registry says which member that is
(``zhibu_linked_member``). Nobody can ask for another member's page: there is no member in the URL."""
from __future__ import annotations

from dataclasses import replace

from flask import g, render_template
from flask_babel import gettext
from flask_login import current_user

from core.kernel import kernel
from core.permissions import may_open, requires
from core.plugins import MySection, Phrase, flatten
from core.web import bp


def my_member_id(k, tenant) -> object | None:
    """The member the signed-in account is at this school, as the plugins enabled there say."""
    return k.hooks_for(tenant.enabled).zhibu_linked_member(tenant=tenant.slug, username=current_user.username)


def visible(section: MySection) -> MySection:
    """The section with only the links the member may open."""
    items = [item if may_open(item.url) else replace(item, url=None) for item in section.items]
    return replace(section, items=items, endpoint=None, url=section.url if may_open(section.url) else None)


def say(value) -> str:
    """A value of a section as words: a ``Phrase`` translated (its values too), anything else as it is."""
    if isinstance(value, Phrase):
        return gettext(value.msgid, **{name: say(v) for name, v in value.values.items()})
    return "" if value is None else str(value)


@bp.route("/t/<tenant>/me")
@requires("school.mine")
def mine():
    k, tenant = kernel(), g.tenant
    member_id = my_member_id(k, tenant)
    sections = []
    if member_id is not None:
        found = flatten(k.hooks_for(tenant.enabled).zhibu_my_sections(
            tenant=tenant.slug, member_id=member_id, today=k.today()))
        sections = sorted((visible(s) for s in found), key=lambda s: (s.order, s.key))
    return render_template("shell/mine.html", linked=member_id is not None, sections=sections, today=k.today(),
                           say=say)
