"""Plugins and the core: what they hand in (``contributions``) and the manager that calls them
(``registry``). Callers keep writing ``from core.plugins import Alert, Registry``."""
from core.plugins.contributions import (  # noqa: F401  (re-exported)
    Alert, Disclosable, Evidence, FieldLabels, Figure, Flag, MyItem, MySection, NavItem, Phrase, PluginInfo,
    RecordLink, ReportFigure, ReportPeriod, RosterSection, SUMMARY_SECTIONS, SummaryFact, Vocabulary, Widget,
    alert_kind, build_url, summary_facts_from,
)
from core.plugins.registry import (  # noqa: F401  (re-exported)
    DEFAULT_PLUGINS, KernelHooks, Registry, TenantHooks, flatten,
)
