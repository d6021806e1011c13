"""Zhibu's domain plugins. Each is a package of the same shape; read plugins/members first."""
