"""What a school's pages read again and again between two writes is computed once (``Kernel.kept``,
``core.summaries.read.school_memo``; the home page's widgets): kept while the school's read models and
the district's stand where they stood, computed again after an event of the school's log or of the
district's, on another day, for another user, and never served from before a write that landed while
it was being computed."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from core import context, summaries
from core.hookspecs import hookimpl
from core.plugins import PluginInfo, Widget
from plugins.members import services as members
from tests.test_hook_calls import _id_number


class Counted:
    """A plugin whose home widget counts how often it was computed, and names whom and which day for."""

    calls: list = []

    @hookimpl
    def zhibu_plugin_info(self):
        return PluginInfo(name="counted", title="计数", always_on=True, order=998)

    @hookimpl
    def zhibu_home_widgets(self, k, tenant, user, today):
        self.calls.append((tenant, user.username, today))
        from plugins.members.public import list_members   # noqa: PLC0415
        return [Widget(title="计数挂件", template="counted_widget.html", order=1,
                       context={"text": f"为{user.username}于{today}计算，党员{len(list_members(k, tenant))}人，"
                                        f"第{len(self.calls)}次"})]


@pytest.fixture
def extra_plugins():
    Counted.calls = []
    return (Counted(),)


@pytest.fixture(autouse=True)
def widget_template(app, tmp_path):
    from jinja2 import ChoiceLoader, DictLoader   # noqa: PLC0415
    app.jinja_loader  # noqa: B018  (build the app's loader first)
    app.jinja_env.loader = ChoiceLoader([DictLoader({"counted_widget.html": "<p class=counted>{{ w.context.text }}</p>"}),
                                         app.jinja_env.loader])


def _register(k, tenant, n):
    with context.acting(context.system("test", source="test")):
        members.register_member(k, tenant, {"name": f"党员{n}", "gender": "male", "id_number": _id_number(n),
                                            "joined_on": date(2010, 1, 1), "converted_on": date(2011, 1, 1)})


def _settled(client, tenant) -> int:
    """View the home page until its summaries are stored (the first view after a write computes them,
    and what it computed is kept from the next one); how often the widgets were computed by then."""
    _widget(client, tenant)
    _widget(client, tenant)
    return len(Counted.calls)


def _widget(client, tenant) -> str:
    page = client.get(f"/t/{tenant}/").get_data(as_text=True)
    return page.split("<p class=counted>")[1].split("</p>")[0]


def test_the_widgets_are_computed_once_between_writes_and_again_after_each(k, clock, tenant, login_as):
    client = login_as("secretary", tenant)
    n = _settled(client, tenant)
    first = _widget(client, tenant)
    assert _widget(client, tenant) == first and len(Counted.calls) == n        # read twice more, not computed
    _register(k, tenant, 1)                                                    # an event of the school's log
    after = _widget(client, tenant)
    assert len(Counted.calls) == n + 1 and "党员1人" in after and "党员0人" in first
    _widget(client, tenant)      # the page after the write computed the summaries and kept them: not again
    assert len(Counted.calls) == n + 1


def test_an_event_of_the_district_log_another_day_and_another_user_compute_them_again(
        k, clock, tenant, make_tenant, login_as):
    secretary, member = login_as("secretary", tenant), login_as("member", tenant)
    n = _settled(secretary, tenant)
    make_tenant("school-z", "另一所学校")                                      # an event of the district's log
    _widget(secretary, tenant)
    assert len(Counted.calls) == n + 1
    n = _settled(secretary, tenant)
    clock.set(datetime(2026, 11, 24, 2, 0, tzinfo=timezone.utc))              # the next day, no event
    assert "于2026-11-24计算" in _widget(secretary, tenant)
    n = _settled(secretary, tenant)
    assert f"为{member.username}" in _widget(member, tenant)                   # each user their own
    assert f"为{secretary.username}" in _widget(secretary, tenant) and len(Counted.calls) == n + 1


def test_without_keeping_they_are_computed_on_every_page(app, k, clock, tenant, login_as):
    app.config["ZHIBU_HOME_WIDGETS_TTL"] = 0
    client = login_as("secretary", tenant)
    _widget(client, tenant)
    _widget(client, tenant)
    assert len(Counted.calls) == 2


def test_kept_is_not_served_from_before_a_write_that_landed_while_it_was_computed(app, k, clock, tenant):
    summaries.read(k, [tenant])     # the school's summaries stored, as the first page stores them
    computed = []

    def compute():
        computed.append(1)
        if len(computed) == 1:
            _register(k, tenant, 7)     # a write lands while the value is being computed
        return len(computed)

    for expected in (1, 2, 2):
        with app.test_request_context(f"/t/{tenant}/"):
            assert k.kept(tenant, ("probe",), compute) == expected
    with app.test_request_context(f"/t/{tenant}/"):
        assert k.kept(tenant, ("another",), lambda: "x") == "x"
    assert k.kept(tenant, ("probe",), compute) == 3       # outside a request: computed every time


def test_a_demo_schools_home_page_is_the_same_kept_or_computed(app, k, clock, login_as):
    import re   # noqa: PLC0415
    from core.demo import SCHOOLS, create_demo   # noqa: PLC0415
    create_demo(k, progress=lambda _m: None, schools=SCHOOLS[:1])
    slug = SCHOOLS[0][0]
    token = re.compile(r'name="csrf_token" value="[^"]*"|<p class=counted>.*?</p>')
    for role in ("secretary", "member"):
        client = login_as(role, slug)
        app.config["ZHIBU_HOME_WIDGETS_TTL"] = 300
        _settled(client, slug)
        kept = client.get(f"/t/{slug}/").get_data(as_text=True)
        app.config["ZHIBU_HOME_WIDGETS_TTL"] = 0
        computed = client.get(f"/t/{slug}/").get_data(as_text=True)
        assert token.sub("", kept) == token.sub("", computed)
        assert kept.count('class="panel widget"') >= 3


def test_nothing_is_kept_for_a_school_whose_summaries_are_not_stored_yet(app, k, clock, tenant):
    """No page read the new school's summaries yet: an event marks no row, so nothing may be kept."""
    computed = []
    for expected in (1, 2):
        with app.test_request_context(f"/t/{tenant}/"):
            assert k.kept(tenant, ("probe",), lambda: computed.append(1) or len(computed)) == expected
        _register(k, tenant, expected)
