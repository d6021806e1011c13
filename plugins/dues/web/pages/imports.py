"""A month's payments imported from the payroll or bank sheet: upload or paste, preview (matched
member, amount, owed, warnings), confirm: every row or none (the bulk-entry flow of the core)."""
from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext

from core.bulk_entry import preview_then_save
from core.kernel import kernel
from core.messages import translated
from core.permissions import requires
from core.table_input import parse_date
from plugins.dues import queries, rules, services
from plugins.dues.schemas import imports
from plugins.dues.web import bp
from plugins.dues.web.pages import common
from plugins.dues.web.pages.sheet import period_asked


def _settings(today) -> tuple[str, object]:
    """The method and the day the page sets for every row (a row's own 日期 wins)."""
    method = request.form.get("method") if request.form.get("method") in rules.METHODS else "transfer"
    try:
        day = parse_date(request.form.get("paid_on", "")) if request.form.get("paid_on") else today
    except ValueError:
        day = today
    return method, day


@bp.route("/sheet/import", methods=["GET", "POST"])
@requires("dues.collect")
def import_payments():
    k, tenant = kernel(), g.tenant.slug
    period, today = period_asked(), k.today()
    method, day = _settings(today)
    preview, text, status, saved = None, "", 200, None
    if request.method == "POST":
        accounts = {str(a.member_id): a for a in queries.school_accounts(k, tenant)[0]}

        def read(rows):
            return common.rows_in_words(imports.read(rows, queries.people_by_name(k, tenant), accounts, period))

        def check(rows):
            try:
                services.record_sheet(k, tenant, [r.command() for r in rows], method, day, save=False)
            except services.SheetError as exc:
                for row in rows:
                    if row.command()["key"] in exc.rows:
                        row.errors.append(translated(exc.rows[row.command()["key"]]))

        def save(rows, confirm):
            return services.record_sheet(k, tenant, [r.command() for r in rows], method, day,
                                         "工资代扣/银行导入", save=confirm)

        preview, text, status, saved = preview_then_save(read, save, check)
        if saved:
            flash(gettext("已导入 %(n)s 笔党费交纳，收据 %(first)s 至 %(last)s。", n=len(saved),
                          first=saved[0][1], last=saved[-1][1]), "success")
            return redirect(url_for("dues.dues_sheet", period=period.key, first=saved[0][1], last=saved[-1][1]))
    return render_template("dues/import.html", preview=preview, text=text, period=period, method=method,
                           paid_on=day, today=today, methods=rules.METHODS, columns=imports.COLUMNS,
                           example=imports.EXAMPLE, labels=common.LABELS, ok=preview is not None and status == 200), status
