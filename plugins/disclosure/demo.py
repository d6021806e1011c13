"""Demo activity of party-affairs disclosure: the facts the other plugins' demos recorded are disclosed
(most of them, one left overdue), with proofs, and one objection received and answered."""
from __future__ import annotations

import random
from datetime import date, timedelta

from core import context
from core.kernel import Kernel
from plugins.disclosure import queries, services


def create_activity(k: Kernel, tenant: str, today: date, rng: random.Random) -> None:
    with context.acting(context.system("demo", source="demo")):
        offers = queries.offers(k, tenant, queries.counted_from(k, tenant, today), today)
        catalogue = queries.catalogue_on(k, today)
        # a development publicity names a person whose case is open: the demo leaves it to the school
        chosen = [o for o in offers if catalogue.entry_of_kind(o.kind) is not None
                  and o.kind != "development.publicity"]
        for n, offer in enumerate(chosen[:-1] if len(chosen) > 1 else chosen):
            if rng.random() < 0.15:
                continue   # left undisclosed: the demo shows an overdue one
            start = min(today, offer.event_date + timedelta(days=rng.randint(0, 2)))
            item = services.disclose_offer(k, tenant, offer.key, offer.event_date, start,
                                           start + timedelta(days=rng.choice((5, 7, 30))))
            on = min(today, start)
            services.record_proof(k, tenant, item.id, offer.title, rng.choice(("党务公开栏", "支部党员大会", "学校网站")), on)
            if n == 0:
                oid = services.receive_objection(k, tenant, item.id, on, "建议公开栏增加说明文字。")
                services.answer_objection(k, tenant, item.id, oid, on, "已在公开栏补充说明。")
        if not chosen:
            services.disclose_by_hand(k, tenant, "work", f"{today.year}年度党支部工作计划", today,
                                      "本年度支部工作计划已经支委会通过，全文见党务公开栏。", today, None)
