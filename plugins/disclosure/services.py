"""Commands of the disclosure plugin: load, call the aggregate, save. The only writers of its records."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from core.errors import N_, check_version
from core.eventstore import DISTRICT
from core.files import store_file
from core.kernel import Kernel
from plugins.disclosure import queries, rules
from plugins.disclosure.domain import Disclosure, DisclosureCatalogue, DisclosureError


def store_files(k: Kernel, uploads) -> list[dict]:
    """Uploads as (bytes, filename) → file references kept on the event (photos: images or PDF)."""
    return [store_file(k, data, name).as_dict() for data, name in uploads or () if name]


def _load(k: Kernel, tenant: str, item_id, expected_version: int | None) -> Disclosure:
    item = k.get(tenant, UUID(str(item_id)), Disclosure)
    check_version(item, expected_version)
    return item


def _entry(k: Kernel, code: str, day: date) -> rules.Entry:
    entry = queries.catalogue_on(k, day).entry(code)
    if entry is None:
        raise DisclosureError(N_("公开目录中没有这一项"), field="entry_code")
    return entry


def _publish(k: Kernel, tenant: str, key: str, **values) -> Disclosure:
    if k.exists(tenant, Disclosure.create_id(key)):
        raise DisclosureError(N_("这一事项已经公开过"), field="key")
    item = Disclosure.publish(key=key, **values)
    k.save(tenant, item)
    return item


def disclose_offer(k: Kernel, tenant: str, key: str, event_date: date, window_from: date,
                   window_until: date | None) -> Disclosure:
    """Disclose a fact a plugin offers (``zhibu_disclosable``): its words and table come from the
    record, as the record says them today, never typed again."""
    offer = queries.find_offer(k, tenant, key, event_date)
    if offer is None:
        raise DisclosureError(N_("本支部的记录中没有这一可公开事项"), field="key")
    entry = queries.catalogue_on(k, k.today()).entry_of_kind(offer.kind)
    if entry is None:
        raise DisclosureError(N_("公开目录中没有这类事项"), field="key")
    period = offer.period or (rules.period_code(offer.event_date, entry.period) if entry.timing == "periodic"
                              else None)
    return _publish(k, tenant, f"{tenant}/{offer.key}", entry_code=entry.code, kind=offer.kind,
                    source_key=offer.key, title=offer.title, event_date=offer.event_date, text=offer.text,
                    columns=list(offer.columns), rows=[list(r) for r in offer.rows], period=period,
                    audience=entry.audience, form=entry.form, source_url=offer.url, window_from=window_from,
                    window_until=window_until)


def disclose_by_hand(k: Kernel, tenant: str, entry_code: str, title: str, event_date: date, text: str,
                     window_from: date, window_until: date | None, audience: str | None = None) -> Disclosure:
    """Disclose something no plugin offers (a catalogue entry kept by hand)."""
    if event_date > k.today():
        raise DisclosureError(N_("事项发生日期不能晚于今天"), field="event_date")
    entry = _entry(k, entry_code, event_date)
    period = rules.period_code(event_date, entry.period) if entry.timing == "periodic" and entry.period else None
    key = f"{tenant}/{rules.MANUAL}:{entry.code}:{event_date.isoformat()}:{title.strip()}"
    return _publish(k, tenant, key, entry_code=entry.code, kind=rules.MANUAL, source_key=key, title=title,
                    event_date=event_date, text=text, columns=[], rows=[], period=period,
                    audience=audience or entry.audience, form=entry.form, source_url=None,
                    window_from=window_from, window_until=window_until)


def record_proof(k: Kernel, tenant: str, item_id, shown: str, place: str, on: date, photos: list | None = None,
                 expected_version: int | None = None) -> Disclosure:
    item = _load(k, tenant, item_id, expected_version)
    item.record_proof(shown, place, on, photos or [], k.today())
    k.save(tenant, item)
    return item


def receive_objection(k: Kernel, tenant: str, item_id, received_on: date, text: str,
                      expected_version: int | None = None) -> str:
    item = _load(k, tenant, item_id, expected_version)
    objection_id = item.receive_objection(received_on, text, k.today())
    k.save(tenant, item)
    return objection_id


def answer_objection(k: Kernel, tenant: str, item_id, objection_id: str, answered_on: date, answer: str,
                     expected_version: int | None = None) -> Disclosure:
    item = _load(k, tenant, item_id, expected_version)
    item.answer_objection(objection_id, answered_on, answer, k.today())
    k.save(tenant, item)
    return item


def withdraw(k: Kernel, tenant: str, item_id, reason: str, expected_version: int | None = None) -> Disclosure:
    item = _load(k, tenant, item_id, expected_version)
    item.withdraw(reason)
    k.save(tenant, item)
    return item


def revise_catalogue(k: Kernel, effective_from: date, entries: list[dict]) -> DisclosureCatalogue:
    """The district revises the catalogue from ``effective_from`` (earlier days keep the catalogue then in force)."""
    catalogue_id = DisclosureCatalogue.create_id()
    catalogue = k.get(DISTRICT, catalogue_id, DisclosureCatalogue) if k.exists(DISTRICT, catalogue_id) \
        else DisclosureCatalogue()
    entries = [rules.Entry.of(e).as_dict() for e in entries]
    catalogue.revise(effective_from, entries, rules.check_entries(entries))
    k.save(DISTRICT, catalogue)
    return catalogue
