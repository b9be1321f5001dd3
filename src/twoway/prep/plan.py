"""A plan of questions to ask in one interview or networking conversation (``twoway.plan/1``).

``build_plan`` draws a balanced set from the bank (every topic a good conversation touches: the
person, the day-to-day, success in the role, growth, the company, next steps) and adds a few
questions built on the key themes of the job description. The rules: ``docs/prep.md``,
"Planning". Everything here is pure and deterministic: the same input gives the same plan.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import asdict, dataclass
from typing import Any

from twoway.analysis.questions import TOPICS
from twoway.errors import InputError, UsageError
from twoway.prep.bank import MODES, STAGES, BankQuestion, load_bank

SCHEMA = "twoway.plan/1"
MIN_COUNT, MAX_COUNT = 3, 30

# The topics every plan covers, in the order they are guaranteed when ``count`` is small.
# Networking is mostly about the other person (about 80% of the time finding out about them).
REQUIRED_TOPICS = {
    "interview": ("them", "day_to_day", "role", "growth", "company", "next_steps"),
    "networking": ("them", "growth", "day_to_day", "next_steps", "them", "company"),
}
# The order further questions are drawn in, round after round, once the required ones are in.
FILL_ORDER = {
    "interview": ("role", "them", "day_to_day", "self", "company", "growth", "next_steps"),
    "networking": ("them", "growth", "them", "company", "day_to_day", "role", "self"),
}
# How the plan lists its questions inside a stage.
_LISTED_FIRST = ("them", "day_to_day", "role", "company", "growth", "self", "compensation")
TOPIC_ORDER: tuple[str, ...] = _LISTED_FIRST + tuple(t for t in TOPICS if t not in _LISTED_FIRST)

# Questions built on a theme of the job description; "{theme}" is the theme as written there,
# with "the" before a singular common noun phrase ("the monthly churn review"). No template
# makes a verb agree with the theme, so "A/B tests" and "dbt" read as well as "SQL".
THEME_TEMPLATES = (
    "The description mentions {theme}: how does the team approach it today?",
    "What would you want the new person to improve about {theme} in the first few months?",
    "What has been the hardest part of {theme} for the team so far?",
    "Where would {theme} fit in the team's plans for this year?",
)
# For a tool or a name ("dbt", "Snowflake"): how the team uses it.
TOOL_TEMPLATES = (
    "How does the team use {theme} today?",
    "What would you want the new person to change about how the team uses {theme}?",
    "What made the team choose {theme}?",
)
THEME_WHY = (
    "Shows you read the description closely and lets {interviewer} talk about how the team "
    "really works with {theme}."
)


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One question of a plan, placeholders filled in."""

    text: str
    topic: str
    stage: str
    why: str
    source: str  # "bank" or "job description: <theme>"
    note: str | None = None  # when to ask it ("Only after they raise pay ...")


@dataclass(frozen=True, slots=True)
class Plan:
    """The questions to ask in one conversation, in the order to ask them (by stage)."""

    role: str
    company: str
    mode: str
    questions: tuple[PlanItem, ...]
    interviewer: str | None = None
    themes: tuple[str, ...] = ()  # key themes of the job description, best first

    def by_stage(self) -> dict[str, tuple[PlanItem, ...]]:
        """The questions grouped by stage, every stage present, in ``STAGES`` order."""
        return {s: tuple(q for q in self.questions if q.stage == s) for s in STAGES}

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (schema ``twoway.plan/1``, described in docs/prep.md)."""
        return {
            "schema": SCHEMA,
            "role": self.role,
            "company": self.company,
            "interviewer": self.interviewer,
            "mode": self.mode,
            "themes": list(self.themes),
            "questions": [asdict(q) for q in self.questions],
        }

    @classmethod
    def from_dict(cls, data: Any, path: str = "<plan>") -> Plan:
        """The plan in ``data`` (as ``json.loads`` gives it); ``InputError`` naming ``path``.

        >>> plan = build_plan("Data Engineer", "Acme")
        >>> Plan.from_dict(plan.to_dict()) == plan
        True
        """

        def bad(message: str) -> InputError:
            return InputError(f"not a twoway plan: {message}", path=path)

        if not isinstance(data, dict):
            raise bad("expected a JSON object")
        if data.get("schema") != SCHEMA:
            raise bad(f"schema is {data.get('schema')!r}, expected {SCHEMA!r}")

        def string(obj: dict[str, Any], key: str, where: str, optional: bool = False) -> Any:
            value = obj.get(key)
            if value is None and optional:
                return None
            if not isinstance(value, str) or not value.strip():
                raise bad(f"{where}{key!r} must be a non-empty string")
            return value

        mode = string(data, "mode", "")
        if mode not in MODES:
            raise bad(f"mode {mode!r} is not one of {', '.join(MODES)}")
        themes = data.get("themes", [])
        if not isinstance(themes, list) or not all(isinstance(t, str) for t in themes):
            raise bad("'themes' must be a list of strings")
        raw = data.get("questions")
        if not isinstance(raw, list) or not raw:
            raise bad("'questions' must be a non-empty list")
        items: list[PlanItem] = []
        for i, q in enumerate(raw, 1):
            where = f"question {i}: "
            if not isinstance(q, dict):
                raise bad(f"question {i} is not an object")
            topic = string(q, "topic", where)
            stage = string(q, "stage", where)
            if topic not in TOPICS:
                raise bad(f"{where}topic {topic!r} is not one of {', '.join(TOPICS)}")
            if stage not in STAGES:
                raise bad(f"{where}stage {stage!r} is not one of {', '.join(STAGES)}")
            items.append(
                PlanItem(
                    text=string(q, "text", where),
                    topic=topic,
                    stage=stage,
                    why=string(q, "why", where, optional=True) or "",
                    source=string(q, "source", where, optional=True) or "bank",
                    note=string(q, "note", where, optional=True),
                )
            )
        return cls(
            role=string(data, "role", ""),
            company=string(data, "company", ""),
            mode=mode,
            questions=tuple(items),
            interviewer=string(data, "interviewer", "", optional=True),
            themes=tuple(themes),
        )


def build_plan(
    role: str,
    company: str,
    job_description: str | None = None,
    interviewer: str | None = None,
    mode: str = "interview",
    count: int = 10,
    *,
    compensation: bool = False,
    bank: tuple[BankQuestion, ...] | None = None,
) -> Plan:
    """A balanced plan of ``count`` questions for ``role`` at ``company``.

    At least one question about the person, the day-to-day, success in the role, growth, the
    company and next steps (networking: two about the person and no role question required);
    2-4 of them built on the key themes of ``job_description`` when one is given; compensation
    only with ``compensation=True`` (and marked for later rounds). Deterministic.

    >>> plan = build_plan("Data Engineer", "Acme", interviewer="Dana Lee", count=6)
    >>> [q.topic for q in plan.questions]
    ['them', 'day_to_day', 'role', 'company', 'growth', 'next_steps']
    """
    role, company = role.strip(), company.strip()
    if not role or not company:
        raise UsageError("--role and --company must not be empty")
    if mode not in MODES:
        raise UsageError(f"unknown mode {mode!r}; choose one of: {', '.join(MODES)}")
    if not MIN_COUNT <= count <= MAX_COUNT:
        raise UsageError(f"--count must be between {MIN_COUNT} and {MAX_COUNT}; got {count}")
    interviewer = interviewer.strip() if interviewer and interviewer.strip() else None
    bank = load_bank() if bank is None else bank

    themes: list[str] = []
    if job_description and job_description.strip():
        from twoway.prep.themes import key_themes

        themes = key_themes(job_description, 8, exclude=(company, role))
    # Tailored questions come on top of the required topics, never instead of them.
    n_tailored = min(len(themes), max(2, min(4, count // 3)), count - len(REQUIRED_TOPICS[mode]))
    n_tailored = max(0, n_tailored)
    n_bank = count - n_tailored

    fill = _Filler(role, company, interviewer, mode)
    context = " ".join([role, *themes, job_description or ""]).lower()
    pool = [
        q
        for q in bank
        if mode in q.modes
        and (compensation or q.topic != "compensation")
        and (interviewer is not None or not q.needs_interviewer)
        and not answered_by_posting(q.text, job_description)
    ]
    # Best first. Without a posting, bank order breaks ties; with one, a stable hash of the
    # job and the question does, so postings that rank alike still get varied plans.
    job = f"{role}|{company}" if job_description and job_description.strip() else ""
    ranked = sorted(
        range(len(pool)),
        key=lambda i: (-_relevance(pool[i], role, context), _tie(job, pool[i].text, i)),
    )
    by_topic: dict[str, list[BankQuestion]] = {t: [] for t in TOPICS}
    for i in ranked:
        by_topic[pool[i].topic].append(pool[i])

    chosen: list[BankQuestion] = []
    wanted = list(REQUIRED_TOPICS[mode])
    if compensation:
        wanted.insert(len(wanted) - 1, "compensation")
    rounds = 0
    while len(chosen) < n_bank and rounds < MAX_COUNT:
        for topic in wanted:
            if len(chosen) == n_bank:
                break
            candidates = by_topic[topic]
            if candidates:
                chosen.append(candidates.pop(0))
        wanted = list(FILL_ORDER[mode])
        rounds += 1

    items = [
        PlanItem(
            text=fill(q.text),
            topic=q.topic,
            stage=q.stage,
            why=fill(q.why, why=True),
            source="bank",
            note=q.note,
        )
        for q in chosen
    ]
    picked = _pick(themes, n_tailored, job_description or "")
    items.extend(_tailored(picked, fill, job_description or ""))
    items.sort(key=lambda q: (STAGES.index(q.stage), TOPIC_ORDER.index(q.topic)))
    return Plan(
        role=role,
        company=company,
        mode=mode,
        questions=tuple(items),
        interviewer=interviewer,
        themes=tuple(themes),
    )


def _tie(job: str, text: str, index: int) -> int:
    if not job:
        return index
    return zlib.crc32(f"{job}|{text}".encode())


def _pick(themes: list[str], n: int, posting: str = "") -> list[str]:
    """``n`` themes to build questions on: the best practices ("the monthly churn review"),
    and one tool when there is one, in the order of ``themes``; never a credential the
    candidate brings ("BLS certification", "state RDH license") or a phrase led by a verb."""
    if n <= 0:
        return []
    themes = [t for t in themes if _askable(t, posting)]
    practices = [t for t in themes if not _is_tool(t)]
    tools = [t for t in themes if _is_tool(t)]
    chosen = practices[: n - 1] + tools[:1]
    chosen += [t for t in themes if t not in chosen][: n - len(chosen)]
    return sorted(chosen[:n], key=themes.index)


_CREDENTIAL = re.compile(
    r"\b(?:licen[cs]e[ds]?|certificat\w*|certified|permit|card|CDL|degree|diploma|"
    r"endorsement|registration|accreditation|clearance)\b",
    re.IGNORECASE,
)


def _askable(theme: str, posting: str) -> bool:
    """Whether a question about how the team works with ``theme`` makes sense: not a credential
    the candidate brings ("BLS/CPR certification", "Class B CDL", "ACLS" where the posting
    writes "ACLS certification"), not a phrase led by a verb ("Contact insureds")."""
    from twoway.prep._phrases import is_verb

    if _CREDENTIAL.search(theme) or is_verb(theme.split()[0]):
        return False
    head = "\n".join([ln for ln in posting.splitlines() if ln.strip()][:2])
    if re.search(rf"\b{re.escape(theme)}\b", head) and theme[:1].isupper():
        return False  # the title block's place or employer: "Lansing", "Illinois"
    name = re.escape(theme)
    credential = rf"{name}(?:\s+(?:and|or|/)\s+[\w/+-]+)?\s+{_CREDENTIAL.pattern}"
    if re.search(credential, posting, re.IGNORECASE):
        return False
    return not re.search(
        rf"{_CREDENTIAL.pattern}\s*(?:\(|:)?\s*(?:[\w/+-]+,?\s+(?:and|or)?\s*)?{name}\b",
        posting,
        re.IGNORECASE,
    )


def _tailored(themes: list[str], fill: _Filler, posting: str = "") -> list[PlanItem]:
    from twoway.analysis.questions import topic_of

    out: list[PlanItem] = []
    n_practice = n_tool = 0
    for theme in themes:
        if _is_tool(theme) and (not posting or _used_as_tool(theme, posting)):
            template = TOOL_TEMPLATES[n_tool % len(TOOL_TEMPLATES)]
            n_tool += 1
        else:
            template = THEME_TEMPLATES[n_practice % len(THEME_TEMPLATES)]
            n_practice += 1
        text = template.replace("{theme}", with_article(theme))
        why = fill(THEME_WHY.replace("{theme}", with_article(theme)), why=True)
        out.append(PlanItem(text, topic_of(text), "middle", why, f"job description: {theme}"))
    return out


# Nouns that take no article ("research", "data quality", "lifecycle marketing").
_MASS = frozenset(
    """research analysis analytics marketing design data quality testing engineering
    experimentation compliance accessibility security governance infrastructure operations
    strategy finance accounting sales support software content copy language help""".split()
)


# Endings of abstract nouns that read without "the": "ventilation", "adjudication",
# "leadership", "discovery", "customer service", "conduct".
_MASS_ENDINGS = (
    "tion",
    "sion",
    "ment",
    "ship",
    "ance",
    "ence",
    "ity",
    "ness",
    "ism",
    "ery",
    "ics",
    "service",
    "care",
    "safety",
    "control",
    "evaluation",
    "instruction",
    "knowledge",
    "literacy",
)


# Count nouns with those endings: "the on-call rotation", "the pre-trip inspection".
_COUNT_NOUNS = frozenset(
    """rotation inspection application presentation station session section position question
    transaction conversation assessment appointment department shipment agreement statement
    relationship partnership conference audience community activity facility opportunity
    evaluation orientation certification registration""".split()
)


def with_article(theme: str) -> str:
    """``theme`` as a noun phrase inside a sentence: "the" before a lowercase phrase of two or
    more words ending in a singular count noun; names, plurals and mass nouns as they are.

    >>> with_article("monthly churn review"), with_article("A/B tests"), with_article("dbt")
    ('the monthly churn review', 'A/B tests', 'dbt')
    """
    words = theme.split()
    last = words[-1].lower()
    if len(words) < 2 or not theme[:1].islower() or not last.isalpha():
        return theme
    count_ss = last.endswith("ss") and not last.endswith(("ness", "access"))  # "process"
    if (last.endswith(("s", "ing")) and not count_ss) or last in _MASS:
        return theme
    if last.endswith(_MASS_ENDINGS) and last not in _COUNT_NOUNS:
        return theme
    return f"the {theme}"


# Bank questions the posting may already answer: a question is left out when its pattern is
# in the question and the posting says the answer.
_ANSWERED = (
    (r"tools and stack", r"(?:(?:\b[A-Z][\w+#]*[a-z+#]\b|\b[A-Z]{2,}\b)[^.\n]*){4}"),
    (r"on-call", r"\bon-call\b[^.\n]*(?:\d|one|week|rotation)"),
    (
        r"remote and office",
        r"(?i)\b(?:hybrid|remote|days? in (?:the )?office|on[ -]?site|in[ -]person|in-office)\b",
    ),
    (
        r"team structured",
        r"\b(?:we are|we're|team of|team is)\s+\w+\s+(?:people|analysts|engineers|designers)"
        r"|\bteam of (?:(?:about|roughly|around|some|over|nearly) )?"
        r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|\w+teen)\b"
        r"|\b(?:class|caseload|crew) of \d+",
    ),
    (r"report to", r"(?i)\breports? (?:directly )?to (?:the|our|a|an)\b|\breporting to\b"),
    (r"salary range|benefits", r"\$|£|€|\bsalary\b|\bOTE\b|\bbenefits\b"),
    # Training the posting describes: a paid programme, a budget, an allowance, tuition.
    (
        r"budget for training|onboarding work",
        r"(?i)\b(?:(?:paid|\d+-(?:week|day|month)),?\s+(?:[\w-]+,?\s+)?training|training "
        r"(?:program|"
        r"budget|stipend|allowance)|we(?:'ll| will)? train you|you(?:'ll| will) be trained|"
        r"(?:certification|learning|"
        r"education(?:al)?|conference|CE|PD|professional development) (?:budget|allowance|"
        r"stipend|fund)|(?:learning|training) (?:&|and) development (?:budget|allowance|stipend|"
        r"fund)|for conferences|tuition (?:assistance|reimbursement)|apprenticeship classes)\b",
    ),
    (
        r"who else will i meet",
        r"(?i)\b(?:interview process|hiring process|our process is|panel interview|phone "
        r"screen|recruiter (?:call|screen)|hiring manager interview|technical interview|"
        r"in-person interview|interviews include|"
        r"written (?:test|exercise)|working interview|paid [\w-]+ stage|final round)\b",
    ),
)


def _used_as_tool(theme: str, posting: str) -> bool:
    """Whether the posting writes ``theme`` as something one works in or with ("pipelines in
    Python", "experience with Salesforce", "our teller system (Jack Henry SilverLake)"), not as
    a unit, a subject or a standard ("ICU", "Algebra I", "WCAG"): only then does "How does the
    team use X?" make sense."""
    from twoway.prep._posting import LOWERCASE_TOOLS

    if theme.lower() in LOWERCASE_TOOLS:
        return True
    name = re.escape(theme)
    before = (
        r"(?:\b(?:use|uses|using|used|via|through|in|with|on|proficiency in|familiarity with)\s+"
        r"(?:our\s+|the\s+)?(?:[\w/+#.-]+(?:,|\s+(?:and|or))\s+){0,3}"
        r"|\b(?:system|software|platform|tools?|stack)\s*\(\s*(?:[\w/+#. -]+,\s*){0,4})"
    )
    after = r"(?:\s+(?:system|software|platform|tool|tools|app|stack|dashboards?))\b"
    return bool(re.search(before + name + r"\b", posting, re.IGNORECASE)) or bool(
        re.search(r"\b" + name + after, posting, re.IGNORECASE)
    )


def _is_tool(theme: str) -> bool:
    """A name, an acronym or a lowercase tool: one word, or capitalised words only."""
    from twoway.prep._posting import LOWERCASE_TOOLS

    words = theme.split()
    if theme.lower() in LOWERCASE_TOOLS:
        return True
    return all(w[:1].isupper() or w.isupper() for w in words) and len(words) <= 3


def answered_by_posting(question: str, posting: str | None) -> bool:
    """Whether ``posting`` already answers the bank question ``question``."""
    if not posting:
        return False
    for asks, says in _ANSWERED:
        if re.search(asks, question, re.IGNORECASE) and re.search(says, posting):
            return True
    return False


class _Filler:
    """Fills ``{company}``, ``{role}`` and ``{interviewer}`` into bank text.

    ``{interviewer}`` is their first name; without one, a "why" says "your interviewer"
    (networking: "them", with "{interviewer}'s" as "their").
    """

    def __init__(self, role: str, company: str, interviewer: str | None, mode: str) -> None:
        self.role = role
        self.company = company
        self.first_name = interviewer.split()[0] if interviewer else None
        self.mode = mode

    def __call__(self, text: str, why: bool = False) -> str:
        out = text.replace("{company}", self.company).replace("{role}", self.role)
        if self.first_name:
            out = out.replace("{interviewer}", self.first_name)
        elif self.mode == "networking" and why:
            out = out.replace("{interviewer}'s", "their").replace("{interviewer}", "them")
        else:
            out = out.replace("{interviewer}", "your interviewer" if why else "you")
        return out[:1].upper() + out[1:]


def _relevance(q: BankQuestion, role: str, context: str) -> int:
    """Roles that fit the job title count 2; each keyword found in the title, themes or
    description (lowercased: ``context``) counts 1; a question meant for other roles loses 1.
    An opening question counts 1, so the plan starts with some rapport."""
    title = role.lower()
    score = 1 if q.stage == "opening" else 0
    if q.roles:
        score += 2 if any(r in title for r in q.roles) else -1
    for keyword in q.keywords:
        if re.search(rf"\b{re.escape(keyword)}(?:s|es)?\b", context):
            score += 1
    return score
