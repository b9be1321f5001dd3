"""What a question is about: candidate topics, interviewer kinds, content words, language (private).

Topics and kinds are keyword rules with weights plus two small learned models. A label's rule
score is its strongest matching cue plus a tenth for every further cue, so one defining phrase
("what would you do if") beats several weak ones ("team", "office"). A rule may name "other"
itself ("can you hear me"). The models, built by ``benchmarks/train_question_classes.py`` from
questions by four independent writers, each add their weight times their log posterior (floored)
to every label's score: a naive Bayes model over word unigrams and bigrams
(``question_data/question_classes.json``) and a linear model over the question's mean word vector
(``question_data/question_words.json``, one score row per word; the vectors come from a sentence
transformer, distilled offline by ``benchmarks/build_word_vectors.py``). So the models decide
when no cue fires, and cues and models vote otherwise; ties go to a fixed priority.
"""

from __future__ import annotations

import base64
import json
import math
import re
from array import array
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

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
        # Not about the job at all: the call itself, repeats, notes.
        (
            "other",
            6.0,
            r"""hear_me (?:can|do)_you_see_me see_my_screen share_my_screen
            my_(?:audio|camera|mic|video)
            cutting_out take_(?:some_)?notes repeat_(?:that|the|your) say_that_again
            (?:grab|get)_(?:some|my|a)_(?:water|coffee) your_name_again what_did_you_mean
            keep_going go_on job_description (?:being|be|is_this|call)_recorded wifi restroom
            bathroom elevator parking i_park""",
        ),
        (
            "self",
            5.0,
            r"""my_(?:background|experience|resume|cv|answers?|candidacy|application|profile
            |skills?|fit|portfolio|degree|license|licence|certification|work_history|gap
            |interview|schedule|references?) my_\w+_(?:experience|background|skills)
            concerns? reservations hesitations? gives?_you_pause
            (?:a|good|great|strong|right)_fit fit_in i_fit im_a_fit stronger_candidate
            feedback_(?:for|on)_me how_i_did how_did_i_do about_me i_can_clarify expand_on
            am_i_(?:a|the) (?:hiring|hire)_me moving_me_forward (?:do|did)_i_(?:seem|come_across
            |answer) compare_to_(?:the_)?other gaps? strengthen missing_from
            be_(?:an_issue|a_problem|a_dealbreaker|a_concern) someone_like_me did_my
            how_am_i_doing impression_of_me (?:i|id|i_would|ill)_need_to_work_on""",
        ),
        (
            "compensation",
            4.0,
            r"""salary salaries pay paid pay_band compensation comp benefits?
            bonus(?:es)? equity stock rsus? 401k 401_k 403b retirement pension vacation pto time_off
            parental_leave maternity paternity sick_(?:days|leave) leave_policy insurance dental
            health_(?:care|plan|benefits) stipend signing raises? perks the_range pay_range
            differentials? commissions? overtime_pay time_and_a_half mileage reimburse\w*
            pay_scale salary_scale step_scale hourly_rate wages? employee_discount holiday_pay""",
        ),
        (
            "compensation",
            5.5,
            r"""starting_(?:wage|pay|rate|salary) per_diem loan_(?:repayment|forgiveness)
            tuition""",
        ),
        (
            "compensation",
            3.0,
            r"""tips tip_(?:out|pool|share) pooled allowance discount (?:weekly|biweekly
            |every_two_weeks|twice_a_month) paychecks? payday per_mile by_the_(?:mile|hour)
            vision hsa fsa stock_options? options scale""",
        ),
        (
            "next_steps",
            4.0,
            r"""next_steps? next_round next_stage the_process interview_process
            hiring_process timeline time_line hear_back hear_from (?:making|make|made)_a_decision
            decision_timeline the_decision rounds_of_interviews how_many_(?:more_)?rounds
            interviews onsite take_home takehome
            after_(?:this|today) from_here who_else meeting_with meet_with references someone_start
            you_need_from_me follow_up (?:second|third|final|another|next)_(?:round|interview
            |conversation|meeting|step) working_interview stage shadow_shift skills_(?:test
            |assessment) assessment drug_(?:test|screen) background_check (?:the|an)_offer
            offer_letter fill_out final_(?:call|say|decision) hiring_(?:committee|manager)
            candidates notified let_me_know stay_in_touch panel the_hire make_the_call
            how_soon_(?:will|would|do) when_(?:will|would|do)_(?:i|you)_(?:know|hear|decide)
            orientation_(?:be|start) still_interviewing (?:last|final|first)_step deciding
            (?:physical|ability|agility|written|typing|weld|trade|skills?)_test
            start_date when_would_(?:i|the_position|the_role|this)_start""",
        ),
        (
            "growth",
            5.0,
            r"""new_grads? residency apprentice\w* journey\w* cross_train\w* career_path
            pay_for_(?:(?:my|your|the)_)?(?:certifications?|training|school|courses?|classes|conferences|continuing
            |licens\w+) (?:move|moving|moved)_up career_ladder clinical_ladder advance\w*
            go_back_to_school gone_on_to go_on_to work_toward\w* trainees? lunch_and_learns?
            bar_association professional_associations? industry_groups invest_in_(?:its|their
            |your)_people skills_(?:would|will)_i_(?:learn|gain|pick_up|build)""",
        ),
        (
            "growth",
            3.0,
            r"""learn learning develop development mentor\w* mentee career path
            promot\w+ grow growth grown conferences? courses? training certifications?
            professional_(?:organizations?|development|associations?) management_track
            move_into_management lead_role move_between_teams internal_mobility review_cycle
            performance_reviews? onboard\w* skills upskill\w* education shadow\w*
            continuing_education ladder build_(?:\w+_)?experience feedback eventually
            (?:chance|chances|opportunit\w+)_to_(?:lead|grow|learn|move|take|work_on)""",
        ),
        (
            "role",
            3.0,
            r"""success successful succeed expectations? expected expect_(?:me|from)
            first_(?:30|60|90|ninety|thirty|sixty|few|couple|month|months|week|weeks|year
            |quarter|six|three) 90_days measured measure[sd]?_(?:success|impact|performance)
            my_performance kpis? okrs? metrics goals responsibilit\w+ responsible_for
            position_open backfill new_role accomplish achieve hands_on ownership_of
            (?:would|will)_i_own working_on work_on projects someone_in_this_role in_this_role
            day_one mostly_(?:backend|frontend|front_end|back_end) ideal_(?:candidate|person|hire)
            right_person new_hire qualit(?:y|ies) qualifications must_have supervis\w+
            direct_reports manage_(?:a|the|people|anyone|anybody) new_position replacement
            replacing focus_on targets? quotas? kinds?_of_(?:patients|cases|matters|clients
            |projects|work|accounts|customers|students) great_\w+_(?:does|do) stand_out
            hardest_part biggest_challenges?_(?:for|in|of)_(?:this|the|someone|a|my)
            challenges_for biggest_problem fix doing_a_good_job independence autonomy
            need_from_(?:whoever|the_person|the_new|someone|this_person)""",
        ),
        (
            "role",
            4.0,
            r"""reports?_to reporting_to report_into (?:my|the|your)_(?:direct_)?(?:manager
            |supervisor|boss)_be how_much_travel travel_(?:is|would|involved|required|percentage)
            (?:position|role|job)_(?:is_)?based based_(?:in|out_of|at) which_(?:office|location
            |site|branch|store|clinic|campus|school|hospital|plant)""",
        ),
        ("role", 2.0, r"""(?:this|the)_(?:role|position|job)"""),
        (
            "company",
            3.0,
            r"""culture strategy strategic mission vision values roadmap compet\w+
            market customers? funding series_[a-z] raising profitab\w+ revenue layoffs? morale
            leadership acquisition acquired expand\w* five_years 5_years diversity inclusion dei
            decisions(?:_are)?_made top_down headed direction ipo investors? ceo founders?
            industry people_stay turnover attrition plans_to merger merged new_owners\w*
            owners? union safety_record reputation brand runway closings? closures? stable
            stability financially budget (?:new|more|another)_(?:locations?|offices|stores|sites
            |branches|clinics) planning_to (?:company|hospital|firm|district|store|agency|school
            |organization|business|restaurant|hotel|practice|clinic|plant|bank|group)_(?:doing
            |changed|planning|handling) clients sets_\w+_apart in_the_news""",
        ),
        ("company", 3.5, r"""facing vibe"""),
        (
            "company",
            4.0,
            r"""(?:remote|hybrid|work_from_home|wfh|rto)_(?:work_)?polic\w+ stance_on
            return_to_(?:the_)?office rto (?:company|companys|firms|organizations)_(?:stance
            |policy|position|approach)""",
        ),
        ("company", 2.0, r"""challenges?"""),
        (
            "company",
            1.0,
            r"""company companys organization business firm hospital district agency""",
        ),
        ("them", 4.0, r"""yourself personally your_own you_personally"""),
        ("them", 4.5, r"""(?:like|look_like|looks_like)_for_you"""),
        (
            "them",
            4.0,
            r"""how_did_you_(?:end_up|get|come|become|decide|start|find|choose|land|make_the
            |move|go|first) (?:what|who)_(?:got|drew|brought|led|made)_you your_(?:own_)?(?:path
            |journey|story|career|background|first_job|last_job) favou?rite
            what_(?:do|did)_you_(?:find|like|love|enjoy|miss) how_do_you_like do_you_like
            have_you_always did_you_always youve_always before_you_(?:came|joined|started|were)
            in_the_first_place from_around_here originally do_you_still rewarding
            what_got_you what_keeps_you""",
        ),
        (
            "them",
            3.0,
            r"""enjoy\w* like_(?:most|least|best|about_working) love_about
            dislike surprised_you drew_you drawn_to brought_you made_you kept_you keeps_you
            got_into get_into got_started ended_up end_up your_(?:own|path|journey|background
            |career|story|job|role_changed) yourself personally for_you how_long_have_you
            have_you_been been_with since_you_(?:started|joined) when_you_joined wish_you\w*
            you_still_get_to did_you_come_from youve_(?:worked|done|seen|enjoyed|learned)
            you_change""",
        ),
        (
            "day_to_day",
            4.0,
            r"""(?:typical|normal|average|usual|regular)_(?:day|week|shift|night|morning|month)
            day_to_day a_day_in_the_life on_call oncall rotation pair_programming
            heads_down in_house outsourced standups? caseloads?
            workload (?:work|working)_(?:weekends|nights|holidays|overnights|evenings)
            on_a_(?:normal|typical|given|busy|slow)_(?:day|shift|night) how_many_(?:patients
            |tables|clients|cases|calls|students|kids|children|accounts|beds|rooms|orders
            |deliveries|stops|tickets|guests|covers|residents|prescriptions|hours) home_every
            on_the_road in_the_(?:shop|field|truck|classroom|kitchen) job_sites? shifts? pace
            rush split_between what_time""",
        ),
        ("day_to_day", 3.0, r"""remote hybrid"""),
        (
            "day_to_day",
            4.5,
            r"""(?:team|unit|crew|department|staff|floor)_turnover
            turnover(?:_\w+){0,2}_on_the_(?:team|unit|crew|floor|shift)""",
        ),
        (
            "day_to_day",
            2.0,
            r"""the_team this_team team teams teams_(?:structured|organized)
            work(?:ing)?_with work_together collaborat\w+ tools? stack meetings? meet office
            hours schedule structured structure engineers designers use_here together
            alongside communicate overtime weekends nights equipment software paperwork
            class_sizes? classes mostly usually""",
        ),
        # Cues from a third writer's questions (set 3, folds 0-2), in general form.
        (
            "other",
            6.0,
            r"""should_i_(?:write|use|treat|keep|assume|answer|code|present|format|bring|wear)
            does_it_matter entrance which_door mock_(?:call|exercise|interview|pitch)
            meant_to_signal (?:that|this)_phrase""",
        ),
        (
            "self",
            5.0,
            r"""(?:hurt|hold)_me(?:_back)? worr(?:y|ies)_you (?:do_|would_)?you_think_(?:i|im|id
            |my) id_be_seen be_seen_as translate_well (?:i|im|i_am)_ready skills_i_mentioned
            ramp_up_compared""",
        ),
        (
            "them",
            4.5,
            r"""howd_you_(?:get|end_up|come|start) (?:what|any)_advice_(?:would|do|can|could)_you
            what_convinced_you how_long_(?:were|have)_you(?:_\w+){0,5}_before_you
            how_long_(?:you|youve)_been in_my_shoes before_you_(?:became|moved|got|took|came
            |went) adjustment_was_for_you""",
        ),
        (
            "day_to_day",
            4.5,
            r"""float_pool home_unit (?:assigned|get)_(?:your|my)_own slip_seat same_\w+_every_day
            what_do_you_(?:guys_|all_)?(?:use|run) do_you_(?:guys_|all_)?use
            teams?_(?:here_)?use hands_on_(?:is_)?the_(?:supervisor|manager|boss|lead)
            (?:supervisor|manager|boss)s?_(?:style|in_this_group) management_style""",
        ),
        (
            "company",
            4.5,
            r"""privately_owned private_equity
            (?:corporate|family|locally|independently|employee)_owned
            owned_by part_of_a_(?:larger|bigger) strategic_plan (?:firm|company|practice
            |organization|agency|business|hospital|district)_(?:is_)?(?:looking|planning|hoping
            |considering) medicare medicaid payer_mix private_pay
            how_many_\w+_does_the_(?:company|firm|outfit|agency|practice|organization|business
            |district|hospital|group)_(?:run|have|operate)
            (?:does|do)_the_(?:company|firm|agency|practice|organization|business)_(?:mostly_)?do""",
        ),
        (
            "role",
            4.5,
            r"""is_this_(?:more_)?(?:of_)?an?_\w+_(?:role|position|job)
            (?:would|will)_(?:i|a_new_\w+|the_new_\w+)_be_assigned (?:job|role|position)_includes?
            (?:role|position|job)_(?:be_)?responsible_for""",
        ),
        (
            "growth",
            5.0,
            r"""preceptor\w* induction coaching (?:support|supports|sponsor\w*|encourage\w*)_(?:me
            |people|employees|staff|that|you|new_\w+) put_me_through send_(?:people|techs
            |employees|staff|new_\w+|you|me)_to training_period (?:get|getting)_(?:my|certified
            |licensed) transfer\w* (?:manufacturer|training|code|update|ce|cme|ceu)_classes
            study_(?:days|time|leave) upgrade_time supervision_toward learn_that""",
        ),
        (
            "next_steps",
            5.0,
            r"""road_test
            (?:design|coding|writing|case|take_home|skills)_(?:exercise|test|assignment|study)
            committee_step
            who_(?:will|ll|would)_be_(?:in|on)_(?:the|that)_(?:panel
            |session|interview|call) finish_the_hiring new_hire_class actually_start
            when_(?:would|will|do|could)_i_(?:actually_)?start contact_my_references
            anything_else_from_me on_the_schedule_for""",
        ),
        (
            "compensation",
            5.5,
            r"""how_much_(?:extra_)?(?:do|would|will|does|can)_(?:\w+_){0,2}make extra_for
            pay_(?:look|looks)_like go_up_each_year stipends? severance change_of_control
            shift_premium premiums? gratuit\w+""",
        ),
    ]
)

_KIND_RULES = _rules(
    [
        # Small talk, openers and closers, and the stock questions that fit no kind.
        (
            "other",
            6.0,
            r"""hear_me see_my_screen any_questions questions_(?:for|do_you_have) about_yourself
            (?:greatest|biggest|main|top)_(?:strengths?|weakness\w*) your_strengths
            your_weakness\w* strengths_and_weaknesses walk_me_through_your_(?:resume|cv
            |background|work_history|career) your_(?:resume|cv) find_(?:the_|us|the_place)
            glass_of_water coffee how_s_your_day your_(?:day|morning|afternoon|weekend)
            good_time_to_talk spell_your pronounce anything_else_youd_like_to_add
            ready_to_get_started does_that_make_sense (?:prefer|like)_working_(?:alone
            |independently|on_a_team|in_a_team) traffic_(?:give|gave|was|okay|ok|bad)
            getting_here hear_about_(?:this|the|us) outside_of_work one_word
            (?:communication|working|work|management|leadership)_style receive_feedback
            record_this preferred_name what_are_you_reading
            how_would_(?:your|you_r)_(?:\w+_){0,2}describe_you
            what_would_your_(?:\w+_){0,3}say_about_you why_should_(?:we|i)_(?:hire|pick|choose)
            why_(?:you|should_it_be_you) sets_you_apart set_you_apart
            what_makes_you_(?:think_youd|think_you_would|a_good|the_(?:right|best))
            (?:been_up_to|doing)_since since_you_(?:graduated|left|finished)""",
        ),
        # Follow-ups on the story just told stay behavioral ("was that full time?").
        (
            "behavioral",
            3.0,
            r"""(?<=^_)(?:and_|so_)?(?:was_that|were_they|was_it|did_that|how_did_(?:that|it)
            |and_then) whether_(?:the|that|it)""",
        ),
        (
            "logistics",
            5.0,
            r"""start_date (?:could|can|would)_you_start availability available
            available_to_start able_to_start notice_period salary_expectations how_much_notice
            (?:work|working)_(?:weekends|nights|holidays|evenings|mornings|overnights|overtime
            |rotating|shifts|doubles|split_shifts) (?:background|reference)_checks?
            drug_(?:test|screen)\w* lift\w* authorized_to_work sponsorship relocat\w+
            transportation drivers?_licen[cs]e own_(?:vehicle|car|transportation|tools
            |hand_tools) commut\w+ full_time part_time hours_a_week per_week
            hours_(?:can|are|do|would)_you at_least_(?:16|18|21) over_(?:16|18|21) years_old
            currently_employed temp_to_hire pass_a_(?:physical|drug\w*|background) stand_for
            on_your_feet reach_you (?:vacations?|time_off|trips?)_(?:planned|coming_up)
            how_soon hourly_rate pay_rate rate_are_you what_(?:kind_of_)?(?:pay|salary
            |compensation|rate)_(?:are_you|would_you|do_you) expecting_to_make desired_salary
            commit_to when_can_you be_at_the_(?:site|store|shop|office) come_in_for
            restrictions_on remote hybrid on_site onsite in_office lowest_(?:salary|pay|rate|youd)
            security_clearance clearance""",
        ),
        (
            "logistics",
            5.5,
            r"""certified certifications? certificates? licen[cs]e[sd]? bls acls cpr first_aid
            cdl endorsements? class_(?:a|b) registered_in credentials? (?:state_)?board_certified
            eligible_(?:for|to)""",
        ),
        (
            "logistics",
            4.0,
            r"""notice compensation visa work_authori\w+
            (?:come|coming|be|work|working)_(?:in|into)_the_office
            in_office office_days days_a_week on_site onsite travel remote hybrid
            interviewing_(?:anywhere|elsewhere|with) other_(?:offers|companies|interviews)
            number_to_reach background_check current_(?:salary|comp)
            looking_for_in_(?:terms_of_)?(?:comp|salary|pay) weekends holidays nights overnights
            rotating shifts? schedule on_call freezer cold heat outdoors heights physical
            (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday) mornings afternoons
            evenings move""",
        ),
        (
            "situational",
            5.0,
            r"""what_would_you_(?:do|change|say|tell|try) imagine suppose supposing lets_say
            what_if picture_this pretend role_play hypothetical\w* how_would_you_(?:handle
            |approach|deal|respond|react|manage|prioritize|resolve|tackle|go_about|explain|calm
            |decide|address|communicate|reply|support|help|talk|de_escalate|tell|train|coach
            |balance|get) how_youd_(?:handle|approach|deal|respond|react|manage|calm|go_about)
            what_(?:steps_)?would_you_take what_would_(?:your|be_your)_first
            whats_your_(?:first_)?move first_move what_steps_would (?<=^_)say_(?:a|an|the|your
            |you|someone) would_you_say_something in_that_situation scenario""",
        ),
        (
            "situational",
            4.0,
            r"""if_you_(?:had|were|found|joined|discovered|noticed|got|disagreed|saw|see|caught
            |came|couldnt|could_not|realized|made|missed|hear|heard) if_(?:a|an|the|your|two
            |one|someone|somebody)_\w+ how_do_you_(?:handle|deal_with|respond_to)_(?:that|this
            |it|them) how_do_you_prioritize what_do_you_do_(?:if|when)""",
        ),
        ("situational", 2.0, r"""how_would_you what_would_you"""),
        (
            "behavioral",
            5.0,
            r"""tell_(?:me|us)_about_a_time a_time_(?:when|where|that|you)
            give_(?:me|us)_an_example an_example_of describe_a_(?:situation|time)
            have_you_ever did_you_ever think_of_a_time
            how_did_you_(?:handle|deal|resolve|manage|respond|react|approach|overcome|get_through
            |fix|recover) the_last_time_you
            when_was_the_last_time (?:tell|talk)_(?:me_|us_)?about_(?:a|an|the)_\w+_(?:that|where
            |when|you|in_which|who) (?:tell|talk)_(?:me_|us_)?about_(?:your|the)_(?:toughest
            |hardest|biggest|worst|best|most) describe_(?:a|an|the)_(?:time|situation|moment
            |occasion|instance) describe_how_you share_an_example talk_about_a_time
            walk_me_through_a_(?:time|situation|conflict|project) performance_review
            how_did_(?:your|the|they|she|he)_(?:\w+_){0,2}(?:react|respond|take_it|handle)""",
        ),
        (
            "behavioral",
            3.0,
            r"""how_did_(?:your|the|they) what_did_you_(?:learn|do) proud\w* hardest toughest
            most_difficult most_challenging biggest_(?:mistake|failure|challenge|accomplishment
            |achievement) mistake_you_made failed failure conflict disagree\w* what_happened
            youve_(?:ever|worked|had) when_you_had_to a_situation_where accomplishment
            criticism how_long_(?:were|did)_you (?:were|was)_you_(?:the|a|an|on|at|in)
            your_role_(?:on|in|at)
            (?:which|what)_\w+_(?:were|was|did)_you (?:who|how_many_people)_did_you
            did_you_(?:manage|supervise|lead|report|work|handle|do|use|have|get|enjoy)
            how_did_(?:that|it)_(?:go|turn_out|end) what_was_(?:your|the)""",
        ),
        (
            "behavioral",
            4.5,
            r"""(?:in|at)_(?:that|your_(?:last|previous|old|former|current))_(?:job|role|position
            |company|store|firm|school|hospital|unit|place|restaurant|clinic|practice|agency)""",
        ),
        # Using a tool beats the behavioral "have you ever" by more than the models usually pull
        # (naive Bayes is sure that "have you ever" is behavioral).
        (
            "technical",
            8.0,
            r"""have_you_(?:ever_)?(?:used|worked_(?:with|in)|operated|run|programmed
            |configured)""",
        ),
        (
            "technical",
            5.5,
            r"""(?:whats|what_is|what_s)_your_experience_(?:with|in|using) experience_(?:with|using)
            how_much_experience what_experience_do_you_have_(?:with|in|using)
            familiar_with familiarity proficien\w+
            how_(?:would|do|should)_you_(?:calculate|wire|install|troubleshoot|diagnose|test|verify|configure|set_up|figure_out|measure|read|reconcile
            |determine|estimate|size|program|code|calibrate|debug|design|optimi[sz]e|check
            |sterili[sz]e|mix|prepare|clean|store|document|chart|use|operate|repair|replace
            |fix|build|model|forecast|value|price|audit) difference_between""",
        ),
        (
            "technical",
            4.0,
            r"""design architect\w* complexity big_o
            algorithms? data_structures? databases? index indexes indices query queries sql
            join api apis scale scaling kubernetes docker react java javascript typescript python
            golang rust garbage_collection load_balanc\w+ cache caching threads? url browser
            cap_theorem debug\w* test_(?:this|the|it) unit_tests? optimi[sz]e code function
            hash latency throughput memory cpu http tcp dns linux cloud aws gcp azure
            microservices? concurrency deadlock recursion regex git deploy\w* infrastructure
            state_management frontend backend machine_learning schema page_load
            software systems? tools? platforms? equipment machinery programs? programming
            languages? excel spreadsheets? pivot vlookup formulas? typing words_per_minute wpm
            crm erp sap salesforce quickbooks autocad revit cad epic cerner ehr emr
            electronic_(?:health|medical)_records? charting adobe photoshop illustrator
            indesign figma blueprints? schematics? drawings troubleshoot\w* diagnos\w+
            calibrat\w+ weld\w* forklifts? osha hipaa haccp gaap ifrs regulations? statutes?
            compliance codes? dos(?:e|age|ing) medications? temperatures? calculat\w+
            sterile phlebotomy triage vitals iv point_of_sale pos cash_register inventory
            techniques? procedures? protocols?
            methods? methodolog\w+ standards? torque wrench circuit wiring voltage
            ledger reconcil\w+ accounting tax financial_statements? underwriting pre_trip
            inspections? cycle_counts? how_youd_(?:do|check|set_up|wire|fix|calculate)""",
        ),
        (
            "technical",
            2.0,
            r"""do_you_know are_you_able_to_(?:use|read|operate|run|drive) explain_(?:how|what
            |the|why) know_how_to how_does how_do_you""",
        ),
        ("motivational", 5.0, r"""why_do_you_want where_do_you_see_yourself"""),
        (
            "motivational",
            4.5,
            r"""what_(?:drew|draws|attracted|attracts|brought|brings|led|leads|made|makes
            |got|interests|excites|appeals_to)_you why_(?:did|do|would)_you_(?:choose|pick
            |become|go_into|get_into|decide|want|apply|leave|join) why_(?:leave|change|switch
            |move|go) why_(?:are|were)_you_(?:leaving|looking|interested|changing|switching
            |applying) why_(?!not|is|was|that|so|do|did|does|are|were|would|wouldnt
            |would|should|shouldnt|dont|didnt|isnt|arent|cant|couldnt|can)\w+(?:_\w+)?(?=_$)
            appeals? attract\w* (?:hope|hoping)_to_(?:get|gain|learn|achieve|do)
            career_(?:plans|goals|path|aspirations) important_to_you still_interested
            what_makes_you_(?:think|want|a|the|right|different|interested|the_best)
            (?:want|wanted)_to_(?:work|be|join|get_into|become|go_into|leave|teach)
            out_of_bed dream_job stepping_stone (?:pulling|drawing)_you_away""",
        ),
        (
            "motivational",
            3.0,
            r"""why_(?:do|did|would)_you_(?:want|apply|choose|pick|leave|join
            |like|think_you) why_(?:are|were)_you_(?:leaving|looking|interested)
            why_(?:this|our|product|us|here|the) why_should_we interests?_you interested_in
            motivat\w+ passion\w* excites?_you five_years 5_years know_about_(?:our|the|us)
            looking_for_in next_role next_job career_goals drives_you long_term thrive
            work_environment (?:enjoy|like|love)_(?:most_)?about excit\w+ fulfill\w*
            what_do_you_(?:enjoy|like|love) get_out_of""",
        ),
        # Cues from a third writer's questions (set 3, folds 0-2), in general form.
        (
            "other",
            6.0,
            r"""what_would_(?:they|he|she|your_\w+)_(?:tell|say)_(?:me_|us_)?about_you
            working_on_improving (?:youre|you_are)_(?:still_)?working_on your_personality
            describe_yourself makes_you_(?:different|the_strongest|stand_out|the_best|unique)
            (?:find|found|hear|heard)_(?:out_)?about_us about_your_(?:\w+_)?background""",
        ),
        (
            "behavioral",
            5.0,
            r"""(?:walk|take)_me_through_(?:how_you|that|what_you_did|your_part) do_differently
            (?:could|can)_go_back looking_back in_hindsight what_your_part_was
            (?:youre|you_are|you_were)_(?:currently_)?working_(?:on|with)""",
        ),
        (
            "motivational",
            5.5,
            r"""whats_behind behind_(?:wanting|the_move|your_decision) wanting_to_(?:make|leave
            |move|switch|join|get_into) what_made_you_(?:decide|want|choose|pick)
            (?<=^_)why_\w+_rather_than rather_than""",
        ),
        (
            "logistics",
            5.5,
            r"""certs? pass_an?_\w+_test typing_test location_(?:okay|ok|work|works|fine)
            (?:is|would)_(?:that|the)_location""",
        ),
        (
            "technical",
            5.0,
            r"""walk_me_through_what_(?:happens|youd_check|you_would_check|you_check)
            what_youd_check (?:framework|methodology|process)_do_you_use
            how_would_you_(?:restrain|correct|go_about_finding|find_a)""",
        ),
    ]
)


def rule_scores(text: str, rules: tuple[Rule, ...]) -> dict[str, float]:
    """Each label with a matching cue: its strongest cue's weight plus 0.1 per cue (up to 9)."""
    s = _normalize(text)
    top: dict[str, float] = {}
    hits: dict[str, int] = {}
    for label, weight, pattern in rules:
        found = len(pattern.findall(s))
        if found:
            top[label] = max(top.get(label, 0.0), weight)
            hits[label] = hits.get(label, 0) + found
    return {lab: top[lab] + 0.1 * min(hits[lab], 9) for lab in top}


def _best(scores: dict[str, float]) -> str:
    return max(scores, key=lambda lab: (scores[lab], -_RANK[lab]))


def rule_label(text: str, rules: tuple[Rule, ...]) -> str:
    """The label whose rules score highest on ``text``, or "" when no cue matches."""
    scores = rule_scores(text, rules)
    return _best(scores) if scores else ""


_RANK = {
    label: i
    for i, label in enumerate(
        """self compensation next_steps growth role company them day_to_day logistics
        situational behavioral technical motivational other""".split()
    )
}

TOPIC_LABELS = (
    "them",
    "day_to_day",
    "company",
    "role",
    "growth",
    "next_steps",
    "compensation",
    "self",
    "other",
)
KIND_LABELS = ("behavioral", "technical", "motivational", "situational", "logistics", "other")


# --- the learned fallback -------------------------------------------------------------------------


_BIG_ENDIAN = array("H", b"\x01\x00")[0] != 1


def _uint16(raw: bytes) -> Sequence[int]:
    """Little-endian unsigned 16-bit integers."""
    values = array("H", raw)
    if _BIG_ENDIAN:
        values.byteswap()
    return values


def _log_softmax(labels: tuple[str, ...], scores: list[float]) -> dict[str, float]:
    """Each label's log probability from unnormalized log scores."""
    top = max(scores)
    log_z = top + math.log(sum(math.exp(x - top) for x in scores))
    return {lab: x - log_z for lab, x in zip(labels, scores, strict=True)}


def features(text: str) -> list[str]:
    """Word unigrams and bigrams of the normalized text; "^" marks the start ("^ what")."""
    words = _normalize(text).split()
    return words + [f"{a} {b}" for a, b in zip(["^", *words], words, strict=False)]


class NaiveBayes:
    """Multinomial naive Bayes over ``features``, from the counts that
    ``benchmarks/train_question_classes.py`` writes. Features never seen in training are ignored.

    A feature's log likelihoods are computed from its counts the first time a question uses it,
    so loading the model does not pay for the thousands of features a run never meets.
    """

    def __init__(
        self,
        labels: tuple[str, ...],
        prior: tuple[float, ...],
        index: dict[str, int],
        counts: Sequence[int],
        totals: tuple[float, ...],
        alpha: float,
    ) -> None:
        self.labels = labels
        self.prior = prior
        self._index = index  # feature -> its row in ``counts``
        self._counts = counts  # len(labels) counts per feature
        self._alpha = alpha
        self._denominators = totals  # per label: total count + alpha * vocabulary size
        self._weights: dict[str, tuple[float, ...] | None] = {}

    @classmethod
    def from_json(cls, data: dict[str, Any], alpha: float) -> NaiveBayes:
        labels = tuple(str(x) for x in data["labels"])
        docs = [int(x) for x in data["docs"]]
        feats = str(data["features"]).split("\n")
        counts = _uint16(base64.b64decode(data["counts"]))
        if len(counts) != len(feats) * len(labels):
            raise ValueError("question_classes: the counts do not match the features")
        vocab = len(feats)
        prior = tuple(math.log((d + 1) / (sum(docs) + len(docs))) for d in docs)
        denominators = tuple(int(t) + alpha * vocab for t in data["totals"])
        index = dict(zip(feats, range(vocab), strict=True))
        return cls(labels, prior, index, counts, denominators, alpha)

    def weight(self, feature: str) -> tuple[float, ...] | None:
        """The log likelihood of ``feature`` under each label, or None when it was never seen."""
        try:
            return self._weights[feature]
        except KeyError:
            i = self._index.get(feature)
            row = None
            if i is not None:
                width = len(self.labels)
                counts = self._counts[i * width : (i + 1) * width]
                row = tuple(
                    math.log((c + self._alpha) / d)
                    for c, d in zip(counts, self._denominators, strict=True)
                )
            self._weights[feature] = row
            return row

    def scores(self, text: str) -> list[float]:
        """Log prior plus log likelihood of ``text`` for each label, in ``labels`` order."""
        rows = [w for w in map(self.weight, features(text)) if w is not None]
        return [sum(column) for column in zip(self.prior, *rows, strict=True)]

    def log_posteriors(self, text: str) -> dict[str, float]:
        """Each label's log posterior given ``text``."""
        score = self.scores(text)
        return _log_softmax(self.labels, score)

    def predict(self, text: str) -> str:
        """The most probable label (the model alone)."""
        score = self.scores(text)
        return self.labels[max(range(len(score)), key=score.__getitem__)]


class WordVectorModel:
    """A linear model over a question's mean word vector, stored as one score row per word.

    The model is ``softmax(bias + W · mean(v_w))`` over the question's words ``w`` that have a
    vector, and that is ``softmax(bias + mean(W · v_w))``: so the package stores, for every word,
    the row ``W · v_w`` (quantized to int8 with one scale), and neither the vectors nor the
    transformer they come from (``benchmarks/build_word_vectors.py``). A question with no known
    word gets no opinion from this model.
    """

    def __init__(
        self,
        labels: tuple[str, ...],
        bias: tuple[float, ...],
        scale: float,
        index: dict[str, int],
        rows: memoryview,
    ) -> None:
        self.labels = labels
        self.bias = bias
        self.scale = scale
        self._index = index
        self._rows = rows  # int8, len(labels) values per word, in the order of ``index``

    @classmethod
    def from_json(cls, data: dict[str, Any], task: str, index: dict[str, int]) -> WordVectorModel:
        part = data[task]
        rows = memoryview(base64.b64decode(part["scores"])).cast("b")
        labels = tuple(str(x) for x in part["labels"])
        if len(rows) != len(index) * len(labels):
            raise ValueError("question_words: the score table does not match the vocabulary")
        bias = tuple(float(x) for x in part["bias"])
        return cls(labels, bias, float(part["scale"]), index, rows)

    def log_posteriors(self, text: str) -> dict[str, float] | None:
        """Each label's log posterior given ``text``, or None when no word of it is known."""
        width = len(self.labels)
        sums = [0] * width
        known = 0
        get = self._index.get
        rows = self._rows
        for word in _normalize(text).split():
            i = get(word)
            if i is not None:
                known += 1
                base = i * width
                for k in range(width):
                    sums[k] += rows[base + k]
        if not known:
            return None
        factor = self.scale / known
        z = [b + factor * x for b, x in zip(self.bias, sums, strict=True)]
        return _log_softmax(self.labels, z)


class Combined:
    """Rule scores plus, for each model, its weight times its log posterior floored at ``floor``."""

    def __init__(
        self,
        rules: tuple[Rule, ...],
        model: NaiveBayes,
        weight: float,
        floor: float,
        words: WordVectorModel | None = None,
        words_weight: float = 0.0,
    ) -> None:
        self.rules = rules
        self.model = model
        self.weight = weight
        self.floor = floor
        self.words = words
        self.words_weight = words_weight

    def label(self, text: str) -> str:
        rules = rule_scores(text, self.rules)
        floor = self.floor
        scores = {
            lab: rules.get(lab, 0.0) + self.weight * max(lp, floor)
            for lab, lp in self.model.log_posteriors(text).items()
        }
        if self.words is not None and self.words_weight:
            posteriors = self.words.log_posteriors(text)
            if posteriors is not None:
                for lab, lp in posteriors.items():
                    scores[lab] += self.words_weight * max(lp, floor)
        return _best(scores)


MODEL_FILE = "question_data/question_classes.json"
WORDS_FILE = "question_data/question_words.json"


def model_from_json(data: dict[str, Any], task: str) -> NaiveBayes:
    """The model of one task ("topic" or "kind") from the stored counts."""
    return NaiveBayes.from_json(data[task], float(data["alpha"]))


def words_index(words: dict[str, Any]) -> dict[str, int]:
    """Each word of the stored word-score table and its row."""
    return {w: i for i, w in enumerate(str(words["words"]).split(" "))}


def combined_from_json(
    data: dict[str, Any],
    task: str,
    words: dict[str, Any] | None = None,
    index: dict[str, int] | None = None,
) -> Combined:
    """Rules plus models for one task ("topic" or "kind"), with the stored combination weights."""
    rules = _TOPIC_RULES if task == "topic" else _KIND_RULES
    weight, floor = float(data["model_weight"]), float(data["log_floor"])
    if words is None:
        return Combined(rules, model_from_json(data, task), weight, floor)
    vectors = WordVectorModel.from_json(
        words, task, index if index is not None else words_index(words)
    )
    return Combined(
        rules, model_from_json(data, task), weight, floor, vectors, float(words["weight"])
    )


def _read(name: str) -> dict[str, Any]:
    raw = resources.files("twoway.analysis").joinpath(name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


@lru_cache(maxsize=1)
def _stored() -> tuple[dict[str, Any], dict[str, Any], dict[str, int]]:
    words = _read(WORDS_FILE)
    return _read(MODEL_FILE), words, words_index(words)


@lru_cache(maxsize=2)
def _classifier(task: str) -> Combined:
    data, words, index = _stored()
    return combined_from_json(data, task, words, index)


@lru_cache(maxsize=4096)
def topic_of(question_text: str) -> str:
    """What a candidate's question is about.

    One of "them", "day_to_day", "company", "role", "growth", "next_steps", "compensation",
    "self" or "other" (English only; see ``looks_english``). Keyword rules and a small naive
    Bayes model trained on labelled questions decide together.

    >>> topic_of("What have you enjoyed most about working here?")
    'them'
    >>> topic_of("Are there professional organizations you would recommend?")
    'growth'
    """
    return _classifier("topic").label(question_text)


@lru_cache(maxsize=4096)
def kind_of(question_text: str) -> str:
    """What kind of interview question an interviewer asked.

    One of "behavioral", "technical", "motivational", "situational", "logistics" or "other".
    Keyword rules and a small naive Bayes model decide together, as for ``topic_of``.

    >>> kind_of("Tell me about a time you disagreed with your manager.")
    'behavioral'
    >>> kind_of("What would you do if a teammate kept missing deadlines?")
    'situational'
    """
    return _classifier("kind").label(question_text)


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
    found = set(map(_content_word, _WORD.findall(text)))
    found.discard("")
    return frozenset(found)


@lru_cache(maxsize=65536)
def _content_word(raw: str) -> str:
    """``raw`` as ``content_words`` keeps it (lowercased, no apostrophes, singular), or "" when
    it is a stopword or a single letter. Words recur so much that this is memoized per word."""
    w = raw.lower().replace("'", "").replace("’", "")
    return stem(w) if len(w) > 1 and w not in STOPWORDS else ""


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
