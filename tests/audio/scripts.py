"""Interview scripts for the synthetic recordings (the words matter little; the timing does)."""

from __future__ import annotations

from .synth import Line

INTERVIEW = [
    Line(
        "Dana", "Thanks for coming in today. Could you start by telling me about your current role?"
    ),
    Line(
        "Alex",
        "Sure. I lead a small data engineering team at a logistics company. We build the "
        "pipelines that feed our pricing models, and I spend most of my time on reliability and "
        "on mentoring two junior engineers.",
        0.7,
    ),
    Line(
        "Dana",
        "That sounds like a lot of responsibility. What made you look for something new?",
        0.5,
    ),
    Line(
        "Alex",
        "Honestly, I want to work closer to the product. Right now we are three steps away "
        "from the customer, and I miss seeing the effect of what we ship.",
        0.8,
    ),
    Line("Dana", "Mm hm.", -0.6),
    Line("Alex", "What does a typical day look like for your team?", 0.9),
    Line(
        "Dana",
        "Most days start with a short stand up. Then people work on their own streams, and "
        "we pair a lot on the harder problems. Fridays we keep free of meetings.",
        0.6,
    ),
    Line("Alex", "I like that. How do you decide what the team works on each quarter?", 0.5),
    Line(
        "Dana",
        "We plan with product every quarter, and engineers write most of the proposals themselves.",
        0.7,
    ),
    Line("Alex", "That is great to hear.", -0.4),
    Line("Dana", "Do you have any other questions for me?", 0.8),
    Line("Alex", "Yes. What have you enjoyed most about working here?", 0.6),
    Line("Dana", "The people, without a doubt. Everyone is generous with their time.", 0.7),
]

ENROLL_ALEX = (
    "My name is Alex and this is a sample of my voice for enrollment. I am reading a few sentences "
    "so the program can learn how I sound. The quick brown fox jumps over the lazy dog. Yesterday "
    "I walked along the river and counted twelve boats, three of them painted bright red. In the "
    "afternoon I met a friend for coffee and we talked about books, music and our plans for the "
    "summer holidays by the sea."
)
