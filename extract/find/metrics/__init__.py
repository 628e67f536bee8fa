"""Metrics: a `Document` with its agenda items and sentences → `Metric` rows (figures, roles, periods, indicators)."""
