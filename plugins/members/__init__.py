"""Member registry (党员名册) and branch organisation."""
