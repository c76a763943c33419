"""Who wrote what from whom, per story: `align` (sentence pairs across articles) and `copies`
(copy and rewrite links, independent sources)."""
