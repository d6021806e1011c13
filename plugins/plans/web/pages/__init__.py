"""The plans pages (Chinese first), by topic. Every view declares its action; writes go through services."""
from plugins.plans import rules
from plugins.plans.web import bp, may


@bp.context_processor
def _vocabulary():
    return {"STATUSES": rules.STATUSES, "PLAN_STATUSES": rules.PLAN_STATUSES, "HALVES": rules.HALVES, "may": may}


# The routes register on import.
from plugins.plans.web.pages import plan, funds, room, district  # noqa: E402,F401,I001
