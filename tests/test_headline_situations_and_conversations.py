"""Two fresh batches. The sixteenth asked the issue's own headline situations afresh: offers named loosely (a price
said in cents, a hyphenated name written as two words, a time of day or a season beside the name, a channel said not
to be the one, the reason of one showing named), complaints about an offer after a switch made "I had turned off",
sensitive data and special categories asked as people ask them, and common privacy questions (rights, someone acting
for the customer, social media, passwords, the legal basis behind a use that needs no consent). The seventeenth was
conversations: follow-ups that lean on the question before ("why jackets?", "how quickly", "what prediction was
that?", "take me out of the trail runners one", "nope. switch it off", "how do i make them stop") or start something
new ("tell me a joke, this is depressing"). These found the misreadings and short answers mended here."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from assistant.pack.models import Decision
from assistant.pipeline import Candor
from assistant.understand.dates import date_windows, in_window, without_dates
from assistant.understand.follow_ups import NEW_SUBJECT
from assistant.understand.offer_match import prices
from assistant.understand.someone_else import asks_about_someone_else, asks_child_rules

# (pack, customer, question, intent or None, what the answer must say, what it must not say)
ANSWERED = [
    # A change reported as "I had turned off", and an offer "suggested": the offer, shown after the withdrawal.
    (
        "lumen",
        "lumen:u:30519",
        "i had switched off tailored picks in april but on the 25th the tv still suggested that ocean documentary",
        "why_offer",
        ["od-2404-be34e5e5"],
        [],
    ),
    # The day as the record writes it, in its own offset (00:30 on 5 June at +02:00), and "midnight" is a time.
    (
        "lumen",
        "lumen:u:30612",
        "what was that email you sent me just after midnight on 5 June?",
        "why_offer",
        ["od-2406-f57f2b56"],
        ["no record"],
    ),
    # A price in cents and a hyphenated name in two words; "since summer" is no "summer seats".
    (
        "lumen",
        "lumen:u:30488",
        "why do i keep getting that go ad free for 99 cents thing since summer",
        "why_offer",
        ["Go ad-free"],
        ["Nimbus"],
    ),
    # The reason named picks the showing it belongs to.
    ("lumen", "lumen:u:30417", "are the night train ads because of my podcasts", "why_offer", ["travel podcasts"], []),
    # A statement, then the question: the question is answered too.
    (
        "lumen",
        "lumen:u:30733",
        "I never agreed to anything with you lot. What have you got on me then?",
        "consent_status",
        ["Account and profile details"],
        [],
    ),
    # A statement beside a general question does not narrow it.
    (
        "lumen",
        "lumen:u:30702",
        "What do you know about me? I only use the free plan.",
        "data_held",
        ["Account and profile details"],
        [],
    ),
    # An objection to a use that needs no consent: no consent to withdraw, the way to object instead.
    (
        "lumen",
        "lumen:u:30591",
        "I object to you using my payment history for plan offers. Stop it.",
        "consent_change",
        ["no consent to withdraw", "privacy@lumenstream.example"],
        ["Which choice do you want to change"],
    ),
    # The copy asked for, with how soon it comes beside the link.
    ("lumen", "lumen:u:30671", "can i get a copy of all my data? a zip is fine", "access_delete", ["7 days"], []),
    # The legal basis asked for outright, though the customer never consented.
    (
        "lumen",
        "lumen:u:30718",
        "On what legal basis do you send me offers about my plan when I never consented?",
        "policy_question",
        ["legitimate interest"],
        [],
    ),
    # Health asked about: what the records hold and what the policy promises.
    (
        "lumen",
        "lumen:u:30417",
        "do you know I'm diabetic?? is that why I get ads",
        "data_held",
        ["special category", "What our policy says"],
        [],
    ),
    # One offer named beside a sensitive worry is still explained.
    (
        "lumen",
        "lumen:u:30560",
        "Every night it's mattress adverts. Every single night. Do you think I can't sleep?? What do you know about me",
        None,
        ["Pillowcloud"],
        [],
    ),
    # A special category the pack holds no data for: the policy's promise.
    (
        "candor",
        "NW-1045",
        "Do you work out my religion from what I buy?",
        None,
        ["do not hold or infer data about religion"],
        [],
    ),
    # A channel said not to be the one.
    (
        "candor",
        "NW-1029",
        "the ultralight tent promo on the website, not the emails - what was behind it?",
        "why_offer",
        ["D-660"],
        [],
    ),
    # "my son says" is no question about children.
    (
        "candor",
        "NW-1036",
        "my son says I have a whole list of rights with you, what are they and do I pay for them?",
        "policy_question",
        ["Right to erasure", "free"],
        ["under 18"],
    ),
    # Someone acting for the customer.
    (
        "candor",
        "NW-1026",
        "Can my daughter send you a data request on my behalf?",
        None,
        ["authorised agent"],
        [],
    ),
    # Data from social media: what the policy says, beside what the records hold.
    ("candor", "NW-1048", "did you get my details from instagram?", None, ["social media"], []),
    # A topic's sections, and the sentence elsewhere on what the question names.
    ("candor", "NW-1047", "is my password stored safely?", "policy_question", ["salted and hashed"], []),
    # "stop everything … the lot" is all marketing.
    (
        "candor",
        "NW-1034",
        "How do I stop everything, emails, banners, the lot?",
        "change_control",
        ["Object to direct marketing and profiling"],
        [],
    ),
    # Discounts asked about: the policy on prices.
    (
        "candor",
        "NW-1025",
        "do people in posh postcodes get better discounts than me?",
        "fairness",
        ["same situation"],
        [],
    ),
]


@pytest.mark.parametrize("case", ANSWERED, ids=lambda case: str(case[2])[:48])
def test_headline_situations_asked_afresh_get_the_facts_they_need(
    says_what_it_must: Callable[..., None], case: tuple[object, ...]
) -> None:
    says_what_it_must(*case)


# (pack, customer, question before, follow-up, intent, what the answer must say, what it must not say)
FOLLOWED = [
    ("candor", "NW-1010", "what do you think I'll buy next", "why jackets?", "predictions", [], []),
    ("candor", "NW-1033", "if you got hacked would you tell me?", "how quickly", "policy_question", ["72 hours"], []),
    (
        "candor",
        "NW-1011",
        "what groups am i in",
        "take me out of the trail runners one",
        "object_profiling",
        ["Trail runners"],
        ["Which choice do you want to change"],
    ),
    (
        "candor",
        "NW-1020",
        "why did i get the free footprint tent offer in the app in february?",
        "what prediction was that?",
        "predictions",
        ["0.49"],
        ["Chance you open our emails"],
    ),
    (
        "candor",
        "NW-1009",
        "what does personalised offers actually use about me?",
        "nope. switch it off",
        "consent_change",
        ["withdraw your consent to Personalized offers"],
        ["Which choice do you want to change"],
    ),
    (
        "candor",
        "NW-1016",
        "why did you email me about the family tent bundle?",
        "how do i make them stop",
        "change_control",
        ["https://northwind.example/account/privacy/email"],
        [],
    ),
    ("candor", "NW-1025", "why do I get so many emails", "ok just unsubscribe me then", "consent_change", [], []),
    (
        "candor",
        "NW-1035",
        "do you sell my info to other companies?",
        "what about my 16 year old, he uses the app too",
        "policy_question",
        ["16 or 17"],
        [],
    ),
    (
        "candor",
        "NW-1001",
        "why did you email me about crash pads?",
        "how much did my browsing count in the one on the 13th?",
        "why_offer",
        [],
        [],
    ),
    (
        "candor",
        "NW-1046",
        "List the kinds of personal data we hold for NW-1046.",
        "Which of those are not actually used to choose his offers?",
        "minimisation",
        [],
        [],
    ),
    ("lumen", "lumen:u:30612", "can I delete my account and my data?", "even the invoices?", "access_delete", [], []),
    (
        "lumen",
        "lumen:u:30671",
        "what groups am I in",
        "football?? since when",
        "segments",
        ["Live football followers"],
        [],
    ),
    ("lumen", "lumen:u:30655", "what groups am I in", "tell me a joke, this is depressing", "out_of_scope", [], []),
    (
        "lumen",
        "lumen:u:30690",
        "why did you send me emails about 2-step sign-in",
        "also i forgot my password, can you reset it?",
        "out_of_scope",
        [],
        [],
    ),
    (
        "lumen",
        "lumen:u:30634",
        "Privacy team: which categories do we hold on lumen:u:30634 that come from partners?",
        "and what's the retention on those matches?",
        "retention",
        [],
        [],
    ),
    (
        "lumen",
        "lumen:u:30612",
        "why do i get emails saying stay with us 3 months for the price of 1",
        "I don't want any more of these. Stop.",
        "consent_change",
        ["legitimate interest", "privacy@lumenstream.example"],
        [],
    ),
    (
        "lumen",
        "lumen:u:30452",
        "what have I said yes to with you lot?",
        "right, turn all of that off then",
        "consent_change",
        [],
        ["no consent to withdraw"],
    ),
]


@pytest.mark.parametrize("case", FOLLOWED, ids=lambda case: str(case[3])[:48])
def test_a_follow_up_is_read_with_the_question_before_it(
    says_what_it_must: Callable[..., None], case: tuple[object, ...]
) -> None:
    pack, customer, before, question, *expected = case
    says_what_it_must(pack, customer, question, *expected, before=before)


def test_how_many_other_customers_share_a_group_is_about_other_customers(lumen: Candor) -> None:
    conversation = lumen.conversation("lumen:u:30655")
    answer = lumen.ask(conversation, "How many other customers are in the households-with-children group with me?")
    assert answer.intent == "other_customer"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("that go ad free for 99 cents thing", {"0.99"}),
        ("Premium for €0.99 for your first month", {"0.99"}),
        ("summer seats from €39", {"39"}),
        ("the 39 euros train", {"39"}),
        ("the kayak thing for 20 percent", {"20%"}),
        ("20% off stand-up paddleboards", {"20%"}),
        ("3 for 1", set()),
        ("at 5 p.m. yesterday", set()),
    ],
)
def test_a_price_is_read_however_it_is_written(text: str, found: set[str]) -> None:
    assert prices(text) == found


@pytest.mark.parametrize(
    ("text", "gone"),
    [("just after midnight on 5 june", "midnight"), ("i've seen it since summer", "summer"), ("at 9pm", "9pm")],
)
def test_a_time_of_day_or_a_season_is_no_offer_word(text: str, gone: str) -> None:
    assert gone not in without_dates(text)


@pytest.mark.parametrize("text", ["about midnight cinema", "the one in the winter sale"])
def test_an_offer_named_with_a_time_word_keeps_it(text: str) -> None:
    assert without_dates(text) == text


@pytest.mark.parametrize(
    ("question", "theirs"),
    [
        ("How many other customers are in the households-with-children group with me?", True),
        ("how many other people can use my account?", False),
        ("how many other accounts can I add to my family plan?", False),
        ("Agent: how many customers are in the trail runners group at the moment?", True),
        ("how many other people over 55 are getting the student discount? just curious", True),
        ("how many people are on my plan right now?", False),
        ("how many people do you share my data with?", False),
        ("how many people get to see my data?", False),
        ("how many people get personalised offers?", False),
    ],
)
def test_how_many_others_asks_about_others_only_when_it_asks_what_they_got_or_are_in(
    question: str, theirs: bool
) -> None:
    assert asks_about_someone_else(question) == theirs


@pytest.mark.parametrize(
    ("question", "rules"),
    [("what about my 16 year old, he uses the app too", True), ("my 12 year old laptop keeps crashing", False)],
)
def test_a_child_of_an_age_is_a_person_not_a_thing(question: str, rules: bool) -> None:
    assert asks_child_rules(question) == rules


@pytest.mark.parametrize(
    ("message", "new"),
    [
        ("unrelated but is Tidewater getting a season 2?", True),
        ("diff question, do you sell my data?", True),
        ("btw why did you send me that one?", False),
    ],
)
def test_a_new_subject_is_one_said_so_that_does_not_point_back(message: str, new: bool) -> None:
    assert bool(NEW_SUBJECT.search(message)) == new


def test_an_offer_is_on_the_day_its_record_writes_not_the_day_in_utc() -> None:
    decision = Decision.model_validate(
        {
            "decision_id": "od-1",
            "customer_id": "c-1",
            "offer_id": "o-1",
            "shown_at": "2024-06-05T00:30:47+02:00",
            "channel": "email",
            "model_version": "m-1",
            "purpose": "p",
            "legal_basis": "legitimate_interest",
            "consent_event_id": None,
            "parameters": [],
        }
    )
    (window,) = date_windows("on 5 june", datetime(2024, 9, 30, tzinfo=UTC))
    assert in_window(decision, window)
