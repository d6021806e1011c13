"""The integrity pages (Chinese first). Every view declares its action; writes go through services."""
from __future__ import annotations

from uuid import UUID

from flask import abort, render_template, request, url_for

from core import context
from core.excel import xlsx_response
from core.files import send_stored
from core.kernel import kernel
from core.permissions import requires
from core.web import int_arg, text_arg
from plugins.integrity import queries, rules, services, settings as school_settings
from plugins.integrity.schemas import (
    AgreementSchema, AssignSchema, ClosePairSchema, CommitmentCreateSchema, ItemConcludeSchema, EducationSchema,
    EthicsCorrectSchema, EthicsSchema, EvaluateSchema, InspectionSchema, CommitmentItemSchema, PairSchema,
    PlanSchema, PledgeSchema, PostAssessSchema, PostSchema, ProgressSchema, ReleaseSchema, SendBackSchema,
    VersionSchema, VisitSchema, VolunteerSchema,
)
from plugins.integrity.views import bp
from plugins.integrity.views.common import (
    found, form_data, handle, hours, load, may, may_log_visit, may_see_helped, present_pair, roster, teachers,
    tenant, uploads, year_arg,
)


@bp.context_processor
def _vocabulary():
    return {"AREAS": rules.AREAS, "ITEM_STATUSES": rules.ITEM_STATUSES, "OUTCOMES": rules.OUTCOMES,
            "POST_KINDS": rules.POST_KINDS, "PAIR_KINDS": rules.PAIR_KINDS, "HELPED_KINDS": rules.HELPED_KINDS,
            "PAIR_OUTCOMES": rules.PAIR_OUTCOMES, "EDUCATION_KINDS": rules.EDUCATION_KINDS,
            "INSPECTION_KINDS": rules.INSPECTION_KINDS, "PLEDGE_KINDS": rules.PLEDGE_KINDS,
            "period_label": rules.period_label, "hours": hours, "may": may,
            "LETTER_STATUSES": {"draft": "草拟", "reviewing": "审核中", "returned": "有退回事项",
                                "accepted": "已通过，践诺中", "evaluated": "已评诺", "published": "已公布"}}


# -- overview and export ---------------------------------------------------------------------------
@bp.route("/")
@requires("integrity.view")
def index():
    year = year_arg()
    o = queries.overview(kernel(), tenant(), year)
    return render_template("integrity/index.html", o=o, year=year,
                           hours_by_member=queries.volunteer_hours_by_member(kernel(), tenant(), year)[:15])


@bp.route("/export.xlsx")
@requires("integrity.view")
def export():
    k, t, year = kernel(), tenant(), year_arg()
    o = queries.overview(k, t, year)
    summary = [("承诺书", o["letters"]), ("已公布评诺结果", o["published"]), ("承诺事项（已通过）", o["items_accepted"]),
               ("待审核", o["items_pending"]), ("退回修改", o["items_returned"]), ("践诺中", o["items_in_progress"]),
               ("已兑现", o["items_fulfilled"]), ("无故未兑现", o["missed_without_cause"]),
               ("岗位", o["posts_total"]), ("已配备人员的岗位", o["posts_staffed"]), ("在帮结对", o["pairs_active"]),
               ("帮扶时长（小时）", o["help_hours"]), ("志愿服务时长（小时）", o["volunteer_hours"]),
               ("廉政教育（次）", o["sessions_total"]), ("责任书（份）", o["agreements"]),
               ("自查报告（份）", o["inspections"])]
    letters = queries.list_commitments(k, t, year)
    items = [(i.owner_name, rules.AREAS.get(i.area), i.content, i.measure, i.deadline,
              rules.ITEM_STATUSES.get(i.status), rules.OUTCOMES.get(i.outcome, ""), i.cause or "",
              "是" if i.missed_without_cause else "", i.progress_count, i.after_deadline_count)
             for letter in letters for i in queries.list_items(k, t, letter.id)]
    sheets = [
        ("概况", ["项目", str(year)], summary),
        ("承诺事项", ["承诺主体", "领域", "内容", "衡量标准", "时限", "审核", "兑现情况", "原因", "无故未兑现",
                  "进展记录", "超时进展"], items),
        ("评诺结果", ["承诺主体", "状态", "综合得分", "等次", "公布日期"],
         [(c.owner_name, c.status, c.total or "", c.rating or "", c.published_on) for c in letters]),
        ("岗位", ["岗位", "类型", "在岗党员", "上岗日期"],
         [(h.post_name, rules.POST_KINDS.get(h.kind), h.member_name, h.assigned_on)
          for h in queries.list_holders(k, t)]),
        ("结对帮扶", ["结对党员/支部", "帮扶对象", "类型", "开始", "结束", "次数", "时长（小时）"],
         [(p["member_name"], p["helped_name"], rules.HELPED_KINDS.get(p["helped_kind"]), p["started_on"],
           p["closed_on"], p["visits"], p["hours"]) for p in map(present_pair, queries.list_pairs(k, t))]),
        ("志愿服务时长", ["党员", "活动次数", "时长（小时）"],
         [(r.member_name, r.activities, r.hours_x100 / 100) for r in queries.volunteer_hours_by_member(k, t, year)]),
        ("廉政教育", ["日期", "形式", "主题", "主讲人", "出席", "缺席"],
         [(e.on, rules.EDUCATION_KINDS.get(e.kind), e.title, e.speaker or "", len(e.attendees), len(e.absentees))
          for e in queries.list_education_page(k, t, year, 1, 500).items]),
    ]
    if may("ethics"):
        sheets.append(("师德考核", ["党员", "等次", "一票否决", "事由", "考核日期"],
                       [(r.member_name, r.grade, "是" if r.veto else "", r.veto_reason or "", r.assessed_on)
                        for r in queries.list_ethics(k, t, year)]))
    return xlsx_response(f"廉洁与承诺-{year}.xlsx", sheets)


# -- commitments -------------------------------------------------------------------------------------
def _render_commitments(status: int = 200):
    year = year_arg()
    page = queries.list_commitments_page(kernel(), tenant(), year, text_arg("status"),
                                         int_arg("page", 1))
    return render_template("integrity/commitments.html", page=page, year=year, members=roster(),
                           pending=queries.list_pending_review(kernel(), tenant())), status


@bp.route("/commitments")
@requires("integrity.view")
def commitments():
    return _render_commitments()


@bp.route("/commitments/new", methods=["POST"])
@requires("integrity.edit")
def commitment_new():
    def act():
        data = load(CommitmentCreateSchema, form_data())
        letter = services.write_commitment(kernel(), tenant(), data["year"], data["owner_kind"], data.get("member_id"))
        return url_for("integrity.commitment", commitment_id=letter.id)
    return handle(act, "承诺书已建立，请逐项填写承诺事项。", _render_commitments)


def _render_commitment(commitment_id: UUID, status: int = 200):
    k = kernel()
    letter = found(queries.get_commitment(k, tenant(), commitment_id))
    progress: dict[str, list] = {}
    for p in queries.list_progress(k, tenant(), commitment_id):
        progress.setdefault(p.item_id, []).append(p)
    return render_template("integrity/commitment.html", c=letter, items=queries.list_items(k, tenant(), commitment_id),
                           progress=progress, today=k.today(),
                           rule=rules.evaluation_rule(k.today(), school_settings.load(k, tenant()))), status


@bp.route("/commitments/<uuid:commitment_id>")
@requires("integrity.view")
def commitment(commitment_id: UUID):
    return _render_commitment(commitment_id)


def _commitment_command(commitment_id: UUID, schema, command, success: str):
    found(queries.get_commitment(kernel(), tenant(), commitment_id))

    def act():
        data = load(schema, form_data())
        command(data, data.pop("expected_version"))
        return url_for("integrity.commitment", commitment_id=commitment_id)
    return handle(act, success, lambda s: _render_commitment(commitment_id, s))


@bp.route("/commitments/<uuid:commitment_id>/items", methods=["POST"])
@requires("integrity.edit")
def item_add(commitment_id: UUID):
    return _commitment_command(commitment_id, CommitmentItemSchema, lambda d, v: services.add_commitment_item(
        kernel(), tenant(), commitment_id, d["area"], d["content"], d["measure"], d["deadline"], v),
        "承诺事项已提交，等待支部审核。")


@bp.route("/commitments/<uuid:commitment_id>/items/<item_id>/accept", methods=["POST"])
@requires("integrity.review")
def item_accept(commitment_id: UUID, item_id: str):
    return _commitment_command(commitment_id, VersionSchema, lambda d, v: services.accept_item(
        kernel(), tenant(), commitment_id, item_id, v), "承诺事项已审核通过。")


@bp.route("/commitments/<uuid:commitment_id>/items/<item_id>/send-back", methods=["POST"])
@requires("integrity.review")
def item_send_back(commitment_id: UUID, item_id: str):
    return _commitment_command(commitment_id, SendBackSchema, lambda d, v: services.send_back_item(
        kernel(), tenant(), commitment_id, item_id, d["reason"], v), "承诺事项已退回修改。")


@bp.route("/commitments/<uuid:commitment_id>/items/<item_id>/revise", methods=["POST"])
@requires("integrity.edit")
def item_revise(commitment_id: UUID, item_id: str):
    return _commitment_command(commitment_id, CommitmentItemSchema, lambda d, v: services.revise_item(
        kernel(), tenant(), commitment_id, item_id, d["area"], d["content"], d["measure"], d["deadline"], v),
        "修改后的承诺事项已重新提交审核。")


@bp.route("/commitments/<uuid:commitment_id>/items/<item_id>/progress", methods=["POST"])
@requires("integrity.edit")
def item_progress(commitment_id: UUID, item_id: str):
    def command(d, v):
        evidence = services.store_evidence(kernel(), uploads())
        services.log_progress(kernel(), tenant(), commitment_id, item_id, d["on"], d["text"], evidence, v)
    return _commitment_command(commitment_id, ProgressSchema, command, "践诺进展已记录。")


@bp.route("/commitments/<uuid:commitment_id>/items/<item_id>/conclude", methods=["POST"])
@requires("integrity.review")
def item_conclude(commitment_id: UUID, item_id: str):
    return _commitment_command(commitment_id, ItemConcludeSchema, lambda d, v: services.conclude_item(
        kernel(), tenant(), commitment_id, item_id, d["outcome"], d.get("cause"), v), "兑现情况已评定。")


@bp.route("/commitments/<uuid:commitment_id>/evaluate", methods=["POST"])
@requires("integrity.review")
def commitment_evaluate(commitment_id: UUID):
    return _commitment_command(commitment_id, EvaluateSchema, lambda d, v: services.evaluate_commitment(
        kernel(), tenant(), commitment_id, d.get("self_score"), d["member_scores"], d["public_scores"], v),
        "年终评诺已完成。")


@bp.route("/commitments/<uuid:commitment_id>/publish", methods=["POST"])
@requires("integrity.review")
def commitment_publish(commitment_id: UUID):
    return _commitment_command(commitment_id, VersionSchema, lambda d, v: services.publish_result(
        kernel(), tenant(), commitment_id, v), "评诺结果已公布。")


# -- public board (亮身份, 公开承诺) -----------------------------------------------------------------
def _board_context():
    k, year = kernel(), year_arg()
    items: dict[str, list] = {}
    for item in queries.list_board_items(k, tenant(), year):
        items.setdefault(item.owner_name, []).append(item)
    published = [c for c in queries.list_commitments(k, tenant(), year) if c.published_on]
    return {"year": year, "items": items, "holders": queries.list_holders(k, tenant()), "published": published}


@bp.route("/board")
@requires("integrity.view")
def board():
    return render_template("integrity/board.html", **_board_context())


@bp.route("/board/sheet")
@requires("integrity.view")
def sheet():
    return render_template("integrity/sheet.html", **_board_context())


# -- posts -------------------------------------------------------------------------------------------
def _render_posts(status: int = 200):
    return render_template("integrity/posts.html", posts=queries.list_posts(kernel(), tenant()),
                           today=kernel().today()), status


@bp.route("/posts")
@requires("integrity.view")
def posts():
    return _render_posts()


@bp.route("/posts/new", methods=["POST"])
@requires("integrity.edit")
def post_new():
    def act():
        d = load(PostSchema, form_data())
        post = services.define_post(kernel(), tenant(), d["name"], d["kind"], d["duties"], d["starts_on"],
                                    d.get("ends_on"))
        return url_for("integrity.post", post_id=post.id)
    return handle(act, "岗位已设立。", _render_posts)


def _render_post(post_id: UUID, status: int = 200):
    k = kernel()
    post = found(queries.get_post(k, tenant(), post_id))
    return render_template("integrity/post.html", p=post, holders=queries.list_holders(k, tenant(), post_id, False),
                           assessments=queries.list_post_assessments(k, tenant(), post_id), members=roster(),
                           grades=school_settings.post_grades(school_settings.load(k, tenant())),
                           today=k.today()), status


@bp.route("/posts/<uuid:post_id>")
@requires("integrity.view")
def post(post_id: UUID):
    return _render_post(post_id)


def _post_command(post_id: UUID, schema, command, success: str):
    found(queries.get_post(kernel(), tenant(), post_id))

    def act():
        data = load(schema, form_data())
        command(data, data.pop("expected_version"))
        return url_for("integrity.post", post_id=post_id)
    return handle(act, success, lambda s: _render_post(post_id, s))


@bp.route("/posts/<uuid:post_id>/assign", methods=["POST"])
@requires("integrity.edit")
def post_assign(post_id: UUID):
    return _post_command(post_id, AssignSchema, lambda d, v: services.assign_post(
        kernel(), tenant(), post_id, d["member_id"], d.get("on"), v), "已安排党员上岗。")


@bp.route("/posts/<uuid:post_id>/release", methods=["POST"])
@requires("integrity.edit")
def post_release(post_id: UUID):
    return _post_command(post_id, ReleaseSchema, lambda d, v: services.release_post_holder(
        kernel(), tenant(), post_id, d["member_id"], d["reason"], d.get("on"), v), "已办理离岗。")


@bp.route("/posts/<uuid:post_id>/assess", methods=["POST"])
@requires("integrity.edit")
def post_assess(post_id: UUID):
    return _post_command(post_id, PostAssessSchema, lambda d, v: services.assess_post_holder(
        kernel(), tenant(), post_id, d["member_id"], d["period"], d["grade"], d.get("comment", ""), v),
        "履职评议已记录。")


# -- pairs -------------------------------------------------------------------------------------------
def _render_pairs(status: int = 200):
    return render_template("integrity/pairs.html", pairs=[present_pair(p) for p in queries.list_pairs(kernel(), tenant())],
                           members=roster(), today=kernel().today()), status


@bp.route("/pairs")
@requires("integrity.view")
def pairs():
    return _render_pairs()


@bp.route("/pairs/new", methods=["POST"])
@requires("integrity.edit")
def pair_new():
    def act():
        d = load(PairSchema, form_data())
        pair = services.form_pair(kernel(), tenant(), d["kind"], d["helped_kind"], d["helped_name"], d["goals"],
                                  d.get("member_id"), d.get("helped_details", ""), d.get("started_on"),
                                  d.get("partner_name"))
        return url_for("integrity.pair", pair_id=pair.id)
    return handle(act, "结对帮扶已建立。", _render_pairs)


def _render_pair(pair_id: UUID, status: int = 200):
    k = kernel()
    row = found(queries.get_pair(k, tenant(), pair_id))
    return render_template("integrity/pair.html", p=present_pair(row), visits=queries.list_visits(k, tenant(), pair_id),
                           may_log=may_log_visit(row), today=k.today()), status


@bp.route("/pairs/<uuid:pair_id>")
@requires("integrity.view")
def pair(pair_id: UUID):
    return _render_pair(pair_id)


def _pair_command(pair_id: UUID, schema, command, success: str, allowed=None):
    row = found(queries.get_pair(kernel(), tenant(), pair_id))
    if allowed is not None and not allowed(row):
        abort(403)

    def act():
        data = load(schema, form_data())
        command(data, data.pop("expected_version"))
        return url_for("integrity.pair", pair_id=pair_id)
    return handle(act, success, lambda s: _render_pair(pair_id, s))


@bp.route("/pairs/<uuid:pair_id>/visits", methods=["POST"])
@requires("integrity.view")
def pair_visit(pair_id: UUID):
    def command(d, v):
        evidence = services.store_evidence(kernel(), uploads())
        services.log_visit(kernel(), tenant(), pair_id, d["on"], d["what"], d["hours"], evidence, v)
    return _pair_command(pair_id, VisitSchema, command, "帮扶记录已保存。", allowed=may_log_visit)


@bp.route("/pairs/<uuid:pair_id>/plan", methods=["POST"])
@requires("integrity.edit")
def pair_plan(pair_id: UUID):
    return _pair_command(pair_id, PlanSchema, lambda d, v: services.revise_pair_plan(
        kernel(), tenant(), pair_id, d["goals"], v), "帮扶计划已更新。")


@bp.route("/pairs/<uuid:pair_id>/close", methods=["POST"])
@requires("integrity.edit")
def pair_close(pair_id: UUID):
    return _pair_command(pair_id, ClosePairSchema, lambda d, v: services.close_pair(
        kernel(), tenant(), pair_id, d["outcome"], d["summary"], d.get("on"), v), "结对帮扶已结束。")


# -- volunteer service --------------------------------------------------------------------------------
def _render_volunteer(status: int = 200):
    year = year_arg()
    page = queries.list_volunteer_page(kernel(), tenant(), year, int_arg("page", 1))
    return render_template("integrity/volunteer.html", page=page, year=year, members=roster(),
                           by_member=queries.volunteer_hours_by_member(kernel(), tenant(), year),
                           today=kernel().today()), status


@bp.route("/volunteer")
@requires("integrity.view")
def volunteer():
    return _render_volunteer()


@bp.route("/volunteer/new", methods=["POST"])
@requires("integrity.edit")
def volunteer_new():
    def act():
        form = form_data()
        ids, each = form.pop("member_ids", []), form.pop("hours", None)
        form["participants"] = [{"member_id": i, "hours": each} for i in ids] if each else []
        d = load(VolunteerSchema, form)
        services.record_volunteer(kernel(), tenant(), d["title"], d["on"], d["place"], d["participants"])
        return url_for("integrity.volunteer", year=d["on"].year)
    return handle(act, "志愿服务活动已登记。", _render_volunteer)


# -- integrity education and responsibility ----------------------------------------------------------
def _render_education(status: int = 200):
    year = year_arg()
    page = queries.list_education_page(kernel(), tenant(), year, int_arg("page", 1))
    return render_template("integrity/education.html", page=page, year=year, members=roster(),
                           today=kernel().today()), status


@bp.route("/education")
@requires("integrity.view")
def education():
    return _render_education()


@bp.route("/education/new", methods=["POST"])
@requires("integrity.edit")
def education_new():
    def act():
        d = load(EducationSchema, form_data())
        services.record_education(kernel(), tenant(), d["kind"], d["title"], d["on"], d["attendee_ids"],
                                  d["absentee_ids"], d.get("speaker", ""), d.get("content", ""))
        return url_for("integrity.education", year=d["on"].year)
    return handle(act, "廉政教育活动已登记。", _render_education)


def _render_responsibility(status: int = 200):
    k, year = kernel(), year_arg()
    return render_template("integrity/responsibility.html", year=year, members=roster(),
                           agreements=queries.list_agreements(k, tenant(), year),
                           inspections=queries.list_inspections(k, tenant(), year), today=k.today()), status


@bp.route("/responsibility")
@requires("integrity.view")
def responsibility():
    return _render_responsibility()


@bp.route("/responsibility/agreements", methods=["POST"])
@requires("integrity.edit")
def agreement_new():
    def act():
        d = load(AgreementSchema, form_data())
        services.sign_agreement(kernel(), tenant(), d["year"], d["member_id"], d["post"], d["duties"],
                                d["counterpart"], d.get("signed_on"))
        return url_for("integrity.responsibility", year=d["year"])
    return handle(act, "责任书已登记。", _render_responsibility)


@bp.route("/responsibility/inspections", methods=["POST"])
@requires("integrity.edit")
def inspection_new():
    def act():
        d = load(InspectionSchema, form_data())
        evidence = services.store_evidence(kernel(), uploads())
        services.file_inspection(kernel(), tenant(), d["kind"], d["year"], d["content"], d.get("half"),
                                 d["owner_kind"], d.get("member_id"), d.get("problems", ""), d.get("measures", ""),
                                 evidence)
        return url_for("integrity.responsibility", year=d["year"])
    return handle(act, "自查报告已提交。", _render_responsibility)


# -- teacher ethics ----------------------------------------------------------------------------------
def _render_ethics(status: int = 200):
    k, year = kernel(), year_arg()
    config = school_settings.load(k, tenant())
    return render_template("integrity/ethics.html", year=year, rows=queries.list_ethics(k, tenant(), year),
                           teachers=teachers(), members=roster(), grades=school_settings.ethics_grades(config),
                           veto_grades=school_settings.ethics_veto_grades(config),
                           pledges=queries.list_pledges(k, tenant()), term=rules.school_term(k.today()),
                           today=k.today()), status


@bp.route("/ethics")
@requires("integrity.ethics")
def ethics():
    return _render_ethics()


@bp.route("/ethics/new", methods=["POST"])
@requires("integrity.ethics_edit")
def ethics_new():
    def act():
        d = load(EthicsSchema, form_data())
        services.assess_ethics(kernel(), tenant(), d["year"], d["member_id"], d["grade"], d["violation"],
                               d.get("veto_reason"))
        return url_for("integrity.ethics", year=d["year"])
    return handle(act, "师德考核结果已登记。", _render_ethics)


@bp.route("/ethics/<uuid:assessment_id>/correct", methods=["POST"])
@requires("integrity.ethics_edit")
def ethics_correct(assessment_id: UUID):
    row = found(queries.get_ethics(kernel(), tenant(), assessment_id))

    def act():
        d = load(EthicsCorrectSchema, form_data())
        context.set_reason(d["reason"])
        services.correct_ethics(kernel(), tenant(), assessment_id, d["grade"], d["violation"], d.get("veto_reason"),
                                d["expected_version"])
        return url_for("integrity.ethics", year=row.year)
    return handle(act, "师德考核结果已更正。", _render_ethics)


@bp.route("/ethics/pledges", methods=["POST"])
@requires("integrity.ethics_edit")
def pledge_new():
    def act():
        d = load(PledgeSchema, form_data())
        services.sign_pledge(kernel(), tenant(), d["member_id"], d["kind"], d.get("signed_on"), d.get("term"))
        return url_for("integrity.ethics")
    return handle(act, "承诺书签订已登记。", _render_ethics)


# -- evidence files ----------------------------------------------------------------------------------
@bp.route("/files/<sha256>")
@requires("integrity.view")
def file(sha256: str):
    return send_evidence(sha256)


def send_evidence(sha256: str):
    """An evidence file of this school (pages and API); a visit's files only to who may see the helped."""
    k = kernel()
    refs = queries.find_file(k, tenant(), sha256)
    if not refs:
        abort(404)
    if all(r.kind == "visit" for r in refs):
        pairs_rows = [queries.get_pair(k, tenant(), r.owner_id) for r in refs]
        if not any(p is not None and may_see_helped(p) for p in pairs_rows):
            abort(403)
    return send_stored(k, sha256, refs[0].name, refs[0].content_type)
