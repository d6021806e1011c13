"""The tenant registry's read side, which the kernel and every plugin need: the schools, the plugins
each has enabled and their settings, and the day each school's records start. The registry's
commands, events and pages are the ``tenants`` package (it writes these tables)."""
