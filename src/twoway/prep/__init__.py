"""Preparing questions to ask, and checking them against what was asked.

* ``load_bank()``: the curated bank of questions a candidate can ask, tagged by topic and stage;
* ``read_text_file(path)``: a job description file's text (``InputError`` naming the file);
* ``key_themes(text)``: the key themes of a job description (noun phrases of its bullets);
* ``build_plan(role, company, ...)``: a balanced, tailored plan of questions (``Plan``);
* ``match_plan(plan, questions, source)``: which planned questions were asked (fuzzy match);
* ``suggest_followups(conversation, me)``: follow-up questions built on what the other side said.

Importing this package is cheap: ``yake`` and ``rapidfuzz`` are imported by the functions that
need them. See ``docs/prep.md``.
"""

from twoway.prep._read import read_text_file
from twoway.prep.bank import BankQuestion, load_bank
from twoway.prep.match import MATCH_THRESHOLD, match_plan
from twoway.prep.plan import Plan, PlanItem, build_plan
from twoway.prep.suggest import suggest_followups
from twoway.prep.themes import key_themes

__all__ = [
    "MATCH_THRESHOLD",
    "BankQuestion",
    "Plan",
    "PlanItem",
    "build_plan",
    "key_themes",
    "load_bank",
    "match_plan",
    "read_text_file",
    "suggest_followups",
]
