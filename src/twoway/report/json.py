"""The JSON output (schema ``twoway.analysis/1``, described in ``docs/json-schema.md``)."""

from __future__ import annotations

from collections.abc import Sequence

from twoway.analysis.result import Analysis
from twoway.report.text_safety import safe_json


def render_json(analyses: Sequence[Analysis], *, indent: int | None = 2) -> str:
    """One analysis as a JSON object; several as a JSON array of objects, in input order.

    Lone surrogates become U+FFFD and control characters are escaped (``\\u001b``): the text
    is whole, any UTF-8 output takes it, and no terminal acts on it (``text_safety``).
    """
    if len(analyses) == 1:
        data: object = analyses[0].to_dict()
    else:
        data = [a.to_dict() for a in analyses]
    return safe_json(data, indent=indent) + "\n"
