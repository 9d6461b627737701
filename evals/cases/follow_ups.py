"""Two-turn conversations: a why-offer question, then "how do I stop that?" or "did I agree to that?"; and a
clarifier answered with "the one about X"."""

from __future__ import annotations

from evals.cases.account import consent_expected
from evals.cases.book import CaseBook
from evals.cases.offer_facts import why_expected
from evals.cases.phrasing import naming_phrase
from evals.cases.plan import PLAN
from evals.cases.view import control_of
from evals.cases.why_offer import WHY_CLARIFY, WHY_TITLE

FOLLOW_STOP = ["How do I stop that?", "how can I turn this off?", "Can I stop offers like this one?"]
FOLLOW_PICK = ["The one about {w}.", "I mean the {w} one", "the {w} offer"]
FOLLOW_CONSENT = ["Did I agree to that?", "When did I say yes to this?", "What did I consent to for that one?"]


def follow_ups(book: CaseBook) -> None:
    for d in book.all_decisions():
        need_stop = book.counters["follow_up_stop"] < PLAN["follow_up_stop"] * 2
        need_consent = book.counters["follow_up_consent"] < PLAN["follow_up_consent"] * 2
        if not (need_stop or need_consent):
            break
        purpose = book.pack.purposes[d.purpose]
        phrase = naming_phrase(book.view, d.customer_id, book.view.offer(d), book.rng)
        if phrase is None:
            continue
        showings = book.newest_of(d.customer_id, d.offer_id)
        if showings[0].decision_id != d.decision_id:
            continue
        first = book.rng.choice(WHY_TITLE).format(w=phrase)
        if d.legal_basis == "consent" and need_consent and (not need_stop or book.rng.random() < 0.5):
            family, follow = "follow_up_consent", book.rng.choice(FOLLOW_CONSENT)
            second_intent = "consent_status"
            second = consent_expected(book, d.customer_id, [purpose])
        elif need_stop and purpose.opt_out:
            family, follow, second_intent = "follow_up_stop", book.rng.choice(FOLLOW_STOP), "change_control"
            control = control_of(book.pack, purpose.opt_out)
            second = {"controls": [control] if control else [], "policy_sections": [purpose.policy_section]}
        else:
            continue
        conv = book.new_conversation()
        tags = ["follow_up"]
        book.add(family, d.customer_id, first, "why_offer", why_expected(book.view, d, showings), tags, (conv, 1))
        second["after_decision_id"] = d.decision_id
        book.add(family, d.customer_id, follow, second_intent, second, tags, (conv, 2))
    follow_up_pick(book)


def follow_up_pick(book: CaseBook) -> None:
    for customer in book.customers_cycle():
        if book.counters["follow_up_pick"] >= PLAN["follow_up_pick"] * 2:
            return
        channel = book.rng.choice(["email", "app", "web"])
        candidates = book.clarify_candidates(customer, channel)
        if len({d.offer_id for d in candidates}) < 2:
            continue
        # An offer this customer saw only on that channel: "the one about X" then means one offer.
        only_here = [
            d
            for d in candidates
            if all(x.channel == channel for x in book.newest_of(customer, d.offer_id))
            and book.newest_of(customer, d.offer_id)[0].decision_id == d.decision_id
        ]
        picks = [(d, p) for d in only_here if (p := naming_phrase(book.view, customer, book.view.offer(d), book.rng))]
        if not picks:
            continue
        d, phrase = book.rng.choice(picks)
        conv = book.new_conversation()
        clarify = {"clarify": True, "candidate_decision_ids": [x.decision_id for x in candidates]}
        tags = ["follow_up"]
        book.add(
            "follow_up_pick", customer, book.rng.choice(WHY_CLARIFY[channel]), "why_offer", clarify, tags, (conv, 1)
        )
        showings = book.newest_of(customer, d.offer_id)
        question = book.rng.choice(FOLLOW_PICK).format(w=phrase)
        book.add(
            "follow_up_pick", customer, question, "why_offer", why_expected(book.view, d, showings), tags, (conv, 2)
        )
