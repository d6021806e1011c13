"""A Chinese sentence for every event of this plugin (audit console, history tables)."""
from __future__ import annotations

from core.plugins import FieldLabels
from plugins.assessment import rules
from plugins.assessment.domain import (
    Assessment, BallotBox, EvaluationRound, HandlingTrack, IndicatorSet, SelfCheck,
)


def _n(value) -> str:
    return "—" if value is None else f"{value:g}"


def _set(e) -> str | None:
    if isinstance(e, IndicatorSet.Created):
        n = len(rules.items_of(e.criteria))
        return f"创建{e.year}年度五好支部考核指标体系「{e.title}」（{len(e.criteria)} 项内容、{n} 个要点）"
    if isinstance(e, IndicatorSet.Revised):
        before, after = e.before, {"title": e.title, "criteria": e.criteria}
        b_items, a_items = rules.items_of(before["criteria"]), rules.items_of(after["criteria"])
        changes = [f"{c}：{b_items[c]['points']:g}→{a_items[c]['points']:g} 分" for c in a_items
                   if c in b_items and b_items[c]["points"] != a_items[c]["points"]]
        changes += [f"新增 {c}" for c in a_items if c not in b_items]
        changes += [f"删除 {c}" for c in b_items if c not in a_items]
        if before["title"] != e.title:
            changes.append(f"名称「{before['title']}」→「{e.title}」")
        if before["grade_bands"] != e.grade_bands:
            changes.append("等次分数线调整")
        return f"修订考核指标体系（{'；'.join(changes) or '文字说明'}），原因：{e.reason}"
    return None


def _assessment(e) -> str | None:
    A = Assessment
    if isinstance(e, A.Opened):
        return f"开始{e.year}年度五好支部考核（使用指标体系第 {e.set_version} 版）"
    if isinstance(e, A.SetAdopted):
        return f"改用考核指标体系第 {e.set_version} 版（原第 {e.before} 版）"
    if isinstance(e, A.EvidenceRecorded):
        parts = [f"{c} {_n(e.before.get(c))}→{_n(v['score'])} 分" if c in e.before else f"{c} {_n(v['score'])} 分"
                 for c, v in e.items.items()]
        return "按业务记录预填得分：" + "；".join(parts)
    if isinstance(e, A.SelfScored):
        was = f"（原 {_n(e.before)} 分）" if e.before is not None else ""
        return f"支部自评 {e.item}：{_n(e.score)} 分{was}" + (f"，说明：{e.comment}" if e.comment else "")
    if isinstance(e, A.SelfSummaryDrafted):
        return f"支部自评总结（草稿）：{e.comment}" if e.comment else "清空支部自评总结草稿"
    if isinstance(e, A.EvidenceAttached):
        return f"上传佐证材料「{e.file['name']}」" + (f"（要点 {e.item}）" if e.item else "")
    if isinstance(e, A.SelfAssessmentSubmitted):
        return f"支部提交自评，自评总分 {_n(e.total)} 分"
    if isinstance(e, A.SentBack):
        return f"退回支部自评，原因：{e.reason}"
    if isinstance(e, A.ItemScored):
        head = f"区级评分 {e.item}：{_n(e.before)}→{_n(e.score)} 分" if e.before is not None \
            else f"区级评分 {e.item}：{_n(e.score)} 分"
        if e.prefilled is not None:
            head += "（同意预填分）" if e.agreed else f"（预填 {_n(e.prefilled)} 分）"
        return head + (f"，理由：{e.reason}" if e.reason else "")
    if isinstance(e, A.Commented):
        return f"考核评语：{e.text}"
    if isinstance(e, A.Published):
        was = f"（原 {_n(e.before['total'])} 分「{e.before['grade']}」）" if e.before.get("total") is not None else ""
        return f"公布考核结果（第 {e.round} 次）：总分 {_n(e.total)} 分，等次「{e.grade}」{was}" + \
            (f"，理由：{e.reason}" if e.reason else "")
    if isinstance(e, A.ReassessmentOpened):
        return f"发起复核（原 {_n(e.total)} 分「{e.grade}」），原因：{e.reason}"
    return None


def _round(e) -> str | None:
    R = EvaluationRound
    if isinstance(e, R.Opened):
        full = sum(1 for p in e.participants if p["status"] == "full")
        return f"开始{e.year}年度民主评议党员：正式党员 {full} 人、预备党员 {len(e.participants) - full} 人参加"
    if isinstance(e, R.SelfAssessmentWritten):
        return f"{e.member_name}提交个人自评" if e.before is None else f"{e.member_name}修改个人自评"
    if isinstance(e, R.BallotClosed):
        return f"结束互评投票并计票：共 {e.ballots} 张选票"
    if isinstance(e, R.GradeProposed):
        was = f"（原「{rules.GRADES.get(e.before, e.before)}」）" if e.before else ""
        return f"支委会提出{e.member_name}的评议等次「{rules.GRADES[e.grade]}」{was}"
    if isinstance(e, R.ResultsPublished):
        counts = "、".join(f"{rules.GRADES[g]} {n} 人" for g, n in e.counts.items())
        return f"公布民主评议结果并报上级党组织：{counts}"
    if isinstance(e, BallotBox.Opened):
        return f"{e.year}年度民主评议互评票箱开启"
    if isinstance(e, BallotBox.VoteCast):
        return "一名党员已投票（选票内容匿名计入，不与投票人关联）"
    if isinstance(e, BallotBox.Closed):
        return f"互评票箱关闭，共 {e.ballots} 人投票"
    return None


def _track(e) -> str | None:
    H = HandlingTrack
    if isinstance(e, H.Opened):
        deadline = f"，改正期限 {e.deadline.isoformat()}" if e.deadline else ""
        return f"支委会提出对{e.member_name}「{rules.MEASURES[e.measure]}」的处置意见{deadline}，理由：{e.reason}"
    if isinstance(e, H.PreReviewed):
        return f"上级党组织预审（{e.reviewed_on.isoformat()}）" + (f"：{e.note}" if e.note else "")
    if isinstance(e, H.CongressVoted):
        result = "通过" if e.passed else f"未通过（{e.failure}）"
        written = f"、书面意见 {e.written}" if e.written else ""
        return (f"支部党员大会表决（{e.held_on.isoformat()}）：应到 {e.entitled}、实到 {e.present}{written}，"
                f"赞成 {e.yes}、反对 {e.no}、弃权 {e.abstain}，{result}")
    if isinstance(e, H.Approved):
        return f"{e.approver}批准处置意见（{e.approved_on.isoformat()}）" + (f"，文号 {e.document}" if e.document else "")
    if isinstance(e, H.Concluded):
        label = next((o[e.outcome] for o in rules.OUTCOMES.values() if e.outcome in o), e.outcome)
        return f"处置办结（{e.concluded_on.isoformat()}）：{label}，{e.reason}"
    return None


def _other(e) -> str | None:
    if isinstance(e, SelfCheck.Recorded):
        late = "（补录）" if e.late else ""
        return f"{e.subject_name}提交{e.year}年{rules.PERIODS[e.period]}{late}"
    if isinstance(e, SelfCheck.Amended):
        return f"更正自查内容（原文：{e.before[:60]}），原因：{e.reason}"
    return None


def describe(event) -> str | None:
    for part in (_set, _assessment, _round, _track, _other):
        text = part(event)
        if text is not None:
            return text
    return None


# -- names and labels for the audit console ------------------------------------------------------
EVENT_NAMES = {
    "IndicatorSet.Created": "考核指标·制定", "IndicatorSet.Revised": "考核指标·修订",
    "Assessment.Opened": "“五个好”考核·启动", "Assessment.SetAdopted": "“五个好”考核·采用指标",
    "Assessment.EvidenceRecorded": "“五个好”考核·取数佐证", "Assessment.SelfScored": "“五个好”考核·自评打分",
    "Assessment.SelfSummaryDrafted": "“五个好”考核·自评总结草稿",
    "Assessment.EvidenceAttached": "“五个好”考核·附证明材料", "Assessment.SelfAssessmentSubmitted": "“五个好”考核·提交自评",
    "Assessment.SentBack": "“五个好”考核·退回自评", "Assessment.ItemScored": "“五个好”考核·评分",
    "Assessment.Commented": "“五个好”考核·评语", "Assessment.Published": "“五个好”考核·公布结果",
    "Assessment.ReassessmentOpened": "“五个好”考核·复核",
    "EvaluationRound.Opened": "民主评议·启动", "EvaluationRound.SelfAssessmentWritten": "民主评议·个人自评",
    "EvaluationRound.BallotClosed": "民主评议·计票", "EvaluationRound.GradeProposed": "民主评议·提出等次",
    "EvaluationRound.ResultsPublished": "民主评议·公布结果",
    "BallotBox.Opened": "民主评议票箱·开启", "BallotBox.VoteCast": "民主评议票箱·投票", "BallotBox.Closed": "民主评议票箱·关闭",
    "HandlingTrack.CongressVoted": "不合格党员处置·党员大会表决", "HandlingTrack.Opened": "不合格党员处置·提出",
    "HandlingTrack.PreReviewed": "不合格党员处置·预审", "HandlingTrack.Approved": "不合格党员处置·批准",
    "HandlingTrack.Concluded": "不合格党员处置·办结",
    "SelfCheck.Recorded": "定期自查·登记", "SelfCheck.Amended": "定期自查·修改",
}
FIELDS = FieldLabels(
    labels={"year": "年度", "title": "名称", "criteria": "考核指标", "grade_bands": "等次划分", "based_on": "依据",
            "reason": "原因", "before": "之前", "set_version": "指标版本", "items": "佐证数据", "item": "考核项",
            "score": "得分", "comment": "评语", "file": "文件", "note": "说明", "total": "总分", "prefilled": "取数得分",
            "agreed": "认可取数", "text": "内容", "grade": "等次", "computed_grade": "按分数应得等次",
            "by_criterion": "各项得分", "round": "轮次", "participants": "参评党员", "cap_numerator": "优秀比例（分子）",
            "cap_denominator": "优秀比例（分母）", "opened_on": "启动日期", "member_id": "党员", "member_name": "党员",
            "tallies": "计票结果", "ballots": "票数", "published_on": "公布日期", "counts": "人数", "round_id": "评议轮次",
            "voter": "投票人", "measure": "处置方式", "facts": "事实", "proposed_on": "提出日期", "deadline": "期限",
            "reviewed_on": "预审日期", "approved_on": "批准日期", "approver": "批准机关", "document": "批复文件",
            "outcome": "结果", "concluded_on": "办结日期", "period": "自查期", "subject": "对象", "subject_name": "对象",
            "recorded_on": "登记日期", "late": "补录", "summary": "说明", "ratio": "达成比例", "figures": "数据",
            "links": "依据", "label": "名称", "url": "链接", "events": "关联事件", "code": "代码", "name": "名称",
            "points": "分值", "min": "最低分", "id": "编号", "version": "版本", "steps": "步骤数",
            "verified": "已核对", "missing": "缺失的事件", "guidance": "评分说明",
            "confirmed": "已确认", "full_members": "正式党员数", "published": "已公布"},
    choices={"grade": {**rules.GRADES}, "measure": rules.MEASURES, "period": rules.PERIODS,
             "item": rules.EVIDENCE_SOURCES, "items": rules.EVIDENCE_SOURCES,
             "tallies": rules.GRADES, "counts": rules.GRADES, "by_criterion": rules.CRITERIA,
             "outcome": {w: t for words in rules.OUTCOMES.values() for w, t in words.items()}},
)
