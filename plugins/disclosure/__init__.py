"""党务公开 (party-affairs disclosure): what the branch discloses, generated from its records."""
