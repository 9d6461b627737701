"""General questions about the privacy policy, one per section heading that no other family's intent covers,
asked in the customer's voice."""

from __future__ import annotations

import re

from evals.cases.book import CaseBook
from evals.cases.phrasing import flip_pronouns
from evals.cases.plan import PLAN
from evals.cases.view import family_sections
from evals.text import content_terms

POLICY_PHRASES = ["What does your policy say about {t}?", "What is your policy on {t}?", "Tell me about {t}."]
# Section titles about a topic that has its own intent: not used for general policy questions.
_TOPIC_OF_OTHER_INTENT = re.compile(
    r"sell|shar|keep|retention|delet|erasure|download|access|consent|unsubscrib|stop|change|object|withdraw|"
    r"collect|what data|offer|receives|see why",
    re.I,
)


def policy_questions(book: CaseBook) -> None:
    # Titles that name a data category or purpose are questions for data_held or change_control.
    names = [content_terms(c.name) for c in book.pack.categories.values()]
    names += [content_terms(c.id.replace("_", " ")) for c in book.pack.categories.values()]
    names += [content_terms(p.name) for p in book.pack.purposes.values()]
    purpose_sections = {p.policy_section for p in book.pack.purposes.values()}
    sections = [
        s
        for s in sorted(book.pack.sections.values(), key=lambda s: (s.doc_id, s.line))
        if not _TOPIC_OF_OTHER_INTENT.search(s.title)
        and not any(content_terms(s.title) <= n for n in names)
        and s.section_id not in purpose_sections
        and len(content_terms(s.title)) >= 1
        and not re.search(r"\d", s.title)
        and not re.search(r"\byou\b", s.title, re.I)  # 'you' has no one customer-voice form
    ]
    book.rng.shuffle(sections)
    customers = book.customers_cycle(with_decisions=False)
    for i, section in enumerate(sections * 2):
        if book.counters["policy_question"] >= PLAN["policy_question"]:
            return
        title = re.sub(r"\s+explained$", "", section.title.strip(), flags=re.I)
        topic = flip_pronouns(title[0].lower() + title[1:])
        topic = f"the {topic}" if topic.startswith("right to ") else topic
        if title.endswith("?"):
            question = flip_pronouns(title)
        elif re.match(r"(what|why|how|where|who|when)\b", topic):
            question = f"Can you tell me {topic}?"
        else:
            question = book.rng.choice(POLICY_PHRASES).format(t=topic)
        expected = {"section": section.section_id, "policy_sections_any": family_sections(book.pack, section)}
        book.add("policy_question", customers[i % len(customers)], question, "policy_question", expected)
