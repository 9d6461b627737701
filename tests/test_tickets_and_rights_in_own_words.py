"""An eleventh fresh batch, written as support agents work tickets and customers ask about their rights, found
these misread or answered short: a relative asking on the customer's behalf, someone else's account named without
a relative, a service request with a privacy word in it, a change request that names the offer it is fed up with,
a subject access request by its acronym, an agent speaking of the customer in the third person, who is "legally
responsible", a question naming two policy topics, and consent changes that did not say where the setting is or
what becomes of the data kept for it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from assistant.pipeline import Candor
from assistant.understand.someone_else import asks_about_someone_else


@pytest.mark.parametrize(
    "question",
    [
        "my daughter sorts out my computer stuff, could she ask for my data download on my behalf?",
        "can my husband request a copy for my account, I'm not good with computers",
    ],
)
def test_a_relative_asking_for_the_customers_own_data_is_the_customers_question(question: str) -> None:
    assert not asks_about_someone_else(question)


@pytest.mark.parametrize(
    "question",
    [
        "somebody made an account with my email, what address is on that other account?",
        "who else got the trail runner offer? want to meet them",
        "which other customers in Seattle got the same deal?",
        "and my wife, same house, what's she been getting from you lately?",
    ],
)
def test_someone_elses_account_or_offers_are_refused_without_a_relatives_records_word(question: str) -> None:
    assert asks_about_someone_else(question)


@pytest.mark.parametrize(
    ("pack", "question"),
    [
        ("candor", "I can't sign in to reach my privacy settings, can you reset my password for me?"),
        ("lumen", "you know what I like anyway, recommend me a good documentary for tonight?"),
    ],
)
def test_a_service_request_with_a_privacy_word_is_out_of_scope(
    request: pytest.FixtureRequest, pack: str, question: str
) -> None:
    candor: Candor = request.getfixturevalue(pack)
    customer = "NW-1024" if pack == "candor" else "lumen:u:30718"
    assert candor.ask(candor.conversation(customer), question).intent == "out_of_scope"


# (pack, customer, question, intent or None, what the answer says, what it must not say)
ANSWERED = [
    # A change request naming the offer it is tired of is the change, and says where the setting is, for later.
    (
        "lumen",
        "lumen:u:30718",
        "Please turn the tailored picks off. Another Midnight Cinema push every single night.",
        "consent_change",
        ["Tailored picks and promotions", "open Profile, then Privacy"],
        [],
    ),
    # Withdrawing says what becomes of the data kept for the consent; a shared objection control's reply time is
    # not this consent's.
    (
        "candor",
        "NW-1003",
        "please disconnect my fitness tracker and get rid of its data",
        "consent_change",
        ["deleted within 7 days", "Profile > Connected devices"],
        ["We reply within one month"],
    ),
    (
        "candor",
        "NW-1001",
        "switch the personalised offers off for me please",
        "consent_change",
        ["deleted within 30 days after you withdraw consent", '"Personalize my offers"'],
        [],
    ),
    # A subject access request by its acronym is a copy request.
    (
        "candor",
        "NW-1032",
        "got a DSAR from this customer, how much longer can we take if it's big?",
        "access_delete",
        [],
        [],
    ),
    # An agent speaks of the customer in the third person.
    (
        "candor",
        "NW-1001",
        "she moved recently. what contact details do we have for her? pull them up",
        "data_held",
        ["4851 Willow Creek Drive", "+1 206-555-0111"],
        [],
    ),
    # Who is responsible for the data is the controller, not the legal basis.
    (
        "candor",
        "NW-1024",
        "I'm going to send you a formal letter. Who is legally responsible for my data?",
        "policy_question",
        ["Northwind Outfitters, Inc."],
        [],
    ),
    (
        "candor",
        "NW-1024",
        "who is actualy responsable for my data?",
        "policy_question",
        ["Northwind Outfitters, Inc."],
        [],
    ),
    # The topic a question says most about leads: transfers (three mentions) before security (one).
    (
        "candor",
        "NW-1005",
        "does my data go to America? which country are your servers in, and what protects my data over there?",
        None,
        ["Standard Contractual Clauses"],
        [],
    ),
    # "Am I on your email list? what did I agree to?" is the email consent, then every consent.
    (
        "candor",
        "NW-1021",
        "am I on your mailing list or not? and what did I agree to exactly?",
        "consent_status",
        ["Marketing emails: you have not given consent", "Personalized offers: you have given consent"],
        [],
    ),
    # Of two close policy sentences, the one holding more of the question's words is quoted.
    (
        "candor",
        "NW-1008",
        "do you guys record the phone calls I make to support?",
        None,
        ["We do not record phone calls."],
        [],
    ),
    # "Used for anything beyond" asks whether the data is needed.
    (
        "candor",
        "NW-1003",
        "is my tracker data used for anything beyond the training plans in the app?",
        "minimisation",
        [],
        [],
    ),
    # Not sure what was agreed or clicked: the record's own words.
    ("candor", "NW-1025", "wat did i agree to", "consent_status", ["Our record says:"], []),
    (
        "candor",
        "NW-1003",
        "I only clicked through the sign-up quickly, did I agree to the partner thing?",
        "consent_status",
        ["Our record says:"],
        [],
    ),
    # Whether any offers stay after switching off is not a request to stop everything.
    (
        "candor",
        "NW-1009",
        "if i turn personalised offers off do i stop getting any offers at all?",
        "change_control",
        ["You may still see contextual offers"],
        [],
    ),
    (
        "candor",
        "NW-1019",
        "is there one button that just stops everything?",
        None,
        ["Object to direct marketing and profiling"],
        [],
    ),
]


@pytest.mark.parametrize(("pack", "customer", "question", "intent", "says", "never_says"), ANSWERED)
def test_a_ticket_or_rights_question_gets_the_fact_it_asks_for(
    says_what_it_must: Callable[..., None],
    pack: str,
    customer: str,
    question: str,
    intent: str | None,
    says: list[str],
    never_says: list[str],
) -> None:
    says_what_it_must(pack, customer, question, intent, says, never_says)


def test_a_dead_download_link_asked_about_after_a_copy_request_is_about_the_copy(lumen: Candor) -> None:
    conversation = lumen.conversation("lumen:u:30417")
    lumen.ask(conversation, "how do I get a copy of my data")
    answer = lumen.ask(
        conversation, "the link was broken when I opened it. how long is it supposed to work? ask again?"
    )
    assert answer.intent == "access_delete"
    assert "7 days" in answer.text
