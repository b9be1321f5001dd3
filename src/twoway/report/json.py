"""The JSON output (schema ``twoway.analysis/1``, described in ``docs/json-schema.md``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from twoway.analysis.result import Analysis
from twoway.report.text_safety import safe_json

if TYPE_CHECKING:
    from twoway.report.commitments import CommitmentView


def render_json(
    analyses: Sequence[Analysis],
    *,
    indent: int | None = 2,
    commitments: Sequence[Sequence[CommitmentView] | None] | None = None,
) -> str:
    """One analysis as a JSON object; several as a JSON array of objects, in input order.

    ``commitments``, one sequence per analysis (``twoway.report.commitments``), adds the
    ``commitments`` key to each object (``twoway analyze`` always gives it; ``None`` for one
    analysis leaves its key out).

    Lone surrogates become U+FFFD and control characters are escaped (``\\u001b``): the text
    is whole, any UTF-8 output takes it, and no terminal acts on it (``text_safety``).
    """
    found = list(commitments) if commitments is not None else [None] * len(analyses)
    if len(found) != len(analyses):
        raise ValueError("render_json: one sequence of commitments per analysis")
    objects = [_object(a, c) for a, c in zip(analyses, found, strict=True)]
    data: object = objects[0] if len(objects) == 1 else objects
    return safe_json(data, indent=indent) + "\n"


def _object(analysis: Analysis, commitments: Sequence[CommitmentView] | None) -> dict[str, Any]:
    data = analysis.to_dict()
    if commitments is not None:
        data["commitments"] = [c.to_dict() for c in commitments]
    return data
