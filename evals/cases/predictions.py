"""Questions about predictions: all of a customer's, one model by what it estimates or by its name, and one
prediction by the profile's "Why?" button."""

from __future__ import annotations

import itertools
import re
from collections import Counter

from assistant.pack.models import Prediction
from evals.cases.book import CaseBook
from evals.cases.plan import PLAN
from evals.cases.profile_facts import predictions_expected
from evals.cases.profiling import profiled_customers

# The profile's "Why?" button asks this exact question (assistant/ui/views.py `profile`).
PREDICTIONS_BUTTON = "Why do you predict “{name}”?"
PREDICTIONS_GENERAL = [
    "What do you predict about me?",
    "what predictions have you made about me",
    "What have your models worked out about me?",
    "Do you use algorithms to guess things about me?",
    "What scores have you calculated about me?",
    "what do your models think about me",
]
# Questions about one model, by what the model estimates (its name and description); else by its name.
PREDICTIONS_BY_TOPIC: list[tuple[re.Pattern[str], list[str]]] = [
    (
        re.compile(r"stop (buying|shopping)|churn|\bleave\b", re.I),
        [
            "do you think I'm going to leave?",
            "Do you think I will stop shopping with you?",
            "What is my churn risk?",
            "Are you predicting that I'll stop buying from you?",
        ],
    ),
    (
        re.compile(r"buy (from )?next|next purchase|buy next", re.I),
        [
            "What do you think I'll buy next?",
            "what do your models guess I will buy next",
            "Have you predicted what I'm going to buy?",
        ],
    ),
    (
        re.compile(r"open .*emails?", re.I),
        ["Do you predict whether I open your emails?", "How likely do you think I am to open your emails?"],
    ),
]
PREDICTIONS_NAMED = [
    "What does your “{name}” prediction say about me?",
    "What have you predicted about me for “{name}”?",
]


def predictions(book: CaseBook) -> None:
    if not book.pack.predictions:
        return
    customers = profiled_customers(book, "predictions")
    for customer in customers:
        if book.counters["predictions_general"] >= PLAN["predictions_general"]:
            break
        expected = predictions_expected(book.view, book.view.latest(customer), "general")
        question = PREDICTIONS_GENERAL[book.counters["predictions_general"] % len(PREDICTIONS_GENERAL)]
        book.add("predictions_general", customer, question, "predictions", expected)
    # About one model: as many of each model as the plan allows, in turn.
    by_model: dict[str, list[tuple[str, Prediction]]] = {m: [] for m in book.pack.models}
    for customer in customers:
        for p in book.view.latest(customer):
            by_model[p.model].append((customer, p))
    asked: Counter[str] = Counter()
    for model_id in itertools.islice(itertools.cycle(sorted(by_model)), PLAN["predictions_model"] * 2):
        if book.counters["predictions_model"] >= PLAN["predictions_model"] or not by_model[model_id]:
            continue
        customer, p = by_model[model_id].pop(0)
        model = book.pack.models[model_id]
        topic = f"{model.name} {model.description}"
        templates = next((t for rx, t in PREDICTIONS_BY_TOPIC if rx.search(topic)), None)
        if templates:
            question = templates[asked[model_id] % len(templates)]
        else:
            question = PREDICTIONS_NAMED[asked[model_id] % len(PREDICTIONS_NAMED)].format(name=model.name)
        asked[model_id] += 1
        book.add("predictions_model", customer, question, "predictions", predictions_expected(book.view, [p], model_id))
    pairs = [(c, p) for c in customers for p in book.view.latest(c)]
    book.rng.shuffle(pairs)
    for customer, p in pairs:
        if book.counters["predictions_button"] >= PLAN["predictions_button"]:
            break
        question = PREDICTIONS_BUTTON.format(name=book.pack.models[p.model].name)
        expected = predictions_expected(book.view, [p], "button")
        book.add(
            "predictions_button",
            customer,
            question,
            "predictions",
            expected,
            ask_subject=f"prediction:{p.prediction_id}",
        )
