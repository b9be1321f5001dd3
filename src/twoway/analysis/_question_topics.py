"""What a question is about: candidate topics, interviewer kinds, content words, language (private).

Topics and kinds are keyword rules with weights. A label's score is its strongest matching cue
plus a tenth for every further cue, so one defining phrase ("what would you do if") beats several
weak ones ("team", "office"); ties go to the label listed first. No cue at all gives "other".
"""

from __future__ import annotations

import re
from functools import lru_cache

_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def _normalize(text: str) -> str:
    """Lowercase words without apostrophes, single-spaced and padded: " what is the range "."""
    low = text.lower().replace("'", "").replace("’", "")
    return " " + _SPACES.sub(" ", _NON_WORD.sub(" ", low)).strip() + " "


Rule = tuple[str, float, re.Pattern[str]]


def _rules(table: list[tuple[str, float, str]]) -> tuple[Rule, ...]:
    compiled = []
    for label, weight, cues in table:
        # Alternatives inside a group may wrap lines: "(?:a|b\n |c)" is one cue.
        alternatives = re.sub(r"\s*\|\s*", "|", cues).split()
        body = "|".join(alternatives).replace("_", r"\ ")
        compiled.append((label, weight, re.compile(r"\b(?:" + body + r")\b")))
    return tuple(compiled)


# Cues are space-separated alternatives; "_" stands for a space inside a cue. Regex syntax works.
_TOPIC_RULES = _rules(
    [
        (
            "self",
            5.0,
            r"""my_(?:background|experience|resume|cv|answers?|candidacy|application
            |profile|skills?|fit) concerns? reservations hesitations? gives?_you_pause
            (?:a|good|great|strong|right)_fit fit_in i_fit im_a_fit stronger_candidate
            feedback_(?:for|on)_me how_i_did how_did_i_do about_me i_can_clarify expand_on
            am_i_(?:a|the)""",
        ),
        (
            "compensation",
            4.0,
            r"""salary salaries pay paid pay_band compensation comp benefits?
            bonus(?:es)? equity stock rsus? 401k 401_k retirement pension vacation pto time_off
            parental_leave maternity paternity sick_(?:days|leave) leave_policy insurance dental
            health_(?:care|plan|benefits) stipend signing raises? perks the_range pay_range""",
        ),
        (
            "next_steps",
            4.0,
            r"""next_steps? next_round next_stage the_process interview_process
            hiring_process timeline time_line hear_back hear_from (?:making|make|made)_a_decision
            decision_timeline the_decision rounds_of_interviews how_many_(?:more_)?rounds
            interviews onsite take_home takehome
            after_this from_here who_else meeting_with meet_with references someone_start
            you_need_from_me follow_up""",
        ),
        (
            "growth",
            3.0,
            r"""learn learning develop development mentor\w* mentee career path
            promot\w+ grow growth grown conferences? courses? training certifications?
            professional_(?:organizations?|development|associations?) management_track
            move_into_management lead_role move_between_teams internal_mobility review_cycle
            performance_reviews? onboard\w* skills upskill\w* education tuition""",
        ),
        (
            "role",
            3.0,
            r"""success successful succeed expectations? expected expect_(?:me|from)
            first_(?:30|60|90|ninety|thirty|sixty|few|couple|month|months|week|weeks|year
            |quarter|six|three) 90_days measured measure[sd]?_(?:success|impact|performance)
            my_performance kpis? okrs? metrics goals responsibilit\w+ responsible_for
            position_open backfill new_role accomplish achieve hands_on own ownership
            working_on work_on projects someone_in_this_role in_this_role day_one
            mostly_(?:backend|frontend|front_end|back_end)""",
        ),
        ("role", 2.0, r"""(?:this|the)_(?:role|position|job)"""),
        (
            "company",
            3.0,
            r"""culture strategy strategic mission vision values roadmap compet\w+
            market customers? funding series_[a-z] raising profitab\w+ revenue layoffs? morale
            leadership acquisition acquired expand\w* five_years 5_years diversity inclusion dei
            decisions(?:_are)?_made top_down headed direction ipo investors? ceo founders?
            industry people_stay turnover attrition plans_to""",
        ),
        ("company", 2.0, r"""challenges? facing"""),
        ("company", 1.0, r"""company companys organization business"""),
        ("them", 4.0, r"""yourself personally your_own you_personally"""),
        (
            "them",
            3.0,
            r"""enjoy\w* favou?rite like_(?:most|least|best|about_working) love_about
            dislike surprised_you drew_you drawn_to brought_you made_you kept_you keeps_you
            got_into get_into got_started ended_up your_(?:own|path|journey|background|career
            |story|job|role_changed) yourself personally for_you how_long_have_you
            have_you_been been_with since_you_(?:started|joined) when_you_joined wish_you\w*
            you_still_get_to did_you_come_from youve_(?:worked|done|seen|enjoyed|learned)
            you_change""",
        ),
        (
            "day_to_day",
            3.0,
            r"""typical_(?:day|week) day_to_day a_day_in_the_life on_call oncall
            rotation remote hybrid reports?_to reporting_to pair_programming heads_down
            in_house outsourced standups?""",
        ),
        (
            "day_to_day",
            2.0,
            r"""the_team this_team team teams teams_(?:structured|organized)
            work(?:ing)?_with work_together collaborat\w+ tools? stack meetings? meet office
            travel hours schedule structured structure split_between engineers designers
            use_here""",
        ),
    ]
)

_KIND_RULES = _rules(
    [
        (
            "logistics",
            5.0,
            r"""start_date (?:could|can|would)_you_start availability
            available_to_start able_to_start notice_period salary_expectations""",
        ),
        (
            "logistics",
            4.0,
            r"""notice compensation relocat\w+ visa sponsorship
            work_authori\w+ authorized_to_work
            (?:come|coming|be|work|working)_(?:in|into)_the_office
            in_office office_days days_a_week on_site onsite commute travel remote hybrid
            interviewing_(?:anywhere|elsewhere|with) other_(?:offers|companies|interviews)
            reach_you number_to_reach background_check current_(?:salary|comp)
            looking_for_in_(?:terms_of_)?(?:comp|salary|pay)""",
        ),
        (
            "situational",
            5.0,
            r"""what_would_you_do what_would_you_change imagine suppose
            lets_say what_if how_would_you_(?:handle|approach|deal|respond|react|manage
            |prioritize|resolve|tackle|go_about)""",
        ),
        (
            "situational",
            3.0,
            r"""if_you_(?:had|were|found|joined|discovered|noticed|got
            |disagreed) how_do_you_prioritize first_move in_that_situation scenario
            hypothetical""",
        ),
        (
            "behavioral",
            5.0,
            r"""tell_(?:me|us)_about_a_time a_time_(?:when|where|that|you)
            give_(?:me|us)_an_example an_example_of describe_a_(?:situation|time)
            have_you_ever did_you_ever think_of_a_time""",
        ),
        (
            "behavioral",
            3.0,
            r"""walk_me_through_a_(?:time|situation|conflict|project)
            how_did_you_(?:handle|deal|resolve|manage|respond|react|approach|overcome|get)
            what_did_you_(?:learn|do) how_did_(?:your|the|they) proud_of hardest toughest
            most_difficult most_challenging biggest_(?:mistake|failure|challenge|accomplishment
            |achievement) mistake_you_made failed failure conflict disagree\w* what_happened
            youve_(?:ever|worked|had) when_you_had_to a_situation_where""",
        ),
        (
            "technical",
            4.0,
            r"""design architect\w* difference_between complexity big_o
            algorithms? data_structures? databases? index indexes indices query queries sql
            join api apis scale scaling kubernetes docker react java javascript typescript python
            golang rust garbage_collection load_balanc\w+ cache caching threads? url browser
            cap_theorem debug\w* test_(?:this|the|it) unit_tests? optimi[sz]e code function
            hash latency throughput memory cpu http tcp dns linux cloud aws gcp azure
            microservices? concurrency deadlock recursion regex git deploy\w* infrastructure
            state_management frontend backend machine_learning schema page_load""",
        ),
        ("motivational", 5.0, r"""why_do_you_want where_do_you_see_yourself"""),
        (
            "motivational",
            3.0,
            r"""why_(?:do|did|would)_you_(?:want|apply|choose|pick|leave|join
            |like|think_you) why_(?:are|were)_you_(?:leaving|looking|interested)
            why_(?:this|our|product|us|here|the) why_should_we interests?_you interested_in
            motivat\w+ passion\w* excites?_you five_years 5_years know_about_(?:our|the|us)
            looking_for_in next_role next_job career_goals drives_you""",
        ),
    ]
)


def _classify(text: str, rules: tuple[Rule, ...]) -> str:
    s = _normalize(text)
    top: dict[str, float] = {}
    hits: dict[str, int] = {}
    for label, weight, pattern in rules:
        found = len(pattern.findall(s))
        if found:
            top[label] = max(top.get(label, 0.0), weight)
            hits[label] = hits.get(label, 0) + found
    if not top:
        return "other"
    return max(top, key=lambda lab: (top[lab] + 0.1 * min(hits[lab], 9), -_RANK[lab]))


_RANK = {
    label: i
    for i, label in enumerate(
        """self compensation next_steps growth role company them day_to_day logistics
        situational behavioral technical motivational""".split()
    )
}


@lru_cache(maxsize=4096)
def topic_of(question_text: str) -> str:
    """What a candidate's question is about.

    One of "them", "day_to_day", "company", "role", "growth", "next_steps", "compensation",
    "self" or "other" (English only; see ``looks_english``).

    >>> topic_of("What have you enjoyed most about working here?")
    'them'
    >>> topic_of("Are there professional organizations you would recommend?")
    'growth'
    """
    return _classify(question_text, _TOPIC_RULES)


@lru_cache(maxsize=4096)
def kind_of(question_text: str) -> str:
    """What kind of interview question an interviewer asked.

    One of "behavioral", "technical", "motivational", "situational", "logistics" or "other".

    >>> kind_of("Tell me about a time you disagreed with your manager.")
    'behavioral'
    >>> kind_of("What would you do if a teammate kept missing deadlines?")
    'situational'
    """
    return _classify(question_text, _KIND_RULES)


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
STOPWORDS = frozenset(
    """a about above after again against all also am an and any anything are arent as at be
    because been before being below between both but by can cant could couldnt did didnt do does
    doesnt doing dont down during each either else even ever every few for from further get gets
    getting got gonna had hadnt has hasnt have havent having he hed hell hes her here heres hers
    herself him himself his how hows i id ill im ive if in into is isnt it its itself just kind
    know let lets like look looks lot lots me might more most much must mustnt my myself need no
    nor not now of off oh ok okay on once one only or other others our ours ourselves out over
    own pretty quite rather really right said say says she shed shell shes should shouldnt so
    some something sort still such sure than that thats the their theirs them themselves then
    there theres these they theyd theyll theyre theyve thing things think this those though
    through to too uh uhm um umm under until up upon us very via wanna want was wasnt way we wed
    well were werent weve what whats when whens where wheres whether which while who whom whos
    whose why whys will with wont would wouldnt yeah yes yet you youd youll your youre yours
    yourself yourselves youve actually basically maybe mean mm hmm tell go going""".split()
)


def stem(word: str) -> str:
    """Light plural stripping, so "teams" matches "team" and "companies" matches "company"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=8192)
def content_words(text: str) -> frozenset[str]:
    """The lowercased content words of ``text``: stopwords and fillers removed, plurals stripped.

    >>> sorted(content_words("How does the team measure success?"))
    ['measure', 'success', 'team']
    """
    out = set()
    for raw in _WORD.findall(text):
        w = raw.lower().replace("'", "").replace("’", "")
        if len(w) > 1 and w not in STOPWORDS:
            out.add(stem(w))
    return frozenset(out)


# Common English function words that are not also common words in other Latin-script languages
# ("a", "in", "die", "de" are left out), so their share separates English from, say, Spanish.
_ENGLISH_MARKERS = frozenset(
    """the and is are was were you your we our they their it its this that these those what how
    why who which do does did have has had will would can could should i me my of to with for
    on at from about just so but not be been there here when where if or an than then them he
    she his her im its dont thats yeah um uh like know think really""".split()
)


def looks_english(text: str) -> bool:
    """A cheap test that ``text`` is English, for saying that question analysis is English-only.

    Too little text to tell (fewer than four words) counts as English unless it is mostly in a
    non-Latin script.

    >>> looks_english("What does a typical day look like?")
    True
    >>> looks_english("¿Cuál es el siguiente paso en el proceso de selección?")
    False
    """
    if not text:
        return True
    letters = [c for c in text if c.isalpha()]
    if letters and sum(1 for c in letters if c > "\u024f") > len(letters) / 2:
        return False  # mostly outside Latin script (Cyrillic, CJK, Arabic, ...)
    words = [w.lower().replace("'", "").replace("’", "") for w in _WORD.findall(text)]
    if len(words) < 4:
        return True
    hits = sum(1 for w in words if w in _ENGLISH_MARKERS)
    return hits / len(words) >= 0.2
