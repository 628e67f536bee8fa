"""Storing: records → SQLite tables derived from `schemas/`, with full-text search and export."""
