"""A plan as text: rich terminal output, GitHub-flavoured markdown, or JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from twoway.prep.plan import Plan, PlanItem

if TYPE_CHECKING:
    from rich.console import Console

STAGE_TITLES = {
    "opening": "Opening: build rapport",
    "middle": "Middle: the work, the team, the company",
    "closing": "Closing: next steps and staying in touch",
}
MODE_ADVICE = {
    "interview": (
        "Aim near 50/50: take time to shine in your answers, then use your questioning time. "
        "Follow up on what they say; the relationship you start today can pay off later."
    ),
    "networking": (
        "Spend about 80% of the time finding out about them: ask, listen, follow up on what "
        "they say, and ask who else you should talk to."
    ),
}


def title(plan: Plan) -> str:
    who = f", with {plan.interviewer}" if plan.interviewer else ""
    return f"Questions to ask: {plan.role} at {plan.company} ({plan.mode}{who})"


def _source_tag(item: PlanItem) -> str | None:
    if item.source.startswith("job description: "):
        return "from the job description"
    return None


def render_json(plan: Plan) -> str:
    return json.dumps(plan.to_dict(), indent=2, ensure_ascii=False) + "\n"


def render_markdown(plan: Plan) -> str:
    """The plan as markdown: a title, the advice, then one numbered list per stage."""
    lines = [f"# {_md(title(plan))}", "", MODE_ADVICE[plan.mode], ""]
    if plan.themes:
        lines += ["**Key themes of the job description:** " + _md(", ".join(plan.themes)), ""]
    number = 0
    for stage, items in plan.by_stage().items():
        if not items:
            continue
        lines += [f"## {STAGE_TITLES[stage]}", ""]
        for item in items:
            number += 1
            tags = [item.topic.replace("_", " ")]
            if (tag := _source_tag(item)) is not None:
                tags.append(tag)
            lines.append(f"{number}. **{_md(item.text)}** ({', '.join(tags)})")
            if item.why:
                lines.append(f"   - *Why:* {_md(item.why)}")
            if item.note:
                lines.append(f"   - *When:* {_md(item.note)}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _md(text: str) -> str:
    """Escape the characters markdown would read as formatting."""
    out = text
    for ch in "\\`*_[]<>|#":
        out = out.replace(ch, "\\" + ch)
    return out


def render_terminal(plan: Plan, console: Console) -> None:
    """The plan for the terminal, grouped by stage, each question with why it helps."""
    from rich.table import Table
    from rich.text import Text

    console.print(Text(title(plan), style="bold"))
    console.print(Text(MODE_ADVICE[plan.mode], style="dim"))
    if plan.themes:
        console.print(Text.assemble(("Key themes: ", "bold"), ", ".join(plan.themes)))
    number = 0
    for stage, items in plan.by_stage().items():
        if not items:
            continue
        console.print()
        console.print(Text(STAGE_TITLES[stage], style="bold cyan"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", style="bold", no_wrap=True)
        grid.add_column()
        for item in items:
            number += 1
            tags = [item.topic.replace("_", " ")]
            if (tag := _source_tag(item)) is not None:
                tags.append(tag)
            cell = Text.assemble(item.text, (f"  [{', '.join(tags)}]", "dim"))
            if item.why:
                cell.append("\nwhy: " + item.why, style="italic")
            if item.note:
                cell.append("\nwhen: " + item.note, style="yellow")
            grid.add_row(f"{number}.", cell)
        console.print(grid)
