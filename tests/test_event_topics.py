"""Every aggregate and event class keeps the topic its events are stored under, wherever its class
is defined now: ``fixtures/event_topics.json`` lists the topics as they were before the aggregate
modules became packages (issue 17, written from commit fdc64d3), and each topic still resolves to
its class, so the stored logs load and new events are stored under the topics old ones have."""
from __future__ import annotations

import importlib
import json
import pkgutil
from datetime import date
from pathlib import Path

from eventsourcing.domain import BaseAggregate, CanMutateAggregate
from eventsourcing.utils import get_topic, resolve_topic

from plugins.members import services

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "event_topics.json"


def _domain_modules() -> list[str]:
    """The domain of the kernel's own plugin, of the tenant registry and of every plugin."""
    names = ["core.auth.domain", "tenants.domain"]
    names += [f"plugins.{p.parent.name}.domain" for p in sorted(ROOT.glob("plugins/*/domain.py"))]
    names += [f"plugins.{p.parent.parent.name}.domain" for p in sorted(ROOT.glob("plugins/*/domain/__init__.py"))]
    return sorted(names)


def current_topics() -> dict[str, str]:
    """``<domain package>:<qualname>`` → topic, for every aggregate class defined in a domain and
    every event class nested in one (bar the library's base ``Event``, never stored)."""
    out: dict[str, str] = {}
    for root in _domain_modules():
        package = importlib.import_module(root)
        modules = [package] + [importlib.import_module(m.name) for m in
                               pkgutil.walk_packages(getattr(package, "__path__", []), root + ".")]
        for module in modules:
            for cls in vars(module).values():
                if not (isinstance(cls, type) and issubclass(cls, BaseAggregate)
                        and cls.__module__.startswith(root)):
                    continue
                out[f"{root}:{cls.__qualname__}"] = get_topic(cls)
                for name, nested in vars(cls).items():
                    if isinstance(nested, type) and issubclass(nested, CanMutateAggregate) and name != "Event" \
                            and nested.__qualname__.startswith(cls.__qualname__ + "."):
                        out[f"{root}:{nested.__qualname__}"] = get_topic(nested)
    return dict(sorted(out.items()))


def test_every_aggregate_and_event_class_keeps_the_topic_it_had_before_it_moved():
    before = json.loads(FIXTURE.read_text(encoding="utf-8"))
    now = current_topics()
    changed = {key: (topic, now.get(key)) for key, topic in before.items() if now.get(key) != topic}
    assert changed == {}


def test_every_topic_resolves_to_its_class():
    for key, topic in current_topics().items():
        root, _, qualname = key.partition(":")
        cls = importlib.import_module(root)
        for part in qualname.split("."):
            cls = getattr(cls, part)
        assert resolve_topic(topic) is cls, key


def test_a_new_event_of_a_moved_aggregate_is_stored_under_the_topic_old_ones_have(k, tenant, actor):
    services.register_member(k, tenant, {"name": "王五", "gender": "male", "id_number": "11010519491231002X",
                                         "joined_on": date(2012, 5, 1), "converted_on": date(2013, 5, 1)})
    topics = {n.topic for n in k.stores.log(tenant).recorder.select_notifications(start=1, limit=100)}
    assert {"plugins.members.domain:Member.Registered", "plugins.members.domain:MemberRegister.Opened",
            "plugins.members.domain:MemberRegister.Entered"} <= topics
    assert not any(t.startswith(("plugins.members.domain.", "plugins.meetings.domain.",
                                 "plugins.development.domain.")) for t in topics)


if __name__ == "__main__":   # writes the fixture: python -m tests.test_event_topics > tests/fixtures/event_topics.json
    print(json.dumps(current_topics(), indent=1, ensure_ascii=False))
