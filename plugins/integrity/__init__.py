"""廉洁与承诺 (integrity)."""
