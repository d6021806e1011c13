"""The district dashboard for many schools (issue 19, point 2): a summary, a table filtered, sorted and
cut into pages, alerts grouped and counted by school with a drill-down, figures as distributions.

A test-only plugin (tests/district_scale_plugin.py) gives each school "dNNN" figures and alerts computed
from NNN, so the expected answer of every question is known without demo data."""
from __future__ import annotations

import html
import re
from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from core import context
from plugins.audit import services as audit
from tenants import district
from tests import district_scale_plugin as scale

DANGER = "scale:danger:shell.school_home"
SOON = "scale:warning:-"


@pytest.fixture
def extra_plugins():
    return (scale.Scale(),)


@pytest.fixture(autouse=True)
def every_summary_at_once(k):
    """The page's layout, not its bound (tests/test_summary_bounds.py): every school's rows computed by
    the first request, as the worker would have computed them."""
    k.config["ZHIBU_SUMMARY_REFRESH_PER_READ"] = 100_000


def schools(make_tenant, n: int) -> list[str]:
    return [make_tenant(f"d{i:03d}", f"学校{i:03d}", plugins=[]) for i in range(n)]


def table(page: str) -> list[str]:
    """The slugs of the table's rows, in order (the school's name is 学校NNN)."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [f"d{n}" for n in re.findall(r'<tr><td class="nowrap">(?:<a [^>]*>)?学校(\d{3})', body)]


def every_page(client, url: str) -> list[str]:
    rows, page = [], 1
    while True:
        text = client.get(f"{url}&page={page}").get_data(as_text=True)
        rows += table(text)
        if "下一页" not in text:
            return rows
        page += 1


def charts(page: str) -> dict[str, list[tuple[str, int]]]:
    """Each distribution's bars: (label, number of schools)."""
    out = {}
    for title, svg in re.findall(r'<figure class="chart dist">\s*<figcaption>([^<]*).*?<svg[^>]*>(.*?)</svg>', page, re.S):
        out[title.strip()] = [(label, int(n)) for label, n in
                              re.findall(r'font-size="12">([^<]*)</text><rect[^>]*></rect><text[^>]*>(\d+) 所</text>', svg)]
    return out


def groups(page: str) -> dict[str, tuple[int, str]]:
    """Each alert group on the page: kind → (number of schools, its sentence)."""
    out = {}
    for block in page.split('<details class="alert-group')[1:]:
        n = int(re.search(r"</b>\s*(\d+) 所学校", block).group(1))
        sentence = re.search(r'<div class="alert-example">([^<]*)</div>', block).group(1)
        kind = html.unescape(re.search(r'href="/district/alerts\?kind=([^"]*)"', block).group(1)).replace("%3A", ":")
        out[kind] = (n, sentence)
    return out


def test_the_dashboard_of_200_schools_is_a_summary_under_200_kb(make_tenant, login_as):
    slugs = schools(make_tenant, 200)
    admin = login_as("district_admin")
    response = admin.get("/district/")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and len(response.data) < 200_000, len(response.data)
    # The summary: every school, the schools with a danger alert (a link that filters the table).
    assert re.search(r'<a href="/district/\?level=danger">20</a>', page)
    # The table: one page of 50, the most urgent first (every school with a danger alert before the others).
    rows = table(page)
    assert len(rows) == 50 and "第 1 / 4 页，共 200 条" in page
    danger = [s for s in slugs if scale.number(s) % 10 == 3]
    assert set(rows[:20]) == set(danger)
    # Alerts grouped: each kind once, with the number of schools that have it and its own sentence.
    found = groups(page)
    assert found[DANGER][0] == len(danger) == 20 and "规模事项已逾期" in found[DANGER][1]
    assert found[SOON][0] == sum(1 for s in slugs if scale.number(s) % 4 == 1) == 50
    assert found["scale:info:-"][0] == 200
    assert page.count("规模事项即将到期") <= 6    # the example and five schools, never all 100 alerts
    # Charts aggregate: a bar per range, and every chart's bars add up to the schools.
    drawn = charts(page)
    assert {"规模党员", "规模收缴率", "规模考核", "规模指标1"} <= set(drawn)
    for title, bars in drawn.items():
        assert sum(n for _, n in bars) == 200, title
        assert len(bars) <= 10, title
    assert dict(drawn["规模考核"]) == {"好": 50, "较好": 50, "一般": 50, "未考核": 50}
    # Drill-down: the danger group lists exactly its schools, page after page.
    assert sorted(every_page(admin, f"/district/alerts?kind={DANGER}")) == sorted(danger)
    assert len(every_page(admin, f"/district/alerts?kind={SOON}")) == 50
    # The export holds the whole filtered table, not one page.
    sheet = load_workbook(BytesIO(admin.get("/district/export.xlsx?level=danger").data)).worksheets[0]
    assert sorted(row[1] for row in sheet.iter_rows(min_row=2, values_only=True)) == sorted(danger)


@pytest.fixture
def twelve(make_tenant, monkeypatch):
    monkeypatch.setattr(district, "PER_PAGE", 5)
    return schools(make_tenant, 12)


def test_the_table_sorts_by_a_figure_and_its_pages_hold_every_school_once(twelve, login_as):
    admin = login_as("district_admin")
    by_members = sorted(twelve, key=lambda s: (scale.members(scale.number(s)), s))
    rows = every_page(admin, "/district/?sort=scale.members")
    assert len(rows) == 12 and [scale.members(scale.number(s)) for s in rows] == sorted(
        scale.members(scale.number(s)) for s in by_members)
    down = every_page(admin, "/district/?sort=scale.members&dir=desc")
    assert [scale.members(scale.number(s)) for s in down] == sorted(
        (scale.members(scale.number(s)) for s in twelve), reverse=True)
    assert every_page(admin, "/district/?sort=name") == twelve
    assert every_page(admin, "/district/?sort=name&dir=desc") == twelve[::-1]


def test_the_table_filters_by_name_level_alert_and_chart_bar(twelve, login_as):
    admin = login_as("district_admin")
    assert every_page(admin, "/district/?q=学校00&sort=name") == twelve[:10]
    assert every_page(admin, "/district/?q=D011") == ["d011"]
    assert every_page(admin, "/district/?level=danger") == ["d003"]
    assert every_page(admin, f"/district/?kind={SOON}&sort=name") == ["d001", "d005", "d009"]
    # Each bar of a chart leads to the schools in its range; together the bars cover every school.
    page = admin.get("/district/").get_data(as_text=True)
    bars = charts(page)["规模党员"]
    covered = []
    for i, (label, n) in enumerate(bars):
        low, high = (int(x) for x in re.fullmatch(r"(\d+)(?:–(\d+))?名", label).groups(default=label[:-1]))
        found = every_page(admin, f"/district/?fig=scale.members&bucket={i}")
        assert len(found) == n and all(low <= scale.members(scale.number(s)) <= high for s in found), label
        covered += found
    assert sorted(covered) == twelve
    # A bar counts every school, so its link starts afresh from whatever the table was filtered by.
    filtered = admin.get("/district/?level=danger&q=学校").get_data(as_text=True)
    links = re.findall(r'<a href="(/district/\?fig=[^"]*)"', filtered)
    assert links and not any("level=" in link or "q=" in link for link in links)


def test_an_alert_group_drills_down_to_its_schools_with_their_own_sentences(twelve, login_as):
    admin = login_as("district_admin")
    page = admin.get(f"/district/alerts?kind={DANGER}").get_data(as_text=True)
    assert "d003 规模事项已逾期（第 1 项）" in page and "d003 规模事项已逾期（第 2 项）" in page
    assert 'href="/t/d003/"' in page and "学校001" not in page
    assert admin.get("/district/alerts?kind=nothing:like:this").status_code == 404


def test_odd_query_strings_are_ignored_not_errors(twelve, login_as):
    admin = login_as("district_admin")
    for query in ("page=abc", "page=99999999999", "page=-1", "sort=nope&dir=sideways", "level=purple",
                  "kind=x", "fig=scale.members&bucket=99", "fig=nope&bucket=1", "q=" + "长" * 500):
        assert admin.get(f"/district/?{query}").status_code == 200, query
    assert table(admin.get("/district/?page=999").get_data(as_text=True)) == every_page(
        admin, "/district/?page=3")[-2:]
    assert admin.get("/district/alerts?kind=" + DANGER + "&page=x").status_code == 200


def test_an_inspector_sees_only_the_schools_of_their_assignment(twelve, login_as, k):
    inspector = login_as("inspector")
    with context.acting(context.system("test", source="test")):
        audit.create_assignment(k, inspector.username, ["d003", "d005"], date(2026, 1, 1), date(2026, 12, 31))
    page = inspector.get("/district/").get_data(as_text=True)
    assert sorted(every_page(inspector, "/district/?sort=name")) == ["d003", "d005"]
    found = groups(page)
    assert found[DANGER][0] == 1 and found[SOON][0] == 1 and found["scale:info:-"][0] == 2
    assert all(sum(n for _, n in bars) == 2 for bars in charts(page).values())
    assert "学校001" not in inspector.get(f"/district/alerts?kind={SOON}").get_data(as_text=True)
    sheet = load_workbook(BytesIO(inspector.get("/district/export.xlsx").data)).worksheets[0]
    assert sorted(row[1] for row in sheet.iter_rows(min_row=2, values_only=True)) == ["d003", "d005"]


def test_the_content_is_rendered_once_per_question_while_no_summary_changes(app, twelve, make_tenant, login_as, k):
    from flask import template_rendered   # noqa: PLC0415
    rendered = []

    def record(sender, template, context, **extra):
        if template.name == "district/_home_content.html":
            rendered.append(context["c"].sort)

    admin, other = login_as("district_admin"), login_as("district_admin")
    template_rendered.connect(record, app)
    token = re.compile(r'name="csrf_token" value="[^"]*"')
    try:
        first = admin.get("/district/").get_data(as_text=True)
        assert token.sub("", admin.get("/district/").get_data(as_text=True)) == token.sub("", first)
        assert rendered == ["attention"]
        assert table(admin.get("/district/?sort=name").get_data(as_text=True))[0] == "d000"   # another question
        assert rendered == ["attention", "name"]
        other.get("/district/")                                                               # another user
        assert len(rendered) == 3
        assert "共 12 所学校" in first
        make_tenant("d999", "学校999", plugins=[])                                             # a new school
        again = admin.get("/district/").get_data(as_text=True)                                # the first question
        assert "共 13 所学校" in again and rendered[3:] == ["attention"]
    finally:
        template_rendered.disconnect(record, app)
