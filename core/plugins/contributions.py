"""What plugins hand to the core: their description, nav items, widgets, alerts, figures, roster
sections, "我的" sections, flags, evidence and field labels (plain frozen dataclasses)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

@dataclass(frozen=True)
class PluginInfo:
    """What a plugin says about itself."""

    name: str                      # one name everywhere: package, blueprint, tables, actions
    title: str                     # Chinese title shown to users
    description: str = ""
    settings_schema: Any = None    # a marshmallow Schema class validating the school's settings
    always_on: bool = False        # core features every school has (members)
    order: int = 100               # position in navigation and lists
    # The plugin's aggregates in the district log (class names) whose events can change its district
    # figures or alerts, and only its own (core.summaries marks just those rows stale); None: any of
    # its district events may change any figure of the schools the event names.
    district_figures_from: tuple[str, ...] | None = None


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    order: int = 100
    icon: str = ""
    badge: int | None = None   # a count beside the label (unread notices); such an item shows in the top bar too


@dataclass(frozen=True)
class Widget:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100
    action: str | None = None   # the permission whoever sees it must hold (core.permissions.shown)


@dataclass(frozen=True)
class Alert:
    """Something that needs attention. Its link is named by ``endpoint`` and ``values`` (the core
    builds the URL and shows the alert only to whoever may open it), or, for a link outside the
    app's pages, given as ``url``."""

    level: str          # "info", "warning", "danger"
    text: str
    url: str | None = None
    source: str = ""    # plugin name
    due: Any = None     # a date, where there is one
    action: str | None = None   # the permission whoever sees it must hold; its link must open too
    endpoint: str | None = None  # "meetings.compliance"
    values: dict = field(default_factory=dict, hash=False)   # {"tenant": "school-a", …}

    def __post_init__(self):
        if self.endpoint and self.url is None:
            object.__setattr__(self, "url", build_url(self.endpoint, self.values))

    @property
    def link(self) -> str | None:
        """Where the alert leads (the URL of its endpoint, built by the core)."""
        return self.url


def alert_kind(alert) -> str:
    """The kind of an alert, stable across schools: the plugin that raised it, its level and the page
    it leads to ("dues:danger:dues.member"). The district dashboard and the school home page group by it."""
    return f"{alert.source or '-'}:{alert.level}:{alert.endpoint or '-'}"


def build_url(endpoint: str, values: dict) -> str | None:
    """The path of an endpoint of this app (extra values become the query string), without a request;
    None outside the app or for an endpoint it does not have."""
    from flask import current_app, has_app_context  # noqa: PLC0415  (plugins build alerts without Flask)
    from werkzeug.routing import BuildError  # noqa: PLC0415
    if not has_app_context():
        return None
    try:
        return current_app.url_map.bind("localhost").build(endpoint, values)
    except BuildError:
        return None


@dataclass(frozen=True)
class Figure:
    key: str            # "dues.collection_rate"
    label: str
    value: Any
    unit: str = ""
    status: str = "ok"  # "ok", "warning", "danger"
    order: int = 100


@dataclass(frozen=True)
class RosterSection:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Any]]
    action: str | None = None   # the permission whoever sees it must hold (core.permissions.shown)


@dataclass(frozen=True)
class Phrase:
    """Words that the core translates when it shows them, built without Flask: a message id and its
    values (``Phrase("%(n)s 个月", {"n": 4})``); a value may itself be a Phrase."""
    msgid: str
    values: dict = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class MyItem:
    """One line of a ``MySection``: a title, short (label, value) details, a status word and a link.
    Labels and status words are message ids (translated when shown); titles and values are data, or a
    ``Phrase`` to translate."""
    title: str
    details: list = field(default_factory=list, hash=False)   # [(label, value)]
    status: str = ""
    level: str = ""            # "ok", "warning", "danger", "info", "" (how the status is shown)
    url: str | None = None     # shown only when the member may open it


@dataclass(frozen=True)
class MySection:
    """A part of a member's own page ("我的", ``zhibu_my_sections``): figures, then items (a list that a
    phone shows as cards), or ``empty`` when there are none, and a link to the full record, built from
    ``endpoint`` and ``values`` like an alert's and shown only when the member may open it."""
    key: str                   # "dues"
    title: str                 # message id, "我的党费"
    order: int = 100
    figures: list = field(default_factory=list, hash=False)   # [(label, value, level)]
    items: list = field(default_factory=list, hash=False)     # [MyItem]
    empty: str = ""            # message id shown when there are no items
    link_label: str = ""       # message id of the link
    endpoint: str | None = None
    values: dict = field(default_factory=dict, hash=False)
    url: str | None = None

    def __post_init__(self):
        if self.endpoint and self.url is None:
            object.__setattr__(self, "url", build_url(self.endpoint, self.values))


@dataclass(frozen=True)
class Flag:
    code: str           # "integrity.ethics_veto"
    label: str
    severity: str = "warning"


@dataclass(frozen=True)
class Evidence:
    item: str                         # indicator item code, e.g. "meetings.compliance"
    score_ratio: float                # 0..1 share of the item's points earned
    summary: str
    figures: dict = field(default_factory=dict)
    links: list[dict] = field(default_factory=list)   # {"label", "url", "event_ids": [...]}


@dataclass(frozen=True)
class FieldLabels:
    """How a plugin's stored fields read in words (the audit console): ``labels`` (field → label),
    ``choices`` (field → {stored code → word}) and the fields that hold amounts of money."""
    labels: dict = field(default_factory=dict)
    choices: dict = field(default_factory=dict)
    money: frozenset = frozenset()


@dataclass(frozen=True)
class Vocabulary:
    """Every plugin's event names and field labels, merged (the first plugin to name a thing wins);
    ``owners`` gives each event type its own plugin's labels, which come first for its fields."""
    events: dict
    labels: dict
    choices: dict
    money: frozenset
    owners: dict = field(default_factory=dict)


@dataclass(frozen=True)
class RecordLink:
    """A link another plugin shows on one record's page (a meeting: "审议 2026 年度党建工作计划"):
    ``text`` a message id or ``N_(…)`` message, translated where shown; shown only when it opens."""
    text: Any
    endpoint: str
    values: dict = field(default_factory=dict, hash=False)
    order: int = 100


@dataclass(frozen=True)
class ReportPeriod:
    """A period a report form asks about: a year ``2026``, a half ``2026-H1``, a quarter ``2026-Q3``
    or a month ``2026-05``; ``first`` and ``last`` are its days."""
    code: str
    first: Any
    last: Any

    @classmethod
    def parse(cls, code: str) -> "ReportPeriod":
        """The period of a code; ValueError when the code is none of the four shapes."""
        from datetime import date, timedelta  # noqa: PLC0415
        text = (code or "").strip().upper()
        year = int(text[:4]) if text[:4].isdigit() and len(text) >= 4 else 0
        if not 1900 <= year <= 2100:
            raise ValueError(code)
        rest = text[4:]
        if rest == "":
            return cls(text, date(year, 1, 1), date(year, 12, 31))
        if rest in ("-H1", "-H2"):
            half = int(rest[2])
            return cls(text, date(year, 6 * half - 5, 1),
                       date(year, 6, 30) if half == 1 else date(year, 12, 31))
        if rest in ("-Q1", "-Q2", "-Q3", "-Q4"):
            q = int(rest[2])
            last = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
            return cls(text, date(year, 3 * q - 2, 1), last - timedelta(days=1))
        if len(rest) == 3 and rest[0] == "-" and rest[1:].isdigit() and 1 <= int(rest[1:]) <= 12:
            month = int(rest[1:])
            last = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
            return cls(text, date(year, month, 1), last - timedelta(days=1))
        raise ValueError(code)


@dataclass(frozen=True)
class ReportFigure:
    """One figure of a school's records for a period (``zhibu_report_figures``): ``key`` is stable
    (``members.total``), a report form's field is bound to it; ``value`` an int, Decimal or text."""
    key: str
    label: str
    value: Any
    unit: str = ""
    order: int = 100


@dataclass(frozen=True)
class Disclosable:
    """A fact of a school's records that the branch may disclose (``zhibu_disclosable``, 党务公开):
    ``kind`` names the plugin and the fact (``dues.publication``), ``key`` is stable for the one fact
    (``dues.publication:2026``), ``event_date`` the day it happened (a period's last day), ``text`` and
    ``columns``/``rows`` the short public text and table (nothing personal beyond what the item
    publishes), ``period`` the period code of a periodic fact ("2026", "2026-Q3"), and ``endpoint`` and
    ``values`` the record it comes from."""
    kind: str
    key: str
    title: str
    event_date: Any
    text: str = ""
    columns: tuple = ()
    rows: tuple = ()
    period: str | None = None
    endpoint: str | None = None
    values: dict = field(default_factory=dict, hash=False)
    url: str | None = None

    def __post_init__(self):
        if self.endpoint and self.url is None:
            object.__setattr__(self, "url", build_url(self.endpoint, self.values))


SUMMARY_SECTIONS = ("mechanism", "affairs", "development", "excellence", "integrity", "disclosure")


@dataclass(frozen=True)
class SummaryFact:
    """One fact of a school's records for the year's work summary (``zhibu_summary_facts``): ``key`` is
    stable and names the plugin (``meetings.held.committee``), ``section`` one of ``SUMMARY_SECTIONS``,
    ``sentence`` a Chinese sentence holding ``{value}`` (and ``{unit}``), ``value`` an int, Decimal or
    text, and ``endpoint``/``values`` the record it was read from (its source link)."""
    key: str
    section: str
    sentence: str
    value: Any
    unit: str = ""
    endpoint: str | None = None
    values: dict = field(default_factory=dict)
    order: int = 100


def summary_facts_from(figures, sentences: dict, endpoint: str, values: dict) -> list[SummaryFact]:
    """A plugin's ``ReportFigure``s of a year → ``SummaryFact``s: ``sentences`` maps a figure's key to
    (section, sentence); figures not named are left out."""
    return [SummaryFact(key=f.key, section=sentences[f.key][0], sentence=sentences[f.key][1], value=f.value,
                        unit=f.unit, endpoint=endpoint, values=dict(values), order=f.order)
            for f in figures if f.key in sentences]
