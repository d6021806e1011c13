"""考核评议 (assessment)."""
