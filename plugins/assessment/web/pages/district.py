"""District pages (/district/assessment): indicator sets by year, the comparison of all schools, and the
evaluation results reported by the schools."""
from __future__ import annotations
from core.errors import N_

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext
from marshmallow import ValidationError

from core.excel import xlsx_response
from core.kernel import kernel
from core.permissions import requires
from plugins.assessment import queries, rules, services
from plugins.assessment.domain import AssessmentError
from plugins.assessment.schemas import IndicatorSetCreateSchema
from plugins.assessment.web import attempt, district_bp, form_data, found
from core.tenancy.queries import list_schools


@district_bp.route("/")
@requires("assessment.district_view")
def sets(status: int = 200):
    k = kernel()
    return render_template("assessment/district/sets.html", sets=queries.list_sets(k), year=k.today().year), status


@district_bp.route("/sets", methods=["POST"])
@requires("assessment.district_admin")
def create_set():
    data = {}

    def act():
        values = form_data(request.form)
        data.update(IndicatorSetCreateSchema().load({k: v for k, v in values.items() if v != ""}))
        services.create_indicator_set(kernel(), data["year"], data["title"], copy_from=data["copy_from"])
        flash(gettext("已创建%(year)s年度考核指标体系。", year=data['year']), "success")
    return attempt(act, sets, lambda: redirect(url_for(".indicator_set", year=data["year"])))


def criteria_from_form(form, current: list) -> list:
    """The set's criteria as edited on the page: points, titles, guidance, sources; removals; one new item."""
    criteria = []
    for c in current:
        items = []
        for i in c["items"]:
            key = f"item-{i['code']}-"
            if form.get(key + "remove"):
                continue
            try:
                points = float(form.get(key + "points", i["points"]))
            except ValueError as exc:
                raise AssessmentError(N_("考核要点 %(code)s 的分值不是数字"), code=i['code'], field="criteria") from exc
            items.append({**i, "title": form.get(key + "title", i["title"]).strip(), "points": points,
                          "guidance": form.get(key + "guidance", i.get("guidance", "")).strip(),
                          "source": form.get(key + "source", i.get("source") or "") or None})
        if form.get("new-criterion") == c["code"] and form.get("new-code", "").strip():
            try:
                points = float(form.get("new-points") or 0)
            except ValueError as exc:
                raise AssessmentError(N_("新增要点的分值不是数字"), field="criteria") from exc
            items.append({"code": form["new-code"].strip(), "title": form.get("new-title", "").strip(),
                          "points": points, "guidance": form.get("new-guidance", "").strip(),
                          "source": form.get("new-source") or None, "confirmed": False})
        try:
            total = float(form.get(f"crit-{c['code']}-points", c["points"]))
        except ValueError as exc:
            raise AssessmentError(N_("「%(title)s」的满分不是数字"), title=c['title'], field="criteria") from exc
        criteria.append({**c, "points": total, "items": items})
    return criteria


def bands_from_form(form, current: list) -> list:
    bands = []
    for n in range(len(current) + 1):
        grade = (form.get(f"band-{n}-grade") or "").strip()
        if not grade:
            continue
        try:
            bands.append({"grade": grade, "min": float(form.get(f"band-{n}-min") or 0)})
        except ValueError as exc:
            raise AssessmentError(N_("等次「%(grade)s」的分数线不是数字"), grade=grade, field="grade_bands") from exc
    return bands


@district_bp.route("/sets/<year:year>")
@requires("assessment.district_view")
def indicator_set(year: int, status: int = 200):
    k = kernel()
    row = found(queries.get_set(k, year))
    return render_template("assessment/district/set.html", s=row, sources=rules.EVIDENCE_SOURCES,
                           history=queries.list_set_history(k, year)), status


@district_bp.route("/sets/<year:year>/revise", methods=["POST"])
@requires("assessment.district_admin")
def revise_set(year: int):
    k = kernel()
    row = found(queries.get_set(k, year))

    def act():
        form = request.form
        version = form.get("expected_version", "")
        if not version.isdigit():
            raise ValidationError({"expected_version": ["缺少版本号"]})
        services.revise_indicator_set(k, year, form.get("title", row.title).strip(),
                                      criteria_from_form(form, row.criteria),
                                      bands_from_form(form, row.grade_bands), form.get("reason", ""),
                                      int(version))
        flash(gettext("指标体系已修订（新版本）。"), "success")
    return attempt(act, lambda s: indicator_set(year, s), lambda: redirect(url_for(".indicator_set", year=year)))


def _comparison(k, year: int):
    schools = {s.slug: s.name for s in _schools(k)}
    rows = [r for r in queries.list_assessments_of_year(k, year) if r.tenant in schools]
    return schools, rows


def _schools(k):
    with k.reading() as conn:
        return list_schools(conn)


@district_bp.route("/<year:year>/compare")
@requires("assessment.district_view")
def compare(year: int):
    k = kernel()
    schools, rows = _comparison(k, year)
    indicator = queries.get_set(k, year)
    criteria = indicator.criteria if indicator else []
    if request.args.get("format") == "xlsx":
        headers = ["学校", "状态", *[c["title"] for c in criteria], "总分", "等次"]
        data = [[schools[r.tenant], STATUS.get(r.status, r.status),
                 *[(r.by_criterion or {}).get(c["code"]) for c in criteria], r.total, r.grade or ""] for r in rows]
        return xlsx_response(f"{year}年度五好支部考核对比.xlsx", [(f"{year}考核对比", headers, data)])
    chart = [(schools[r.tenant], r.total) for r in rows if r.total is not None]
    return render_template("assessment/district/compare.html", year=year, rows=rows, schools=schools,
                           criteria=criteria, chart=chart, status_labels=STATUS,
                           missing=[name for slug, name in schools.items() if slug not in {r.tenant for r in rows}])


@district_bp.route("/<year:year>/evaluations")
@requires("assessment.district_view")
def evaluations(year: int):
    k = kernel()
    schools = {s.slug: s.name for s in _schools(k)}
    rows = [r for r in queries.list_rounds_of_year(k, year) if r.tenant in schools]
    if request.args.get("format") == "xlsx":
        headers = ["学校", "状态", "正式党员", "预备党员", "投票人数", *rules.GRADES.values(), "公布日期"]
        data = [[schools[r.tenant], ROUND_STATUS.get(r.status, r.status), r.full_count, r.probationary_count,
                 r.ballots, *[(r.counts or {}).get(g, "") for g in rules.GRADES], r.published_on] for r in rows]
        return xlsx_response(f"{year}年度民主评议党员结果汇总.xlsx", [(f"{year}民主评议", headers, data)])
    return render_template("assessment/district/evaluations.html", year=year, rows=rows, schools=schools,
                           grades=rules.GRADES, status_labels=ROUND_STATUS,
                           chart=[(schools[r.tenant], (r.counts or {}).get("excellent", 0)) for r in rows
                                  if r.status == "published"])


STATUS = {"self": "支部自评中", "submitted": "待区级评分", "published": "已公布", "reassessing": "复核中"}
ROUND_STATUS = {"open": "自评与互评中", "rating": "组织评定中", "published": "已公布"}
