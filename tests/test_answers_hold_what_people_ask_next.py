"""Answers read right but short by one fact the asker needed (the development set's incomplete answers, by intent):
a fairness question about where people live or their language names what that kind of data holds; one from a
customer whose offers never used a profile says so, with the policy's "the same for anyone" sentence; a foreign
name or an origin asked about is ethnic origin; "do you really need my phone number?" quotes what the policy says
need not be given and the sentence on that very item; "does the sponsor get my details?" gets the policy's limit on
sponsors, and a sharing question about sensitive data the policy's limit on that data; an objection to
profiling that has already stopped says since when; a question asking where a switch is gets its steps; asked what
changed in the policy, each document's sentence on its version; an offer shown many times gets the reasons of its
other showings too; deleting says when it is done."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from assistant.pipeline import Candor
from assistant.practices.characteristics import characteristics_named, proxies_named
from assistant.understand.follow_ups import ONE_ON_A_DAY, WHERE_IS_IT, is_follow_up, leans_on_kinds

# (pack, customer, question, intent or None, what the answer must say, what it must not say)
ANSWERED = [
    # A kind of data the question names in everyday words is said with what it holds.
    (
        "candor",
        "NW-1010",
        "is it true customers in poorer postcodes are shown worse deals?",
        "fairness",
        ["state, county or postcode area", "delivery address"],
        [],
    ),
    (
        "lumen",
        "lumen:u:30612",
        "i use lumen in spanish. are spanish speakers shown fewer offers?",
        "fairness",
        ["preferred language"],
        [],
    ),
    # None of the customer's offers used a profile: said from the offer log, with the policy's sentence.
    (
        "candor",
        "NW-1046",
        "is your system unfair to pensioners? nothing you show me is ever meant for me",
        "fairness",
        ["None of the 35 offers", "contextual offers", "same offer"],
        [],
    ),
    (
        "lumen",
        "lumen:u:30702",
        "am I shown worse ads because I'm older than most of your users?",
        "fairness",
        ["was chosen with data about you", "Anyone in the same moment would get the same ad."],
        [],
    ),
    # The policy's sentence on what need not be given, and the one on the item asked about.
    (
        "candor",
        "NW-1034",
        "why on earth would a shop need my phone number?",
        "minimisation",
        ["beyond what an order needs", "if you give it, your phone number for delivery updates"],
        [],
    ),
    # A sponsor of the customer's own offers named: the policy's limit on what sponsors get.
    (
        "candor",
        "NW-1029",
        "if Pinecub sponsors an offer I see, does Pinecub find out who I am?",
        "sell_share",
        ["Sponsors get only totals, never your data."],
        [],
    ),
    # Sensitive data asked about by a sharing question: the policy's limit on that data leads.
    (
        "lumen",
        "lumen:u:30503",
        "are advertisers ever told about my guided meditation listening?",
        "sell_share",
        ["never share it with partners"],
        [],
    ),
    # How long sensitive data named loosely is kept, and whether anyone outside gets it.
    (
        "lumen",
        "lumen:u:30503",
        "how long do you keep my guided meditation plays, and does anyone outside lumen get them?",
        "retention",
        ["Wellbeing and health listening: 12 months from each play", "never share it with partners"],
        [],
    ),
    # An objection to profiling that has already stopped: the withdrawal and the group's end, with their dates.
    (
        "lumen",
        "lumen:u:30503",
        "no more profiling of what I listen to for my health, please",
        "object_profiling",
        ["You already withdrew your consent to tailored picks and promotions on 30 July 2024", "ended on 30 July 2024"],
        [],
    ),
    # Asked where a switch is ("wheres", or every setting asked for on the TV): the steps, not only the links.
    (
        "lumen",
        "lumen:u:30417",
        "wheres the partner ads setting",
        "change_control",
        ["Profile > Privacy"],
        [],
    ),
    (
        "lumen",
        "lumen:u:30702",
        "where do i find the privacy switches on my tv",
        "change_control",
        ["Settings > Privacy"],
        [],
    ),
    # Asked what changed: each document's own sentence on its version.
    (
        "candor",
        "NW-1016",
        "what version of your privacy policy is this and what changed in it?",
        "policy_question",
        ["version 3.1", "Global Privacy Control"],
        [],
    ),
    # An offer shown many times: the reasons its other showings had, not only the latest one's.
    (
        "lumen",
        "lumen:u:30417",
        "how come midnight cinema keeps popping up on my phone",
        "why_offer",
        ["showings of this offer also had these reasons", "Late-night viewers"],
        [],
    ),
    # "on my account" names no kind of data whose consents are meant: the tailored offers are personalisation.
    (
        "candor",
        "NW-1035",
        "could you turn the tailored offers on my account off, thank you",
        "consent_change",
        ["withdraw your consent to Personalized offers"],
        ["Marketing emails"],
    ),
    # Sensitive data with one use: what that use is, in its record's words.
    (
        "candor",
        "NW-1044",
        "why do you need my heart rate zones at all, you sell tents",
        None,
        ["Fitness tracker connection (showing your activity summary and training plans"],
        [],
    ),
    # A record field named in a question on why it is held: the value, what it is part of; no sentence of the
    # policy on itself ("This notice explains …") quoted for it.
    (
        "lumen",
        "lumen:u:30452",
        "why do you even keep my phone number? a film app has no use for it",
        None,
        ["The phone number we hold for you: +49 30 5557 1290", "account and profile details"],
        ["This notice explains"],
    ),
    # "every single thing … now" names no "right now" kind: the whole record.
    (
        "candor",
        "NW-1035",
        "show me every single thing you hold about me. right now.",
        "data_held",
        ["Purchase history"],
        [],
    ),
    # A protected trait given as the reason asked about, or worked out: a fairness question.
    (
        "candor",
        "NW-1047",
        "why does the app think i have children? is it because i'm a woman?",
        None,
        ["gender"],
        [],
    ),
    ("candor", "NW-1019", "is your AI guessing my religion from my shopping?", "fairness", ["religion"], []),
    # Deleting: when it is done, beside what it costs.
    (
        "candor",
        "NW-1034",
        "delete my account and every bit of my data please, I am done with you",
        "access_delete",
        ["within 30 days", "unused points are lost"],
        [],
    ),
]


@pytest.mark.parametrize("case", ANSWERED, ids=[c[2][:60] for c in ANSWERED])
def test_answer_holds_the_fact_asked_next(
    says_what_it_must: Callable[..., None], case: tuple[str, str, str, str | None, list[str], list[str]]
) -> None:
    says_what_it_must(*case)


ORIGIN = [
    ("does your algorithm treat people with non-European names differently?", True),
    ("my name is not English, do you treat me differently?", True),
    ("I am originally from Nigeria, does that change my offers?", True),
    ("what is the origin of the data you hold on me?", False),
    ("can I change the name on my account?", False),
    ("my name is not spelled right on the offer", False),
    ("why do non-member names show up in the list?", False),
    ("my name is not Jordan, you mixed me up with someone", False),
    ("Are black customers shown different ads. Yes or no", True),
    ("do white men get better deals than asian women?", True),
    ("why did I get a Black Friday email?", False),
    ("is the white jacket offer only for men?", False),
]


@pytest.mark.parametrize(("question", "named"), ORIGIN)
def test_a_foreign_name_or_an_origin_asks_about_ethnic_origin(question: str, named: bool) -> None:
    assert ("ethnic origin" in characteristics_named(question)) is named


_KINDS = {
    "region": ("Your region", "The state, county or postcode area you live in."),
    "profile": ("Account details", "Your name, email address and preferred language."),
}
PLACES = [
    ("do customers from Germany get other offers than customers in France?", ("region",)),
    ("does your algorithm treat people differently depending on region?", ("region",)),
    ("are people who use the app in Italian treated worse?", ("profile",)),
    ("do you sell data from us to anyone?", ()),
    ("are prices worse for people in the U.S. than in Europe?", ("region",)),
    ("do people in the US get better deals", ("region",)),
    ("I moved from Russia last year, do I get fewer offers?", ("region",)),
    ("is it different for customers in Turkey?", ("region",)),
    ("did the email come in the morning?", ()),
]


@pytest.mark.parametrize(("question", "kinds"), PLACES)
def test_a_country_or_a_region_asked_about_names_the_region_kind(question: str, kinds: tuple[str, ...]) -> None:
    assert proxies_named(question, _KINDS) == kinds


# (pack, customer, question before, follow-up, intent, what the answer must say, what it must not say)
FOLLOW_UPS = [
    # A short follow-up pointing back at the data just named keeps to that data.
    (
        "lumen",
        "lumen:u:30634",
        "do you know I listen to anxiety relief podcasts at night?",
        "how long do you keep that?",
        "retention",
        ["Wellbeing and health listening: 12 months"],
        ["Voice search recordings"],
    ),
    (
        "candor",
        "NW-1001",
        "do you use my heart rate from my fitness tracker for offers?",
        "do you share it with anyone?",
        "sell_share",
        ["no one who receives fitness tracker data"],
        [],
    ),
    # "where is it" after a setting was shown; "does that have to do with …" after an offer; "the sleep one" after
    # the groups; "the one in april" after an offer.
    (
        "candor",
        "NW-1033",
        "how can I change the way you choose my offers?",
        "and on my phone where do i find it?",
        "change_control",
        ["Profile > Privacy > Personalized offers"],
        [],
    ),
    (
        "candor",
        "NW-1015",
        "why did you show me the camping kitchen clearance in the app on 10 october?",
        "hang on, is that because of my fitness tracker?",
        None,
        ["D-955", "fitness tracker"],
        [],
    ),
    (
        "lumen",
        "lumen:u:30577",
        "which groups am I in?",
        "how did I end up in the sleep one",
        "segments",
        ["Sleep and calm listeners"],
        [],
    ),
    # One asking beyond it gets everything.
    (
        "candor",
        "NW-1001",
        "do you have my phone number?",
        "and what else do you know?",
        "data_held",
        ["Purchase history"],
        [],
    ),
]


@pytest.mark.parametrize("case", FOLLOW_UPS, ids=[f"{c[2][:30]}|{c[3]}" for c in FOLLOW_UPS])
def test_a_follow_up_about_that_data_keeps_to_the_data_named_before(
    says_what_it_must: Callable[..., None], case: tuple[str, str, str, str, str | None, list[str], list[str]]
) -> None:
    pack, customer, before, question, intent, says, never_says = case  # intent None: either reading will do
    says_what_it_must(pack, customer, question, intent, says, never_says, before)


@pytest.mark.parametrize(
    ("question", "where"),
    [
        ("ok and in the app where is it exactly", True),
        ("where do i find it?", True),
        ("where is it stored?", False),
        ("and where is that data kept?", False),
        ("where are they sending my data?", False),
    ],
)
def test_where_is_it_after_a_setting_asks_for_the_setting_not_for_the_data(question: str, where: bool) -> None:
    assert bool(WHERE_IS_IT.search(question)) is where


@pytest.mark.parametrize(
    ("question", "leans"),
    [
        ("how long do you keep that?", True),
        ("and who else gets to know that about me?", True),
        ("is that all you have on me?", False),
        ("anything besides that?", False),
        ("ok delete it all", False),
    ],
)
def test_a_follow_up_keeps_to_the_data_named_before_unless_it_asks_beyond_it(question: str, leans: bool) -> None:
    assert leans_on_kinds(question) is leans


@pytest.mark.parametrize(
    ("question", "follows"),
    [
        ("and what about the kayak email from last week?", True),
        ("and the one before that?", True),
        ("and how secure is your system in general? do you encrypt things?", False),
    ],
)
def test_an_and_question_after_an_offer_continues_it_only_when_it_leans_on_it(question: str, follows: bool) -> None:
    assert is_follow_up(question, "policy_question", ["D-1"]) is follows


@pytest.mark.parametrize(
    ("question", "dated"),
    [
        ("the one in april i mean", True),
        ("the one from marketing, can I stop it?", False),
        ("the one on sunglasses", False),
    ],
)
def test_a_showing_named_by_its_month_is_another_showing(question: str, dated: bool) -> None:
    assert bool(ONE_ON_A_DAY.search(question)) is dated


@pytest.mark.parametrize("text", ["you and Tidewater, stop it", "Tidewater is a show I never watched"])
def test_an_offer_title_word_is_no_person_to_redact(lumen: Candor, text: str) -> None:
    assert [s for s in lumen.parts.redactor.analyze(text) if s.entity_type == "PERSON"] == []
