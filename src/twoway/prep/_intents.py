# ruff: noqa: E501  (tables of regular expressions read best one entry a line)
"""What a question is asking, for the common questions of a plan (private to ``prep.match``).

Spoken paraphrases of the classic questions share few words ("How did you get into this
field?" / "what got you into product management"; "Who else would you recommend I talk to?" /
"Is there anyone else I should reach out to?"), so word overlap alone misses them, and near
misses share many ("who else will I meet during the interviews"). An **intent** is a family of
wordings of one question: two questions with the same intent are the same question, two with
different intents are not. A question outside every family has no intent, and is matched on
its words alone. The families were written from the bank (``question_bank.toml``) and the
calibration pairs (``benchmarks/data/plan_match/calibration.tsv``,
``tests/data/prep/paraphrases_calibration.tsv``), never from the held-out pairs.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Order matters: the first family that matches is the intent.
_FAMILIES: tuple[tuple[str, str], ...] = (
    (
        "next_steps",
        r"\bnext steps?\b|\bwhat happens next\b|\bwhat(?:'s| is) next (?:in|for me|from here)\b",
    ),
    (
        "anything_else_ask_me",
        r"\banything (?:else )?(?:that )?you(?:'d)? (?:want|wanted|would like|need) to (?:ask|know) (?:me|about me|about my)",
    ),
    (
        "anything_else_need",
        r"\banything else (?:that )?(?:you need|i can (?:send|provide|share|get)|you(?:'d| would) like (?:from|me to))",
    ),
    (
        "position_open",
        r"\bwhy is (?:this|the) (?:position|role|job) open\b|\bnew (?:position|role) or a backfill\b|\bwhy (?:is|was) (?:this|the) (?:role|position) (?:created|opened)\b",
    ),
    ("decision_timeline", r"\b(?:timeline|when)\b[^?]{0,40}\b(?:decide|decision|hear back)\b"),
    (
        "decision_making",
        r"\bhow (?:are|do|does) (?:decisions|the team make decisions|you make decisions|people decide)\b",
    ),
    (
        "referral",
        r"\b(?:who else|anyone else|anybody else|other people|someone else)\b(?![^?]*\b(?:interview|panel|process|meet with during|report to)\b)[^?]{0,50}\b(?:talk|speak|reach out|connect|contact|recommend|suggest|good for me)\b",
    ),
    (
        "wish_known",
        r"\bwish (?:you(?:'d| had)?|someone had) (?:known|told you)\b|\btell your(?:self| younger self)\b|\byour younger self\b|\bgo back to your first\b",
    ),
    (
        "into_field",
        r"\b(?:how did you (?:first )?(?:get|end up|break|come|get started|start out)|what (?:got|drew|led|pulled) you|your path)\s+(?:in|into|to be in)\b(?!\s+(?:the )?(?:office|building))|\bget started in (?:this|the) (?:field|industry)\b",
    ),
    (
        "joined_company",
        r"\bwhat (?:brought|drew|attracted) you to (?!this field|the field)[A-Z]?\w+|\bwhy did you (?:decide to )?join\b|\bwhat made you (?:decide to )?join\b|\bhow did you end up (?:at|joining)\b",
    ),
    (
        "role_changed",
        r"\bhow (?:has|did) your (?:own )?(?:role|job|position|work) (?:changed|evolved|grown|change|evolve)\b",
    ),
    (
        "keeps_you",
        r"\bwhat (?:keeps|makes) you (?:here|stay)\b|\bwhy (?:do|have) you stay(?:ed)?\b",
    ),
    ("surprised", r"\bsurpris\w*\b[^?]{0,40}\byou\b|\byou\b[^?]{0,30}\bsurpris\w*"),
    (
        "role_challenges",
        r"\b(?:challenges?|hardest|hard part|difficult|toughest)\b[^?]{0,50}\b(?:this role|this job|the role|whoever takes it|someone in this role|new hire|this position)\b",
    ),
    (
        "company_challenges",
        r"\b(?:biggest|main|major) challenges?\b[^?]{0,30}\b(?:the company|the business|the organization)\b",
    ),
    (
        "hardest_part",
        r"\b(?:hardest|toughest|most difficult|most challenging)\b[^?]{0,30}\b(?:your (?:job|work|role)|what you do)\b|\bwhat do you find (?:most )?(?:challenging|hard|difficult) about your\b",
    ),
    (
        "typical_day",
        r"\b(?:typical|normal|usual|average)\b[^?]{0,15}\b(?:week|day)\b(?! of (?:on-call|\w+ing))|\bwhat does your (?:week|day) (?:usually )?look like\b|\bday in the life\b",
    ),
    (
        "enjoy_work",
        r"\b(?:you (?:like|love|enjoy|enjoyed)|favou?rite|highlight|best part|rewarding|enjoy(?:ed)?)\b[^?]{0,35}\b(?:your (?:job|work|role)|the work you do|the job|what you do|working here|here|working at)\b|\bfavou?rite part\b",
    ),
    (
        "learn_first",
        r"\b(?:learn|learning|study|start)\b[^?]{0,40}\b(?:first|break into|get into|move into|from scratch)\b",
    ),
    (
        "skills_start",
        r"\bskills?\b[^?]{0,50}\b(?:starting|just starting|start)\b|\b(?:starting|start)\b[^?]{0,40}\bskills?\b",
    ),
    (
        "follow_up_later",
        r"\b(?:if|can|could|may|okay if|alright if) I\b[^?]{0,20}\b(?:follow up|check(?:ed)? (?:back )?in|keep in touch|stay in touch|reach (?:back )?out)\b",
    ),
    (
        "courses",
        r"\b(?:courses?|meetups?|conferences?|certificates?|books?)\b[^?]{0,40}\b(?:helped|useful|recommend|worth)\b",
    ),
    (
        "professional_orgs",
        r"\bprofessional (?:organi[sz]ations?|associations?|groups?|communities|bodies)\b|\b(?:organi[sz]ations?|associations?) (?:you(?:'d| would)? (?:recommend|suggest)|i should join)\b",
    ),
    ("culture", r"\bculture\b"),
    (
        "success_early",
        r"\b(?:success|successful|great|accomplish|achieve|expect|want me to|have done)\b[^?]{0,40}\b(?:first (?:90|ninety|three months|few months|month|year)|90 days|three months)\b",
    ),
    ("tools", r"\b(?:tools|tech stack|stack|technologies)\b"),
)
_COMPILED = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _FAMILIES)


@lru_cache(maxsize=4096)
def intent_of(text: str) -> str | None:
    """The intent of a question, or ``None``.

    >>> intent_of("Is there anyone else I should talk to?")
    'referral'
    >>> intent_of("who else will I meet during the interviews") is None
    True
    """
    text = text.replace("’", "'")
    for name, pattern in _COMPILED:
        if pattern.search(text):
            return name
    return None
