"""engines: the price table in SQL, run by DuckDB or emitted for a warehouse."""
