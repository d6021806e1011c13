"""The draft's wording around facts, tokens kept as links, a hand-changed value marked."""
from plugins.summary import rules

FACTS = [{"key": "meetings.held.committee", "section": "mechanism", "sentence": "召开支委会{value}{unit}。",
          "value": 3, "unit": "次", "url": "/t/a/meetings/"}]


def test_every_section_has_its_facts_as_tokens_and_a_place_for_the_secretary():
    sections = rules.draft_sections(FACTS)
    assert set(sections) == set(rules.SECTIONS)
    assert sections["mechanism"].startswith("召开支委会{{fact:meetings.held.committee}}次。")
    assert all(rules.OWN_WORDS in text for text in sections.values())


def test_a_token_renders_its_value_and_link_and_a_changed_value_is_marked_with_both():
    facts = {f["key"]: f for f in FACTS}
    text = "全年{{fact:meetings.held.committee}}次，{{fact:nothing}}。"
    seg = rules.segments(text, facts, {})
    assert [s.get("fact") for s in seg] == [None, "meetings.held.committee", None]
    assert seg[1]["url"] == "/t/a/meetings/" and seg[1]["changed"] is False
    assert rules.plain(text, facts, {}) == "全年3次，{{fact:nothing}}。"
    assert rules.plain(text, facts, {"meetings.held.committee": "4"}) == "全年4（手工修改，记录为 3）次，{{fact:nothing}}。"
