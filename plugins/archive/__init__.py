"""文书档案 (the archive): documents filed by category and year, their directory index."""
