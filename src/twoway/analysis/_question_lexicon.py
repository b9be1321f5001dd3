"""Word lists for the question detector (private).

Every word is lowercased with its apostrophes removed ("what's" -> "whats", "don't" -> "dont"), so
the same lists serve punctuated transcripts and ASR text that dropped apostrophes.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


WH = _words("what when where which who whom whose why how")
# A question word fused with "is"/"has"/"are"/"did": it already carries the auxiliary.
WH_AUX = _words(
    "whats whens wheres whos whys hows whatre whered howd whatd whod whove whatll wholl howre"
)
# Words that may stand between "how" and its auxiliary ("how long have you ...").
HOW_MODIFIERS = _words(
    """long many much often big soon far old large small quickly fast early late frequently
    important hard easy likely different exactly else close involved longer more less further"""
)
# "what kind of", "which part of" ...: the noun and "of" are skipped before the auxiliary.
WH_NOUN_OF = _words("kind kinds sort sorts type types part parts percentage aspect aspects")
WH_ADVERBS = _words("exactly else actually really specifically ever again then now")

BE = _words("is are was were am isnt arent wasnt werent")
DO = _words("do does did dont doesnt didnt")
HAVE = _words("have has havent hasnt")
MODALS = _words(
    "can could will would should shall may might must cant couldnt wont wouldnt shouldnt mustnt"
)
AUXILIARIES = BE | DO | HAVE | MODALS | _words("had hadnt")
NEGATIVE_AUXILIARIES = _words(
    """isnt arent wasnt werent dont doesnt didnt havent hasnt hadnt cant couldnt wont wouldnt
    shouldnt aint"""
)

# Subjects that make "aux + subject" an inversion ("do you", "is there").
PRONOUN_SUBJECTS = _words("you i we they he she it there yall u ya")
# Pronouns that an inversion mid-sentence may start with even without a comma before it.
STRONG_SUBJECTS = _words("you i we there yall u")
NP_STARTS = _words(
    """the this that these those a an my your our their his her its any anyone anybody anything
    someone somebody something everyone everybody everything people each every all most some
    other others one both either many much no employees engineers folks"""
)
SUBJECTS = PRONOUN_SUBJECTS | NP_STARTS
# Contracted subject + verb ("I'm", "we're", "they've"): after a question word they make an
# embedded clause ("what I'm looking for is ...").
CONTRACTED_SUBJECTS = _words(
    """im ive id ill youre youve youd youll weve wed theyre theyve theyd theyll hes shes its
    thats theres heres weare weall"""
)
# After an auxiliary these make a statement ("is what it is", "do whatever it takes").
NOT_SUBJECTS = _words(
    """whatever whichever wherever what not nothing so too well better more less just only also
    have be been get go come make take love like want need do done hope wish mine yours ours
    theirs hers"""
)
DETERMINERS = _words("the this that these those a an my your our their his her its")

# Words after which a new question can start inside an unpunctuated run ("... and how do you").
BOUNDARY_WORDS = _words(
    """and but so okay ok alright right well um uh umm uhh er erm hmm oh yeah yes yep no great
    cool good awesome nice perfect interesting gotcha sure thanks anyway anyways plus sorry
    fine wonderful fantastic excellent helpful sense totally absolutely definitely true fair
    wow amazing exciting lovely mm mhm"""
)
# Boundary words that are adverbs or adjectives after these ("the people who do really well are
# the ones ...", "it went so well is what ..."), and then not boundaries at all.
MODIFIED_BOUNDARIES = _words("well good great fine nice cool")
BOUNDARY_MODIFIERS = _words(
    "really very so pretty quite too real as do did does doing done went goes going"
)
# Subjects an inversion may have after a boundary word or a comma ("and is there ...", "..., do
# the engineers ..."); "and did some shopping" is a second verb, not a question.
CLAUSE_SUBJECTS = PRONOUN_SUBJECTS | _words(
    """the this that these those your my our their his her any anyone anybody anything people
    everyone everybody someone somebody something"""
)
# Subjects an inversion may have right after a comma ("the engineering team, is that ...").
COMMA_SUBJECTS = PRONOUN_SUBJECTS | _words("that this")
# Before an inversion mid-sentence these make it part of the statement ("I just don't, ...").
MID_BLOCKERS = _words(
    """just really also even still never always actually probably definitely only to what which
    that who whether when as than if because"""
)
# Question words that also introduce relative clauses ("the person who has ..."): only at the
# start of a sentence or after a boundary word do they open a question.
RELATIVE_WH = _words("who whom whose which where when")
# After "which is" at a sentence start without "?" these keep it a question ("which is better").
WHICH_QUESTION_NEXT = _words(
    """better best worse worst more most easier harder faster cheaper bigger smaller your yours
    it"""
)
# Words that take a clause: a question word after them starts an embedded clause, not a
# question ("I know what ...", "that's what ...", "it depends on how ...").
COMPLEMENT_TAKERS = _words(
    """know knew known wonder wondered ask asked asking tell told telling see saw sure
    understand understood explain explained decide decided deciding figure figured show showed
    learn learned learnt remember forget forgot idea clue about of on in at for to from by
    with into matter matters is was be been thats heres theres exactly care cares depends
    depend out realize realized mean means meant discuss discussed talk talked talking say
    said says unclear question whether if check checking guess thinking this because cause
    since certain notice noticed find found determine choose chose heard read look watch
    watched like liked love loved hate imagine describe described that whats where wherever
    regardless"""
)
# Words a question span should not end with when another question follows it.
TRAILING_JOINERS = _words("and but so or then also um uh umm")
# A span ending with one of these was abandoned mid-way ("have you, have you worked ...").
INCOMPLETE_ENDINGS = (
    AUXILIARIES
    | PRONOUN_SUBJECTS
    | DETERMINERS
    | WH
    | _words("of to and or but so um uh about with for in like")
)
# A sentence ending on one of these was abandoned ("what do,", "is this a,", "tell me about,").
DANGLING = (
    AUXILIARIES
    | WH
    | _words("the a an my your our their his her of to and or but so um uh about with for in like")
)
# After a question word these start a clause, not a question ("what some people do is ...").
WH_CLAUSE_STARTS = DETERMINERS | _words(
    "some all most every each no everyone everybody someone somebody people other"
)

# Interjections dropped before matching a backchannel ("oh, really?").
INTERJECTIONS = _words("oh wow huh um uh umm hmm hm ah ooh well gosh whoa mm mhm so and but")
BACKCHANNEL_PHRASES = frozenset(
    tuple(p.split())
    for p in """really | right | yeah | is that right | is that so | is that true | is it |
    isnt it | did you | do you | are you | was it | were you | have you | does it | did it |
    did they | did he | did she | is he | is she | are they | do they | does he | does she |
    has it | you did | you do | you are | you were | it is | it was | they did | seriously |
    no way | sorry | pardon | what | yes | okay | ok | sure | no | you think | is it really |
    really really | for real | you sure | are you sure | right right | yeah right | you have |
    oh | huh | is that a fact | no kidding | you bet | uhhuh | really now | oh yeah | you said |
    pardon me | beg pardon | beg your pardon | excuse me | come again | say again | sorry what
    """.replace("\n", " ").split("|")
)
# Short questions that hand the turn back or ask for more ("And you?", "Anything else?"): they
# count, with or without "?".
RECIPROCAL_QUESTIONS = frozenset(
    tuple(p.split())
    for p in """and you | and yourself | and yours | and your | you | yourself | how about you |
    what about you | how about yourself | what about yourself | and how about you |
    and what about you | anything else | any others | anyone else | anybody else | any other |
    anything more | any more | any other questions | what else | who else | where else |
    and then what | then what | such as | like what | how so | how come | why is that |
    why do you say that | what do you mean | meaning | in what way""".replace("\n", " ").split("|")
)
# "... and he said ...", "... so she walked out ...": narration that ends a question's span.
NARRATION_JOINERS = _words("and so but then")
NARRATION_VERBS = _words(
    """said says goes went was were told asked walked came looked got just started turned
    left ran pointed showed laughed called answered replied"""
)
SECOND_PERSON = _words("you youre youve youd youll your yours yall")
# Short echo questions are backchannels too: "can you really?", "oh, you don't?", "it has?".
ECHO_EXTRAS = _words("really not too so now")
# Backchannels so often plain agreement that without "?" they are not reported at all.
BACKCHANNELS_NEED_QMARK = frozenset(
    tuple(p.split())
    for p in "right|yeah|yes|okay|ok|sure|no|oh|huh|sorry|what|uhhuh|right right|oh yeah".split("|")
)
RHETORICAL_PHRASES = frozenset(
    tuple(p.split())
    for p in """you know | you know what i mean | know what i mean | who knows | who cares |
    guess what | you know what | why not | what can you do | what else is new | go figure |
    how about that | am i right | ya know | you see | see what i mean | what do you know |
    how shall i say it | how should i say it | how should i put it | how shall i put it |
    how can i put it | how do i put it | how can i say it | how do i say it
    """.replace("\n", " ").split("|")
)
# Openings of rhetorical questions ("who doesn't want that?", "how cool is that?").
RHETORICAL_OPENINGS = frozenset(
    tuple(p.split())
    for p in """who doesnt | who wouldnt | who doesnt want | how cool | how awesome | how crazy |
    how great | how amazing | how funny | how weird | isnt that | wasnt that | who would have |
    who wouldve | who knows | who cares | why not | guess what | what else is new |
    how cool is that | what am i trying to say | what do i want to say | what am i saying |
    how should i put it | how do i put it | how shall i put it | shall we say | should i say
    """.replace("\n", " ").split("|")
)
# Tags that end a statement and ask nothing ("..., right?", "..., you know?").
RHETORICAL_TAGS = tuple(
    tuple(p.split())
    for p in "you know what i mean|know what i mean|am i right|you know|right|ya know|innit".split(
        "|"
    )
)
# Words before a final "right" that make it an ordinary word, not a tag ("that's right").
RIGHT_NOT_TAG = _words("thats is alright all exactly quite absolutely the turn go just youre was")
TAG_VERBS = _words("think say agree")
# What may follow a question tag before the sentence ends ("don't they, you know.").
TAG_TRAILERS = _words("you know right uh um huh eh")

# "or not", "or anything": an "or" that does not offer alternatives.
NOT_ALTERNATIVES = _words("not anything something so whatever two three less more other else")

# Request verbs that make "can you ... ?" an open request for a story.
REQUEST_VERBS = _words(
    "tell walk talk take run give explain describe share elaborate expand say speak"
)
INDIRECT_OBJECTS = _words(
    """about more a how what why when where who which if whether something anything your
    through some"""
)
CLOSED_COMPLEMENTS = _words("if whether")

# Reported and quoted questions. Before a comma these introduce one ("she asked me, can you ...",
# "I was like, why would you ..."); after a comma they close one ("why is it late, I asked.").
REPORTING_VERBS = _words("asked asks said says goes")
REPORTING_SUBJECTS = _words("i he she they we you someone somebody people everyone everybody")
REPORTING_OBJECTS = _words("me him her them us you")
REPORTING_ASK = _words("ask asks asked asking tell tells told")
REPORTING_TAIL_VERBS = REPORTING_ASK | REPORTING_VERBS | _words("wondered")
# Skipped when looking back for a reporting verb ("she said, now, do you ...").
REPORTING_SKIP = _words("now well oh okay ok hey look listen um uh umm uhh er hmm you know")
# A speaker searching for a word mid-sentence asks nobody ("we used, what is it, Airflow").
WORD_SEARCHES = frozenset(
    tuple(p.split())
    for p in """what is it | what was it | whats it | what do you call it | what do you call them |
    what do they call it | what do they call them | what do you call those | what do they call
    those | what do you call that | what do they call that | what is it called | whats it called |
    what was it called | whats the word | what is the word | whats his name | whats her name |
    whats it called | how shall i say it | how should i say it | how should i put it |
    how shall i put it | how can i put it | how do i put it | how can i say it""".replace(
        "\n", " "
    ).split("|")
)
LIKE_REPORTERS = _words("was were is im am are hes shes theyre youre be")
# A question-noun tail makes everything before it an example ("..., that kind of question.").
REPORTED_TAILS = frozenset(
    tuple(p.split())
    for p in """that kind of question | that sort of question | that type of question |
    those kinds of questions | those sorts of questions | those types of questions |
    that kind of questions | questions like that | question like that | was the question |
    was their question | was his question | was her question | i think was the question
    """.replace("\n", " ").split("|")
)
