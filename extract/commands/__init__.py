"""The user-facing commands: the `minutes` CLI, trace, series, plot, serve (Datasette) and evaluate."""
