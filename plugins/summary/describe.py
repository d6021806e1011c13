"""One Chinese sentence per summary event, for the audit console."""
from __future__ import annotations

from core.plugins import FieldLabels
from plugins.summary.domain import Summary

DESCRIBE = {
    Summary.Drafted: lambda e: f"由记录起草 {e.year} 年度党建工作总结（数据 {len(e.facts)} 项）",
    Summary.Edited: lambda e: "修改总结" + (f"，手工修改数据 {len(e.overrides)} 项" if e.overrides else ""),
    Summary.Adopted: lambda e: f"支委会通过总结（{e.adopted_on}）",
    Summary.Reopened: lambda e: f"更正已通过的总结：{e.reason}",
    Summary.Sent: lambda e: (f"报送区委（{'答复上级任务' if e.route == 'task' else '信息报送'}，{e.on}）"
                             + (f"，理由：{e.reason}" if e.reason else "")),
}


def describe(event) -> str | None:
    fn = DESCRIBE.get(type(event))
    return fn(event) if fn else None


EVENT_NAMES = {"Summary.Drafted": "工作总结·起草", "Summary.Edited": "工作总结·修改", "Summary.Adopted": "工作总结·通过",
               "Summary.Reopened": "工作总结·更正", "Summary.Sent": "工作总结·报送区委"}
FIELDS = FieldLabels(labels={"year": "年度", "facts": "数据", "sections": "正文", "overrides": "手工修改的数据",
                             "adopted_on": "通过日期", "meeting_id": "通过的会议",
                             "reason": "理由", "adoption": "第几次通过", "on": "报送日期", "route": "报送方式",
                             "record_id": "报送记录", "title": "标题"})
