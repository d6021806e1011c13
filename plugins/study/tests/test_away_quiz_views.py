"""Pages and API of study taken elsewhere, quizzes and the requirement's versions: the secretary sets a
quiz and sees the answers, a member takes it on their phone once and sees their result (no hours);
422 with messages, 409 on a stale version, CSRF, roles, another school sees nothing, 404 when disabled."""
from __future__ import annotations

from datetime import date

from plugins.members import public as members
from plugins.study import queries, services


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:800]
    return response.get_data(as_text=True)


def _quiz_form(client, **extra):
    return {"csrf_token": client.csrf(), "_form": "quiz", "title": "党课测验", "slots": "5",
            "q1-text": "党的根本宗旨是？", "q1-opt1": "全心全意为人民服务", "q1-opt2": "发展经济", "q1-right": ["1"],
            "q2-text": "“两个维护”包括（多选）", "q2-opt1": "维护核心地位", "q2-opt2": "维护集中统一领导",
            "q2-opt3": "维护个人利益", "q2-right": ["1", "2"], **extra}


def test_the_secretary_sets_a_quiz_and_a_member_takes_it_once(k, tenant, roll, login_as, actor, clock):
    session = services.record_session(k, tenant, {"kind": "group", "title": "集中学习", "held_on": date(2026, 5, 1),
                                                  "hours": 2, "attendees": [roll[0]]})
    secretary = login_as("secretary", tenant)
    base = f"/t/{tenant}/study"
    assert f"/study/sessions/{session.id}/quizzes" in page(secretary, f"{base}/?year=2026")
    r = secretary.post(f"{base}/sessions/{session.id}/quizzes", data=_quiz_form(secretary, **{"q1-right": []}))
    assert r.status_code == 422 and "第 1 题请选择正确答案" in r.get_data(as_text=True)
    assert "党的根本宗旨是？" in r.get_data(as_text=True)                    # what was typed is kept
    r = secretary.post(f"{base}/sessions/{session.id}/quizzes", data=_quiz_form(secretary))
    assert r.status_code == 302, r.get_data(as_text=True)[:800]
    quiz, = queries.list_quizzes(k, tenant, session.id)
    assert quiz.questions[1]["answers"] == [0, 1]
    no_csrf = secretary.post(f"{base}/sessions/{session.id}/quizzes", data={**_quiz_form(secretary), "csrf_token": "x"})
    assert no_csrf.status_code in (400, 403)

    member = login_as("member", tenant)
    members.link_account(k, tenant, member.username, roll[1])
    assert "党课测验" in page(member, f"{base}/mine")
    html = page(member, f"{base}/quizzes/{quiz.id}/take")
    assert 'type="radio" name="q1"' in html and 'type="checkbox" name="q2"' in html
    hours = queries.hours_by_member(k, tenant, 2026)
    r = member.post(f"{base}/quizzes/{quiz.id}/take", data={"csrf_token": member.csrf(), "_form": "take", "q1": "0"})
    assert r.status_code == 422 and "第 2 题尚未作答" in r.get_data(as_text=True)
    r = member.post(f"{base}/quizzes/{quiz.id}/take", data={"csrf_token": member.csrf(), "_form": "take",
                                                            "q1": "0", "q2": ["0"]})
    assert r.status_code == 302, r.get_data(as_text=True)[:800]
    assert "答对 1 题，共 2 题" in page(member, f"{base}/quizzes/{quiz.id}/take")
    r = member.post(f"{base}/quizzes/{quiz.id}/take", data={"csrf_token": member.csrf(), "_form": "take",
                                                            "q1": "0", "q2": ["0", "1"]})
    assert r.status_code == 422 and "您已完成本次测验" in r.get_data(as_text=True)
    assert queries.hours_by_member(k, tenant, 2026) == hours               # a quiz is evidence, not hours
    page(member, f"{base}/quizzes/{quiz.id}", 403)                          # others' answers: the committee's
    results = page(secretary, f"{base}/quizzes/{quiz.id}")
    assert "党员2" in results and "1 / 2" in results and "维护核心地位" in results
    r = member.post(f"{base}/sessions/{session.id}/quizzes", data=_quiz_form(member))
    assert r.status_code == 403


def test_a_stale_quiz_revision_is_409(k, tenant, roll, login_as, actor):
    session = services.record_session(k, tenant, {"kind": "group", "title": "集中学习", "held_on": date(2026, 5, 1),
                                                  "hours": 2, "attendees": [roll[0]]})
    quiz = services.set_quiz(k, tenant, session.id, "测验", [{"text": "题", "options": ["甲", "乙"], "answers": [0]}])
    secretary = login_as("secretary", tenant)
    url = f"/t/{tenant}/study/quizzes/{quiz.id}/revise"
    assert secretary.post(url, data=_quiz_form(secretary, expected_version="1")).status_code == 302
    r = secretary.post(url, data=_quiz_form(secretary, expected_version="1"))
    assert r.status_code == 409


def test_study_elsewhere_and_requirements_through_pages_and_the_api(k, tenant, other_tenant, roll, login_as, api_as,
                                                                    actor, clock):
    secretary = login_as("secretary", tenant)
    base = f"/t/{tenant}/study"
    form = {"csrf_token": secretary.csrf(), "_form": "elsewhere", "member_id": str(roll[0]), "title": "流入地党课",
            "organiser": "", "held_on": "2026-06-01", "hours": "3", "category": "lecture", "proof": "签章"}
    r = secretary.post(f"{base}/elsewhere", data=form)
    assert r.status_code == 422 and "组织学习的党组织" in r.get_data(as_text=True)
    r = secretary.post(f"{base}/elsewhere", data={**form, "organiser": "深圳某校党支部"})
    assert r.status_code == 302, r.get_data(as_text=True)[:800]
    assert "流入地党课" in page(secretary, f"{base}/elsewhere?year=2026")
    assert "其中在流入地" in page(secretary, f"{base}/standing?year=2026")
    member = login_as("member", tenant)
    members.link_account(k, tenant, member.username, roll[0])
    mine = page(member, f"{base}/mine?year=2026")
    assert "在流入地参加的学习" in mine and "深圳某校党支部" in mine
    assert "在流入地参加" in page(member, f"/t/{tenant}/me")
    page(member, f"{base}/elsewhere", 403)

    r = secretary.post(f"{base}/requirements", data={"csrf_token": secretary.csrf(), "_form": "requirement",
                                                      "effective_from": "2027-01-01", "regular": "40", "retiree": "20",
                                                      "note": "新规定", "expected_version": "0"})
    assert r.status_code == 302, r.get_data(as_text=True)[:800]
    r = secretary.post(f"{base}/requirements", data={"csrf_token": secretary.csrf(), "_form": "requirement",
                                                      "effective_from": "2028-01-01", "regular": "44", "retiree": "20",
                                                      "expected_version": "0"})
    assert r.status_code == 409
    assert "新规定" in page(secretary, f"{base}/requirements")

    api = api_as("secretary", tenant)
    items = api.get(f"/api/v1/t/{tenant}/study/elsewhere?year=2026").json["items"]
    assert [i["organiser"] for i in items] == ["深圳某校党支部"]
    assert api.post(f"/api/v1/t/{tenant}/study/elsewhere", json={"member_id": str(roll[0])}).status_code == 422
    assert api.get(f"/api/v1/t/{tenant}/study/requirements").json["items"][0]["regular"] == 40
    standing = {i["name"]: i for i in api.get(f"/api/v1/t/{tenant}/study/standing?year=2026").json["items"]}
    assert (standing["党员1"]["hours"], standing["党员1"]["elsewhere_hours"]) == (3, 3)
    other = api_as("secretary", other_tenant)
    assert other.get(f"/api/v1/t/{other_tenant}/study/elsewhere?year=2026").json["items"] == []
    assert other.get(f"/api/v1/t/{other_tenant}/study/requirements").json["items"] == []


def test_the_new_pages_answer_404_when_study_is_disabled(make_tenant, login_as):
    off = make_tenant("school-off", plugins=[])
    secretary = login_as("secretary", off)
    for path in ("elsewhere", "requirements", "quizzes/00000000-0000-0000-0000-000000000000"):
        page(secretary, f"/t/{off}/study/{path}", 404)


def test_a_quiz_form_whose_row_count_is_no_number_is_read_whole(k, tenant, roll, login_as, actor):
    """The hidden count of question rows comes back as the browser sent it: a count that is not a number
    (a NUL, letters) reads every row the API could take, never a server error."""
    session = services.record_session(k, tenant, {"kind": "group", "title": "集中学习", "held_on": date(2026, 5, 1),
                                                  "hours": 2, "attendees": [roll[0]]})
    secretary = login_as("secretary", tenant)
    r = secretary.post(f"/t/{tenant}/study/sessions/{session.id}/quizzes",
                       data=_quiz_form(secretary, slots="a\x00b"))
    assert r.status_code == 302, r.get_data(as_text=True)[:800]
    quiz, = queries.list_quizzes(k, tenant, session.id)
    assert len(quiz.questions) == 2
