"""Which summary rows an applied batch of events may change (``stale_marker``, run by the projector in
the batch's own transaction), and a mark for a change that is not an event (``mark_stale``).

A school's own log marks every row of the school. An event of the district log marks the rows of the
schools it names (a school's settings and modules: all their rows); a plugin that declares which of
its district aggregates its figures come from (``PluginInfo.district_figures_from``) has only its
own rows marked, and by those aggregates alone (an inspector's access record marks nothing)."""
from __future__ import annotations

from typing import Callable

from sqlalchemy import bindparam, literal_column, select, true, update

from core.events import owner_of
from core.eventstore import DISTRICT
from core.projections.rows import execute_direct
from core.summaries import SCHOOL_TOPICS, changes, contributors, school_summaries
from core.tenancy.models import schools


def _schools_named(domain_event) -> set[str]:
    """The schools a district event is about, when it names them: its ``tenant``, ``school`` or ``log``,
    or the ``tenant`` of each of its ``holders`` and of who it is ``taken_by`` (a member's claim on
    the district's one roll)."""
    named = {getattr(domain_event, name, None) for name in ("tenant", "school", "log")}
    named |= {h.get("tenant") for h in (*(getattr(domain_event, "holders", None) or ()),
                                        getattr(domain_event, "taken_by", None)) if isinstance(h, dict)}
    return {value for value in named if isinstance(value, str) and value != DISTRICT}


# The marks, built once and sent straight to the driver (a write runs one of them in every transaction
# that applies events): one parameter set per school, plugin or pair, no bound values but those.
_c = school_summaries.c
_STALE = {"stale": true(), "generation": _c.generation + literal_column("1"), "seq": changes.seq_of(school_summaries)}
_BY_SCHOOL = update(school_summaries).where(_c.tenant == bindparam("slug")).values(**_STALE)
_BY_PLUGIN = update(school_summaries).where(_c.plugin == bindparam("one_plugin")).values(**_STALE)
_BY_BOTH = update(school_summaries).where(_c.tenant == bindparam("slug"),
                                          _c.plugin == bindparam("one_plugin")).values(**_STALE)


def stale_marker(k) -> Callable:
    """``Projector.applied``: mark the summaries applied batches of events (of one log, or of the logs
    one command wrote) may change, in the batches' own transaction (one statement per index it uses, a parameter set per school or plugin)."""
    declared: list[dict] = []   # plugin name → its district_figures_from (None: every event counts)

    def mark(conn, batches: list[tuple[str, list]]) -> None:
        school_ids, slugs, owners = set(), set(), set()
        own_rows: dict[str, set] = {}   # plugin → schools whose row of that plugin alone can change
        for log_name, batch in batches:
            if log_name != DISTRICT:
                slugs.add(log_name)
                continue
            if not declared:
                declared.append({p.name: p.figures_from for p in contributors(k)})
            _district_batch(declared[0], batch, school_ids, slugs, owners, own_rows)
        if school_ids:
            slugs |= set(conn.scalars(select(schools.c.slug).where(schools.c.id.in_(school_ids))))
        # The counters first, all at once in shard order (changes): the schools' own, or every one.
        moved = set(changes.EVERY_SHARD) if owners else set(changes.shards_of(slugs | _union(own_rows)))
        changes.move(conn, moved | ({changes.REGISTRY} if school_ids else set()))
        # One statement per index (by school, by plugin): an OR across them would scan the table.
        if slugs:
            execute_direct(conn, _BY_SCHOOL, [{"slug": slug} for slug in sorted(slugs)])
        if owners:
            execute_direct(conn, _BY_PLUGIN, [{"one_plugin": owner} for owner in sorted(owners)])
        pairs = [{"slug": slug, "one_plugin": owner} for owner, named in sorted(own_rows.items())
                 if owner not in owners for slug in sorted(named - slugs)]
        if pairs:
            execute_direct(conn, _BY_BOTH, pairs)
    return mark


def _district_batch(plugins: dict, batch: list, school_ids: set, slugs: set, owners: set,
                    own_rows: dict) -> None:
    """What one batch of the district log marks: schools by id or name, plugins' rows everywhere, or one
    plugin's rows of the schools named (a plugin that declares ``district_figures_from``)."""
    named_by = {}   # an aggregate's events in one batch are about the schools any of them names
    for _notification, domain_event in batch:
        named_by.setdefault(domain_event.originator_id, set()).update(_schools_named(domain_event))
    for notification, domain_event in batch:
        owner = owner_of(notification.topic)
        only = plugins.get(owner)
        if notification.topic.startswith(SCHOOL_TOPICS):
            school_ids.add(domain_event.originator_id)
        elif only is not None and _aggregate_of(notification.topic) not in only:
            continue   # the plugin says events of this aggregate change none of its figures
        elif named := named_by[domain_event.originator_id]:
            if only is not None:
                own_rows.setdefault(owner, set()).update(named)
            else:
                slugs |= named
        elif owner in plugins:
            owners.add(owner)


def _union(sets: dict) -> set:
    return set().union(*sets.values())


def mark_stale(conn, tenant: str, plugin: str) -> None:
    """Mark one school's summary of one plugin stale, in the caller's transaction: for a change its
    figures read that is not an event (an audit verification's result)."""
    changes.move(conn, [changes.shard_of(tenant)])
    execute_direct(conn, _BY_BOTH, [{"slug": tenant, "one_plugin": plugin}])


def _aggregate_of(topic: str) -> str:
    """"plugins.audit.domain:SealRegister.CheckpointRecorded" → "SealRegister"."""
    return topic.partition(":")[2].split(".")[0]
