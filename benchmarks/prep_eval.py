"""Evaluate ``twoway prep`` on job descriptions with labels (benchmarks/data/prep_jds*/).

Themes. ``key_themes(text, 12)`` against the labelled main skills, tools, domains and
responsibilities of each posting (prep_jds: labels.json with accepted variants; later sets: one
NN_role.json beside each posting, each theme its own only variant). Two matching rules:

* **substring** (the first rule, kept for comparison): a label is found when it and a theme
  contain one another, ignoring case. Too loose one way ("k" found "pick and pack", "science"
  found "inquiry-based science teaching") and too strict the other ("A/B tests" against "A/B
  testing", "calendaring deadlines" against "docket calendaring deadlines" passes but "de-escalate
  conflicts" against "de-escalating conflicts" does not);
* **words** (the main figure): both are cut into content words (no "and", "of", "the"...) with a
  light suffix stemmer (-s, -es, -ing, -ed); a label is found when a theme holds all its words,
  or when they share at least half the words of each ("Collect fares" ~ "fares", "Class B CDL
  with passenger endorsement" ~ "Class B CDL"; not "science" ~ "inquiry-based science teaching").

Precision is the share of the 12 themes that match some label by the same rule (labels list
10-12 themes, so a perfect extractor would still score below 1 there).

Questions. For each posting the plan (``build_plan``, 10 questions, interviewer "Dana Lee") is
checked, and every tailored question printed with ``--show`` for a reader:

* **answered**: a bank question asking what the labels say the posting already answers
  (``answered``: "remote policy", "team size", "training"...; the map is ``ASKS`` below);
* **tailored problems**: a theme that starts with a verb ("Collect fares"), names a person or a
  group ("assistant teacher", "the team"), or a credential the candidate brings rather than work
  the team does ("Bachelor's degree", "BLS certification"), or a theme not written in the posting.

    python benchmarks/prep_eval.py [--data benchmarks/data/prep_jds2] [--show]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from twoway.prep import build_plan, key_themes

DATA = Path(__file__).resolve().parent / "data" / "prep_jds"
N_THEMES = 12

_STOP = frozenset(
    "a an the and or of to for with in on at by as from into our your their its & + vs".split()
)

# Which bank questions ask what an ``answered`` label says the posting answers.
ASKS: dict[str, str] = {
    "remote policy": r"\bremote\b|office days",
    "team size": r"how (?:big|large) is the team|how is the team structured|how many people",
    "reports to": r"\breport to\b",
    "training": r"budget for training|mentoring program|how does onboarding work",
    "learning budget": r"budget for training|conferences\?",
    "pay": r"salary|pay range",
    "bonus": r"bonuses",
    "raises": r"raises",
    "benefits": r"\bbenefits\b",
    "paid time off": r"time off",
    "parental leave": r"parental leave",
    "on-call": r"on-call",
    "schedule": r"\bschedule\b|\bhours\b|\bshifts?\b",
    "travel": r"\btravel",
    "start date": r"start date|when would i start",
    "interview process": r"who else will i meet",
}
# A theme leading with one of these is a duty written as a verb, not a noun phrase.
_VERB_START = frozenset(
    """collect contact pass secure deploy announce handle communicate complete escort rack stack
    install replace perform maintain manage prepare provide support assist determine review
    write lead conduct develop create build design ensure monitor track plan teach greet
    process answer resolve follow use run own keep help serve clean maintain obtain hold
    take make give get set work drive operate inspect document report coordinate""".split()
)
_PERSON = re.compile(
    r"\b(?:teachers?|managers?|assistants?|officers?|team|staff|supervisors?|directors?|"
    r"coordinators?|technicians?|operators?|nurses?|physicians?|doctors?|children|students|"
    r"parents|customers|patients|clients|riders|employees|colleagues|volunteers|people)$",
    re.IGNORECASE,
)
_CREDENTIAL = re.compile(
    r"\b(?:degree|diploma|GED|licen[cs]e|certificat\w*|certified|years?|background check|"
    r"driving record|physical|drug)\b",
    re.IGNORECASE,
)


def _stem(word: str) -> str:
    w = word.lower()
    for suffix in ("ies", "es", "s"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2 and not w.endswith("ss"):
            w = w[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) > len(suffix) + 3:
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2]:
                w = w[:-1]  # planning -> plan
            break
    return w.rstrip("e")


def words(phrase: str) -> frozenset[str]:
    return frozenset(
        _stem(w) for w in re.findall(r"[A-Za-z0-9][\w+#/'-]*", phrase) if w.lower() not in _STOP
    )


def word_match(label: str, theme: str) -> bool:
    a, b = words(label), words(theme)
    if not a or not b:
        return False
    common = len(a & b)
    return a <= b or (common * 2 >= len(a) and common * 2 >= len(b))


def substring_match(label: str, theme: str) -> bool:
    return label.lower() in theme.lower() or theme.lower() in label.lower()


def load(data: Path) -> dict[str, dict[str, object]]:
    if (data / "labels.json").exists():
        labels: dict[str, dict[str, object]] = json.loads(
            (data / "labels.json").read_text(encoding="utf-8")
        )
        return labels
    labels = {}
    for path in sorted(data.glob("*.json")):
        label = json.loads(path.read_text(encoding="utf-8"))
        label["themes"] = [[theme] for theme in label["themes"]]
        labels[path.with_suffix(".txt").name] = label
    return labels


def tailored_problems(theme: str, posting: str) -> list[str]:
    out = []
    first = theme.split()[0].lower()
    if first in _VERB_START:
        out.append("starts with a verb")
    if _PERSON.search(theme):
        out.append("names people, not work")
    if _CREDENTIAL.search(theme):
        out.append("a credential, not the team's work")
    if theme.lower() not in posting.lower():
        out.append("not in the posting")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show", action="store_true", help="themes and every planned question")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    labels = load(args.data)
    found = found_sub = total = right = extracted = 0
    n_tailored = n_bad_tailored = n_answered = 0
    bank_texts: list[str] = []
    for name, label in labels.items():
        text = (args.data / name).read_text(encoding="utf-8")
        company, role = str(label["company"]), str(label["role"])
        themes = key_themes(text, N_THEMES, exclude=(company, role))
        variants_list: list[list[str]] = label["themes"]  # type: ignore[assignment]
        missed = []
        for variants in variants_list:
            total += 1
            if any(word_match(v, t) for v in variants for t in themes):
                found += 1
            else:
                missed.append(variants[0])
            found_sub += any(substring_match(v, t) for v in variants for t in themes)
        extracted += len(themes)
        right += sum(any(word_match(v, t) for vs in variants_list for v in vs) for t in themes)
        print(f"{name}: {len(variants_list) - len(missed)}/{len(variants_list)}  missed: {missed}")
        plan = build_plan(role, company, text, interviewer="Dana Lee")
        answered = [str(a) for a in label.get("answered", [])]  # type: ignore[attr-defined]
        for q in plan.questions:
            if q.source.startswith("job description"):
                n_tailored += 1
                theme = q.source.split(": ", 1)[1]
                problems = tailored_problems(theme, text)
                n_bad_tailored += bool(problems)
                if problems or args.show:
                    print(
                        f"  tailored: {q.text}" + (f"  <- {', '.join(problems)}" * bool(problems))
                    )
            else:
                bank_texts.append(q.text)
                hits = [a for a in answered if a in ASKS and re.search(ASKS[a], q.text, re.I)]
                n_answered += bool(hits)
                if hits:
                    print(f"  ANSWERED ({', '.join(hits)}): {q.text}")
                elif args.show:
                    print(f"  bank: {q.text}")
        if args.show:
            print("  themes:", themes)
    print(
        f"themes recall (words): {found}/{total} = {found / total:.3f}; "
        f"(substring): {found_sub}/{total} = {found_sub / total:.3f}; "
        f"precision (words): {right}/{extracted} = {right / max(1, extracted):.3f}"
    )
    print(
        f"tailored questions: {n_tailored}, with a problem: {n_bad_tailored}; "
        f"bank questions the posting answers: {n_answered}/{len(bank_texts)}; "
        f"distinct bank questions: {len(set(bank_texts))}/{len(bank_texts)}"
    )


if __name__ == "__main__":
    main()
