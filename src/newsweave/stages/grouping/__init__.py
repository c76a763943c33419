"""The steps of story grouping; `stories` documents and composes them (articles -> stories)."""
