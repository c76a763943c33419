"""The steps of story grouping; `newsweave.stages.group` documents and composes them."""
