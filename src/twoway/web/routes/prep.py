"""Prepare: plan the questions to ask in an upcoming interview (``twoway prep``).

``GET /prep`` the form (role, company, interviewer, mode, how many, a job description to upload
or paste); ``POST /prep`` shows the plan; ``POST /prep/download`` gives it as JSON or markdown.
``build_plan`` is deterministic, so the download rebuilds the same plan from the same fields.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from twoway.errors import InputError, TwowayError, UsageError
from twoway.web import pages
from twoway.web.reading import MODES, rename

router = APIRouter()

FIELDS = ("role", "company", "interviewer", "mode", "count", "job_description")


@router.get("/prep", response_class=HTMLResponse)
def prep_form(request: Request) -> Response:
    return pages.render(request, "prep.html", {"values": {"mode": "interview", "count": "10"}})


def _values(request: Request, data: FormData) -> dict[str, str]:
    """The form's fields, the job description file (if one was chosen) read into its text."""
    values = {name: pages.field(data, name) for name in FIELDS}
    chosen = pages.upload_field(data, "job_description_file")
    if chosen is not None:
        from twoway.prep import read_text_file

        item = pages.uploads(request).add(chosen.file, chosen.filename)
        try:
            values["job_description"] = read_text_file(item.path)
        except TwowayError as exc:
            if isinstance(exc, InputError):
                raise rename(exc, str(item.path), item.name) from None
            raise
        finally:
            pages.uploads(request).discard(item.id)
    return values


def _plan(values: dict[str, str]) -> Any:
    from twoway.prep import build_plan

    if not values["role"] or not values["company"]:
        raise UsageError("give the role and the company")
    if values["mode"] not in MODES:
        raise UsageError(f"unknown mode {values['mode']!r}; choose one of: {', '.join(MODES)}")
    try:
        count = int(values["count"] or "10")
    except ValueError:
        raise UsageError(f"how many questions: give a number; got {values['count']!r}") from None
    return build_plan(
        values["role"],
        values["company"],
        job_description=values["job_description"] or None,
        interviewer=values["interviewer"] or None,
        mode=values["mode"],
        count=count,
    )


@router.post("/prep", response_class=HTMLResponse)
def prep(request: Request) -> Response:
    from twoway.prep.render import MODE_ADVICE, STAGE_TITLES, title

    values: dict[str, str] = {"mode": "interview", "count": "10"}
    try:
        values = _values(request, pages.form(request))
        plan = _plan(values)
    except TwowayError as exc:
        return pages.render(request, "prep.html", {"values": values, "error": str(exc)}, status=400)
    stages = [(STAGE_TITLES[s], items) for s, items in plan.by_stage().items() if items]
    return pages.render(
        request,
        "plan.html",
        {
            "values": values,
            "plan": plan,
            "title": title(plan),
            "advice": MODE_ADVICE[plan.mode],
            "stages": stages,
        },
    )


@router.post("/prep/download")
def download(request: Request) -> Response:
    from twoway.prep.render import render_json, render_markdown
    from twoway.report.text_safety import safe_json_text, safe_text

    data = pages.form(request)
    values = {name: pages.field(data, name) for name in FIELDS}
    plan = _plan(values)
    fmt = pages.field(data, "format")
    # An ASCII file name: the header is latin-1, and the name never becomes a path here.
    slug = "-".join(re.findall(r"[a-z0-9]+", f"{plan.role} {plan.company}".lower()))[:60]
    if fmt == "json":
        body, media, ext = safe_json_text(render_json(plan)), "application/json", "json"
    elif fmt == "markdown":
        body, media, ext = safe_text(render_markdown(plan)), "text/markdown; charset=utf-8", "md"
    else:
        raise UsageError(f"download as json or markdown; got {fmt!r}")
    return Response(
        body,
        media_type=media,
        headers={"content-disposition": f'attachment; filename="questions-{slug or "plan"}.{ext}"'},
    )
