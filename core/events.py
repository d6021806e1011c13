"""Event codes: the stable, readable name of a stored event type, derived from its topic with the
plugin's prefix (``plugins.dues.domain:DuesAccount.Paid`` → ``dues.account.paid``). The console
and the API show codes; the topic (module path and class) is how the log stores the type."""
from __future__ import annotations

import functools
import re

_WORDS = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def snake(name: str) -> str:
    """"BaseRecorded" → "base_recorded", "IDNumberChanged" → "id_number_changed"."""
    return _WORDS.sub("_", name).lower()


def owner_of(topic: str) -> str:
    """The plugin (or core part) a topic belongs to: ``plugins.dues…`` → dues, ``core.auth…`` →
    auth, ``tenants…`` → tenants."""
    module = topic.split(":", 1)[0].split(".")
    if module[0] in ("plugins", "core") and len(module) > 1:
        return module[1]
    return module[0]


@functools.lru_cache(maxsize=4096)   # a page names the same few types on every row
def event_code(topic: str) -> str:
    """``<plugin>.<aggregate>.<event>`` in snake case, the aggregate's name without the plugin's own
    name in front (DuesAccount in dues → account). Unknown shapes keep their last part."""
    owner = owner_of(topic)
    qualname = topic.split(":", 1)[-1]
    parts = qualname.split(".")
    if len(parts) < 2:
        return f"{owner}.{snake(parts[-1])}"
    aggregate, event = snake(parts[-2]), snake(parts[-1])
    for prefix in (owner, owner.rstrip("s")):
        if aggregate.startswith(prefix + "_"):
            aggregate = aggregate[len(prefix) + 1:]
            break
    return f"{owner}.{aggregate}.{event}"
