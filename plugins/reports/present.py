"""Rows → what the pages, the API and the Excel exports show (pure)."""
from __future__ import annotations

from decimal import Decimal

from plugins.reports import rules

DEVELOPMENT = (("applicants", "入党申请人（年末）"), ("activists", "入党积极分子（年末）"),
               ("targets", "发展对象（年末）"), ("applied", "本年递交入党申请"), ("became_activists", "本年确定积极分子"),
               ("became_targets", "本年确定发展对象"), ("admitted", "本年接收预备党员"), ("converted", "本年预备党员转正"))


def already_said(rows) -> list[str]:
    """'Already reported on … for …' for the submitted lines of other reports."""
    return [f"已于 {r.submitted_on.isoformat()} 在《{r.title}》中报送（{r.period}）：{r.value if r.value is not None else '—'}"
            for r in rows]


def labelled(fields: list, labels: dict) -> list:
    """A form's fields with each bound figure's label in the page's language."""
    return [{**f, "figure_label": labels.get(f.get("figure"), f.get("figure_label"))} if f.get("figure") else f
            for f in fields]


def form_lines(report, fields: list, already: dict) -> list[dict]:
    """A report's fields as the page shows them: pre-filled value, current value, state, reason, and
    where the same figure of the period was already reported."""
    answers = report.answers if report is not None else {}
    out = []
    for f in fields:
        a = answers.get(f["key"], {})
        out.append({**f, "prefilled": a.get("prefilled"), "value": a.get("value"),
                    "state": a.get("state", "empty"), "reason": a.get("reason"),
                    "bound": bool(f.get("figure")) and a.get("prefilled") is not None,
                    "already": already_said(already.get(f.get("figure"), [])) if f.get("figure") else []})
    return out


def _total(kind: str, values: list):
    if kind == "count":
        return sum(v for v in values if isinstance(v, int))
    if kind == "money":
        return str(sum((Decimal(v) for v in values if v is not None), Decimal("0.00")))
    return ""


def aggregate(form, receipts, schools) -> dict:
    """One form across all schools: a line per school (its values, corrections, pre-fill), the totals,
    the schools that have not submitted, and the form's pre-fill rate."""
    by_school = {r.school: r for r in receipts}
    lines = []
    for r in receipts:
        values = [r.answers.get(f["key"], {}).get("value") for f in form.fields]
        corrections = [(f["label"], r.answers[f["key"]].get("prefilled"), r.answers[f["key"]].get("value"),
                        r.answers[f["key"]].get("reason"))
                       for f in form.fields if r.answers.get(f["key"], {}).get("state") == "corrected"]
        lines.append({"school": r.school, "school_name": r.school_name, "submitted_on": r.submitted_on,
                      "receipt_no": r.receipt_no, "values": values, "corrections": corrections,
                      "rate": rules.prefill_rate(r.field_count, r.prefilled)})
    totals = [_total(f["kind"], [line["values"][n] for line in lines]) for n, f in enumerate(form.fields)]
    rate = rules.prefill_rate(sum(r.field_count for r in receipts), sum(r.prefilled for r in receipts))
    missing = [s for s in schools if s.slug not in by_school]
    return {"lines": lines, "totals": totals, "missing": missing, "rate": rate}


def aggregate_sheets(form, view: dict) -> list:
    labels = [f["label"] for f in form.fields]
    head = ["学校", "报送日期", "回执号", *labels, "更正栏数", "预填率"]
    rows = [[line["school_name"], line["submitted_on"], line["receipt_no"], *line["values"],
             len(line["corrections"]), rules.percent(line["rate"])] for line in view["lines"]]
    rows.append(["合计", "", "", *view["totals"], sum(len(line["corrections"]) for line in view["lines"]),
                 rules.percent(view["rate"])])
    corrections = [[line["school_name"], label, before, after, reason]
                   for line in view["lines"] for label, before, after, reason in line["corrections"]]
    return [("汇总", head, rows), ("更正记录", ["学校", "栏目", "系统预填", "报送值", "更正原因"], corrections),
            ("未报送", ["学校"], [[s.name] for s in view["missing"]])]


# -- the annual statistics -------------------------------------------------------------------------
def statistics_sheets(s: dict) -> list:
    """One school's statistics report as sheets (the internal annual statistics' layout)."""
    summary = [["年初党员数", s["opening"]], ["年末党员数", s["closing"]], ["其中：正式党员", s["full"]],
               ["其中：预备党员", s["probationary"]], ["本年转正", s["converted"][0]]]
    sheets = [("总表", ["项目", "人数"], summary)]
    for key, title in (("by_gender", "性别"), ("by_ethnicity", "民族"), ("by_age", "年龄段"),
                       ("by_education", "学历"), ("by_category", "人员类别")):
        sheets.append((title, [title, "人数"], s[key]))
    moves = [["增加", label, n, "、".join(names)] for label, n, names in s["added"]]
    moves += [["减少", label, n, "、".join(names)] for label, n, names in s["removed"]]
    sheets.append(("增减变化", ["增/减", "类别", "人数", "名单"], moves))
    sheets.append(("发展党员", ["项目", "人数"], [[label, s["development"].get(key, 0)] for key, label in DEVELOPMENT]))
    sheets.append(("校验", ["校验结果"], [[c] for c in s["checks"]] or [["全部通过"]]))
    return sheets


def statistics_lines(receipts, schools) -> dict:
    """The district's table of the schools' statistics for one year: who submitted, their main figures."""
    by_school = {r.school: r for r in receipts}
    lines = []
    for r in receipts:
        s = r.answers
        lines.append({"school": r.school, "school_name": r.school_name, "submitted_on": r.submitted_on,
                      "receipt_no": r.receipt_no, "opening": s["opening"], "closing": s["closing"],
                      "full": s["full"], "probationary": s["probationary"],
                      "added": sum(a[1] for a in s["added"]), "removed": sum(x[1] for x in s["removed"]),
                      "admitted": s["development"].get("admitted", 0), "checks": r.checks,
                      "explanation": r.explanation})
    return {"lines": lines, "missing": [s for s in schools if s.slug not in by_school]}


def statistics_district_sheets(view: dict) -> list:
    head = ["学校", "报送日期", "回执号", "年初数", "年末数", "正式党员", "预备党员", "本年增加", "本年减少",
            "本年接收预备党员", "校验未通过", "情况说明"]
    rows = [[x["school_name"], x["submitted_on"], x["receipt_no"], x["opening"], x["closing"], x["full"],
             x["probationary"], x["added"], x["removed"], x["admitted"], "；".join(x["checks"]), x["explanation"]]
            for x in view["lines"]]
    return [("各校统计", head, rows), ("未报送", ["学校"], [[s.name] for s in view["missing"]])]
