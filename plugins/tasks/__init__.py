"""上级任务督办与信息报送 (tasks): the district assigns tasks and collects reports; schools report up."""
