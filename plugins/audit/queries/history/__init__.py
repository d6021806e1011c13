"""The event history across logs: filter the audit index, then decode and describe only the rows shown."""
from plugins.audit.queries.history.described import Described, Names, describe, describe_rows
from plugins.audit.queries.history.index import (
    COUNT_CAP, Criteria, Extent, event_types, export_extent, export_query, get_row, history_query, iter_export,
    list_history, record_rows,
)
from plugins.audit.queries.history.stored import (
    HIDDEN, changes, from_school_names, ids_in, load_event, load_events, payload, plain, record_names, school_names,
    shown_state,
)

__all__ = ["COUNT_CAP", "HIDDEN", "Criteria", "Described", "Extent", "Names", "changes", "describe", "describe_rows",
           "event_types", "export_extent", "export_query", "from_school_names", "get_row", "history_query", "ids_in",
           "iter_export", "list_history", "load_event", "load_events", "payload", "plain", "record_names",
           "record_rows", "school_names", "shown_state"]
