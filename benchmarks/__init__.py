"""`make bench`: measurements recorded in docs/benchmarks.md (never timed tests)."""
