"""Noun phrases of a job posting's duty and requirement bullets (private to ``prep.themes``).

A posting names what the job needs in its bullets: "Practice careful cash handling and balancing
a cash drawer at the end of every shift", "BLS and ACLS certification", "6 months of cash
handling or customer service experience". This is a small rule-based chunker for that register
(docs/prep.md, "Themes"), not a statistical keyphrase ranker:

* the posting is read section by section; a heading says whether its bullets are duties
  ("What you'll do", "Responsibilities"), requirements ("What we're looking for", "Nice to
  have") or something a theme never comes from (pay, schedule, benefits, about us);
* a duty bullet starts with an imperative verb, which is dropped ("Process deposits ...");
* the rest is cut into noun phrases at punctuation and at words that cannot be inside one
  (prepositions, conjunctions, determiners, pronouns, auxiliaries and common verbs);
* evaluative adjectives and counts are trimmed from the front ("careful cash handling" ->
  "cash handling"), boilerplate nouns from the end ("customer service experience" -> "customer
  service"), and a gerund keeps its object ("balancing a cash drawer").

Each phrase comes back with where it was found (section kind, bullet, place in the bullet), so
the caller ranks the first phrase of every bullet before the second. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Phrase", "is_verb", "normalise_lines", "posting_phrases"]


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str
    section: str  # "duties", "requirements", "preferred" or "other"
    bullet: int  # which bullet of the posting, from 0
    place: int  # which phrase of its bullet, from 0
    # The first phrase of a clause after the bullet's first ("...; conduct patient screening").
    clause_start: bool = False
    # A later item of a list: "boilers" of "gas furnaces, boilers, heat pumps".
    listed: bool = False


# Any one or two marks before a bullet ("-", "•", "~", "->"), but not a heading's mark.
BULLET = re.compile(r"^\s*(?:(?![#>])[^\w\s($£€\"'“]{1,2}|\d{1,2}[.)]|[a-z][.)])\s+")
_BULLET = BULLET
# A heading's mark: "## What you'll do", "> Who we are".
HEADING_MARK = re.compile(r"^\s*(?:#{1,6}|>{1,2})\s*")
_DUTIES = re.compile(
    r"responsib|what you(?:'|’)?(?:ll| will)?(?: \w+ly)? (?:do|work on|own|be doing|tackle)|duties|"
    r"day[- ]to[- ]day|the work|your work|"
    r"what the job|in this role|you will (?:do|own)|key tasks|accountabilit|essential functions|"
    r"job functions|what you(?:'|’)?ll be doing|a typical|^\W*your (?:job|role|day)\b|"
    r"^\W*you will\W*$|what a day|day in the life|how you(?:'|’)?ll spend",
    re.IGNORECASE,
)
_REQUIREMENTS = re.compile(
    r"requir|qualif|looking for|you(?:'|’)?(?:ll)? (?:have|bring|need)|what you bring|"
    r"must|skills|about you|who you are|experience|competenc|knowledge|we need|you are|bring|"
    r"you're|what it takes|to succeed|minimum|(?:good|great) fit|you might be|you may be",
    re.IGNORECASE,
)
_PREFERRED = re.compile(r"nice|bonus|preferred|plus|ideal|extra credit|stand out", re.IGNORECASE)
_SKIP = re.compile(
    r"\b(?:pay|salary|compensation|perks|benefits|schedule|hours|how to apply|equal|eeo|"
    r"what we offer|interview|hiring process|selection process|working conditions)\b",
    re.IGNORECASE,
)
_OTHER = re.compile(
    r"pay|salary|compensation|perks|benefits|schedule|hours|shift|location|where|about (?:us|the "
    r"(?:company|team|unit|branch|firm|district|agency|job|role|school))|who we are|how to apply|"
    r"apply|equal|eeo|legal|our (?:team|company|story)|why join|why work|the team|the unit|"
    r"physical|working conditions|environment|travel|training|what we offer|culture",
    re.IGNORECASE,
)

_BOUNDARY = frozenset(
    """a an the our your their its his her my this that these those all any each every some
    both either neither no such other another same own of to for with without from in into onto
    on at by about across through throughout within between among per via under over after
    before during until while when where whether which who whom whose what how why than as
    like including include includes included using and or nor but so yet then also plus versus vs
    is are was were be been being am has have had do does did will would can could should may
    might must shall it they them we us you he she i me him who's it's you're we're they're
    you'll we'll there here not more most less least very well just only even still always
    often sometimes usually mostly mainly primarily especially if once because since though
    although up out off down around along etc e.g. i.e. ideally preferably
    everything anything something nothing everyone anyone someone""".split()
)
# Counts written in words end a phrase ("Teaching Strategies GOLD three times a year"), but
# only in lowercase: "Lean Six Sigma" is a name.
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twice dozen".split()
)
# Common verbs of a posting: never part of a phrase when they start one.
_VERBS = frozenset(
    """provide manage initiate follow respond participate speak complete lead precept process
    practice deliver watch make use help open close own design build maintain run write
    partner work present plan analyze analyse track reduce improve create develop drive define
    ship shape scale support coordinate collaborate contribute conduct research synthesize
    migrate set train evaluate deploy operate monitor forecast report launch prototype test
    review mentor hire recruit grow establish implement execute optimize automate integrate
    document communicate negotiate prospect sell standardize clean map turn ensure keep
    assist prepare handle serve greet answer resolve teach plan grade assess instruct
    supervise schedule assign inspect install repair troubleshoot read bend pull cut draft
    file organize draft obtain take give get go come bring need want stay learn identify
    uphold protect spot meet exceed hit own oversee administer perform carry enter verify
    balance count load unload pick pack ship receive store audit reconcile calculate estimate
    model engage interview facilitate translate convert renew upsell expand retain onboard
    escalate represent advocate act serve sit stand lift walk climb drive travel attend join
    adapt thrive love enjoy care apply enforce coach motivate investigate prioritize proof
    summarize index reinforce promote encourage approve update stock order restock educate
    counsel advise diagnose treat chart titrate triage post refer partner guide explain
    differentiate adjust communicate recommend arrive measure interpret evolve calibrate wash
    sanitize rotate sterilize restrain assemble invoice collect cook bake garnish disinfect
    observe vaccinate dispense proofread cite litigate greet welcome pass hold possess
    demonstrate obtain collect announce deploy secure escort de-escalate contact determine
    confirm record know understand screen host tune put produce check give receive label""".split()
)
# Evaluative or quantity words trimmed from the start of a phrase.
_LEADING_ADJECTIVES = frozenset(
    """years year months experience careful accurate friendly professional strong excellent
    effective clear timely high
    basic detailed daily weekly monthly quarterly annual new various multiple relevant related
    complex key proven solid deep good great exceptional outstanding demonstrated
    demonstrable working general overall current previous prior active valid successful
    real-time hands-on end-to-end day-to-day ongoing regular routine appropriate
    efficient efficiently accurately professional friendly positive calm several many few
    one two three four five six seven eight nine ten first second minimum least additional
    similar equivalent comparable recent open new full part-time full-time entire whole
    excellent superb great polished thoughtful reliable dependable""".split()
)
# Boilerplate nouns trimmed from the end ("customer service experience").
_TRAILING = frozenset(
    """experience experiences skills skill ability abilities knowledge background
    requirements requirement procedures policies responsibilities tasks duties work
    purposes needs purposes basis role position""".split()
)
_TOKEN = re.compile(
    r"[A-Za-z0-9][\w+#.&/'’-]*[\w+#]|[A-Za-z0-9]|[,;:()\[\]!?]|\s[-–—]\s|\.(?=\s|$)"
)


def posting_phrases(text: str) -> list[Phrase]:
    """Noun phrases of the bullets (or, with no bullets, the sentences) of ``text``, in order.

    Prose under a duty or requirement heading that also has bullets, and the prose of a summary
    or training section, comes back as section "other": it introduces the bullets and ranks
    after them. A requirement section written as prose only is its requirements. A sentence
    that tells the reader what they will do ("In this role you will own ...", "You'll own our
    demand generation") is a duty wherever it is, except under pay, benefits and the like; the
    company's own sentences ("We sell mostly direct-to-consumer") give nothing."""
    out: list[Phrase] = []
    section = "other"
    bullet_no = 0
    lines = _join_wrapped(normalise_lines(text))
    has_bullets = sum(1 for ln in lines if _BULLET.match(ln)) >= 3
    bulleted_sections = _bulleted_sections(lines)
    heading_no = 0
    for line in lines:
        if not line:
            continue
        prose = False
        if _is_heading(line):
            section = _section(line)
            heading_no += 1
            continue
        if section == "skip":
            continue
        bulleted = _BULLET.match(line)
        items: list[tuple[str, str]] = []  # (text, kind)
        if not has_bullets and bulleted is None and section not in ("duties", "requirements"):
            # A posting without a list: its prose is what it has, but a sentence telling the
            # reader what they will do is a duty ("In this role you will own ...").
            # The company's sentences in a summary ("Tally builds payroll software") and what
            # is no duty ("You'll report to ...") give nothing, as in a posting with bullets.
            prose = True
            for sentence in re.split(r"(?<=[.!?])\s+", line):
                you = _YOU_DUTY.match(sentence)
                if you:
                    items.append((sentence[you.end() :], "duties"))
                elif section == "summary":
                    if _ABOUT_ROLE.match(sentence):
                        items.append((sentence, "summary"))
                elif not re.match(r"you\b|you(?:'|’)", sentence, re.IGNORECASE):
                    items.append((sentence, section))
        elif has_bullets and bulleted is None:
            # Prose between the headings: "About the job" paragraphs.
            prose = True
            for sentence in re.split(r"(?<=[.!?])\s+", line):
                you = _YOU_DUTY.match(sentence)
                if you:
                    items.append((sentence[you.end() :], "duties"))
                elif section == "unknown":
                    items.append((sentence, "other"))
                elif section in ("other", "summary"):
                    if section == "summary" and _ABOUT_ROLE.match(sentence):
                        items.append((sentence, "summary"))
                elif heading_no not in bulleted_sections:
                    items.append((sentence, section))  # a requirement section in prose
                else:
                    items.append((sentence, "other"))
        elif section == "other" and has_bullets:
            continue
        else:
            items = [(_BULLET.sub("", line), section)]
        for item, kind in items:
            if kind == "unknown" and _PERK.search(item):
                continue  # "20 days PTO", "401(k) with 4% match" under "The details"
            if kind == "unknown":
                tokens = _TOKEN.findall(item)
                kind = "duties" if tokens and _leading_verb(tokens) else "requirements"
            duty = kind in ("duties", "summary")
            where = "other" if kind == "summary" else kind
            place = 0
            for number, clause in enumerate(_clauses(item, duty=duty)):
                phrases = _chunk(clause, duty=duty, requirement=not prose or where != "other")
                for i, (phrase, listed) in enumerate(phrases):
                    # A clause after the first leads with its own verb: "...; conduct patient
                    # screening", "and run usability testing" (see docs/prep.md, "Themes").
                    out.append(
                        Phrase(phrase, where, bullet_no, place, i == 0 and number > 0, listed)
                    )
                    place += 1
                if phrases:
                    bullet_no += 1  # each clause is a duty of its own
            bullet_no += 1
    return out


# A sentence telling the reader what they will do: a duty even in the prose about the job.
_YOU_DUTY = re.compile(
    r"^(?:in this role,?\s+|as (?:a|an|the|our)\s[^,.]{1,40},\s+)?you(?:'|’)?(?:ll|\s+will)"
    r"(?:\s+also)?\s+(?!report\b|join\b|be\s+(?:part|joining|reporting|based)\b|work\s+"
    r"(?:with|alongside|closely|from|in)\b|get\b|have\b|receive\b|enjoy\b|need\b)",
    re.IGNORECASE,
)
# A summary sentence about the role, not the company ("The CRC II coordinates ... trials").
_ABOUT_ROLE = re.compile(r"^(?:the|this|your|in this|as (?:a|an|the|our))\b", re.IGNORECASE)


def _bulleted_sections(lines: list[str]) -> set[int]:
    """The numbers (from 1) of the headings whose sections hold bullets."""
    found: set[int] = set()
    number = 0
    for line in lines:
        if line and _is_heading(line):
            number += 1
        elif _BULLET.match(line):
            found.add(number)
    return found


def _clauses(item: str, *, duty: bool) -> list[str]:
    """``item`` cut where a new verb starts a new duty: at ";", at a spaced dash, and in a
    duty at "and" or a comma before a verb ("Build interactive prototypes in Figma and run
    usability testing", "own the relationship, building account plans, running QBRs")."""
    parts = [p for p in re.split(r"\s*;\s*|\s+[-–—]{1,2}\s+", item) if p.strip()]
    if not duty:
        return parts
    out: list[str] = []
    for part in parts:
        tokens = part.split(" ")
        start = 0
        for i in range(1, len(tokens) - 1):
            before, word, after = tokens[i - 1], tokens[i], tokens[i + 1]
            if not (before in ("and", "or") or before.endswith(",")) or not word.isalpha():
                continue
            if not word.islower() or word in _BOUNDARY or not re.match(r"[A-Za-z(]", after):
                continue
            # A gerund starts a clause only after a comma: "..., running QBRs"; "excavation
            # and trenching safety" is one phrase.
            comma = before.endswith(",") or (i > 1 and tokens[i - 2].endswith(","))
            gerund = comma and word.endswith("ing") and len(word) > 5
            if (word in _VERBS and word not in _NOUN_VERBS) or gerund:
                cut = i - 1 if before in ("and", "or") else i
                if cut > start:
                    out.append(" ".join(tokens[start:cut]).rstrip(","))
                    start = i
        out.append(" ".join(tokens[start:]))
    return [p for p in out if p.strip(" ,")]


# Verbs of _VERBS that are as often the noun after "and": "sales and support", "data and
# research", "tests and documentation".
_NOUN_VERBS = frozenset(
    """support design research process test plan model report review file order record
    schedule balance stock map post store audit forecast estimate practice work partner
    ship launch program budget chart count load lead mentor reconcile""".split()
)


def _join_wrapped(lines: list[str]) -> list[str]:
    """Hard-wrapped bullets joined back: a line that continues a bullet left open."""
    out: list[str] = []
    for line in lines:
        if (
            line
            and out
            and _BULLET.match(out[-1])
            and not _BULLET.match(line)
            and (line[:1].islower() or not out[-1].endswith((".", "!", "?", ":", ";")))
        ):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _is_heading(line: str) -> bool:
    line = HEADING_MARK.sub("", line)
    if _BULLET.match(line) or len(line.split()) > (10 if line.endswith(":") else 7):
        return False
    return line.endswith(":") or not line.endswith((".", "!", "?", ","))


# Sections that describe the job in prose ("The role", "Position summary") or what training
# covers: read, but their phrases rank after every bullet's.
_SUMMARY = re.compile(
    r"^\W*(?:the (?:job|role|position|opportunity)|(?:position|job|role) (?:summary|overview)|"
    r"summary|overview|about (?:the|this) (?:position|role|job)|why this role|training|"
    r"apprenticeship|what you(?:'|’)?ll learn)\b",
    re.IGNORECASE,
)


def _section(heading: str) -> str:
    heading = HEADING_MARK.sub("", heading)
    if _SKIP.search(heading):
        return "skip"  # pay, benefits, schedule, how to apply: never a theme
    if _PREFERRED.search(heading):
        return "preferred"
    if _SUMMARY.search(heading):
        return "summary"
    if _REQUIREMENTS.search(heading):
        return "requirements"
    if _DUTIES.search(heading):
        return "duties"
    if _OTHER.search(heading) or len(heading.split()) > 4:
        return "other"  # pay, schedule, about us; or a title line
    return "unknown"  # "Day one", "Your toolkit": its bullets say which kind they are


_PERK = re.compile(
    r"\$|£|€|\bsalary\b|\bPTO\b|401\(?k|\bpension\b|\bbenefits?\b|\bdental\b|"
    r"\bvision\b|\bholidays?\b|\bstipend\b|parental leave|paid time off|\bbonus",
    re.IGNORECASE,
)


def normalise_lines(text: str) -> list[str]:
    """The posting's lines, stripped, with quote marks resolved: "> - Rack servers" is a bullet
    inside a quoted block, "> What you'll do" a heading, and a run of "> Use our WMS" lines
    bullets marked with ">"."""
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    quoted = [bool(re.match(r">(?!>)\s*\S", ln)) for ln in lines]
    out: list[str] = []
    for i, line in enumerate(lines):
        if not quoted[i]:
            out.append(line)
            continue
        inner = line[1:].strip()
        if _BULLET.match(inner):
            out.append(inner)
            continue
        after = next((j for j in range(i + 1, len(lines)) if lines[j]), None)
        before = next((j for j in range(i - 1, -1, -1) if lines[j]), None)
        in_run = (
            after is not None and quoted[after] and not _BULLET.match(lines[after][1:].strip())
        ) or (before is not None and quoted[before] and not _is_heading(lines[before][1:].strip()))
        known = _section(inner) not in ("unknown", "other") or bool(_OTHER.search(inner))
        if _is_heading(inner) and (known or not in_run):
            out.append(inner)
        else:
            out.append(f"- {inner}")
    return _resolve_headings(out)


def _emoji(mark: str) -> bool:
    """A pictograph ("🧭", "☀️"), which marks a heading; "•", "✔", "→" mark bullets."""
    return any(ord(c) >= 0x1F000 or 0x2600 <= ord(c) < 0x2700 for c in mark)


_INLINE_HEADING = re.compile(r"^([^:]{2,60}?)\s*:\s+(\S.*)$")


def _resolve_headings(lines: list[str]) -> list[str]:
    """Headings written other ways than alone on a line:

    * behind a pictograph: "🧭 What you'll do" (not a bullet);
    * with their content on the same line: "Nice to have: Kafka; Terraform", "what you'll
      actually be doing: designing services in Go; writing queries" (the content becomes one
      bullet per ";" part or sentence);
    * a longer lead-in to a list: "You'll probably be a good fit if you" above bullets."""
    out: list[str] = []
    for i, line in enumerate(lines):
        mark = _BULLET.match(line)
        if mark and _emoji(mark.group()):
            inner = line[mark.end() :].strip()
            if _is_heading(inner) and _section(inner) != "unknown":
                out.append(inner)
                continue
        inline = None if mark else _INLINE_HEADING.match(line)
        if inline and len(inline.group(1).split()) <= 6 and not inline.group(1)[:1].isdigit():
            head, rest = inline.group(1).strip(), inline.group(2).strip()
            kind = _section(head)
            if kind in ("duties", "requirements", "preferred"):
                out.append(f"{head}:")
                parts = re.split(r"\s*;\s*|(?<=[.!?])\s+(?=[A-Z])", rest)
                out.extend(f"- {part}" for part in parts if part.strip(" ."))
                continue
            if kind != "unknown":
                out.extend((f"{head}:", rest))
                continue
        nxt = next((ln for ln in lines[i + 1 :] if ln), "")
        if (
            not mark
            and nxt
            and _BULLET.match(nxt)
            and len(line.split()) <= 10
            and not line.endswith((".", "!", "?", ",", ":"))
            and _section(line) in ("duties", "requirements", "preferred")
        ):
            out.append(f"{line}:")  # "You'll probably be a good fit if you" above its list
            continue
        out.append(line)
    return out


def _chunk(item: str, *, duty: bool, requirement: bool = False) -> list[tuple[str, bool]]:
    """``item``'s noun phrases, each with whether it is a later item of a list ("gas furnaces,
    boilers, heat pumps": "boilers" and "heat pumps" are). A duty's leading verb or gerund
    goes; a requirement bullet's only when it is a known verb ("Pass a DOT physical"), since
    "Teaching experience" and "Excel for reporting" lead with nouns."""
    tokens = _TOKEN.findall(item)
    dropped_verb = False
    if tokens and (
        (duty and _leading_verb(tokens)) or (requirement and tokens[0].lower() in _VERBS)
    ):
        tokens = tokens[1:]  # the bullet's imperative verb or gerund: "Process", "Using"
        tokens = _skip_verb_list(tokens)
        dropped_verb = True
    phrases: list[str] = []
    listed: list[bool] = []
    run: list[str] = []
    at_start = True
    run_start = 0

    def flush() -> None:
        # "Provide care coordination": the word after the bullet's verb is a noun here.
        # "services in Go": a capitalised word inside the item is a name, not the verb "go".
        named = bool(run) and run[0][:1].isupper() and not at_start
        first = dropped_verb and not phrases and run[:1] == tokens[:1]
        phrase = _trim(run, noun_first=first or named)
        if phrase:
            before = tokens[run_start - 1].lower() if run_start > 0 else ""
            listed.append(bool(phrases) and before in (",", "and", "or"))
            phrases.append(phrase)
        run.clear()

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.lower().replace("’", "'")
        if tok == "(" and run and (spelled := _spelled_out(run, tokens, i)) is not None:
            # "Good Clinical Practice (GCP)", "QBRs (quarterly business reviews)": one theme.
            run.append(spelled)
            i += len(spelled.split()) + 2
            continue
        if low == "end" and [t.lower() for t in tokens[i + 1 : i + 3]] == ["to", "end"]:
            flush()  # "own referral campaigns end to end"
            i += 3
            continue
        if not re.match(r"[A-Za-z0-9]", tok):
            flush()
        elif (
            low in ("and", "or")
            and len(core := [w for w in run if w.lower() not in _LEADING_ADJECTIVES]) == 1
            and core[0] == run[-1]
            and run[-1].islower()
            and i + 1 < len(tokens)
            and re.match(r"[a-z]", tokens[i + 1])  # "segmentation and SQL" are two
            and tokens[i + 1].lower() not in _BOUNDARY | _VERBS
            and len(rest := _words_from(tokens, i + 1)) <= 3
        ):
            # "deposits and withdrawals", "hand and power tools": one theme, the head shared.
            run.extend((tok, *rest))
            i += 1 + len(rest)
            continue
        elif (
            low == "of"
            and run
            and run[-1][:1].isupper()
            and tokens[i + 1 : i + 2]
            and (tokens[i + 1][:1].isupper())
        ):
            run.append(tok)  # "Multi-Tiered System of Supports", "Rules of Civil Procedure"
        elif low in _BOUNDARY or tok in _NUMBER_WORDS:
            flush()
            # "balancing a cash drawer": a gerund keeps its short object.
            if (
                low in ("a", "the")
                and phrases
                and not run
                and i > 0
                and tokens[i - 1].lower().endswith("ing")
                and tokens[i - 1].lower() not in _BOUNDARY
            ):
                obj = _object_after(tokens, i + 1)
                if obj is not None and phrases[-1].split()[-1] == tokens[i - 1]:
                    phrases[-1] = f"{phrases[-1]} {low} {obj}"
                    i += 1 + len(obj.split())
                    continue
        elif (
            not run
            and low in _VERBS
            and (tok.islower() or i == 0)
            # "Provide care coordination": after the bullet's verb, "care" is a noun.
            and not (dropped_verb and i == 0 and tokens[1:2] and tokens[1][:1].isalpha())
        ):
            flush()  # "Go" inside a sentence is a language, "go" a verb
        else:
            if not run:
                at_start = i == 0
                run_start = i
            run.append(tok)
        i += 1
    flush()
    return list(zip(phrases, listed, strict=True))


def is_verb(word: str) -> bool:
    """Whether ``word`` is one of the common verbs of a posting ("Contact", "collect")."""
    return word.lower() in _VERBS


def _skip_verb_list(tokens: list[str]) -> list[str]:
    """After "Prepare", the rest of a list of verbs: ", proof, and e-file court filings"."""
    if not tokens or tokens[0] not in (",", "and", "or", "&"):
        return tokens
    for i, tok in enumerate(tokens[:8]):
        if tok.lower() in ("and", "or", "&") and i + 1 < len(tokens):
            if all(t == "," or t.islower() for t in tokens[:i]):
                return tokens[i + 2 :]
            break
    return tokens


def _leading_verb(tokens: list[str]) -> bool:
    first = tokens[0].lower()
    if first in _VERBS or first in _BOUNDARY:
        return first in _VERBS
    if _third_person(first) or ("-" in first and first.rsplit("-", 1)[1] in _VERBS):
        return True  # "Prepares roadway design", "Coordinates permitting", "Bates-label"
    nxt = tokens[1].lower() if len(tokens) > 1 else ""
    # "designing and building services": a list of gerunds; "Troubleshooting of controls" is
    # a noun.
    takes_object = bool(re.match(r"[a-z]", nxt)) and (
        nxt not in ("and", "or", "of")
        or (nxt != "of" and len(tokens) > 2 and tokens[2].lower().endswith("ing"))
    )
    if first.endswith("ing") and len(first) > 5 and takes_object:
        return True
    # An unknown capitalised word leading a duty bullet, then a comma or a lowercase object
    # ("Arrive, read the prep lists", "Measure parts with calipers"): a verb, not a name.
    word = tokens[0]
    return (
        word[:1].isupper()
        and word[1:].islower()
        and word.isalpha()
        and (nxt == "," or (nxt in _BOUNDARY and nxt not in ("and", "or", "of")))
    )


def _spelled_out(run: list[str], tokens: list[str], i: int) -> str | None:
    """At the "(" of ``tokens[i]``, an acronym and its words: "(GCP)" after "Good Clinical
    Practice", "(quarterly business reviews)" after "QBRs"; None for any other aside."""
    close = next((j for j in range(i + 1, min(len(tokens), i + 7)) if tokens[j] == ")"), None)
    if close is None or close == i + 1:
        return None
    inner = tokens[i + 1 : close]
    if len(inner) == 1 and re.fullmatch(r"[A-Z][A-Z&]+s?", inner[0]):
        short, words = inner[0], run
    elif re.fullmatch(r"[A-Z][A-Z&]+s?", run[-1]) and all(w.isalpha() for w in inner):
        short, words = run[-1], inner
    else:
        return None
    letters = [c for c in short.rstrip("s").lower() if c.isalpha()]
    for start in range(len(words)):
        spelled = "".join(words[start:]).lower()
        if spelled[:1] != letters[0]:
            continue
        at = 0
        for c in letters:
            at = spelled.find(c, at) + 1
            if at == 0:
                break
        else:
            return f"({' '.join(inner)})"
    return None


def _third_person(word: str) -> bool:
    """ "prepares", "coordinates", "ensures": a known verb with -s, leading a duty bullet."""
    return word.endswith("s") and any(w in _VERBS for w in (word[:-1], word[:-2]))


def _words_from(tokens: list[str], start: int) -> list[str]:
    """The words from ``start`` up to the next punctuation or boundary word."""
    words: list[str] = []
    for tok in tokens[start:]:
        if not re.match(r"[A-Za-z0-9]", tok) or tok.lower() in _BOUNDARY:
            break
        words.append(tok)
    return words


def _object_after(tokens: list[str], start: int) -> str | None:
    words: list[str] = []
    for tok in tokens[start : start + 3]:
        if not re.match(r"[A-Za-z]", tok) or tok.lower() in _BOUNDARY or tok.lower() in _VERBS:
            break
        words.append(tok)
    return " ".join(words) if words else None


def _trim(run: list[str], *, noun_first: bool = False) -> str:
    words = list(run)
    if any(w.startswith("(") for w in words):
        # A name with its acronym ("Good Clinical Practice (GCP)") is kept as written.
        while words and (
            words[-1].lower() in _TRAILING
            or words[-1].lower() in ("preferred", "required", "desired", "needed", "a", "plus")
        ):
            words.pop()
        return " ".join(words) if len(words) <= 6 else ""
    while words and (
        words[0].lower() in _LEADING_ADJECTIVES
        or words[0].lower().endswith(("-level", "-quality", "-minded"))
        or words[0].lower()
        in ("expert", "proficient", "fluent", "comfortable", "familiar", "confident")
        or _adverb(words[0])
        or re.fullmatch(r"[$£€]?[\d.,+%]+[kKmMbB]?", words[0])
    ):
        words.pop(0)
    while words and (
        (words[-1].lower() in _TRAILING and not _lone_common(words[:-1]))
        or _adverb(words[-1])
        or words[-1].lower() in ("preferred", "required", "desired", "needed", "a", "plus")
        or (re.fullmatch(r"[$£€]?[\d.,+%]+[kKmMbB]?", words[-1]) and not _names_a_version(words))
    ):
        words.pop()
    # "vehicle damage estimates written (by ...)": a participle closing the run is a verb.
    while len(words) > 1 and (
        words[-1].lower() in _PARTICIPLES or (words[-1].islower() and words[-1].endswith("ed"))
    ):
        words.pop()
    if len(words) > 4 and words[0][:1].isupper() and not words[-1][:1].isupper():
        # "Teaching Strategies GOLD times": the name, then what follows it.
        cut = next(i for i, w in enumerate(words) if not w[:1].isupper())
        words = words[:cut] if cut >= 2 else words
    # "and" and a name's "of" ("Federal Rules of Civil Procedure") make a phrase longer.
    joined = any(w.lower() in ("and", "or") or w == "of" for w in words)
    if not 1 <= len(words) <= (5 if joined else 4):
        return ""
    if (
        len(words) == 1
        and not words[0].isupper()
        and (words[0].lower() in _GENERIC_NOUNS or _generic_gerund(words[0]))
    ):
        return ""
    if words[-1].endswith(("'s", "’s")) or (words[0].lower() in _VERBS and not noun_first):
        return ""
    return " ".join(words)


_PARTICIPLES = frozenset(
    """written given taken done made seen shown used needed required assigned provided
    completed received based submitted approved listed noted""".split()
)


def _names_a_version(words: list[str]) -> bool:
    """ "OSHA 10", "WCAG 2.2", "SOC 2": a number after a name belongs to it."""
    return len(words) >= 2 and words[-2][:1].isupper() and len(words[-1]) <= 4


def _generic_gerund(word: str) -> bool:
    """ "building", "operating", "writing": a verb's -ing form that names no skill alone."""
    low = word.lower()
    if not low.endswith("ing"):
        return False
    stem = low[:-3]
    return any(s in _GENERIC_VERBS for s in (stem, stem + "e", stem[:-1]))


_GENERIC_VERBS = frozenset(
    """build operate write teach install work use make manage run lead help do find read
    learn keep follow get take give support maintain provide create develop improve own
    label terminate pull bend test assist ensure drive deliver""".split()
)


# -ly words that are nouns, not adverbs.
_LY_NOUNS = frozenset("family supply assembly anomaly reply rally ally july italy monopoly".split())


def _lone_common(words: list[str]) -> bool:
    """One lowercase word: "knife" of "knife skills", "product" of "product knowledge" says less
    than the phrase, so the phrase keeps its last noun."""
    return len(words) == 1 and words[0].islower() and words[0].isalpha()


def _adverb(word: str) -> bool:
    low = word.lower()
    return low.endswith("ly") and len(low) > 4 and low not in _LY_NOUNS


# Lone nouns too general to be a theme ("patients", "shift", "end").
_GENERIC_NOUNS = frozenset(
    """patients patient customers customer clients client students student members member
    shift shifts end start signs sign months month years year days day weeks week hours hour
    team teams branch office site line lines people staff everyone others products product
    willingness habit familiarity comfort able ability completed proficiency fluency
    understanding knowledge eligibility means suspicion range duty semester
    things part parts way ways time level levels number numbers detail details attention
    attitude needs plan plans updates update life past rotating fit bank company business
    work tasks partners partnership leaders managers manager colleagues questions issues
    situations range variety mix set lot group groups area areas field phone lobby""".split()
)
