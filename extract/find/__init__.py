"""Finding records: a `Document` → agenda items, metrics, attendees, resolutions and actions."""
