"""The JSON output (schema ``twoway.analysis/1``, described in ``docs/json-schema.md``)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from twoway.analysis.result import Analysis


def render_json(analyses: Sequence[Analysis], *, indent: int | None = 2) -> str:
    """One analysis as a JSON object; several as a JSON array of objects, in input order."""
    if len(analyses) == 1:
        data: object = analyses[0].to_dict()
    else:
        data = [a.to_dict() for a in analyses]
    return json.dumps(data, indent=indent, ensure_ascii=False) + "\n"
