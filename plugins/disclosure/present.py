"""Rows → what the disclosure pages, the API and the Excel exports show (pure)."""
from __future__ import annotations

from plugins.disclosure import rules

FIGURES = ("overdue", "due", "disclosed", "rate", "objections")


def obligation_out(o: dict) -> dict:
    entry = o["entry"]
    return {"entry_code": entry.code, "content": entry.content, "title": o["title"], "event_date": o["event_date"],
            "due_by": o["due_by"], "status": o["status"], "period": o["period"],
            "key": o["offer"].key if o["offer"] else None}


def offer_out(offer, entry, disclosed: bool) -> dict:
    return {"kind": offer.kind, "key": offer.key, "title": offer.title, "event_date": offer.event_date,
            "text": offer.text, "columns": list(offer.columns), "rows": [list(r) for r in offer.rows],
            "period": offer.period, "url": offer.url, "entry_code": entry.code if entry else None,
            "disclosed": disclosed}


def item_out(row, proofs=None, objections=None) -> dict:
    out = dict(row._mapping)
    if proofs is not None:
        out["proof_list"] = [dict(p._mapping) for p in proofs]
        out["objection_list"] = [dict(o._mapping) for o in objections or ()]
    return out


def page_out(page, rows_key: str, rows: list) -> dict:
    return {rows_key: rows, "page": page.page, "pages": page.pages, "total": page.total}


def items_sheet(rows: list):
    return ("党务公开记录", ["标题", "目录项", "公开范围", "事项日期", "公开起", "公开止", "公开证明（次）", "意见（条）",
                       "未答复", "状态"],
            [[r.title, r.entry_code, rules.AUDIENCES.get(r.audience, r.audience), r.event_date, r.window_from,
              r.window_until or "", r.proofs, r.objections, r.objections_open,
              "已撤回" if r.withdrawn else "有效"] for r in rows])


def obligations_sheet(found: list):
    return ("应公开事项", ["目录项", "事项", "事项日期", "应公开日期", "状态"],
            [[o["entry"].content, o["title"], o["event_date"], o["due_by"], rules.STATUSES[o["status"]]]
             for o in found])


def compliance_row(slug: str, name: str, figures: dict) -> dict:
    """One school's line of the district's compliance page, from its summary's figures."""
    def value(key):
        f = figures.get(f"disclosure.{key}")
        return f.value if f is not None else None
    return {"school": slug, "name": name, **{key: value(key) for key in FIGURES}}


def compliance_sheet(rows: list[dict]):
    return ("各校党务公开情况", ["学校", "逾期未公开（项）", "待公开（项）", "近一年已公开（项）", "近一年公开率（%）",
                         "意见未答复（条）"],
            [[r["name"], r["overdue"], r["due"], r["disclosed"], r["rate"], r["objections"]] for r in rows])


def public_item(row) -> dict:
    """What the public board shows of an item: its title, dates, text and table, nothing else."""
    return {"title": row.title, "event_date": row.event_date, "text": row.text, "columns": row.columns,
            "rows": row.rows, "window_from": row.window_from, "window_until": row.window_until}
