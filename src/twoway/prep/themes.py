"""Key themes of a text: noun phrases of a job posting's bullets, or YAKE keyphrases of speech.

A **job posting** (bullets or headings) is read by its structure (docs/prep.md, "Themes"): the
noun phrases of its duty and requirement bullets (``prep._phrases``), ranked by their place in
the bullet, their section, whether they name a tool, and repetition; then the older structural
candidates (``prep._posting``); YAKE's keyphrases only fill what is left.

**Speech** (``min_words=2``) goes through YAKE (Campos et al., 2020), cleaned:

* sections about benefits and the equal-opportunity statement are dropped before extraction;
* phrases with boilerplate words ("experience", "benefits", "employer", "role"...) are dropped;
* a single word is a theme only when it is distinctive: a name or an acronym (capitalised inside
  a sentence: "Airflow", "SQL") or a repeated word that is not generic ("squads");
* phrases that start with a verb of a job posting ("build", "improve") or end with one are
  dropped ("platform turns");
* phrases naming the company or repeating the job title are dropped (``exclude``);
* a phrase whose words contain, or are contained in, those of a better-ranked one is dropped.

``yake`` takes about 0.4 s to import, so it is imported inside the function.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from twoway.analysis import stem
from twoway.prep._phrases import BULLET as _BULLET
from twoway.prep._phrases import HEADING_MARK, Phrase

__all__ = ["key_themes"]

_WORD = re.compile(r"[A-Za-z][\w+#./-]*[\w+#]|[A-Za-z]")

# Spoken fillers and conversational words YAKE's stopword list lacks.
_EXTRA_STOPWORDS = frozenset(
    """um uh umm uhh er erm hmm mm mhm yeah yep okay ok like gonna wanna kinda sorta oh ah
    wow great cool nice awesome honestly basically literally stuff thing things lot lots bit
    guess mean sure right yes no pretty really super hey hi hello thanks thank bye good bad
    big small little whole same different real""".split()
)

# Words that make a phrase boilerplate of a job posting rather than a theme of the work.
_BOILERPLATE = frozenset(
    """experience experienced years year benefits benefit salary salaries bonus bonuses
    insurance dental vision medical health 401k 401 pto holidays holiday vacation leave
    employer employment opportunity equal applicants applicant candidate candidates ideal
    preferred required requirement requirements qualification qualifications qualified
    responsibilities responsibility role roles position positions job jobs plus strong
    excellent ability abilities skills skill looking join joining offer offers competitive
    perks perk apply application disability veteran race religion gender orientation
    citizenship accommodation accommodations compensation match matching similar familiarity
    nice days week weeks today time people minutes minute hours late question questions
    answer answers interview interviews conversation chat intro""".split()
)

# Words too general to be a theme on their own ("data", "team") but fine inside a phrase.
_GENERIC = frozenset(
    """data team teams work working platform engineer engineers engineering company business
    product products models model code systems system tools tool process processes solutions
    solution services service project projects things world group groups part new good best
    great big high large small day days build building support manager management analyst
    analysts developer developers scientist scientists designer designers lead leader
    environment culture office hybrid remote question questions everyone someone something
    america north south europe asia global worldwide world city state side sides kind part
    parts stuff""".split()
)

# Verbs a posting starts its bullets with, or that YAKE leaves at the end of a phrase.
_VERB_EDGES = frozenset(
    """build builds design designs maintain maintains own owns write writes set sets lead leads
    ingest ingests make makes improve improves partner partners take takes keep keeps turn
    turns move moves feed feeds ensure ensures drive drives deliver delivers develop develops
    collaborate collaborates help helps work works join joins rely relies use uses need needs
    want wants get gets do does go goes bring brings create creates run runs manage manages
    operate operates support supports love loves think thinks say says know knows see sees
    try tries show shows started start starts view views
    act acts said told asked
    built made took got went came brought ran led wrote grew began became kept found had was
    were did done gone seen known given""".split()
)

# The verbs of _VERB_EDGES that are seldom nouns, so never inside a theme either.
_VERBS = _VERB_EDGES - frozenset(
    "design designs support supports work works lead leads build run runs partner partners "
    "help helps use uses start starts set sets need needs turn move feed show shows".split()
)

# Section headings whose content is never a theme of the work.
_SKIPPED_SECTION = re.compile(
    r"""^\W*(?:what\ we\ offer|what\ you(?:'|’)?ll\ get|our\ offer|benefits|perks|compensation
    |salary|pay|equal\ (?:employment\ )?opportunity|eeo|diversity\ statement|how\ to\ apply
    |application\ process|legal|disclaimer)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_BOILERPLATE_SENTENCE = re.compile(
    r"equal opportunity|without regard to|qualified applicants|reasonable accommodation"
    r"|e-verify|protected (?:veteran|characteristic)|background check",
    re.IGNORECASE,
)


def key_themes(
    text: str, n: int = 8, *, exclude: Iterable[str] = (), min_words: int = 1
) -> list[str]:
    """The ``n`` key themes of ``text`` (a job description, or what someone said), best first.

    ``exclude`` names things that are not themes here, such as the company and the job title:
    phrases containing the company's name, or only words of the title and generic words, are
    left out. ``min_words=2`` keeps only phrases (for speech, where single words are mostly
    generic: "people", "squads"). Deterministic and pure (YAKE uses no model or data file).

    >>> key_themes("We build data pipelines in Apache Airflow. Our data pipelines feed "
    ...            "the Snowflake data warehouse.", 3)  # doctest: +SKIP
    ['data pipelines', 'Apache Airflow', 'Snowflake data warehouse']
    """
    if n <= 0 or not text or not text.strip():
        return []
    body = _job_text(text)
    if not body.strip():
        return []
    candidates = _yake(body, top=max(40, 6 * n))
    if _is_posting(text) and min_words == 1:
        # A posting's structure names its themes better than statistics do: tools, the
        # requirement lists and the objects of its bullets first, YAKE's phrases after.
        from twoway.prep._phrases import posting_phrases
        from twoway.prep._posting import candidates as structural

        chunks = _ranked_phrases(posting_phrases(text), text)
        found = structural(body.split("\n"))
        ranked = sorted(
            (p for p in found if not _gated(p, body)), key=lambda p: (-found[p], body.find(p))
        )
        ordered = list(dict.fromkeys(chunks + ranked))
        candidates = ordered + [c for c in candidates if c not in ordered and not _gated(c, body)]
        trusted = frozenset(found) | frozenset(chunks)
        return _clean(candidates, body, n, tuple(exclude), min_words, trusted)
    return _clean(candidates, body, n, tuple(exclude), min_words)


# Rates measured on the development postings (benchmarks/data/prep_jds*): the share of the
# phrases found in each place that match a labelled theme. Coarse on purpose: five numbers.
_FIRST_DUTY, _LATER_DUTY = 0.70, 0.30
_SECTION_RATE = {"requirements": 0.27, "preferred": 0.20, "other": 0.12}
_TOOL = 1.8
_LONE_WORD, _REPEATED = 0.45, 1.4
# Each phrase already taken from a bullet lowers the next one from it by this much, so the
# themes spread over the bullets (a posting gives each duty its own bullet) before a second
# phrase of one bullet comes in.
_SAME_BULLET = 0.1

# What every posting asks for and no interview is about: schooling, a driving licence, checks,
# lifting. A specific licence or certificate ("RDH license", "ACLS certification") stays.
_GATE = re.compile(
    r"\b(?:degree|diploma|GED|bachelor(?:'|’)?s|master(?:'|’)?s|driver(?:'|’)?s licen[cs]e|"
    r"driving record|background check|registry check|fingerprinting|drug (?:test|screen)|"
    r"pounds|lbs|ladders|years? old|work authorization|authorization to work|"
    r"reliable transportation|customer site badges|DUI|DWI|physical exam|(?<=DOT )physical|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?|christmas|thanksgiving|new year|"
    r"january|february|march|april|june|july|"
    r"august|september|october|november|december)\b",
    re.IGNORECASE,
)
# People and groups: whom the work is with, not what it is ("children", "customers and
# vendors", "assistant teacher", "critical facilities team").
_PEOPLE = frozenset(
    """children child kids students student families family parents parent customers customer
    clients client patients patient residents tenants riders passengers members member guests
    guest vendors vendor specialists colleagues staff team teams crew department associates
    leads volunteers donors employees managers manager supervisor supervisors teacher teachers
    assistant assistants director directors physicians providers nurses officers technicians
    insureds claimants visitors adults others people everyone attorneys partners""".split()
)


# The last word of a job title, in any case: a colleague, not the work.
_JOB_TITLES = frozenset(
    """executive executives specialist specialists coordinator coordinators technician
    technicians engineers representative representatives officer officers director directors
    manager managers vp president analysts designers consultants contractor contractors
    agency recruiter recruiters investigator investigators principal counsellors
    counselors""".split()
)


def _gated(phrase: str, text: str) -> bool:
    """A gate, or a name only ever written beside one ("GED" of "diploma or GED", "DOT" of
    "DOT physical")."""
    if _GATE.search(phrase):
        return True
    spots = [m.start() for m in re.finditer(rf"\b{re.escape(phrase)}\b", text)]
    return bool(spots) and all(
        _GATE.search(text[max(0, i - 25) : i + len(phrase) + 25]) for i in spots
    )


def _ranked_phrases(phrases: list[Phrase], text: str) -> list[str]:
    """The posting's noun phrases, best first. A posting gives each duty and requirement its
    own bullet and leads the bullet with it, so a bullet's first phrase weighs most; a tool or
    an acronym ("Epic", "BSA/AML") and a phrase the posting repeats weigh more; phrases are
    then taken greedily, each one already taken from a bullet lowering the rest of it, so every
    bullet gives a theme before any gives a second. People ("children", "assistant teacher")
    and the gates every posting has (a degree, a background check) are no themes."""
    low = text.lower()
    from twoway.prep._posting import LOWERCASE_TOOLS

    # The title block names the place: "Hargrove & Muñoz LLP - Chicago, Illinois".
    head = [ln for ln in text.split("\n") if ln.strip()][:3]
    scored: dict[str, tuple[float, int]] = {}
    for p in phrases:
        words = p.text.split()
        if any(re.search(rf"[A-Z][\w.]+,\s+{re.escape(p.text)}\s*$", ln) for ln in head) or (
            re.search(rf"\b{re.escape(p.text)},\s*[A-Z]{{2}}\b", text)
        ):
            continue  # a place: "Chicago, Illinois", "Lansing, MI"
        if _GATE.search(p.text) or all(
            w.lower() in _PEOPLE or w.lower() in ("and", "or", "&") for w in words
        ):
            continue
        if len(words) > 1 and words[-1].lower() in _PEOPLE and not words[-1][:1].isupper():
            continue  # "assistant teacher", "critical facilities team"
        # How often a phrase in that place is a theme a reader picks (docs/prep.md, "Themes":
        # measured on the development postings): a duty bullet's first phrase mostly is.
        if p.section == "duties":
            # A clause that leads with its own verb is a duty of its own ("...; conduct
            # patient screening", "..., running QBRs").
            score = _FIRST_DUTY if p.place == 0 or p.clause_start else _LATER_DUTY
        else:
            score = _SECTION_RATE[p.section]
        # A tool, a name or an acronym ("Epic", "BSA/AML", "dbt") is picked more often.
        if (
            p.text in LOWERCASE_TOOLS
            or any(w[:1].isupper() or "/" in w for w in words[1:])
            or (len(p.text) > 1 and words[0].isupper())
            or (words[0][:1].isupper() and p.place > 0)
        ):
            score = min(max(score, score * _TOOL), 0.9)
        elif len(words) == 1:
            score *= _LONE_WORD  # a lone common word says less than a phrase ("reserves")
        if low.count(p.text.lower()) > 1:
            score *= _REPEATED
        if p.text not in scored or score > scored[p.text][0]:
            scored[p.text] = (score, p.bullet)
    order: list[str] = []
    taken: dict[int, int] = {}
    left = dict(scored)
    while left:
        best = max(
            left,
            key=lambda t: (left[t][0] - _SAME_BULLET * taken.get(left[t][1], 0), -left[t][1]),
        )
        order.append(best)
        bullet = left.pop(best)[1]
        taken[bullet] = taken.get(bullet, 0) + 1
    return order


def _is_posting(text: str) -> bool:
    """A job description (bullets or headings), not what someone said."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    bullets = sum(1 for ln in lines if _BULLET.match(ln))
    return bullets >= 3 or (len(lines) >= 6 and sum(1 for ln in lines if _is_heading(ln)) >= 2)


def _yake(text: str, top: int) -> list[str]:
    import yake  # ~0.4 s: only when themes are asked for

    base = yake.KeywordExtractor(lan="en")
    extractor = yake.KeywordExtractor(
        lan="en",
        n=3,
        top=top,
        dedup_lim=0.9,
        stopwords=set(base.stopword_set) | _EXTRA_STOPWORDS,
    )
    stopwords = extractor.stopword_set
    return [
        str(phrase)
        for phrase, _score in extractor.extract_keywords(text)
        # "Python and SQL", "shippers across North": two themes, or a phrase cut mid-way.
        if not any(w.lower() in stopwords for w in str(phrase).split()[1:-1])
    ]


def _job_text(text: str) -> str:
    """``text`` without benefit and equal-opportunity sections or sentences, and no title block.

    Hard-wrapped lines are joined back into their paragraph or bullet, and each bullet ends with
    a full stop, so YAKE never builds a phrase across two bullets.
    """
    paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(paragraphs) > 1 and _is_title_block(paragraphs[0]):
        paragraphs = paragraphs[1:]
    items: list[str] = []
    skipping = False
    for paragraph in paragraphs:
        current: list[str] = []
        for line in paragraph.split("\n"):
            stripped = line.strip()
            if not stripped:
                continue
            if _is_heading(stripped) and (not current or stripped.endswith(":")):
                if current and not skipping:
                    items.append(" ".join(current))
                current = []
                skipping = bool(_SKIPPED_SECTION.match(stripped))
                continue  # headings ("What you'll do") are not themes either
            if _BULLET.match(stripped) and current:
                if not skipping:
                    items.append(" ".join(current))
                current = []
            current.append(_BULLET.sub("", stripped))
        if current and not skipping:
            items.append(" ".join(current))
    kept: list[str] = []
    for item in items:
        sentences = re.split(r"(?<=[.!?])\s+", item)
        item = " ".join(s for s in sentences if not _BOILERPLATE_SENTENCE.search(s))
        if item and item[-1] not in ".!?:;":
            item += "."
        if item:
            kept.append(item)
    return "\n".join(kept)


def _is_title_block(paragraph: str) -> bool:
    lines = [ln.strip() for ln in paragraph.strip().split("\n") if ln.strip()]
    return 0 < len(lines) <= 3 and all(
        len(ln.split()) <= 12 and not ln.endswith((".", "!", "?")) for ln in lines
    )


def _is_heading(line: str) -> bool:
    line = HEADING_MARK.sub("", line)
    if not line or _BULLET.match(line) or len(line.split()) > 7:
        return False
    return line.endswith(":") or not line.endswith((".", "!", "?", ","))


def _words(phrase: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(phrase)]


def _name_words(text: str, exclude: tuple[str, ...]) -> tuple[set[str], list[set[str]]]:
    """Words of the excluded names as the text writes them ("Acme" -> "Acme Logistics")."""
    name_words: set[str] = set()
    titles: list[set[str]] = []
    for term in exclude:
        words = _words(term)
        if not words:
            continue
        titles.append({stem(w) for w in words})
        name = re.escape(term.strip())
        for m in re.finditer(rf"\b(?i:{name})(?:\s+[A-Z][\w&.-]*)*", text):
            name_words.update(w for w in _words(m.group()) if w not in _GENERIC)
    # A word the text also writes in lowercase is a common word, not part of a name: "claims"
    # in "Auto Claims Adjuster I" still lets "total loss claims" through.
    lower = {w for w in _WORD.findall(text) if w.islower()}
    return name_words - lower, titles


def _clean(
    candidates: list[str],
    text: str,
    n: int,
    exclude: tuple[str, ...],
    min_words: int = 1,
    trusted: frozenset[str] = frozenset(),
) -> list[str]:
    """The first ``n`` candidates that are themes; ``trusted`` ones (found by the posting's
    structure, so already noun phrases) skip the checks for verbs and lone words."""
    lower_words = Counter(w for w in _WORD.findall(text) if w.islower())
    all_words = Counter(w.lower() for w in _WORD.findall(text))
    mid_capitals = _mid_sentence_capitals(text)
    name_words, titles = _name_words(text, exclude)
    kept: list[str] = []
    kept_stems: list[frozenset[str]] = []
    for phrase in candidates:
        words = _words(phrase)
        structural = phrase in trusted
        # A structural phrase is already a noun phrase: a boilerplate word leading it is fine
        # ("Job Hazard Analyses", "benefits enrollment"), one later in it not ("dental benefits").
        boiler = words[1:] if structural and len(words) > 1 else words
        if len(words) < min_words or any(w in _BOILERPLATE for w in boiler):
            continue
        if not structural and (words[0] in _VERB_EDGES or words[-1] in _VERB_EDGES):
            continue
        if not structural and (any(w in _VERBS for w in words[1:-1]) or _verb_phrase(phrase, text)):
            continue  # "platform turns millions", "migration touches every ..."
        if structural and (words[0] in _NOT_THEMES or _place(phrase, text)):
            continue
        if any(w in name_words for w in words):
            continue
        if words[-1] in _JOB_TITLES or (words[0] in _JOB_TITLES and "of" in words):
            continue  # a colleague's title: "Account Executives", "Director of Customer Success"
        stems = frozenset(stem(w) for w in words)
        if any(stems <= (title | {stem(g) for g in _GENERIC}) for title in titles):
            continue
        if len(words) == 1 and not structural:
            w = words[0]
            distinctive = w in mid_capitals or (
                w not in _GENERIC and len(w) >= 5 and all_words[w] >= 3
            )
            if w in _GENERIC or not distinctive:
                continue
        elif all(w in _GENERIC for w in words):
            continue
        if structural and len(words) == 1 and phrase.islower():
            from twoway.prep._posting import LOWERCASE_TOOLS

            if phrase not in LOWERCASE_TOOLS and (words[0] in _GENERIC or all_words[words[0]] < 2):
                continue  # "findings", "flows": a lone common word is not a theme
        if any(_overlap(stems, other) for other in kept_stems):
            continue
        kept.append(_surface(phrase, text, lower_words))
        kept_stems.append(stems)
        if len(kept) == n:
            break
    return kept


# Words that start a verb's object but seldom follow a noun ("our" and "that" do: "the
# predictions our dispatchers rely on", "the pipelines that feed ...").
_OBJECT_STARTS = frozenset("the a an every each them us it me".split())
_BE = frozenset("am is are was were be been being".split())


def _verb_phrase(phrase: str, text: str) -> bool:
    """A phrase that is really a verb with its subject or object, judged by every place it
    occurs: always followed by an object ("migration TOUCHES every dashboard"), or an -ing
    word always after a form of "be" ("we are MOVING shipment events")."""
    pattern = r"\b" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"\b"
    before: list[str] = []
    after: list[str] = []
    for m in re.finditer(pattern, text, re.IGNORECASE):
        prev = _WORD.findall(text[max(0, m.start() - 30) : m.start()])
        nxt = _WORD.findall(text[m.end() : m.end() + 30])
        before.append(prev[-1].lower() if prev else "")
        ends = text[m.end() : m.end() + 1] in ",.;:!?"
        after.append(nxt[0].lower() if nxt and not ends else "")
    if not after:
        return False
    last, first = phrase.split()[-1].lower(), phrase.split()[0].lower()
    if len(phrase.split()) > 1 and last.endswith("s") and all(a in _OBJECT_STARTS for a in after):
        return True
    return first.endswith("ing") and all(b in _BE for b in before)


# Capitalised words of a posting that are not themes: pronouns at a bullet's start, pay terms.
_NOT_THEMES = frozenset(
    """you your our we us the this that these those in on for with about what who how why
    nice ote cad usd eur gbp president club inc llc ltd corp we're you'll""".split()
)


def _place(phrase: str, text: str) -> bool:
    """A name written as a location: "Denver, CO", or on a line about where the job is."""
    for line in text.split("\n"):
        where = re.search(r"\b(?:hybrid|remote|on site|on-site|office|based in)\b|·", line, re.I)
        named = re.search(rf"{re.escape(phrase)}(?:,\s*[A-Z]{{2}}\b|\s*[·(—–-])", line)
        if phrase in line and where is not None and named is not None:
            return True
    return bool(re.search(rf"\b{re.escape(phrase)},\s*[A-Z]{{2}}\b", text)) or bool(
        re.fullmatch(r"[A-Z]{2}", phrase)
    )


def _overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    """One phrase contains the other, or they share half their words ("cloud data warehouse",
    "Snowflake data warehouse")."""
    return a <= b or b <= a or len(a & b) * 2 >= len(a | b)


def _mid_sentence_capitals(text: str) -> set[str]:
    """Lowercased words written capitalised inside a sentence: names, tools, acronyms."""
    found: set[str] = set()
    for sentence in re.split(r"(?<=[.!?:;])\s+|\n", text):
        tokens = _WORD.findall(sentence)
        for i, tok in enumerate(tokens):
            if tok[0].isupper() and (i > 0 or (len(tok) > 1 and tok.isupper())):
                found.add(tok.lower())
    return found


def _surface(phrase: str, text: str, lower_words: Counter[str]) -> str:
    """The phrase as the text writes it, lowercased where the text also uses lowercase."""
    pattern = r"\b" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"\b"
    matches = list(re.finditer(pattern, text, re.IGNORECASE))
    words = (matches[0].group() if matches else phrase).split()
    if len(words) > 1 and all(
        w[:1].isupper() or w[:1].isdigit() or w[:1] == "(" or w in ("of", "and", "&", "for")
        for w in words
    ):
        # A name written capitalised throughout keeps its capitals: "Federal Rules of Civil
        # Procedure", "Google Analytics 4", "AutoCAD Civil 3D".
        capitals = [w for w in words if w[:1].isupper()]
        if len(capitals) > 1 or not matches or not _at_bullet_start(matches, text):
            return " ".join(words)
    out = [w.lower() if w.lower() in lower_words else w for w in words]
    # "Prescription data entry" leads a bullet: its capital is the bullet's, not a name's.
    bullet_start = _at_bullet_start(matches, text)
    if (
        matches
        and bullet_start
        and len(out) > 1
        and out[0][:1].isupper()
        and out[0][1:].islower()
        and all(w.islower() for w in out[1:])
    ):
        out[0] = out[0].lower()
    return " ".join(out)


def _at_bullet_start(matches: list[re.Match[str]], text: str) -> bool:
    """Every match leads its line (after a bullet mark)."""
    return all(
        re.fullmatch(r"\W*", text[text.rfind("\n", 0, m.start()) + 1 : m.start()]) for m in matches
    )
