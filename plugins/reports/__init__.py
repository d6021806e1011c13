"""报表报送: report forms pre-filled from the record (一表同享) and the annual statistics sent up (党员统计报表)."""
