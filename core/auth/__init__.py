"""Accounts, roles, sign-in and API tokens (the district log)."""
