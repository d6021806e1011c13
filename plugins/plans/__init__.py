"""年度计划与经费 (plans): the annual work plan, activity funds and the activity room."""
