"""The development dossier (全程纪实表) holds every step taken with its date, people and votes, and "无"
for the steps not yet taken."""
from __future__ import annotations

from datetime import date

from core.papers import papers, text_of
from plugins.development import services
from plugins.development.tests.helpers import full_members, person, set_today, walk


def test_the_dossier_lists_every_step_with_its_date_people_and_votes_and_wu_for_the_rest(k, tenant, clock, actor):
    fulls = full_members(k, tenant)
    set_today(clock, date(2024, 3, 1))
    case = services.open_case(k, tenant, person(name="李晓明"), date(2024, 3, 1))
    last = walk(k, tenant, clock, case.id, 15, fulls)
    made = papers(k, tenant)["development.dossier"].render(k, tenant, case.id)
    text = text_of(made.content)
    assert "发展党员全程纪实表（李晓明）" in text
    assert "姓名\t李晓明" in text and "递交入党申请书日期\t2024-03-01" in text
    stages = text.index("二、入党申请"), text.index("四、发展对象的确定和考察"), text.index("六、预备党员的教育考察和转正")
    assert stages[0] < text.index("\n1\t递交入党申请书") < stages[1] < text.index("\n9\t确定入党介绍人") < stages[2] \
        < text.index("\n25\t材料归档")
    lines = {line.split("\t")[0]: line.split("\t") for line in text.splitlines() if "\t" in line}
    assert lines["1"][1:3] == ["递交入党申请书", "2024-03-01"]
    assert lines["5"][4] == "老党员0、老党员1"                    # the contacts
    assert lines["9"][4] == "老党员2、老党员3"                    # the introducers
    assert lines["15"][2] == last.isoformat()
    assert lines["15"][5] == "应到10人，实到8人，书面意见1人；赞成8票，反对1票，弃权0票，通过"
    assert lines["16"][2:] == ["无"] * 5                          # not yet taken: "无", never blank
    assert lines["25"][2:] == ["无"] * 5
    assert ("case", str(case.id)) in made.sources and ("step", f"{case.id}:15") in made.sources
    choices = dict(papers(k, tenant)["development.dossier"].choices(k, tenant))
    assert choices[str(case.id)].startswith("李晓明")
