"""Read side of the disclosure plugin: its tables, the offered facts of the school's other plugins
(``zhibu_disclosable``) and what is due and overdue. Every statement filters by tenant first."""
from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

from sqlalchemy import or_, select

from core.eventstore import DISTRICT
from core.kernel import Kernel
from core.pagination import Page, paginate
from core.plugins import Disclosable, flatten
from core.tenancy.models import school_plugins, schools
from core.tenancy.queries import records_from
from plugins.disclosure import models as m, rules

LOOK_BACK = 366   # days of records whose obligations are counted (a year's publications and more)


def _all(k: Kernel, query) -> list:
    with k.reading() as conn:
        return conn.execute(query).all()


def _first(k: Kernel, query):
    with k.reading() as conn:
        return conn.execute(query).first()


# -- the catalogue -------------------------------------------------------------------------------------
def list_revisions(k: Kernel) -> list:
    t = m.catalogues
    return _all(k, select(t).where(t.c.tenant == DISTRICT).order_by(t.c.effective_from))


def catalogue_on(k: Kernel, day: date) -> rules.Catalogue:
    def compute():
        revisions = [rules.Catalogue(r.effective_from, tuple(rules.Entry.of(e) for e in r.entries))
                     for r in list_revisions(k)]
        return rules.catalogue_on(day, revisions)
    return k.per_request(("disclosure.catalogue", day), compute)


# -- disclosures ----------------------------------------------------------------------------------------
def items_query(tenant: str, entry_code: str | None = None, open_on: date | None = None):
    """A school's disclosures, newest first; with ``open_on``, only those shown that day (window open,
    not withdrawn): what a member sees."""
    t = m.items
    query = select(t).where(t.c.tenant == tenant)
    if entry_code:
        query = query.where(t.c.entry_code == entry_code)
    if open_on is not None:
        query = query.where(t.c.window_from <= open_on, t.c.withdrawn.is_(False),
                            or_(t.c.window_until.is_(None), t.c.window_until >= open_on))
    return query.order_by(t.c.window_from.desc(), t.c.title)


def list_items_page(k: Kernel, tenant: str, entry_code: str | None = None, page: int = 1,
                    per_page: int = 50, open_on: date | None = None) -> Page:
    with k.reading() as conn:
        return paginate(conn, items_query(tenant, entry_code, open_on), page, per_page)


def list_items(k: Kernel, tenant: str) -> list:
    return _all(k, items_query(tenant))


def recent_items(k: Kernel, tenant: str, since: date) -> list:
    t = m.items
    return _all(k, select(t).where(t.c.tenant == tenant, t.c.window_from >= since))


def get_item(k: Kernel, tenant: str, item_id: UUID):
    return _first(k, select(m.items).where(m.items.c.tenant == tenant, m.items.c.id == item_id))


def list_proofs(k: Kernel, tenant: str, item_id: UUID) -> list:
    t = m.proofs
    return _all(k, select(t).where(t.c.tenant == tenant, t.c.item_id == item_id).order_by(t.c.on, t.c.id))


def list_objections(k: Kernel, tenant: str, item_id: UUID) -> list:
    t = m.objections
    return _all(k, select(t).where(t.c.tenant == tenant, t.c.item_id == item_id).order_by(t.c.received_on,
                                                                                         t.c.objection_id))


def public_items(k: Kernel, tenant: str, today: date) -> list:
    """What anyone may see today: items for everyone, not withdrawn, whose window is open."""
    t = m.items
    rows = _all(k, select(t.c.id, t.c.title, t.c.event_date, t.c.text, t.c.columns, t.c.rows, t.c.window_from,
                          t.c.window_until, t.c.version)
                .where(t.c.tenant == tenant, t.c.window_from <= today, t.c.audience == "everyone",
                       t.c.withdrawn.is_(False))
                .order_by(t.c.window_from.desc(), t.c.title))
    return [r for r in rows if rules.is_open(r.window_from, r.window_until, today)]


def find_file(k: Kernel, tenant: str, sha256: str):
    t = m.files
    return _first(k, select(t).where(t.c.tenant == tenant, t.c.sha256 == sha256).order_by(t.c.id))


# -- offered facts and obligations ---------------------------------------------------------------------
def offers(k: Kernel, tenant: str, since: date, until: date) -> list[Disclosable]:
    """The facts the school's enabled plugins offer for disclosure, dated ``since``–``until``."""
    def compute():
        found = flatten(k.hooks(tenant).zhibu_disclosable(tenant=tenant, since=since, until=until))
        return sorted(found, key=lambda d: (d.event_date, d.key))
    return k.per_request(("disclosure.offers", tenant, since, until), compute)


def counted_from(k: Kernel, tenant: str, today: date) -> date:
    """The first day whose obligations count: a year back, never before the school's records start."""
    start = records_from(k, tenant) or today
    return max(start, today - timedelta(days=LOOK_BACK))


def obligations(k: Kernel, tenant: str, today: date) -> list[dict]:
    """What the catalogue asks of the school in the counted time, each with its status on ``today``:
    every offered fact of an event entry, and every ended period of a periodic entry."""
    return obligations_between(k, tenant, counted_from(k, tenant, today), today, today)


def year_obligations(k: Kernel, tenant: str, year: int, today: date) -> list[dict]:
    """What the catalogue asked of the school for the facts of ``year`` (up to ``today``), each with
    its status on ``today``: the work summary's disclosure figures."""
    first = max(date(year, 1, 1), records_from(k, tenant) or date(year, 1, 1))
    last = min(date(year, 12, 31), today)
    return obligations_between(k, tenant, first, last, today) if first <= last else []


def obligations_between(k: Kernel, tenant: str, first: date, last: date, today: date) -> list[dict]:
    """The obligations of the facts dated ``first``–``last`` and the periods ended in it, on ``today``."""
    def compute():
        catalogue = catalogue_on(k, today)
        done = [r for r in recent_items(k, tenant, first - timedelta(days=LOOK_BACK)) if not r.withdrawn]
        by_source = {r.source_key for r in done}
        by_period = {(r.entry_code, r.period) for r in done if r.period}
        out: list[dict] = []
        for offer in offers(k, tenant, first, last):
            entry = catalogue.entry_of_kind(offer.kind)
            if entry is None or entry.timing != "event":
                continue
            out.append(_obligation(entry, offer.title, offer.event_date, offer.key in by_source, today, offer))
        periodic_offers = {(o.kind, o.period): o for o in offers(k, tenant, first, last) if o.period}
        for entry in catalogue.entries:
            if entry.timing != "periodic" or entry.period not in rules.PERIODS:
                continue
            for code in rules.periods_ended(entry.period, first, last):
                offer = next((periodic_offers[(kind, code)] for kind in entry.kinds
                              if (kind, code) in periodic_offers), None)
                title = offer.title if offer else f"{code} {entry.content}"
                out.append(_obligation(entry, title, rules.period_end(code), (entry.code, code) in by_period,
                                       today, offer, period=code))
        return sorted(out, key=lambda o: (o["status"] != "overdue", o["due_by"]))
    return k.per_request(("disclosure.obligations", tenant, first, last, today), compute)


def _obligation(entry: rules.Entry, title: str, event_date: date, disclosed: bool, today: date,
                offer: Disclosable | None, period: str | None = None) -> dict:
    return {"entry": entry, "title": title, "event_date": event_date, "due_by": rules.due_by(event_date, entry.days),
            "status": rules.status(event_date, entry.days, today, disclosed), "offer": offer,
            "period": period or (offer.period if offer else None)}


def find_offer(k: Kernel, tenant: str, key: str, event_date: date) -> Disclosable | None:
    return next((o for o in offers(k, tenant, event_date, event_date) if o.key == key), None)


def schools_enabled(k: Kernel) -> list:
    """The schools that have enabled the plugin (slug, name), in slug order: two statements for any number."""
    with k.reading() as conn:
        rows = conn.execute(select(schools.c.slug, schools.c.name).order_by(schools.c.slug)).all()
        enabled = set(conn.scalars(select(school_plugins.c.tenant).where(
            school_plugins.c.tenant.in_([r.slug for r in rows]), school_plugins.c.plugin == "disclosure",
            school_plugins.c.enabled.is_(True))))
    return [r for r in rows if r.slug in enabled]
