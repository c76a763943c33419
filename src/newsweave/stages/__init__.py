"""The analysis as pure functions over model objects, one package per step of the pipeline.

`article` prepares each article alone; `grouping` makes stories of them; `dates`, `provenance`,
`entities`, `claims` (with `conflicts`) and `summary` each add one layer to a story. A package
imports only packages listed before it (and `_graph`, the connected-groups helper they share).
"""
