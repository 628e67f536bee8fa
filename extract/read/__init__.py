"""Reading: a file (text, HTML, PDF) → `Document` (the stored text, its page starts, metadata)."""
