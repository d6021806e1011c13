"""三会一课 (meetings)."""
