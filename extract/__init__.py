"""minutes: council minutes and reports → typed, traceable records in SQLite."""
