"""The Five Goods self-assessment is one form (issue 18.1): every item's score and comment in one
form, pre-filled values shown and saved by one 保存草稿, one 提交自评 that names every problem at once
(next to its item and in a summary at the top) and keeps what was typed; the API writes the sheet
in one call too. The demo school's self-assessment takes at most 30 user actions."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from werkzeug.datastructures import MultiDict

import pytest

from core.demo import SCHOOLS, create_demo
from plugins.assessment import queries, services
from plugins.assessment.domain import AssessmentError


class SheetForm(HTMLParser):
    """The inputs of the sheet's one form (id="self-assessment"), in order, as a browser sends them."""

    def __init__(self, html: str):
        super().__init__()
        self.inside, self.fields, self.forms, self.action = False, [], [], None
        self._textarea = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(a.get("action"))
            if a.get("id") == "self-assessment":
                self.inside, self.action = True, a["action"]
        elif self.inside and tag == "input" and a.get("name"):
            self.fields.append([a["name"], a.get("value") or "", a.get("id")])
        elif self.inside and tag == "textarea":
            self._textarea = [a["name"], "", a.get("id")]
            self.fields.append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self.inside = False

    def data(self, action: str, **changes) -> MultiDict:
        """The form's values, with the inputs of the given ids changed (score_L2="3"), sent by the button
        whose value is ``action``."""
        return MultiDict([(name, changes.get((ident or "").replace("-", "_"), value))
                          for name, value, ident in self.fields] + [("action", action)])


def _score_value(page: str, code: str) -> str:
    return re.search(rf'id="score-{code}"[^>]*value="([^"]*)"', page, re.S).group(1)


@pytest.fixture
def opened(k, tenant, roster, year_set, source, actor):
    source.items = {"dues.full_on_time": (9 / 12, []), "meetings.compliance": (10 / 12, [])}
    services.open_assessment(k, tenant, 2026)
    return tenant


def test_the_sheet_is_one_form_whose_draft_saves_every_row_prefilled_included(k, opened, login_as):
    c = login_as("secretary", opened)
    page = c.get(f"/t/{opened}/assessment/2026").get_data(as_text=True)
    form = SheetForm(page)
    assert form.action == f"/t/{opened}/assessment/2026/self-assessment"
    assert not [a for a in form.forms if a and a.endswith("/self-score")]       # no per-row 自评 buttons
    assert len([f for f in form.fields if f[0] == "score"]) == 27
    assert _score_value(page, "M6") == "1.5" and "预填，未保存" in page             # shown, not yet saved
    assert "保存草稿" in page and "提交自评" in page and 'required' in page
    r = c.post(form.action, data=form.data("draft", score_L2="2.5", comment_L2="书记为中级职称"))
    assert r.status_code == 302
    row = queries.get_assessment(k, opened, 2026)
    assert row.status == "self" and row.self_scores["M6"]["score"] == 1.5 and row.self_scores["W1"]["score"] == 5.0
    assert row.self_scores["L2"] == {"score": 2.5, "comment": "书记为中级职称"}
    assert set(row.self_scores) == set(row.evidence) | {"L2"}     # the rows left blank stay as they were
    page = c.get(f"/t/{opened}/assessment/2026").get_data(as_text=True)
    assert _score_value(page, "L2") == "2.5" and "已保存" in page


def test_submitting_names_every_problem_at_once_and_keeps_what_was_typed(k, opened, login_as):
    c = login_as("secretary", opened)
    form = SheetForm(c.get(f"/t/{opened}/assessment/2026").get_data(as_text=True))
    version = queries.get_assessment(k, opened, 2026).version
    r = c.post(form.action, data=form.data("submit", score_L2="9", score_L3="abc", comment_L1="已对照台账",
                                            summary="全年工作总结"))
    page = r.get_data(as_text=True)
    assert r.status_code == 422
    problems = re.findall(r'<span class="field-error error" id="([A-Z]\d+)-error"', page)
    blank = [value for name, value, _ in form.fields if name == "score"].count("")
    assert "L2" in problems and "L3" in problems and len(problems) == blank      # L2, L3 and every blank row
    assert f"请修改以下 {len(problems)} 处后再提交" in page                        # the summary at the top
    assert "0 到 3 分" in page and "得分须为数字" in page and "请填写自评分" in page
    assert _score_value(page, "L2") == "9" and _score_value(page, "L3") == "abc"   # as typed
    assert 'value="已对照台账"' in page and "全年工作总结" in page
    assert queries.get_assessment(k, opened, 2026).version == version              # nothing half-written


def test_a_complete_sheet_submits_in_one_post(k, opened, login_as):
    c = login_as("secretary", opened)
    page = c.get(f"/t/{opened}/assessment/2026").get_data(as_text=True)
    form = SheetForm(page)
    filled = {f"score_{ident[6:]}": "1" for name, value, ident in form.fields if name == "score" and not value}
    r = c.post(form.action, data=form.data("submit", **filled, summary="全年工作总结"))
    assert r.status_code == 302
    row = queries.get_assessment(k, opened, 2026)
    assert row.status == "submitted" and len(row.self_scores) == 27 and row.self_comment == "全年工作总结"


def test_a_stale_sheet_is_refused_with_409_and_keeps_what_was_typed(k, opened, login_as, actor):
    c = login_as("secretary", opened)
    form = SheetForm(c.get(f"/t/{opened}/assessment/2026").get_data(as_text=True))
    services.self_score(k, opened, 2026, "L1", 1, "")
    r = c.post(form.action, data=form.data("draft", score_L2="2"))
    assert r.status_code == 409 and _score_value(r.get_data(as_text=True), "L2") == "2"


def test_the_service_refuses_every_problem_at_once_and_writes_nothing(k, opened, actor):
    with pytest.raises(AssessmentError) as refused:
        services.save_self_assessment(k, opened, 2026, {"L2": (9, ""), "L3": ("abc", ""), "X9": (1, "")}, submit=True)
    assert {"L2", "L3", "X9", "L1"} <= set(refused.value.problems) and len(refused.value.problems) == 27 + 1
    assert queries.get_assessment(k, opened, 2026).self_scores == {}
    draft = services.save_self_assessment(k, opened, 2026, {"L2": (2, "说明"), "L3": (None, "")}, "总结草稿")
    assert draft.self_scores == {"L2": {"score": 2.0, "comment": "说明"}} and draft.self_summary == "总结草稿"


def test_the_api_writes_the_whole_sheet_in_one_call(k, opened, api_as):
    api = api_as("secretary", opened)
    url = f"/api/v1/t/{opened}/assessment/assessments/2026/self-assessment"
    version = queries.get_assessment(k, opened, 2026).version
    r = api.put(url, json={"expected_version": version, "submit": True, "scores": [{"item": "L2", "score": 9}]})
    assert r.status_code == 422 and "0 到 3 分" in r.json["errors"]["json"]["L2"][0]
    assert r.json["errors"]["json"]["L1"] == ["请填写自评分"] and len(r.json["errors"]["json"]) == 27
    r = api.put(url, json={"expected_version": version, "scores": [{"item": "L2", "score": 2}], "comment": "草稿"})
    assert r.status_code == 200 and r.json["self_scores"]["L2"]["score"] == 2.0 and r.json["status"] == "self"
    items = [i["code"] for c in r.json["criteria"] for i in c["items"]]
    r = api.put(url, json={"expected_version": r.json["version"], "submit": True, "comment": "总结",
                           "scores": [{"item": code, "score": 1} for code in items]})
    assert r.status_code == 200 and r.json["status"] == "submitted"
    assert api.put(url, json={"expected_version": 1, "scores": []}).status_code == 409


# -- the demo school ---------------------------------------------------------------------------------
@pytest.fixture
def demo(k, clock):
    create_demo(k, progress=lambda _m: None, schools=SCHOOLS[:1])
    return SCHOOLS[0][0]


def test_the_demo_schools_self_assessment_takes_at_most_30_actions(k, demo, login_as):
    """A user action is a request the person makes (open the page, press a button) or a field they
    change; the demo school's sheet is pre-filled from its records, so the rest fits in 30."""
    c = login_as("secretary", demo)
    year = k.today().year
    actions = 1
    page = c.get(f"/t/{demo}/assessment/{year}").get_data(as_text=True)
    form = SheetForm(page)
    blank = {f"score_{ident[6:]}": "1" for name, value, ident in form.fields if name == "score" and not value}
    actions += len(blank) + 1                     # the blank scores, the summary
    r = c.post(form.action, data=form.data("submit", **blank, summary="对照年度台账完成自评"))
    actions += 1                                  # 提交自评
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    actions += 1                                  # the page it goes back to
    assert "自评已提交区级评分" in c.get(r.headers["Location"]).get_data(as_text=True)
    row = queries.get_assessment(k, demo, year)
    assert row.status == "submitted" and len(row.self_scores) == 27
    assert actions <= 30, actions
