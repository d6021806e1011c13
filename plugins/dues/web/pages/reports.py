"""Dues pages of the figures: the overview, arrears, the annual and monthly reports, the publication."""
from __future__ import annotations

from flask import abort, g, render_template, request

from core.kernel import kernel
from core.permissions import requires
from plugins.dues import present, queries, rules
from plugins.dues.queries import standing
from plugins.dues.web import bp
from plugins.dues.web.pages.common import xlsx, year_shown


@bp.route("/")
@requires("dues.view")
def index():
    k, year = kernel(), year_shown()
    report = standing.annual_totals(k, g.tenant.slug, year, k.today())
    ledger = queries.ledger(k, g.tenant.slug, year)
    found = standing.arrears(k, g.tenant.slug, k.today())
    return render_template("dues/index.html", year=year, report=report, ledger=ledger,
                           total=queries.ledger(k, g.tenant.slug), rounding=rules.ROUNDING_NOTE,
                           warnings=sum(1 for _a, lv in found if lv == "warning"),
                           dangers=sum(1 for _a, lv in found if lv == "danger"), in_arrears=len(found))


@bp.route("/arrears")
@requires("dues.arrears")
def arrears():
    k = kernel()
    rows = [present.arrears(a, lv) for a, lv in standing.arrears(k, g.tenant.slug, k.today())]
    if request.args.get("export") == "xlsx":
        return xlsx("欠交党费名单", [present.arrears_sheet(rows)])
    pol = queries.policy(k, g.tenant.slug)
    return render_template("dues/arrears.html", rows=rows, policy=pol,
                           last_due=rules.last_due_month(k.today(), pol.quarterly))


# -- reports ----------------------------------------------------------------------------------------------
@bp.route("/reports/annual")
@requires("dues.view")
def annual_report():
    k, year = kernel(), year_shown()
    data = present.annual(queries.annual(k, g.tenant.slug, year, k.today()), queries.ledger(k, g.tenant.slug, year))
    if request.args.get("export") == "xlsx":
        return xlsx(f"{year}年党费年度报表", present.annual_sheets(data))
    return render_template("dues/annual.html", data=data, year=year)


@bp.route("/reports/monthly")
@requires("dues.view")
def monthly_report():
    k = kernel()
    try:
        month = rules.parse_month(request.args["month"]) if request.args.get("month") \
            else rules.month_of(k.today())
    except (ValueError, OverflowError):
        abort(404)
    data = present.monthly(queries.monthly(k, g.tenant.slug, month), month,
                           queries.collected_in(k, g.tenant.slug, month))
    if request.args.get("export") == "xlsx":
        return xlsx(f"{data['month']}党费月报", [present.monthly_sheet(data)])
    return render_template("dues/monthly.html", data=data, month=month,
                           prev=rules.month_key(rules.add_months(month, -1)),
                           next=rules.month_key(rules.add_months(month, 1)))


@bp.route("/publication")
@requires("dues.publication")
def publication():
    k, year = kernel(), year_shown()
    data = present.annual(queries.annual(k, g.tenant.slug, year, k.today()), queries.ledger(k, g.tenant.slug, year))
    data["year"] = year
    if request.args.get("export") == "xlsx":
        return xlsx(f"{year}年党费收缴公示", [present.publication_sheet(data)])
    return render_template("dues/publication.html", data=data, year=year, today=k.today(),
                           settings=queries.settings(k, g.tenant.slug))
