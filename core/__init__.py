"""Zhibu's kernel: app factory, event store, command context, projections, plugins, auth."""
