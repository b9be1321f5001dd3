"""What a question in a networking conversation is about (``networking_topic_of``).

An informational interview or a coffee chat asks other things than a job interview: whom else
to talk to, what to do next, how careers in the field go, the other person's own story, the
industry. The labels (docs/questions.md, "Networking topics"):

* ``referrals``: who else to talk to, introductions, people or groups to contact;
* ``advice``: what the asker should do (skills, applying, preparing, choices in front of them);
* ``career_path``: how careers in the field or the company go in general (paths, progression,
  moves between roles, what leads where);
* ``their_story``: the other person's own path, experience, day and view of their own work;
* ``industry``: the field or market as a whole (trends, direction, other companies, the
  field's challenges);
* ``company``: their organization (team, culture, hiring there);
* ``other``: small talk, the call, thanks.

Weighted keyword rules, as for ``topic_of``: a label's score is its strongest cue plus a tenth
per further cue. With no cue, the interview topic decides (``them`` is the other person's story,
``growth`` a career path, ``self`` a request for advice, the job's topics their company).
"""

from __future__ import annotations

from functools import lru_cache

from twoway.analysis._question_topics import _rules, rule_scores, topic_of

__all__ = ["NETWORKING_TOPICS", "networking_topic_of"]

NETWORKING_TOPICS = (
    "referrals",
    "advice",
    "career_path",
    "their_story",
    "industry",
    "company",
    "other",
)

# Cues are space-separated alternatives; "_" stands for a space inside a cue (as in
# _question_topics). Matched on lowercased words without apostrophes.
_RULES = _rules(
    [
        (
            "referrals",
            7.0,
            r"""who_else_(?:should|could|would|do|might|can)
            (?:anyone|anybody|someone|somebody|people|folks)_(?:else_)?(?:i|you_think_i
            |who_i)_(?:should|could|might|ought_to)_(?:talk|speak|reach|contact|meet|connect|call
            |ask)
            (?:introduce|introducing|introduction|intro|connect|connecting)_(?:me|us)
            (?:send|make|do)_(?:an_|the_)?intro put_me_in_touch point_me_to
            (?:know|recommend|suggest)_(?:anyone|anybody|someone|somebody|people|folks|any_people)
            (?:in|from)_your_network mention_your_name use_your_name
            good_person_to_(?:ask|talk|contact|speak) right_person_to_(?:ask|talk|contact)
            who_should_i_(?:talk|speak|contact|reach|call|meet|ask|email)
            (?:is|are)_there_(?:anyone|anybody|someone|people|other_\w+)_(?:else_)?(?:on|at|in
            |from|who|i|you)
            (?:willing|open|comfortable|happy)_to_(?:talk|chat|speak|meet)_with_me
            first_person_youd_call (?:groups|meetups?|associations?|communities|community
            |slack|chapters?)_(?:i|to|where|you)""",
        ),
        (
            "referrals",
            4.5,
            r"""reach_out get_in_touch connect_with hiring_manager_for recruiter alumni mentored
            colleague_in friend_at""",
        ),
        (
            "advice",
            6.0,
            r"""advice tips? in_my_shoes if_you_were_me if_you_were_in_my
            (?:do|would)_you_(?:recommend|suggest|advise) should_i
            (?:would|do)_you_(?:think_)?i_should what_would_you_(?:do|tell
            |say|suggest|recommend|have_me) best_way_(?:to|for_me) how_(?:should|can|could|do)_i
            is_it_worth worth_(?:it|taking|getting|doing) mistakes_(?:should_i|to_avoid)
            (?:should|would|could)_i_avoid stand_out tailor position_my play_up
            (?:my|a)_(?:resume|cv|cover_letter|portfolio|linkedin) good_idea_for_me
            (?:stronger|better)_candidate foot_in_the_door break_into""",
        ),
        (
            "advice",
            3.5,
            r"""focus_on (?:learn|read|build|study)_before i_(?:should|need_to) for_me
            someone_(?:like_me|in_my|coming_from|trying)""",
        ),
        (
            "their_story",
            6.0,
            r"""(?:how|why|when)_did_you_(?:get|end_up|start|decide|become|choose|land|come|make
            |go|first|know|find) (?:what|who)_(?:made|led|drew|brought|got|inspired)_you
            your_(?:own_)?(?:path|journey|story|career|background|transition|day|week|first_job
            |role|job|work) (?:for|to)_you did_you_always have_you_always youve_always
            how_long_have_you how_long_(?:did|were)_you you_(?:enjoy|like|love|find|miss)
            what_(?:surprised|keeps|kept)_you would_you_have_done did_you_study you_studied
            what_was_it_like (?:do|did)_you_(?:still|ever) youve_worked_on you_worked_on
            (?:most|more)_rewarding in_school influence_on_your were_you""",
        ),
        (
            "their_story",
            3.0,
            r"""(?:typical|normal|average)_(?:day|week) you_personally yourself""",
        ),
        (
            "career_path",
            6.0,
            r"""career_path(?:s)? (?:typical|usual|normal|common)_(?:career|path|trajectory
            |progression|ladder|route) progression (?:career|corporate)_ladder ladder
            (?:people|someone|folks|most|teachers|nurses|engineers|analysts|lawyers|paralegals
            |cooks|\w+s)_(?:usually|typically|tend_to|generally|often|normally|commonly)_(?:move
            |go|end_up|start|grow|make|transition|switch|get|specialize|stay|come|land|advance)
            where_do_(?:most_)?(?:people|folks)_go (?:move|moves|moving|go|going|get|jump|switch
            |transition)_from_(?:\w+_){1,3}(?:to|into) lateral_moves?
            (?:is_it_)?(?:common|realistic|possible|normal
            |typical)_(?:for_(?:people|someone)_)?to_(?:move|switch|go|transition|jump|get)
            (?:entry_level|junior)_(?:roles?|positions?
            |jobs?)_(?:usually_)?(?:lead|leads) lead_into different_paths paths_people
            how_long_does_it_(?:usually_|typically_)?take_to_(?:go|get|become|make) advance
            specialize promoted promotion mid_career grow_into individual_contributor""",
        ),
        (
            "career_path",
            3.0,
            r"""path paths career_changers move_into moving_into go_from become_a""",
        ),
        (
            "industry",
            5.5,
            r"""industry industrys (?:the|this)_field the_market job_market trends? heading
            future_of next_big (?:shift|thing) regulations? the_space major_players players
            consolidation shortages? misconceptions? (?:is|are)_(?:demand|hiring)
            demand_for hiring_the_most across_the_(?:country|field|industry|board)
            (?:changing|changed)_(?:the|how|since) since_the_pandemic (?:most_)?interesting_work
            which_companies what_companies other_companies the_(?:\w+_)?(?:business|sector)
            competitive (?:freight|housing|labor|job|tech|media)_market layoffs ai""",
        ),
        (
            "company",
            4.0,
            r"""your_(?:company|firm|team|organization|org|agency|practice|group|department)
            at_your_(?:company|firm|place|organization) culture the_company companys
            (?:is|are)_(?:your_team|you_guys|they)_hiring hiring_right_now leadership_there
            acquisition sponsor\w* the_team_there there_(?:right_now|at_all)
            (?:do|does)_well_at priority (?:design|engineering|sales|data|product)_team""",
        ),
        (
            "other",
            7.0,
            r"""hear_me see_my_screen (?:already_)?order repeat_that say_that_again
            take_(?:a_few_|some_)?notes your_weekend how_was_your how_are_you work_for_a_follow
            (?:next|this)_(?:monday|tuesday|wednesday|thursday|friday|week)_at
            (?:coffee|call|chat)_(?:next|on) thank""",
        ),
    ]
)

_RANK = {label: i for i, label in enumerate(NETWORKING_TOPICS)}
# With no networking cue, the interview topic of the question.
_FROM_INTERVIEW = {
    "them": "their_story",
    "growth": "career_path",
    "self": "advice",
    "other": "other",
}


@lru_cache(maxsize=4096)
def networking_topic_of(question_text: str) -> str:
    """What a question in a networking conversation is about (one of ``NETWORKING_TOPICS``).

    >>> networking_topic_of("Who else do you think I should talk to?")
    'referrals'
    >>> networking_topic_of("Where do you see the industry heading?")
    'industry'
    """
    scores = rule_scores(question_text, _RULES)
    if scores:
        return max(scores, key=lambda lab: (scores[lab], -_RANK[lab]))
    return _FROM_INTERVIEW.get(topic_of(question_text), "company")
