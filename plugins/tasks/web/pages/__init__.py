"""Pages of district tasks: a school's side (``school``, ``info``) and the district's (``district``)."""
from plugins.tasks import describe
from plugins.tasks.web import TEMPLATE_WORDS, bp, district_bp

LABELS = {**describe.FIELDS.labels, "owner": "负责人", "reason": "退回理由", "lines": "征订明细", "file": "文件",
          "deadline": "截止日期", "fields": "填报项"}


@bp.context_processor
@district_bp.context_processor
def _vocabulary():
    return {**TEMPLATE_WORDS, "FIELD_LABELS": LABELS}


from plugins.tasks.web.pages import district, info, school  # noqa: E402,F401  (routes register on import)
