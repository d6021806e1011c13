"""describe_event must cover every event type of every registered plugin (whatever is installed)."""
from __future__ import annotations

import inspect
import uuid
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from eventsourcing.domain import Aggregate, event

from core.hookspecs import hookimpl
from plugins.audit.rules.catalogue import registered_event_classes

class Anything(dict):
    """A fabricated mapping: any key a description asks for has a plausible value."""

    def __missing__(self, key):
        return "示例"


SAMPLES = {"str": "示例", "int": 1, "float": 1.0, "bool": False, "date": date(2026, 5, 1),
           "datetime": datetime(2026, 5, 1, 8, 0, tzinfo=timezone.utc), "dict": Anything(), "list": [],
           "tuple": (), "Decimal": Decimal("1.00"), "UUID": uuid.UUID(int=1), "set": set()}


def sample(annotation) -> object:
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", str(annotation))
    for part in (p.strip() for p in text.replace("Optional[", "").replace("]", "").split("|")):
        base = part.split("[")[0].split(".")[-1]
        if base in SAMPLES:
            return SAMPLES[base]
    return None


def fabricate(event_cls):
    """A minimal instance of an event class: every field given a plausible value of its type."""
    event = object.__new__(event_cls)
    values = {"originator_id": uuid.UUID(int=2), "originator_version": 1,
              "timestamp": datetime(2026, 5, 1, 8, 0, tzinfo=timezone.utc),
              "meta": {"actor_name": "tester", "role": "secretary"}}
    for name, param in inspect.signature(event_cls.__init__).parameters.items():
        if name in ("self", *values):
            continue
        values[name] = sample(param.annotation) if param.annotation is not inspect.Parameter.empty else None
    if "originator_topic" in values:
        values["originator_topic"] = "tests:Aggregate"
    event.__dict__.update(values)
    return event


def owns(impl, event_cls) -> bool:
    """Whether a hook implementation belongs to the plugin that defines the event class."""
    package = getattr(impl.plugin, "__name__", type(impl.plugin).__module__).rsplit(".", 1)[0]
    return event_cls.__module__ == package or event_cls.__module__.startswith(package + ".")


def undescribed(k) -> tuple[list[str], list[str]]:
    """Each implementation is asked in turn: one must describe the event. A fabricated instance may
    carry values its own plugin would never store (an unknown code), so an error raised by the
    owning plugin still shows a description exists; an error raised by another plugin does not
    (it would break the console for that event), nor does every plugin answering None."""
    classes = registered_event_classes(k.registry)
    assert len(classes) >= 20      # the core's, the members registry's and ours at least
    impls = k.registry.hook.zhibu_describe_event.get_hookimpls()
    missing, broken = [], []
    for cls in classes:
        event, described = fabricate(cls), False
        for impl in impls:
            try:
                text = impl.function(event=event, locale="zh_CN")
            except Exception as exc:  # noqa: BLE001  (report every class, not just the first)
                if owns(impl, cls):
                    described = True
                else:
                    broken.append(f"{impl.plugin_name} on {cls.__module__}.{cls.__qualname__}: {exc!r}")
                continue
            if isinstance(text, str) and text.strip():
                described = True
        if not described:
            missing.append(f"{cls.__module__}.{cls.__qualname__}")
    return missing, broken


def test_every_registered_event_type_has_a_description(k):
    missing, broken = undescribed(k)
    assert not missing, "no description for: " + ", ".join(missing)
    assert not broken, "describe_event of another plugin failed on: " + "; ".join(broken)


class Undescribed(Aggregate):
    @event("Happened")
    def __init__(self, what: str):
        self.what = what


class _SilentPlugin:
    """A plugin that registers an aggregate and describes none of its events."""

    @hookimpl
    def zhibu_event_classes(self):
        return [Undescribed]


@pytest.mark.parametrize("extra_plugins", [(_SilentPlugin(),)])
def test_an_event_type_without_a_description_is_reported(k):
    missing, _ = undescribed(k)
    assert missing == [f"{__name__}.Undescribed.Happened"]


def test_an_unknown_event_gets_no_description(k):
    class Stranger:
        pass
    assert k.registry.hook.zhibu_describe_event(event=Stranger(), locale="zh_CN") is None


def test_the_console_describes_each_event_as_the_hook_does(k):
    """Asking the implementation that answered an event's class first gives the hook's own answer, for
    every registered event type, the first time and the next."""
    from plugins.audit.queries.history.described import describe
    hook = k.registry.hook.zhibu_describe_event
    compared = 0
    for cls in registered_event_classes(k.registry):
        event = fabricate(cls)
        try:
            expected = hook(event=event, locale="zh_CN")
        except Exception:  # noqa: BLE001  (a fabricated value its own plugin refuses: nothing to compare)
            continue
        if expected is None:
            continue
        assert describe(k, event) == describe(k, event) == expected, cls
        compared += 1
    assert compared >= 20


class _Listening:
    """A plugin registered last (pluggy asks it first) that describes nothing and counts what it is asked."""

    def __init__(self):
        self.asked = 0

    @hookimpl
    def zhibu_describe_event(self, event, locale):
        self.asked += 1
        return None


@pytest.mark.parametrize("extra_plugins", [(_Listening(),)])
def test_a_page_asks_each_events_own_plugin_not_every_plugin(k):
    from plugins.audit.queries.history.described import describe
    from plugins.members.domain import Member
    listening = next(p for p in k.registry.pm.get_plugins() if isinstance(p, _Listening))
    events = [fabricate(Member.Registered) for _ in range(3)]
    texts = {describe(k, e) for e in events}
    assert listening.asked == 1   # the first event asked every plugin in turn; the others, members only
    assert texts == {k.registry.hook.zhibu_describe_event(event=events[0], locale="zh_CN")}
