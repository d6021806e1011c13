"""发展党员 (development)."""
