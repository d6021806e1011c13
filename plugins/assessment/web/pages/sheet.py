"""School pages of the Five Goods assessment: the years, the sheet (printable, Excel), its commands."""
from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext

from core import context
from core.errors import N_
from core.excel import xlsx_response
from core.forms import form_input, form_text
from core.messages import translated
from core.permissions import requires
from plugins.assessment import queries, rules, services
from plugins.assessment.schemas import (
    AssessmentPublishSchema, AssessmentReasonSchema, AssessmentScoreSchema, AssessmentSelfScoreSchema,
    AssessmentYearSchema, SelfAssessmentFormSchema, SelfAssessmentSubmitSchema,
)
from core.kernel import kernel
from plugins.assessment.web import attempt, bp, form_data, found, posted_version, school, send_evidence


# -- index ------------------------------------------------------------------------------------------
@bp.route("/")
@requires("assessment.view")
def index(status: int = 200):
    k = kernel()
    year = k.today().year
    return render_template("assessment/index.html", assessments=queries.list_assessments(k, school()),
                           rounds=queries.list_rounds(k, school()), year=year,
                           set_years=[s.year for s in queries.list_sets(k)]), status


@bp.route("/open", methods=["POST"])
@requires("assessment.self_assess")
def open_assessment():
    data = {}

    def act():
        data.update(AssessmentYearSchema().load(form_data(request.form)))
        services.open_assessment(kernel(), school(), data["year"])
        flash(gettext("已开始%(year)s年度五好支部考核，相关数据已预填。", year=data['year']), "success")
    return attempt(act, lambda s: index(s), lambda: redirect(url_for(".sheet", year=data["year"])))


# -- the Five Goods sheet --------------------------------------------------------------------------
def _sheet_rows(row) -> list[dict]:
    out = []
    for criterion in row.criteria:
        items = []
        for item in criterion["items"]:
            code = item["code"]
            items.append({**item, "evidence": row.evidence.get(code), "self": row.self_scores.get(code),
                          "score": row.scores.get(code)})
        out.append({**criterion, "items": items,
                    "total": (row.by_criterion or {}).get(criterion["code"])})
    return out


def _typed() -> dict:
    """What the sheet's one form posted, item code → {score, comment}, to show again after a refusal."""
    if request.method != "POST":
        return {}
    form = request.form
    return {code: {"score": score, "comment": comment_text} for code, score, comment_text
            in zip(form.getlist("item"), form.getlist("score"), form.getlist("comment"))}


@bp.route("/<year:year>")
@requires("assessment.view")
def sheet(year: int, status: int = 200):
    k = kernel()
    row = found(queries.get_assessment(k, school(), year))
    current_set = queries.get_set(k, year)
    return render_template(
        "assessment/sheet.html", a=row, criteria=_sheet_rows(row), sources=rules.EVIDENCE_SOURCES, typed=_typed(),
        item_labels={i["code"]: f"{i['code']} {i['title']}" for c in row.criteria for i in c["items"]},
        attachments=queries.list_attachments(k, school(), row.id), comments=queries.list_comments(k, school(), row.id),
        history=queries.list_history(k, school(), row.id),
        newer_set=current_set.version if current_set and current_set.version > row.set_version else None,
        self_total=rules.round_score(sum(s["score"] for s in row.self_scores.values())) if row.self_scores else None,
        score_total=rules.round_score(sum(s["score"] for s in row.scores.values())) if row.scores else None,
    ), status


def _sheet_command(year: int, fn, message: str):
    def act():
        fn()
        flash(translated(message), "success")
    return attempt(act, lambda s: sheet(year, s), lambda: redirect(url_for(".sheet", year=year)))


@bp.route("/<year:year>/evidence", methods=["POST"])
@requires("assessment.self_assess")
def refresh_evidence(year: int):
    return _sheet_command(year, lambda: services.refresh_evidence(kernel(), school(), year, posted_version()),
                          N_("已按各模块的最新记录重新取数。"))


@bp.route("/<year:year>/adopt", methods=["POST"])
@requires("assessment.score")
def adopt_set(year: int):
    return _sheet_command(year, lambda: services.adopt_current_set(kernel(), school(), year, posted_version()),
                          N_("已改用最新版本的指标体系。"))


@bp.route("/<year:year>/self-score", methods=["POST"])
@requires("assessment.self_assess")
def self_score(year: int):
    def run():
        data = AssessmentSelfScoreSchema().load(form_data(request.form))
        services.self_score(kernel(), school(), year, data["item"], data["score"], data["comment"],
                            data["expected_version"])
    return _sheet_command(year, run, N_("自评分已记录。"))


@bp.route("/<year:year>/self-assessment", methods=["POST"])
@requires("assessment.self_assess")
def self_assessment(year: int):
    """The whole sheet in one form: 保存草稿 saves every row (pre-filled values included), 提交自评
    checks every item, names every problem at once and submits; a refusal keeps what was typed."""
    def run():
        data = form_input(SelfAssessmentFormSchema())
        comments = data["comment"] + [""] * len(data["item"])
        scores = {code: (score or None, comments[n]) for n, (code, score) in enumerate(zip(data["item"], data["score"]))}
        submitting = data["action"] == "submit"
        services.save_self_assessment(kernel(), school(), year, scores, data["summary"], submitting,
                                      data["expected_version"])
        flash(gettext("自评已提交区级评分。") if submitting
              else gettext("自评草稿已保存：全部要点的得分和说明都已记录。"), "success")
    return attempt(run, lambda s: sheet(year, s), lambda: redirect(url_for(".sheet", year=year)))


@bp.route("/<year:year>/attach", methods=["POST"])
@requires("assessment.self_assess")
def attach(year: int):
    def run():
        upload = request.files.get("file")
        services.attach_evidence(kernel(), school(), year, upload.read() if upload else b"",
                                 upload.filename if upload else "",
                                 form_text("item", label="指标", single_line=True) or None,
                                 form_text("note", label="说明", max_length=500))
    return _sheet_command(year, run, N_("佐证材料已上传。"))


@bp.route("/<year:year>/files/<sha256>")
@requires("assessment.view")
def download(year: int, sha256: str):
    return send_evidence(year, sha256)


@bp.route("/<year:year>/submit", methods=["POST"])
@requires("assessment.self_assess")
def submit(year: int):
    def run():
        data = SelfAssessmentSubmitSchema().load(form_data(request.form))
        services.submit_self_assessment(kernel(), school(), year, data["comment"], data["expected_version"])
    return _sheet_command(year, run, N_("自评已提交区级评分。"))


@bp.route("/<year:year>/send-back", methods=["POST"])
@requires("assessment.score")
def send_back(year: int):
    def run():
        data = AssessmentReasonSchema().load(form_data(request.form))
        services.send_back(kernel(), school(), year, data["reason"], data["expected_version"])
    return _sheet_command(year, run, N_("已退回支部修改自评。"))


@bp.route("/<year:year>/score", methods=["POST"])
@requires("assessment.score")
def score(year: int):
    def run():
        data = AssessmentScoreSchema().load(form_data(request.form))
        context.set_reason(data["reason"])
        services.score_item(kernel(), school(), year, data["item"], data["score"], data["reason"],
                            data["expected_version"])
    return _sheet_command(year, run, N_("评分已记录。"))


@bp.route("/<year:year>/comment", methods=["POST"])
@requires("assessment.score")
def comment(year: int):
    return _sheet_command(year, lambda: services.comment(kernel(), school(), year, form_text("text", label="评语")),
                          N_("评语已记录。"))


@bp.route("/<year:year>/publish", methods=["POST"])
@requires("assessment.score")
def publish(year: int):
    def run():
        data = AssessmentPublishSchema().load(form_data(request.form))
        services.publish(kernel(), school(), year, data["grade"], data["reason"], data["expected_version"])
    return _sheet_command(year, run, N_("考核结果已公布。"))


@bp.route("/<year:year>/reassess", methods=["POST"])
@requires("assessment.score")
def reassess(year: int):
    def run():
        data = AssessmentReasonSchema().load(form_data(request.form))
        context.set_reason(data["reason"])
        services.reassess(kernel(), school(), year, data["reason"], data["expected_version"])
    return _sheet_command(year, run, N_("已发起复核：可重新评分后再次公布。"))


def _ref(event: dict) -> str:
    """An event reference as a person can look it up: the aggregate id's first 8 characters @ version."""
    return f"{event['id'][:8]}@{event['version']}"


@bp.route("/<year:year>.xlsx")
@requires("assessment.view")
def sheet_xlsx(year: int):
    row = found(queries.get_assessment(kernel(), school(), year))
    rows = []
    for criterion in _sheet_rows(row):
        for item in criterion["items"]:
            ev = item["evidence"] or {}
            links = "；".join(f"{link['label']}（{'、'.join(_ref(e) for e in link['events'])}）"
                             for link in ev.get("links", []))
            rows.append([criterion["title"], item["code"], item["title"], item["points"], ev.get("score"),
                         ev.get("summary", ""), links, (item["self"] or {}).get("score"),
                         (item["self"] or {}).get("comment", ""), (item["score"] or {}).get("score"),
                         (item["score"] or {}).get("reason", "")])
    rows.append(["合计", "", "", sum(i["points"] for c in row.criteria for i in c["items"]), "", "", "",
                 row.self_total, "", row.total, row.grade or ""])
    headers = ["考核内容", "编号", "考核要点", "分值", "数据预填分", "数据说明", "数据依据（事件）", "自评分",
               "自评说明", "考核得分", "评分理由/等次"]
    return xlsx_response(f"{g.tenant.name}{year}年度五好支部考核表.xlsx", [(f"{year}五好支部考核", headers, rows)])
