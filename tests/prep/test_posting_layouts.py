"""Job postings laid out in ways other than "Heading / - bullet": the themes still come from
the duties and requirements (docs/prep.md, "Themes"). Every posting here is written for these
tests; none is from a benchmark set."""

from __future__ import annotations

from twoway.prep import key_themes
from twoway.prep._phrases import Phrase, posting_phrases


def _by_text(text: str) -> dict[str, Phrase]:
    return {p.text: p for p in posting_phrases(text)}


EMOJI = """Lifecycle Marketer
Harrow Bikes · Remote

About us
Harrow Bikes sells cargo bikes direct to families in 14 countries, plus REI and Decathlon.

🚲 What you'll do
→ Run our email marketing and push programs in Braze
→ Plan the content calendar with our editor and report on retention every month
→ Own referral campaigns end to end

🎯 What we're looking for
• 4+ years in lifecycle or CRM marketing
• Hands-on segmentation and SQL

💸 Pay and perks
Salary range: $98,000–$112,000 • 401(k) with 4% match • Unlimited PTO

Harrow Bikes is an equal opportunity employer.
"""


def test_a_pictograph_marks_a_heading_not_a_bullet() -> None:
    phrases = _by_text(EMOJI)
    assert phrases["email marketing"].section == "duties"
    assert phrases["email marketing"].place == 0
    assert phrases["segmentation"].section == "requirements"
    # The company blurb, pay and perks give nothing.
    assert not {"REI", "Decathlon", "Salary range", "Unlimited PTO"} & set(phrases)
    themes = key_themes(EMOJI, 6, exclude=("Harrow Bikes", "Lifecycle Marketer"))
    assert {"email marketing", "content calendar", "referral campaigns"} <= set(themes)
    assert "REI" not in themes


INLINE = """Site Reliability Engineer
Corvid Maps | Remote (US)

what you'll actually be doing: running our services on Kubernetes; tuning PostgreSQL \
queries; improving alerting with Prometheus and Grafana.

You'll probably be a good fit if you
  - have 3+ years of Linux administration
  - know Terraform well

Nice to have: Kafka; Ansible; a little Go.
"""


def test_a_heading_with_its_content_on_the_same_line() -> None:
    phrases = _by_text(INLINE)
    assert phrases["Kubernetes"].section == "duties"
    assert phrases["PostgreSQL queries"].section == "duties"
    assert phrases["alerting"].section == "duties"
    # One bullet per ";" part: each part's first phrase leads its own bullet.
    assert phrases["PostgreSQL queries"].place == 0
    assert phrases["Linux administration"].section == "requirements"
    assert phrases["Terraform"].section == "requirements"  # "know" is the bullet's verb
    assert phrases["Kafka"].section == phrases["Ansible"].section == "preferred"


RUN_ON = """Account Manager, SMB
Tally Payroll · Denver, CO (Hybrid)

About the job
Tally Payroll builds payroll software for 9,000 small businesses. We're looking for an \
Account Manager to own a book of about 120 accounts.

In this role you will own the renewal pipeline for each account, building success plans \
with owners, running quarterly business reviews, and flagging churn risk early. You'll report \
to the Head of Customer Success and join a team of six.

What you bring
✔ 2+ years in account management at a SaaS company
✔ Comfortable with HubSpot and Zendesk

Benefits: medical, dental, vision; 401(k) with 3% match.
"""


def test_a_paragraph_that_tells_you_what_you_will_do_is_read_as_duties() -> None:
    phrases = _by_text(RUN_ON)
    for duty in ("renewal pipeline", "success plans", "business reviews"):
        assert phrases[duty].section == "duties", duty
        assert phrases[duty].place == 0 or phrases[duty].clause_start, duty
    assert phrases["churn risk"].section == "duties"
    # The company's own sentences, the line about whom you report to, and benefits: nothing.
    assert not {"payroll software", "small businesses", "Head of Customer Success"} & set(phrases)
    # The first themes are the duties and requirements (YAKE and the older candidates only
    # fill after them, and may still take a word of the blurb: docs/prep.md).
    themes = key_themes(RUN_ON, 6, exclude=("Tally Payroll", "Account Manager, SMB"))
    assert {"renewal pipeline", "success plans", "churn risk", "Zendesk"} <= set(themes)
    assert not any("medical" in t or "Customer Success" in t or "payroll" in t for t in themes)


GOVERNMENT = """Traffic Engineer I
Ashford County, OR

ESSENTIAL FUNCTIONS
*  Prepares signal timing plans and traffic impact studies for county intersections.
*  Reviews development submittals; coordinates detour plans with ODOT.
*  Troubleshooting of signal controllers, detectors and cabinets in the field.
*  Designing and building traffic count programs with the GIS team.

MINIMUM QUALIFICATIONS
Bachelor's degree in civil engineering. Engineer-in-Training (EIT) certificate required. \
Working knowledge of the Manual on Uniform Traffic Control Devices (MUTCD).

Merrow County is an Equal Opportunity Employer.
"""


def test_third_person_duties_gerunds_and_a_requirements_paragraph() -> None:
    phrases = _by_text(GOVERNMENT)
    # "Prepares" and "coordinates" are the duties' verbs, not part of a theme.
    assert phrases["signal timing plans"].place == 0
    assert phrases["detour plans"].clause_start
    # "Troubleshooting of ..." names the work; "Designing and building" are two verbs.
    assert "Troubleshooting" in phrases
    assert "traffic count programs" in phrases
    assert not any(t.startswith(("Prepares", "Designing", "building")) for t in phrases)
    # A requirement section written as prose is read as requirements, its acronyms kept.
    assert phrases["Engineer-in-Training (EIT) certificate"].section == "requirements"
    assert "Manual on Uniform Traffic Control Devices (MUTCD)" not in phrases  # "on": no name
    assert phrases["MUTCD"].section == "requirements"


def test_a_name_and_its_acronym_are_one_theme() -> None:
    text = """Study Coordinator
Brookfield Health

Responsibilities
- Train site staff on Good Clinical Practice (GCP) and the study manual
- Prepare QBRs (quarterly business reviews) for sponsors
- Service light commercial rooftop units (RTUs) and split systems
- Keep the subject log in OnCore (no paper copies)
"""
    phrases = _by_text(text)
    assert "Good Clinical Practice (GCP)" in phrases
    assert "QBRs (quarterly business reviews)" in phrases
    assert any(t.endswith("rooftop units (RTUs)") for t in phrases)
    # An aside that is not the acronym of the words before it stays apart.
    assert "OnCore" in phrases and not any("(no" in t for t in phrases)


def test_clauses_with_their_own_verb_lead_like_bullets_but_shared_heads_do_not_split() -> None:
    text = """Product Designer
Pellet

What you'll do
- Build clickable prototypes in Figma and run usability testing every sprint
- Oversee excavation and trenching safety on every site
- Lead the annual budgeting and forecasting process for two plants
"""
    phrases = _by_text(text)
    assert phrases["usability testing"].clause_start
    assert "excavation and trenching safety" in phrases  # "trenching" is no verb here
    # A leading adjective does not stop two nouns sharing their head.
    assert "budgeting and forecasting process" in phrases


def test_colleagues_titles_are_not_themes_and_names_keep_their_capitals() -> None:
    text = """Marketing Analyst
Quire

What you'll do
- Partner with Account Executives on pipeline reports
- Build dashboards in Google Analytics 4 and Looker Studio
- Present findings to the Director of Revenue Operations every month
- Keep campaign tracking clean in Google Analytics 4
"""
    themes = key_themes(text, 8, exclude=("Quire", "Marketing Analyst"))
    assert "Google Analytics 4" in themes
    assert not any("Executives" in t or "Director" in t for t in themes)
