"""One Chinese sentence per archive event, for the audit console (before/after for corrections)."""
from __future__ import annotations

from core.plugins import FieldLabels
from plugins.archive import rules
from plugins.archive.domain import ArchiveDocument, IndexOutput

LABELS = {"title": "文件标题", "category": "档案类别", "year": "归档年度", "number": "文号", "issued_on": "成文日期",
          "issuer": "责任者", "retention": "保管期限", "origin": "来源", "file": "文件", "paper": "生成依据",
          "note": "备注", "reason": "原因", "changes": "更正",
          "form": "输出方式", "documents": "文件数"}


def _v(value) -> str:
    return "（空）" if value is None or value == "" else str(value)


def _filed(e) -> str:
    source = "由记录生成并归档" if e.origin == "generated" else f"归档{rules.ORIGINS.get(e.origin, e.origin)}"
    number = f"（{e.number}）" if e.number else ""
    return f"{source}「{e.title}」{number}，{e.year} 年度，成文日期 {e.issued_on}"


DESCRIBE = {
    ArchiveDocument.Filed: _filed,
    ArchiveDocument.Described: lambda e: "更正档案著录：" + "；".join(
        f"{LABELS.get(f, f)}由「{_v(c['before'])}」改为「{_v(c['after'])}」" for f, c in e.changes.items()),
    ArchiveDocument.Withdrawn: lambda e: f"撤档，原因：{e.reason}",
    IndexOutput.Recorded: lambda e: f"{e.year} 年目录索引{rules.OUTPUT_FORMS.get(e.form, e.form)}（{e.documents} 件）",
}


def describe(event) -> str | None:
    fn = DESCRIBE.get(type(event))
    return fn(event) if fn else None


EVENT_NAMES = {"ArchiveDocument.Filed": "文书档案·归档", "ArchiveDocument.Described": "文书档案·更正著录",
               "ArchiveDocument.Withdrawn": "文书档案·撤档",
               "IndexOutput.Recorded": "文书档案·目录输出"}
FIELDS = FieldLabels(labels=LABELS, choices={"retention": rules.RETENTIONS, "origin": rules.ORIGINS,
                                                "form": rules.OUTPUT_FORMS})
