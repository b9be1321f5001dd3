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


# Any one or two marks before a bullet ("-", "•", "~", "->"), but not a heading's mark.
BULLET = re.compile(r"^\s*(?:(?![#>])[^\w\s($£€\"'“]{1,2}|\d{1,2}[.)]|[a-z][.)])\s+")
_BULLET = BULLET
# A heading's mark: "## What you'll do", "> Who we are".
HEADING_MARK = re.compile(r"^\s*(?:#{1,6}|>{1,2})\s*")
_DUTIES = re.compile(
    r"responsib|what you(?:'|’)?(?:ll| will)? (?:do|work on|own|be doing|tackle)|duties|"
    r"day[- ]to[- ]day|the work|your work|"
    r"what the job|in this role|you will (?:do|own)|key tasks|accountabilit|essential functions|"
    r"job functions|what you(?:'|’)?ll be doing|a typical|^\W*your (?:job|role|day)\b|"
    r"^\W*you will\W*$|what a day|day in the life|how you(?:'|’)?ll spend",
    re.IGNORECASE,
)
_REQUIREMENTS = re.compile(
    r"requir|qualif|looking for|you(?:'|’)?(?:ll)? (?:have|bring|need)|what you bring|"
    r"must|skills|about you|who you are|experience|competenc|knowledge|we need|you are|bring|"
    r"you're|what it takes|to succeed|minimum",
    re.IGNORECASE,
)
_PREFERRED = re.compile(r"nice|bonus|preferred|plus|ideal|extra credit|stand out", re.IGNORECASE)
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
    although up out off down around along etc e.g. i.e. ideally preferably""".split()
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
    confirm record""".split()
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

    Prose under a duty or requirement heading, and the prose of a summary or training section,
    comes back as section "other": it introduces the bullets and ranks after them."""
    out: list[Phrase] = []
    section = "other"
    bullet_no = 0
    lines = _join_wrapped(normalise_lines(text))
    has_bullets = sum(1 for ln in lines if _BULLET.match(ln)) >= 3
    for line in lines:
        if not line:
            continue
        prose = False
        if _is_heading(line):
            section = _section(line)
            continue
        bulleted = _BULLET.match(line)
        if has_bullets and bulleted is None:
            # Prose between the headings: "About the job" paragraphs.
            if section == "other":
                continue
            items = re.split(r"(?<=[.!?])\s+", line)
            prose = True
        else:
            items = [_BULLET.sub("", line)]
        if section == "other" and has_bullets:
            continue
        for item in items:
            kind = section
            if kind == "unknown" and _PERK.search(item):
                continue  # "20 days PTO", "401(k) with 4% match" under "The details"
            if kind == "unknown":
                tokens = _TOKEN.findall(item)
                kind = "duties" if tokens and _leading_verb(tokens) else "requirements"
            phrases = _chunk(item, duty=kind in ("duties", "summary"), requirement=not prose)
            for place, phrase in enumerate(phrases):
                # Prose between bullets introduces them; its phrases rank after theirs.
                where = "other" if prose or kind == "summary" else kind
                out.append(Phrase(phrase, where, bullet_no, place))
            bullet_no += 1
    return out


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
    if _BULLET.match(line) or len(line.split()) > 7:
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
    return out


def _chunk(item: str, *, duty: bool, requirement: bool = False) -> list[str]:
    """``item``'s noun phrases. A duty's leading verb or gerund goes; a requirement bullet's
    only when it is a known verb ("Pass a DOT physical"), since "Teaching experience" and
    "Excel for reporting" lead with nouns."""
    tokens = _TOKEN.findall(item)
    dropped_verb = False
    if tokens and (
        (duty and _leading_verb(tokens)) or (requirement and tokens[0].lower() in _VERBS)
    ):
        tokens = tokens[1:]  # the bullet's imperative verb or gerund: "Process", "Using"
        tokens = _skip_verb_list(tokens)
        dropped_verb = True
    phrases: list[str] = []
    run: list[str] = []
    at_start = True

    def flush() -> None:
        # "Provide care coordination": the word after the bullet's verb is a noun here.
        # "services in Go": a capitalised word inside the item is a name, not the verb "go".
        named = bool(run) and run[0][:1].isupper() and not at_start
        first = dropped_verb and not phrases and run[:1] == tokens[:1]
        phrase = _trim(run, noun_first=first or named)
        if phrase:
            phrases.append(phrase)
        run.clear()

    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.lower().replace("’", "'")
        if not re.match(r"[A-Za-z0-9]", tok):
            flush()
        elif (
            low in ("and", "or")
            and len(run) == 1
            and run[0].islower()
            and i + 1 < len(tokens)
            and re.match(r"[A-Za-z]", tokens[i + 1])
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
            run.append(tok)
        i += 1
    flush()
    return phrases


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
    nxt = tokens[1].lower() if len(tokens) > 1 else ""
    takes_object = bool(re.match(r"[a-z]", nxt)) and nxt not in ("and", "or")
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
    while words and (
        words[0].lower() in _LEADING_ADJECTIVES
        or words[0].lower().endswith(("-level", "-quality", "-minded"))
        or words[0].lower() in ("expert", "proficient", "fluent", "comfortable", "familiar")
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
    joined = any(w.lower() in ("and", "or") for w in words)
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
