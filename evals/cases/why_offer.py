"""Why-offer questions: by the offer's words, its category, the channel and date, a decision reference or the
UI's button; decisions flagged or withdrawn later; offers never shown; vague questions that need a clarifier;
and decisions whose signals came from a group or a prediction."""

from __future__ import annotations

from assistant.pack.models import Decision
from evals.cases.book import CaseBook
from evals.cases.offer_facts import consent_facts, why_expected
from evals.cases.phrasing import absent_phrase, date_words, naming_phrase, offer_stems, offer_words, word_stems
from evals.cases.plan import PLAN
from evals.cases.profile_facts import origin_facts

WHY_TITLE = [
    "Why did I see the {w} offer?",
    "why am i getting the {w} deal",
    "What made you show me {w}?",
    "Why was I shown the offer for {w}?",
    "Can you explain why I got the {w} promotion?",
    "how come you recommended {w} to me?",
    "Why did you pick the {w} offer for me?",
    "what's the reason I saw {w}?",
]
WHY_CATEGORY = [
    "Why do I keep getting {c} offers?",
    "why did you show me a deal on {c}?",
    "What's the reason for the {c} offer I got?",
    "Why was I targeted with a {c} promotion?",
]
WHY_CHANNEL_DATE = {
    "email": [
        "Why did you email me an offer on {d}?",
        "What was the email you sent me on {d} about, and why me?",
        "Why did I get that offer by email on {d}?",
    ],
    "app": [
        "Why did the app show me an offer on {d}?",
        "What was the offer in the app on {d}, and why did I get it?",
    ],
    "web": [
        "Why did I see an offer on your website on {d}?",
        "Why did the site show me a deal on {d}?",
    ],
}
WHY_CHANNEL_OTHER = ["Why did I get an offer through {channel} on {d}?"]
WHY_REF = ["Why did I see {ref}?", "Explain offer {ref} to me.", "what's behind {ref}", "why was {ref} shown to me?"]
WHY_BUTTON = ["Why am I seeing this?", "Why did I get this offer?", "Why this offer?"]
WHY_MULTI = [
    "Why did I see the {w} offer, and how do I stop it?",
    "Why did you show me {w}? And how can I turn this off?",
    "why the {w} deal and how do i stop offers like that",
    "What data made you pick {w} for me, and how do I change that?",
]
WHY_CLARIFY = {
    "email": ["Why did you email me that offer?", "Why did I get that email?"],
    "app": ["Why did the app show me that offer?"],
    "web": ["Why did your website show me that deal?"],
    "": ["Why am I seeing this offer?", "Why did you show me that offer?"],
}


def why_by_title(book: CaseBook, family: str, templates: list[str], tags: list[str]) -> None:
    used: set[tuple[str, str]] = set()
    for d in book.all_decisions():
        if book.counters[family] >= PLAN[family]:
            return
        key = (d.customer_id, d.offer_id)
        if key in used:
            continue
        phrase = naming_phrase(book.view, d.customer_id, book.view.offer(d), book.rng)
        if phrase is None:
            continue
        used.add(key)
        showings = book.newest_of(d.customer_id, d.offer_id)
        question = book.rng.choice(templates).format(w=phrase)
        book.add(family, d.customer_id, question, "why_offer", why_expected(book.view, showings[0], showings), tags)


def why_by_category(book: CaseBook) -> None:
    used: set[tuple[str, str]] = set()
    for d in book.all_decisions():
        if book.counters["why_category"] >= PLAN["why_category"]:
            return
        offer = book.view.offer(d)
        others = {book.view.offer(x).offer_id: book.view.offer(x) for x in book.view.decisions[d.customer_id]}
        others.pop(offer.offer_id)
        cat_stems = {s for w in offer_words(offer.category) for s in word_stems(w)}
        taken = set().union(*(offer_stems(o) for o in others.values())) if others else set()
        if not cat_stems or cat_stems & taken or (d.customer_id, offer.category) in used:
            continue
        used.add((d.customer_id, offer.category))
        showings = book.newest_of(d.customer_id, d.offer_id)
        question = book.rng.choice(WHY_CATEGORY).format(c=offer.category.lower())
        book.add("why_category", d.customer_id, question, "why_offer", why_expected(book.view, showings[0], showings))


def why_by_channel_date(book: CaseBook) -> None:
    for d in book.all_decisions():
        if book.counters["why_channel_date"] >= PLAN["why_channel_date"]:
            return
        same = [
            x
            for x in book.view.decisions[d.customer_id]
            if x.channel == d.channel and (x.shown_at.month, x.shown_at.day) == (d.shown_at.month, d.shown_at.day)
        ]
        if len(same) != 1:
            continue
        when = date_words(book.view, d.shown_at, book.rng)
        templates = WHY_CHANNEL_DATE.get(d.channel)
        question = (
            book.rng.choice(templates).format(d=when)
            if templates
            else book.rng.choice(WHY_CHANNEL_OTHER).format(channel=d.channel, d=when)
        )
        book.add("why_channel_date", d.customer_id, question, "why_offer", why_expected(book.view, d))


def why_by_ref(book: CaseBook, family: str, decisions: list[Decision], button_every: int = 0) -> None:
    """Ask by decision id ("Why did I see <ref>?"); every `button_every`-th case by the UI button instead."""
    for i, d in enumerate(decisions):
        if book.counters[family] >= PLAN[family]:
            return
        if button_every and i % button_every == 0:
            question, ask = book.rng.choice(WHY_BUTTON), d.decision_id
        else:
            ref = d.decision_id if book.rng.random() < 0.8 else d.decision_id.lower()
            question, ask = book.rng.choice(WHY_REF).format(ref=ref), None
        book.add(family, d.customer_id, question, "why_offer", why_expected(book.view, d), ask_decision_id=ask)


def why_special(book: CaseBook) -> None:
    flagged, withdrawn_later, general = [], [], []
    for d in sorted(book.pack.decisions, key=lambda d: d.decision_id):
        facts = consent_facts(book.view.consents[d.customer_id], d)
        if facts["shown_after_withdrawal"]:
            flagged.append(d)
        elif facts["withdrawn_at"]:
            withdrawn_later.append(d)
        if not d.parameters:
            general.append(d)
    for group in (withdrawn_later, general):
        book.rng.shuffle(group)
    why_by_ref(book, "why_flagged", flagged, button_every=2)
    why_by_ref(book, "why_withdrawn_later", withdrawn_later, button_every=3)
    why_by_ref(book, "why_general", general, button_every=2)


def why_no_record(book: CaseBook) -> None:
    for customer in book.customers_cycle(with_decisions=False):
        if book.counters["why_no_record"] >= PLAN["why_no_record"]:
            return
        found = absent_phrase(book.view, customer, book.rng)
        if found is None:
            continue
        offer, phrase = found
        question = book.rng.choice(WHY_TITLE).format(w=phrase)
        book.add(
            "why_no_record",
            customer,
            question,
            "why_offer",
            {"no_record": True, "absent_offer_id": offer.offer_id, "absent_offer_title": offer.title},
        )


def why_clarify(book: CaseBook) -> None:
    for customer in book.customers_cycle():
        if book.counters["why_clarify"] >= PLAN["why_clarify"]:
            return
        channel = book.rng.choice(["email", "app", "web", ""])
        candidates = book.clarify_candidates(customer, channel)
        if len({d.offer_id for d in candidates}) < 2:
            continue
        question = book.rng.choice(WHY_CLARIFY[channel])
        expected = {"clarify": True, "candidate_decision_ids": [d.decision_id for d in candidates]}
        book.add("why_clarify", customer, question, "why_offer", expected)


def why_profiled(book: CaseBook) -> None:
    """Why-offer questions about decisions whose parameters came from a group or a prediction: those of a
    group or prediction that uses sensitive data first, then the rest; by title, reference or button."""
    found = [d for d in book.pack.decisions if origin_facts(book.view, d)["profile_origins"]]
    found.sort(key=lambda d: d.decision_id)
    book.rng.shuffle(found)
    found.sort(key=lambda d: not origin_facts(book.view, d)["sensitive"])
    for i, d in enumerate(found):
        if book.counters["why_profiled"] >= PLAN["why_profiled"]:
            return
        showings = book.newest_of(d.customer_id, d.offer_id)
        phrase = naming_phrase(book.view, d.customer_id, book.view.offer(d), book.rng)
        ask = None
        if phrase and showings[0].decision_id == d.decision_id and i % 3 == 0:
            question = book.rng.choice(WHY_TITLE).format(w=phrase)
            expected = why_expected(book.view, d, showings)
        elif i % 3 == 1:
            question, ask, expected = book.rng.choice(WHY_BUTTON), d.decision_id, why_expected(book.view, d)
        else:
            question, expected = book.rng.choice(WHY_REF).format(ref=d.decision_id), why_expected(book.view, d)
        book.add("why_profiled", d.customer_id, question, "why_offer", expected, ask_decision_id=ask)
