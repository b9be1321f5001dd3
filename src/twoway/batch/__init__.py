"""Whole cohorts at once: ``twoway batch`` and ``twoway cohort`` (``docs/batch.md``).

>>> from twoway.batch import Batch, BatchConfig
>>> batch = Batch(BatchConfig(("transcripts/",), "results.parquet", me="Alex"))  # doctest: +SKIP
>>> summary = batch.run()  # doctest: +SKIP

Files are analyzed on all cores (or a Dask cluster), rows are written a chunk at a time so memory
stays flat, and a re-run skips every file whose content is already in the output.
"""

from twoway.batch._columns import CONVERSATION_COLUMNS, SPEAKER_COLUMNS, Row
from twoway.batch._inputs import expand_inputs, read_me_map
from twoway.batch._me import ROLE_WORDS, MeRule
from twoway.batch._output import OUTPUT_FORMATS, read_rows
from twoway.batch._run import Batch, BatchConfig, Summary, available_cores
from twoway.batch._work import Outcome, Task, analyze_file
from twoway.errors import BatchError

__all__ = [
    "CONVERSATION_COLUMNS",
    "OUTPUT_FORMATS",
    "ROLE_WORDS",
    "SPEAKER_COLUMNS",
    "Batch",
    "BatchConfig",
    "BatchError",
    "MeRule",
    "Outcome",
    "Row",
    "Summary",
    "Task",
    "analyze_file",
    "available_cores",
    "expand_inputs",
    "read_me_map",
    "read_rows",
]
