"""The tenant registry: schools (每个学校的党支部), their plugin choices and settings."""
