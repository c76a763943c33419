"""Batch runners: the pipeline over a corpus, in this process (`local`) or on Apache Spark.

`run_batch` (runners/batch.py) drives the stages; the steps it runs are in `steps.py`,
`grouping.py` and `components.py`; an engine (`local.py`, `spark.py`) only moves rows.
"""
