"""The HTML report: one self-contained page per analysis, for a browser, a file or a web app.

* ``render_html(analysis, conversation)``: a whole HTML5 document that works offline (CSS in a
  ``<style>``, charts as inline SVG, no script, no font, image or link to fetch);
* ``render_html_fragment(analysis, conversation)``: the same report as one ``<main>`` element,
  and ``report_css()`` its stylesheet (every rule under ``.tw-report``), to embed in a page.

Templates are Jinja2 files shipped with the package (``report/templates/``), with autoescaping
on: transcript text, speaker and file names are always text, never markup. The charts come from
``report/_svg.py``, which escapes what it writes; they are the only markup passed in as safe.

Sections, each left out when the source cannot fill it: header (and which speaker you are, when
that is unknown), the figures at a glance, the timeline, talk share against the target band with
the speakers table, the score, balance over time, questions, prepared questions, monologues and
interruptions, feedback, questions you can still ask, commitments (when the caller found some:
``twoway.report.commitments``), notes, and progress for saved ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

from twoway import __version__
from twoway.analysis.feedback import format_duration
from twoway.analysis.result import Analysis, Question
from twoway.display import MISSING, clock, percent, plural
from twoway.report import _format as fmt
from twoway.report import _svg
from twoway.report.commitments import due_label
from twoway.report.text_safety import safe_text, safe_value

if TYPE_CHECKING:
    from twoway.model import Conversation
    from twoway.report.commitments import CommitmentView
    from twoway.store.records import ProgressPoint

__all__ = ["progress_chart", "render_html", "render_html_fragment", "report_css"]


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("twoway.report", "templates"),
        autoescape=True,  # every template, whatever its name: transcript text is text
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def progress_chart(points: Sequence[ProgressPoint], *, me: str | None = None) -> str | None:
    """The progress chart alone, as inline SVG with its text alternative (None without points).

    The same chart the report of a saved conversation shows; the web app's progress page uses it.
    """
    from twoway.report.progress import progress_alt_text

    points = safe_value(points)
    return _svg.progress_svg(points, "tw-progress", desc=progress_alt_text(points, me=me))


@lru_cache(maxsize=1)
def report_css() -> str:
    """The report's stylesheet: every rule under ``.tw-report``, colours from the palette.

    Put it in a ``<style>`` of the page that embeds :func:`render_html_fragment`.
    """
    template = files("twoway.report").joinpath("templates", "report.css").read_text("utf-8")
    for name, colour in _svg.PALETTE.items():
        template = template.replace(f"@{name}@", colour)
    return template


def render_html(
    analysis: Analysis,
    conversation: Conversation,
    *,
    progress: Sequence[ProgressPoint] | None = None,
    title: str | None = None,
    date: dt.date | None = None,
    commitments: Sequence[CommitmentView] | None = None,
) -> str:
    """The report for ``analysis`` as one self-contained HTML5 document.

    ``conversation`` is the one analyzed (the timeline is drawn from its turns); ``progress``,
    the saved conversations of the same "me", adds the progress chart; ``title`` replaces
    ``"twoway report: SOURCE"``; ``date`` is when the conversation took place (saved ones);
    ``commitments`` (``twoway.report.commitments``) add their section when there are any.

    >>> import twoway
    >>> conv = twoway.parse_text("[00:00] Dana: Hello?\\n[00:04] Alex: Hi! How are you?")
    >>> html = render_html(twoway.analyze(conv, me="Alex"), conv)
    >>> html.startswith("<!DOCTYPE html>")
    True
    """
    context = _context(analysis, conversation, progress, title, date, commitments)
    return _environment().get_template("report.html.j2").render(css=Markup(report_css()), **context)


def render_html_fragment(
    analysis: Analysis,
    conversation: Conversation,
    *,
    progress: Sequence[ProgressPoint] | None = None,
    title: str | None = None,
    date: dt.date | None = None,
    commitments: Sequence[CommitmentView] | None = None,
) -> str:
    """The same report as one ``<main class="tw-report">`` element, to embed in a page that
    includes :func:`report_css` (arguments as for :func:`render_html`)."""
    context = _context(analysis, conversation, progress, title, date, commitments)
    return _environment().get_template("main.html.j2").render(**context)


# -- the view: everything the templates show, already in words ----------------------------


@dataclass(frozen=True, slots=True)
class Fact:
    label: str
    value: str
    note: str = ""
    tone: str = ""  # "good" | "warn" | "bad" | "" (CSS class; the words carry the meaning)


def _context(
    analysis: Analysis,
    conversation: Conversation,
    progress: Sequence[ProgressPoint] | None,
    title: str | None,
    date: dt.date | None,
    commitments: Sequence[CommitmentView] | None = None,
) -> dict[str, Any]:
    # Control characters and lone surrogates out first (text_safety): the page must encode as
    # UTF-8, and the source name feeds the ids' hash below.
    analysis, conversation = safe_value(analysis), safe_value(conversation)
    progress = safe_value(progress)
    title = None if title is None else safe_text(title)
    ident = (
        "tw-"
        + hashlib.sha1(
            f"{analysis.source}\0{analysis.duration_s}".encode(), usedforsecurity=False
        ).hexdigest()[:6]
    )
    timed = conversation.has_timing and analysis.share_basis == "time"
    return {
        "a": analysis,
        "fmt": fmt,
        "ident": ident,
        "title": title or f"twoway report: {analysis.source}",
        "header": _header(analysis, date),
        "who_are_you": _who_are_you(analysis),
        "glance": _glance(analysis),
        "timed": timed,
        "no_timing": None if timed else _no_timing(analysis),
        # Each wide chart has a narrow twin for phones (report.css shows one of the two).
        "timeline": _markup(_svg.timeline_svg(analysis, conversation, f"{ident}-tl")),
        "timeline_narrow": _markup(
            _svg.timeline_svg(analysis, conversation, f"{ident}-tln", _svg.TL_NARROW)
        ),
        "legend": _legend(analysis),
        "share_chart": _markup(_svg.share_svg(analysis, f"{ident}-sh")),
        "share_line": _svg.share_summary(analysis),
        "columns": fmt.speaker_columns(analysis),
        "speakers": sorted(analysis.speakers, key=lambda s: not s.is_me),
        "score": _score(analysis),
        "balance_chart": _markup(_svg.balance_svg(analysis, f"{ident}-ba")),
        "balance_narrow": _markup(_svg.balance_svg(analysis, f"{ident}-ban", _svg.BA_NARROW)),
        "balance": _balance(analysis),
        "questions": _questions(analysis),
        "plan": _plan(analysis),
        "monologues": _monologues(analysis) if timed else None,
        "feedback": _feedback(analysis),
        "suggestions": _suggestions(analysis),
        "commitments": [(c, due_label(c)) for c in safe_value(commitments or ())],
        "progress": _progress(analysis, progress, date, f"{ident}-pr"),
        "version": __version__,
    }


def _markup(svg: str | None) -> Markup | None:
    # Safe: _svg escapes every text and attribute it writes.
    return None if svg is None else Markup(svg)


def _header(analysis: Analysis, date: dt.date | None) -> list[str]:
    facts = [f"{analysis.mode} mode"]
    if date is not None:
        facts.append(f"{date.day} {date:%B %Y}")
    if analysis.duration_s is not None:
        facts.append(format_duration(analysis.duration_s))
    facts.append(f"shares {fmt.basis(analysis.share_basis)}")
    facts.append(f"{analysis.format} format")
    return facts


def _who_are_you(analysis: Analysis) -> dict[str, Any] | None:
    if analysis.me is not None:
        return None
    codes = {f.code for f in analysis.feedback}
    if "speakers_unknown" in codes or not analysis.speakers:
        return {"names": [], "unknown": True}
    return {"names": [s.name for s in analysis.speakers], "unknown": False}


def _tone(share: float | None, analysis: Analysis) -> str:
    if share is None:
        return ""
    targets = analysis.targets
    return _svg.off_band_class(share, targets.share_low, targets.share_high).removeprefix("tw-")


def _score_tone(total: int) -> str:
    return "good" if total >= 75 else "warn" if total >= 50 else "bad"


def _glance(analysis: Analysis) -> list[Fact]:
    me = analysis.me_stats
    facts: list[Fact] = []
    if analysis.score is not None:
        facts.append(
            Fact(
                "Two-way score",
                f"{analysis.score.total}",
                "out of 100",
                _score_tone(analysis.score.total),
            )
        )
    if me is not None:
        verdict = fmt.share_verdict(me.share, analysis.targets) or "unknown"
        facts.append(
            Fact(
                "Your talk share",
                percent(me.share),
                f"target {fmt.band(analysis.targets)}: {verdict}",
                _tone(me.share, analysis),
            )
        )
    if analysis.questioning is not None:
        q = analysis.questioning
        target = analysis.targets.questions
        facts.append(
            Fact(
                "Questions you asked",
                str(q.asked),
                f"target at least {target}; {q.about_them} about them, "
                f"{plural(q.follow_ups, 'follow-up')}",
                "good" if q.asked >= target else "warn" if q.asked else "bad",
            )
        )
    if me is not None and me.longest_monologue_s is not None and analysis.share_basis == "time":
        limit = analysis.targets.monologue_s
        longest = me.longest_monologue_s
        facts.append(
            Fact(
                "Your longest turn",
                clock(longest),
                f"limit {clock(limit)}",
                "good" if longest <= limit else "warn" if longest <= 2 * limit else "bad",
            )
        )
    return facts


def _no_timing(analysis: Analysis) -> str:
    return (
        f"No timeline and no balance over time: this {analysis.format} transcript has no "
        "timestamps, so twoway cannot tell when anyone spoke. Shares are counted by words."
    )


def _legend(analysis: Analysis) -> list[tuple[str, str]]:
    items = [("tw-key-me", "you" if analysis.me else "speech")]
    if analysis.me is not None:
        items.append(("tw-key-them", "the others"))
    items.append(("tw-key-monologue", f"monologue (over {clock(analysis.targets.monologue_s)})"))
    if analysis.has_text:
        items.append(("tw-key-question", "question (hover for its text)"))
    items.append(("tw-key-interrupt", "interruption"))
    return items


def _score(analysis: Analysis) -> dict[str, Any] | None:
    score = analysis.score
    if score is None:
        return None
    rows = []
    for c in score.components:
        ratio = None if c.points is None or not c.max_points else c.points / c.max_points
        rows.append(
            {
                "name": c.name,
                "points": f"{fmt.points(c.points)}/{fmt.points(c.max_points)}",
                "percent": None if ratio is None else f"{ratio * 100:.1f}",
                "tone": "" if ratio is None else _score_tone(round(ratio * 100)),
                "detail": c.detail,
            }
        )
    return {"total": score.total, "tone": _score_tone(score.total), "rows": rows}


def _balance(analysis: Analysis) -> dict[str, Any] | None:
    balance = analysis.balance
    if balance is None or not balance.windows:
        return None
    return {
        "label": fmt.balance_label(balance, analysis.targets),
        "summary": _svg.balance_summary(analysis),
        "caption": _svg.balance_lines_caption(analysis),
        "windows": [
            (f"{clock(w.start_s)}–{clock(w.end_s)}", percent(w.me_share)) for w in balance.windows
        ],
    }


@dataclass(frozen=True, slots=True)
class QuestionRow:
    at: str
    who: str
    mine: bool
    text: str
    form: str
    about: str
    answer: str
    follow_up: bool


def _question_row(q: Question) -> QuestionRow:
    about = [fmt.label(v) for v in (q.topic, q.kind) if v and v != "other"]
    # Your questions too: how long they answered is what "asked well" looks like.
    answer = fmt.answer_length(q)
    return QuestionRow(
        at=clock(q.start_s) if q.start_s is not None else MISSING,
        who=q.speaker,
        mine=q.is_me,
        text=q.text,
        form=q.form,
        about=", ".join(dict.fromkeys(about)) or MISSING,
        answer=(answer or MISSING).removeprefix("answer "),
        follow_up=q.follow_up,
    )


def _questions(analysis: Analysis) -> dict[str, Any] | None:
    if not analysis.has_text:
        return None
    groups = []
    for group in fmt.question_groups(analysis):
        skipped = None
        if group.skipped:
            texts = ", ".join(t if t == "…" else f"“{t}”" for t in fmt.sample_texts(group.skipped))
            skipped = f"Not counted: {fmt.not_counted(group.skipped)} ({texts})."
        groups.append(
            {
                "heading": f"{group.heading} ({len(group.counted)})",
                "rows": [_question_row(q) for q in group.counted],
                "skipped": skipped,
            }
        )
    q = analysis.questioning
    questioning = None
    if q is not None:
        questioning = {
            "facts": fmt.questioning_facts(q),
            "topics": fmt.topics_covered(q),
            "answered": fmt.answered(q),
            "pay_first": fmt.COMPENSATION_FIRST if q.compensation_first else None,
        }
    return {"questioning": questioning, "groups": groups}


def _plan(analysis: Analysis) -> dict[str, Any] | None:
    plan = analysis.plan
    if plan is None:
        return None
    return {
        "summary": f"{plan.asked} of {len(plan.questions)} asked",
        "source": plan.source,
        "items": [
            {
                "asked": p.asked,
                "mark": fmt.plan_mark(p),
                "text": p.text,
                "topic": fmt.label(p.topic) if p.topic else None,
                "asked_as": fmt.asked_as(p),
                "match": fmt.match(p),
            }
            for p in plan.questions
        ],
    }


def _suggestions(analysis: Analysis) -> dict[str, Any] | None:
    if analysis.suggestions is None:
        return None
    return {
        "when": fmt.SUGGESTIONS_WHEN,
        "items": [(s.text, fmt.because(s)) for s in analysis.suggestions],
    }


def _monologues(analysis: Analysis) -> dict[str, Any]:
    events = analysis.interruptions
    summary = str(len(events))
    if events and analysis.me is not None:
        by_me = sum(1 for e in events if e.speaker == analysis.me)
        summary += f" (you {by_me}, them {len(events) - by_me})"
    return {
        "limit": format_duration(analysis.targets.monologue_s),
        "items": [
            (m.speaker, m.is_me, clock(m.start_s), format_duration(m.duration_s))
            for m in analysis.monologues
        ],
        "interruptions": summary,
        "events": [
            (clock(e.start_s), e.speaker, e.interrupted, f"{e.overlap_s:.1f} s") for e in events
        ],
    }


def _feedback(analysis: Analysis) -> list[dict[str, Any]]:
    return [
        {"mark": fmt.feedback_mark(f), "word": fmt.feedback_word(f), "message": f.message}
        for f in fmt.ordered_feedback(analysis.feedback)
    ]


def _progress(
    analysis: Analysis,
    points: Sequence[ProgressPoint] | None,
    date: dt.date | None,
    ident: str,
) -> dict[str, Any] | None:
    if not points:
        return None
    from twoway.report.progress import off_band

    ordered = sorted(points, key=lambda p: p.date)
    # This conversation among the saved ones: same file name (and date, when known).
    current = next(
        (
            i
            for i, p in reversed(list(enumerate(ordered)))
            if p.source == analysis.source and (date is None or p.date == date)
        ),
        None,
    )
    desc = _progress_summary(ordered, analysis.me)
    rows = []
    for i, p in enumerate(ordered):
        off = off_band(p)
        verdict = (
            "—"
            if off is None
            else "on target"
            if off == 0
            else ("above" if (p.talk_share or 0) > p.share_high else "below")
        )
        rows.append(
            {
                "current": i == current,
                "date": p.date.isoformat(),
                "source": p.source,
                "mode": p.mode,
                "share": percent(p.talk_share),
                "band": f"{p.share_low * 100:.0f}-{p.share_high * 100:.0f}%",
                "verdict": verdict,
                "questions": p.questions,
                "about_them": p.about_them,
                "longest": clock(p.longest_monologue_s),
                "score": MISSING if p.score is None else str(p.score),
            }
        )
    return {
        "chart": _markup(_svg.progress_svg(ordered, ident, desc=desc, current=current)),
        "summary": desc,
        "rows": rows,
    }


def _progress_summary(points: list[ProgressPoint], me: str | None) -> str:
    """The progress chart in words: span, how often on target, the score's trend."""
    from twoway.report.progress import off_band, trend

    who = f"{me}'s" if me else "Your"
    first, last = points[0].date.isoformat(), points[-1].date.isoformat()
    span = first if first == last else f"{first} to {last}"
    known = [p for p in points if p.talk_share is not None]
    on = sum(1 for p in known if off_band(p) == 0)
    parts = [
        f"{who} talk share against each conversation's target band (top) and two-way score "
        f"(bottom) over {plural(len(points), 'saved conversation')}, {span}.",
        f"Talk share on target in {on} of {len(known)}.",
    ]
    scores = [p.score for p in points if p.score is not None]
    t = trend(scores, steady=5.0)
    if t.word is not None and scores:
        parts.append(f"Score {scores[0]} first, {scores[-1]} last ({t.word}).")
    return " ".join(parts)
