"""What other plugins say about one record, for its page (``zhibu_record_links``): each link's words
in the reader's language and its URL, only the links the user may open."""
from __future__ import annotations

from core.kernel import Kernel
from core.messages import translated
from core.permissions import may_open
from core.plugins import build_url, flatten


def record_links(k: Kernel, tenant: str, record: str, record_id) -> list[tuple[str, str]]:
    """(words, url) of every plugin's links to record ``record`` ("meetings.meeting") ``record_id``."""
    found = flatten(k.hooks(tenant).zhibu_record_links(tenant=tenant, record=record, record_id=record_id))
    out = []
    for link in sorted(found, key=lambda x: x.order):
        url = build_url(link.endpoint, link.values)
        if url and may_open(url):
            out.append((translated(link.text), url))
    return out
