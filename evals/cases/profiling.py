"""Questions about customer groups: current and past ones, one group by name or by the profile's "Why?" button,
and how to object to profiling."""

from __future__ import annotations

from evals.cases.book import CaseBook
from evals.cases.plan import PLAN
from evals.cases.profile_facts import membership_facts, object_profiling_expected, prediction_facts, segments_expected

# The profile's "Why?" button asks this exact question (assistant/ui/views.py `profile`).
SEGMENTS_BUTTON = "Why am I in “{name}”?"
SEGMENTS_CURRENT = [
    "What groups have you put me in?",
    "which customer segments am i in",
    "How have you categorised me?",
    "Am I in any of your customer groups, and why?",
    "What kind of customer do you think I am?",
    "What segments do you have me in?",
    "What audience groups am I part of?",
    "do you put me into any marketing groups?",
    "What labels or groups have you given me?",
    "Which customer groups do you think I belong to?",
]
SEGMENTS_PAST = [
    "What groups was I in before?",
    "Which groups have I been in in the past?",
    "What segments did you have me in previously?",
    "Was I ever in any other customer groups?",
    "Show me my group history",
    "what groups did i used to be in",
]
SEGMENTS_NAMED = [
    "Why am I in the {name} group?",
    "why have you put me in {name}",
    "What does being in “{name}” mean, and why am I in it?",
    "How did I end up in the {name} segment?",
]
OBJECT_PROFILING = [
    "Can I stop you profiling me?",
    "I object to being profiled.",
    "how do i opt out of being put in groups",
    "Stop making predictions about me.",
    "How do I object to your profiling for marketing?",
    "Can I refuse to be scored by your models?",
    "Please stop profiling me",
    "Can I opt out of your predictions?",
]


def profiled_customers(book: CaseBook, kind: str) -> list[str]:
    """Customers with current groups (`current`), past groups (`past`) or predictions (`predictions`),
    shuffled, those whose profile uses sensitive data first (so the sample's unfair group is asked about)."""
    pool = {
        "current": [c for c in book.view.customer_ids if book.view.current(c)],
        "past": [c for c in book.view.customer_ids if book.view.past(c)],
        "predictions": [c for c in book.view.customer_ids if book.view.predictions[c]],
    }[kind]
    book.rng.shuffle(pool)

    def sensitive(c: str) -> bool:
        if kind == "predictions":
            return any(prediction_facts(book.view, p)["sensitive_categories"] for p in book.view.latest(c))
        ms = book.view.current(c) if kind == "current" else book.view.past(c)
        return any(membership_facts(book.view, m)["sensitive_categories"] for m in ms)

    return sorted(pool, key=lambda c: not sensitive(c))


def segments(book: CaseBook) -> None:
    if not book.pack.memberships:
        return
    for customer in profiled_customers(book, "current"):
        if book.counters["segments_current"] >= PLAN["segments_current"]:
            break
        expected = segments_expected(book.view, book.view.current(customer), "current")
        question = SEGMENTS_CURRENT[book.counters["segments_current"] % len(SEGMENTS_CURRENT)]
        book.add("segments_current", customer, question, "segments", expected)
    for customer in profiled_customers(book, "past"):
        if book.counters["segments_past"] >= PLAN["segments_past"]:
            break
        expected = segments_expected(book.view, book.view.past(customer), "past")
        question = SEGMENTS_PAST[book.counters["segments_past"] % len(SEGMENTS_PAST)]
        book.add("segments_past", customer, question, "segments", expected)
    # One group, by name in the question or by the profile's "Why?" button: current groups only (the
    # profile lists those), the sensitive ones first.
    ranked = [
        (not membership_facts(book.view, m)["sensitive_categories"], k, i, c, m)
        for i, c in enumerate(profiled_customers(book, "current"))
        for k, m in enumerate(book.view.current(c))
    ]
    pairs = [(c, m) for *_, c, m in sorted(ranked, key=lambda r: r[:3])]  # each customer's first group first
    used: set[tuple[str, str]] = set()
    for family, count in (("segments_button", PLAN["segments_button"]), ("segments_named", PLAN["segments_named"])):
        for customer, m in pairs:
            if book.counters[family] >= count:
                break
            if (customer, m.segment_id) in used:
                continue
            used.add((customer, m.segment_id))
            name = book.pack.segments[m.segment_id].name
            expected = segments_expected(book.view, [m], "button" if family == "segments_button" else "named")
            if family == "segments_button":
                question, subject = SEGMENTS_BUTTON.format(name=name), f"segment:{m.segment_id}"
            else:
                template = SEGMENTS_NAMED[book.counters[family] % len(SEGMENTS_NAMED)]
                named = name if book.rng.random() < 0.5 else name.lower()
                question, subject = template.format(name=named), None
            book.add(family, customer, question, "segments", expected, ask_subject=subject)


def object_profiling(book: CaseBook) -> None:
    if not (book.pack.segments or book.pack.models):
        return
    for i, customer in enumerate(book.customers_cycle(with_decisions=False)):
        if i >= PLAN["object_profiling"]:
            break
        question = OBJECT_PROFILING[i % len(OBJECT_PROFILING)]
        expected = object_profiling_expected(book.view, customer)
        book.add("object_profiling", customer, question, "object_profiling", expected)
