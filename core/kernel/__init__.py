"""The kernel: what every service needs (logs, read-model engine, plugins, clock), in one object.

Services take it as their first argument (``k``) so tests can drive them directly.
"""
from __future__ import annotations

import copy
import logging
from contextlib import contextmanager
from datetime import date, datetime, timezone
from typing import Callable, Iterator, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from flask import current_app, g, has_request_context
from sqlalchemy import inspect

from core.clock import LOCAL_TZ
from core.config import StoreConfig
from core.db import make_engine, projection_positions
from core.errors import NotFoundError, check_version
from core.eventstore import DISTRICT, Stores
from core.plugins import KernelHooks, Registry
from core.kernel.storage import init_tables
from core.projections import Projector
from core.projections.writes import Followup
from core.reading import Reading
from core import summaries
from core.summaries import stale_marker
from core.kernel.schools import SchoolPlugins

logger = logging.getLogger("zhibu")
REQUEST_MEMO = "_zhibu_request_memo"  # in flask.g; see Kernel.per_request
STORED = "_zhibu_stored"  # in flask.g: (log, aggregate id, version) of every event this request stored
T = TypeVar("T")
SCHOOL_TOPICS = "tenants.domain:School."  # events that change which plugins a school has enabled


class Kernel(SchoolPlugins):
    def __init__(self, store: StoreConfig, registry: Registry):
        self.store_config = store
        self.registry = registry
        self.stores = Stores(store)
        self.engine = make_engine(store.sqlalchemy_url, store.schema)
        self.reading = Reading(self.engine)   # ``with k.reading() as conn:``: the request's one read connection
        self.projector = Projector(self.stores, self.engine, self.projections_for)
        self.projector.applied = stale_marker(self)
        self.clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)
        self.wall_clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)
        # False when a separate `zhibu worker` catches up every log at its start and in rounds; writes
        # catch up the log they wrote either way.
        self.inline_projections = True
        self._deferred = 0
        self.permissions: dict[str, frozenset] = {}
        for mapping in registry.hook.zhibu_permissions():
            for action, roles in (mapping or {}).items():
                self.permissions[action] = frozenset(roles) | self.permissions.get(action, frozenset())
        self.projections = []
        self._projection_plugin: dict[str, str | None] = {}
        for impl in registry.hook.zhibu_projections.get_hookimpls():
            info = registry.info_of(impl.plugin)
            for projection in impl.function() or ():
                self.projections.append(projection)
                self._projection_plugin[projection.name] = info.name if info else None
        self._always_on = frozenset(n for n, i in registry.infos.items() if i.always_on)
        self._enabled: dict[str, tuple[float, frozenset]] = {}
        self._projections_of: dict[tuple[bool, frozenset], list] = {}
        self.config: dict = {}   # the deployment's settings (the Flask app's config, set by create_app)
        self._hooks: dict[frozenset, KernelHooks] = {}
        self._district_hooks = KernelHooks(registry.hook, self)
        self.stores.after_save.append(self._after_save)
        self.followup = Followup(self, [f for fs in registry.hook.zhibu_write_records() for f in fs or ()],
                                 [f for fs in registry.hook.zhibu_save_listeners() for f in fs or ()])

    # -- time -----------------------------------------------------------------------------
    def now(self) -> datetime:
        """The business clock: what events are stamped and rules are judged by (tests set it)."""
        return self.clock()

    def wall_now(self) -> datetime:
        """The operational clock: sessions and sign-in throttling run on real time, whatever day the
        business clock says."""
        return self.wall_clock()

    def today(self) -> date:
        """Today in the deployment's zone (core.clock)."""
        now = self.clock()
        return now.astimezone(LOCAL_TZ).date() if now.tzinfo else now.date()

    # -- storage --------------------------------------------------------------------------
    def init_storage(self) -> set[str]:
        """The explicit init step: read-model tables (a plugin's rebuilt when they changed shape:
        core.kernel.storage) and the district log's tables. The plugins whose read model was rebuilt."""
        summaries.prepare(self.engine)
        reshaped = init_tables(self.engine, self.projections)
        self.stores.create_log(DISTRICT)
        return reshaped

    def save(self, log_name: str, *aggregates) -> None:
        self.stores.save(log_name, *aggregates)

    def get(self, log_name: str, aggregate_id: UUID, cls: type | None = None,
            expected_version: int | None = None):
        """The aggregate (of class ``cls`` when given), or ``NotFoundError``; with ``expected_version``,
        a ``ConflictError`` when it has moved on since the caller read it (a stale form or request)."""
        try:
            aggregate = self.stores.log(log_name).repository.get(UUID(str(aggregate_id)))
        except (AggregateNotFoundError, ValueError) as exc:
            raise NotFoundError(str(aggregate_id)) from exc
        if cls is not None and not isinstance(aggregate, cls):
            raise NotFoundError(str(aggregate_id))
        check_version(aggregate, expected_version)
        return aggregate

    def get_or_none(self, log_name: str, aggregate_id: UUID, cls: type | None = None):
        """The aggregate, or None when the log has none with this id (or not of class ``cls``)."""
        try:
            return self.get(log_name, aggregate_id, cls)
        except NotFoundError:
            return None

    def get_remembered(self, log_name: str, aggregate_id: UUID, cls: type):
        """An aggregate that guards a rule (``core.aggregates.FlatCopy``), as this process last saved
        it, without asking the log whether another process wrote it since: if one did, saving it
        collides, the copy is forgotten and the command runs again on a fresh load (core.retrying)."""
        cache = self.stores.log(log_name).repository.cache
        try:
            if cache is None:
                raise KeyError(aggregate_id)
            aggregate = copy.deepcopy(cache.get(UUID(str(aggregate_id))))
        except KeyError:
            return self.get(log_name, aggregate_id, cls)
        if not isinstance(aggregate, cls):
            raise NotFoundError(str(aggregate_id))
        return aggregate

    def exists(self, log_name: str, aggregate_id: UUID) -> bool:
        """Whether the log has an aggregate with this id (one indexed row read, no replay)."""
        recorder = self.stores.log(log_name).recorder
        return bool(recorder.select_events(UUID(str(aggregate_id)), limit=1))

    def replay(self, log_name: str, aggregate_id: UUID, cls: type | None = None):
        """The aggregate rebuilt from its events alone, ignoring snapshots (older class versions)."""
        aggregate = None
        for domain_event in self.stores.log(log_name).repository.event_store.get(UUID(str(aggregate_id))):
            aggregate = domain_event.mutate(aggregate)
        if aggregate is None or (cls is not None and not isinstance(aggregate, cls)):
            raise NotFoundError(str(aggregate_id))
        return aggregate

    def history(self, log_name: str, *event_classes: type) -> tuple[list, int]:
        """Every stored event of these classes in the log, in log order, and the notification id
        of the last one (0 when none): what a new aggregate is opened from when the records it
        guards were written before it existed."""
        return self.stores.log(log_name).history(*event_classes)

    # -- projections ------------------------------------------------------------------------
    def projections_for(self, log_name: str) -> list:
        """The projections of one log: the district's, or those of the plugins a school has on."""
        enabled = frozenset() if log_name == DISTRICT else self._enabled_set(log_name)
        found = self._projections_of.get((log_name == DISTRICT, enabled))
        if found is None:
            if log_name == DISTRICT:
                found = [p for p in self.projections if p.scope == "district"]
            else:
                found = [p for p in self.projections if p.scope == "tenant"
                         and (self._projection_plugin.get(p.name) in enabled
                              or self._is_always_on(self._projection_plugin.get(p.name)))]
            self._projections_of[(log_name == DISTRICT, enabled)] = found
        return list(found)

    def _is_always_on(self, plugin_name: str | None) -> bool:
        info = self.registry.infos.get(plugin_name) if plugin_name else None
        return info is None or info.always_on

    def per_request(self, key: tuple, compute: Callable[[], T]) -> T:
        """``compute()``, remembered for the rest of the request (reads that several widgets and
        alerts of one page share). Any write in the request forgets everything remembered; outside
        a request nothing is remembered."""
        if not has_request_context():
            return compute()
        memo = g.setdefault(REQUEST_MEMO, {})
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    def remember(self, key: tuple, value: T) -> T:
        """Put ``value`` in place of what ``per_request(key, …)`` remembered (a page that read
        something fresher than what was remembered earlier in the request)."""
        if has_request_context():
            g.setdefault(REQUEST_MEMO, {})[key] = value
        return value

    def kept(self, tenant: str, key: tuple, compute: Callable[[], T]) -> T:
        """``compute()``, kept by the process while the school's read models and the district's stand
        where they stood (``core.summaries.read.school_memo``): a figure a page reads again and again
        between two writes is computed once. Only for what depends on nothing but the read models
        and the key (put the day, the year, the user in the key when it depends on them); outside a
        request, computed every time."""
        if not has_request_context():
            return compute()
        from core.summaries.read import school_memo   # noqa: PLC0415  (summaries read through the kernel)
        memo = self.per_request(("kept", tenant), lambda: school_memo(self, tenant))
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    def _after_save(self, log_name: str, recordings: list) -> None:
        """Every write catches up the log it wrote before it answers, whatever the deployment mode
        (beside a ``zhibu worker`` the position rows make the two take turns), so a user sees their
        own write. The write is stored by now: nothing here may turn it into an error. A projection
        that fails on the event stops alone (core.projections.projector); a busy or unreachable
        database is logged and left to the next catch-up."""
        if has_request_context():
            g.pop(REQUEST_MEMO, None)
            g.setdefault(STORED, []).extend((log_name, str(r.domain_event.originator_id),
                                             r.domain_event.originator_version) for r in recordings)
        self.followup.after_save(log_name, recordings)
        if log_name == DISTRICT and any(r.notification.topic.startswith(SCHOOL_TOPICS) for r in recordings):
            self._enabled.clear()  # a school's modules changed (other district events leave them)

    def catch_up(self, log_name: str | None = None) -> int:
        """Catch projections up with one log, or with every log (the district's first: it has the schools)."""
        if log_name:
            applied = self.projector.catch_up(log_name)
        else:
            applied = self.projector.catch_up(DISTRICT)
            self._enabled.clear()
            applied += sum(self.projector.catch_up(n) for n in self.tenant_slugs())
        self._enabled.clear()
        return applied

    def catch_up_everything(self, order: Callable[[list[str]], list[str]] | None = None,
                            skip_if_busy: bool = False, stop: Callable[[], bool] | None = None) -> int:
        """Catch up every log, each on its own: a log whose database is busy is logged and skipped
        (start-up after a crash, the worker's rounds). The district's first (it has the schools);
        ``order`` arranges the schools' logs, ``skip_if_busy`` leaves a log another process is
        catching up to it (several workers, core.worker) and ``stop()`` ends the round early."""
        applied = 0
        slugs = self.tenant_slugs()
        for name in [DISTRICT, *(order(slugs) if order else slugs)]:
            if stop is not None and stop():
                break
            try:
                applied += self.projector.catch_up(name, skip_if_busy=skip_if_busy)
            except Exception:  # noqa: BLE001  (one log's trouble must not hold up the others)
                logger.exception("catching up log %s failed; trying again in the next round", name)
            if name == DISTRICT:
                self._enabled.clear()
        return applied

    def is_initialised(self) -> bool:
        """Whether the explicit init step has created the read-model tables."""
        return inspect(self.engine).has_table(projection_positions.name)

    def together(self):
        """One command that saves in several logs (a district claim and a school's records): their
        projections catch up once at its end, in one read-model transaction (core.projections.writes)."""
        return self.followup.together()

    @property
    def deferred(self) -> bool:
        """Inside ``deferred_projections``: writes leave the catch-up to its end."""
        return self._deferred > 0

    @contextmanager
    def deferred_projections(self) -> Iterator[None]:
        """Write many commands, then catch up once (imports, demo data)."""
        self._deferred += 1
        try:
            yield
        finally:
            self._deferred -= 1

    def close(self) -> None:
        self.stores.close()
        self.engine.dispose()


def kernel() -> Kernel:
    return current_app.extensions["zhibu"]
