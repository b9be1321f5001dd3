# ruff: noqa: E501  (tables of regular expressions read best one entry a line)
"""What a note must never quote back: pay, health, family, and other private details.

A thank-you note, a suggestion or "topics they raised" quotes the other person. People share
private things in a conversation (a salary range, a surgery, a new baby, a visa) that are not
theirs to have repeated in writing, and a recruiter's pay range is never something to cite. A
sentence is **sensitive** when it has a cue from one of the families below, or when it answers
a question about pay. The lists err on the side of leaving a sentence out: a missed hook costs
little, a quoted diagnosis costs a lot.

Pure: no I/O.

>>> sensitive_reason("For this level it's seventy to eighty-two, plus a bonus target.")
'compensation'
>>> sensitive_reason("We run about thirty A/B tests a quarter on the patient app.") is None
True
"""

from __future__ import annotations

import re

__all__ = ["SENSITIVE_FAMILIES", "is_sensitive", "sensitive_reason"]

# An amount said in words or digits: "sixty-four", "one seventy-five", "eighty-eight", "62".
_AMOUNT = (
    r"(?:(?:one )?(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?|"
    r"(?:one )?(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|"
    r"a hundred(?: and \w+)?|\d{2,3}(?:[.,]\d+)?k?)\b"
)

# Each family: a regular expression of cues (matched case-insensitively on word boundaries).
SENSITIVE_FAMILIES: dict[str, str] = {
    "compensation": (
        r"salar(?:y|ies)|pay ?slips?|pay ?stubs?|pay ?cheques?|paychecks?|base (?:pay|salary)|(?:thousand|\w+ty|\d+k?) base\b|bonus(?:es)?|equity|"
        r"stock options?|\bOTE\b|commissions?|compensation|pay range|the range|budget is|"
        r"(?:hourly|day|daily|contract) rate|the rate is|per hour|hourly|"
        r"\$\s?\d|£\s?\d|€\s?\d|\d+\s?k\b|\d{2,3},\d{3}|"
        r"(?:thousand|hundred)\b(?! (?:people|users|customers|families|events|servers|trucks))|"
        r"one-(?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\w*|"
        r"(?:one )?(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)? to "
        r"(?:a hundred|one|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b"
        r"(?!(?:-\w+)?\s+(?:percent|[a-z]+s)\b)|"
        r"point five percent|runway|student loans?|debt|mortgage payments?|my pay\b|paid \w+ (?:less|more)|"
        r"pay cut|paycut|pay raise|took a cut|\b(?:a|\w+) (?:an|per|a) hour\b|differential|"
        r"(?:i'm|i am|she's|he's) (?:making|at) (?:about |around )?(?:\d|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|one)|"
        r"\bI (?:make|made|earn|earned) (?:about |around )?(?:\d|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|one)|"
        r"workers' comp|severance|unemployment|\bcents\b|(?:per (?:word|page|mile|load|shift)|(?<!in )a (?:page|mile|load|shift)|(?<!in )(?<!say )(?<!get )(?<!have )a word)\b|"
        r"(?:the|we|they) pay\b|pay (?:is|was)\b|budget conversation|headcount|"
        # what someone is on, makes or starts at: "I'm on one seventy-five", "Now I'm at, um,
        # eighty-eight", "a grants manager makes about sixty-four", "AGMs start around fifty-two"
        rf"\b(?:I'm|I am|I was|she's|he's|she was|he was) (?:on|at),?\s+(?:(?:um|uh),?\s+)?(?:about |around |roughly )?{_AMOUNT}(?!\s*%|\s+(?:percent|[a-z]+s)\b)|"
        rf"\b(?:makes?|making|earns?|earning|paid|starts? (?:at|around|about)|expecting|asking for|be around|more like|topped out at)\s+(?:(?:about|around|roughly|like|maybe),?\s+)?{_AMOUNT}(?!\s+(?:percent|people|minutes|hours|years|days|weeks|months|miles|kids|students|beds|rooms|units|of|in|a day|calls|tickets|on|sharp|tomorrow|today|this|next|am|pm|o'clock)\b)|"
        r"(?<!at )(?<!by )(?<!from )(?<!until )(?<!around )\bone (?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?\b(?!\s*(?:am|pm|o'clock|percent|people))|"
        r"\b(?:lakhs?|crores?|CTC|per annum)\b|\bplus (?:super|mileage|allowances?|overtime|tips|commission)\b|\ballowances?\b|"
        r"\b(?:CAT|holiday|sick|back|overtime|shift|danger|hazard|take-home) pay\b|\bunpaid\b|living off|(?:my|our) savings"
    ),
    "health": (
        r"surgery|cancer|chemo\w*|tumou?r|diagnos\w+|illness|\bill\b|sick(?:ness)?|disabilit\w+|"
        r"disabled|wheelchair|medical|medication|therap(?:y|ist)|mental health|depress\w+|"
        r"anxiety|panic attacks?|burnout|ADHD|autis\w+|epilep\w+|seizures?|\bHIV\b|"
        r"crohn'?s|diabet\w+|dementia|alzheimer\w*|heart attack|stroke|pregnan\w+|"
        r"miscarriage|in recovery|rehab|sober|addiction|chronic|my health|health reasons|"
        r"appointments?|hospitali[sz]ed|injur\w+|knees?|spinal|fusion|lupus|flares?|"
        r"burn(?:ed|t) out|got hurt|(?:was|were|got) (?:hurt|injured|hit)|fell (?:off|from)|"
        r"herniat\w+|(?:slipped|bulging|herniated) discs?|fractur\w+|concussion|torn \w+|"
        r"antidepressants?|SSRIs?|psychiatri\w+|overdos\w+|suicid\w+|"
        r"blood|cell count|parkinson'?s|FMLA|hard of hearing|hearing (?:loss|aid)|deaf|blind|"
        r"dyslexi\w+|neurodiverg\w+|in recovery|recovering|hurt my|broke my|"
        r"(?:my|his|her) (?:back|shoulder|hip|neck|heart|doctor|therapist)|"
        r"asthma|arthritis|migraines?|insomnia|bipolar|OCD|PTSD|infertility|IVF|"
        r"(?:stress|sick|medical|disability|mental health) leave|(?:going|went|be|am|was) on leave\b|"
        r"(?:in|into) (?:a |the )?(?:care home|nursing home|long-term care|assisted living|hospice)|palliative|"
        r"physio(?:therap\w*)?s?\b|chiropract\w*|carpal tunnel|tendinitis|\bRSI\b|\bACL\b|tore (?:my|his|her)\b|"
        r"stutter\w*|stammer\w*|compassion fatigue|burn(?:ing)? out"
    ),
    "family": (
        r"wife|husband|spouse|my partner\b|girlfriend|boyfriend|my (?:son|daughter|kids?|child|"
        r"children|baby|mother|mom|father|dad|parents?|family|sister|brother)|"
        r"\b(?:son|daughter)\b|kids|twins|newborn|baby|"
        r"(?:we're|we are|i'm|she's|they're) expecting\b(?! (?:to|a lot|more|that))|parental leave|maternity|"
        r"paternity|divorce\w*|separated|widow\w*|passed away|funeral|caregiv\w+|"
        r"fostering|adopt\w+|was born|childcare|daycare|single (?:mom|mother|dad|father|parent)|"
        r"my own (?:father|mother|dad|mom|mum|son|daughter|kids|parents)|\bmy mum\b|grand(?:pa|ma|mother|father|dad|kids?|son|daughter)|\bnan\b|"
        r"custody|\bdue in (?:early |late |mid-?)?(?:january|february|march|april|may|june|july|august|september|october|november|december|the spring|the summer|the fall|the winter)|my (?:wife|husband|mom|dad|kids|son|daughter)"
    ),
    "immigration": (
        r"\bvisas?\b|green card|sponsor(?:ship|ed)?\b|work permit|citizenship|undocumented|"
        r"immigra\w+|H-?1-?B|\bTNs?\b|\bOPT\b|\bDACA\b|asylum|refugee|deport\w*|"
        r"work authori[sz]ation|\bEAD\b|naturali[sz]\w+|STEM extension"
    ),
    "age": (
        r"I'm (?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|\d\d)\b(?! percent)|"
        r"years old|my age|retire\w*|"
        r"I'm (?:seventeen|eighteen|nineteen|sixteen|fifteen)\b|"
        r"\bwho (?:was|is|'s) (?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?\b(?! percent)|"
        r"\b(?:is|was|turns|turned) (?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)(?=\s*[.!?]?$)|"
        r"(?:turning|turned|switched at|started over at|at age|I was) "
        r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?\b(?! percent)|"
        r"\b(?:at|turning|turned) (?:age )?(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        r"(?:-\w+)?(?=\s*(?:[.,;!?]|$))"
    ),
    "identity": (
        r"muslim|christian|jewish|hindu|buddhist|religio\w+|\bpray\w*|church|mosque|"
        r"synagogue|\bgay\b|lesbian|queer|transgender|\btrans\b|sexual|"
        r"adventist|orthodox|catholic|mormon|\bLDS\b|sikh|jummah|ramadan|\bfasting\b|"
        r"hijab|headscarf|turban|yarmulke|kippah|sabbath|shabbat|sundown|kosher|halal"
    ),
    "private": (
        r"between us|between ourselves|between you and me|off the record|I had an? (?:\w+ ){0,4}incident\b|confidential|don't tell|do not tell|keep this quiet|"
        r"laid off|lay ?offs?|buy-?outs?|(?:lost|losing|cut) (?:\w+ )?(?:people|staff|positions|jobs|reporters|nurses|"
        r"workers|heads?|headcount)\b|assault\w*|attacked|robbed|stalk\w*|harass\w*|abus\w+|"
        r"violen\w+|threaten\w*|sued|suing|lawsuit|litigation|settle(?:d|ment) (?:with|out of court)|"
        r"felon\w*|convict\w*|arrest\w*|\bjail(?:ed)?\b|prison|incarcerat\w+|probation|parole|"
        r"criminal record|background check came|foster care|bankrupt\w*|"
        r"I'm doing (?:a lot of )?(?:DoorDash|Uber|gig|side gigs?)|fired|homeless|evict\w+|lose sleep|lost sleep|"
        r"let (?:go of|\w+(?: \w+){0,2} go\b)|(?:position|role|job)s? (?:was|were|got) "
        r"(?:eliminated|cut)|eliminated|let go\b|downsiz\w+|terminated|pushed out|"
        r"restructur\w+|on (?:a )?PIP\b|performance improvement plan|"
        r"\b(?:cut|fired|dismissed|released) [A-Z][a-z]+ [A-Z][a-z]+|"
        r"audits?|(?:audit|inspection) findings?|\bFDA\b|\b483s?\b|warning letters?|violations?|"
        r"recalls?|misdemeanou?rs?|\bDUI\b|\bdismissed\b|expunge\w*|charges? (?:was|were|got) dropped|"
        r"(?:a|my|the) record\b|\bcited\b|fined\b|"
        # said in confidence: "that's not public", "I shouldn't really say this", "keep that to
        # yourself", "it was all very hush-hush", "my current client doesn't know I'm looking"
        r"(?:not|isn't|aren't|hasn't been|haven't been) (?:public|announced)|keep (?:it|that|this) (?:to yourself|between us|quiet|under wraps)|"
        r"(?:shouldn't|should not|can't|cannot) (?:really )?(?:say this|tell you this|go into|be telling)|hush-hush|under wraps|"
        r"not supposed to (?:say|tell|share|know)|(?:doesn't|don't|does not|do not) know (?:I'm|I am|yet)\b|please don't (?:share|repeat|mention|say)|"
        # company matters: deals, closures, funding, scrutiny, disputes
        r"acqui(?:red|sition|ring)|being bought|\bmerg(?:er|ing)\b|\bIPO\b|going public|in talks (?:to|with)|"
        r"in (?:conversations|discussions|negotiations) with|sell(?:ing)? to a\b|"
        r"closing (?:\w+ )?(?:stores|sites|offices|branches|plants|locations)|hiring freeze|"
        r"not renew\w*|decided not to renew|lost (?:a|our|\w+) (?:big |biggest |major |key )?(?:client|funder|contract|account|customer)s?\b|"
        r"(?:was|were|got|been) paused|shutdowns? (?:this|last) (?:year|month|quarter)|scrutiny|under investigation|"
        r"(?:the|an|internal|ongoing|police|criminal|HR) (?:[\w-]+ ){0,2}investigation\b(?! story)|restat\w+|grievance|conflict of interest|"
        r"disagreement with|tension|(?:may|might) have lapsed|has lapsed|corrective (?:action )?plan|legal (?:thing|battle|mess)|"
        # people pushed out, accidents, theft
        r"asked to leave|forced out|walked out for|moved on after|stood down|resigned after|difficult circumstances|"
        r"(?:had to|going to|gonna) fire|\bfire (?:him|her|them)\b|skimming|\btheft\b|stealing|embezzl\w*|fatal\w*|"
        # unkind words about another company or person: "their NPS on claims is apparently not
        # great", "the board's not thrilled"
        r"\b(?:their|its|his|her)\b[^.,;]{0,40}\b(?:is|are|was|were|has been|have been)\s+(?:apparently\s+|pretty\s+|really\s+|quite\s+|very\s+|kind of\s+|a bit\s+)?(?:not (?:great|good|ideal)|poor|bad|terrible|awful|weak|struggling|a mess|a disaster|toxic|behind)\b|"
        r"\bapparently\b[^.]{0,40}\b(?:not great|not good|bad|terrible|struggling|a mess|toxic|unhappy|in trouble)\b|"
        r"\b(?:board|boss|CEO|owner|director|client|funders?|investors?)(?:'s| is| are| was| were)\s+(?:not|n't)\s+(?:thrilled|happy|pleased|impressed)"
    ),
}

_PATTERNS = {
    family: re.compile(rf"(?:{cues})", re.IGNORECASE) for family, cues in SENSITIVE_FAMILIES.items()
}
# A question about pay: its answer is sensitive as a whole, whatever words it uses
# ("Around eighty-five.").
_PAY_QUESTION = re.compile(
    r"\b(?:salary|range|compensation|pay|paying|budget|package|OTE|rate|benefits|equity)\b",
    re.IGNORECASE,
)


def sensitive_reason(text: str) -> str | None:
    """The family of the first sensitive cue in ``text`` ("compensation", "health", ...), or
    ``None`` when it has none."""
    text = text.replace("’", "'")
    for family, pattern in _PATTERNS.items():
        if pattern.search(text):
            return family
    return None


def is_sensitive(text: str, *, answers: str | None = None) -> bool:
    """Whether ``text`` must not be quoted: it has a sensitive cue, or ``answers`` (the question
    it replies to) is about pay."""
    if sensitive_reason(text) is not None:
        return True
    return answers is not None and _PAY_QUESTION.search(answers) is not None
