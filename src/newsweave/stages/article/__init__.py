"""Per-article stages: `clean` (page noise, `_noise` patterns), `profiles` (per-source
boilerplate, a reduce by source) and `annotate` (spaCy sentences and mentions)."""
