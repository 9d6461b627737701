"""Everything Candor builds from one build of the pack: the records store and catalog, retrieval and the policy
sentence selector, the intent classifier, the redactor and its guard, the understanding and evidence stages, the
answer chain over them and LLM mode. The composition root (pipeline.py) assembles them once per build, and
again when a newer build is published, then swaps the whole `Parts` in one assignment: a turn runs on one build
from start to end, never on a mix of two."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from langchain_core.embeddings import Embeddings
from langchain_core.runnables import Runnable, RunnableLambda

from assistant.compose.grounded import compose
from assistant.evidence.gather import EvidenceGatherer
from assistant.guardrails.lexicons import long_dictionary_words
from assistant.guardrails.ner import name_finder
from assistant.guardrails.redactor import Redactor
from assistant.ingest import INTENT_VECTORS, Build
from assistant.pack.models import ConsentEvent
from assistant.records.storage import Storage
from assistant.records.store import Catalog, CustomerRecords, RecordStore
from assistant.redact.guard import Guard
from assistant.redact.public import published_policy
from assistant.retrieval.embeddings import LocalEmbeddings, english_words
from assistant.retrieval.retrievers import open_retriever, terms
from assistant.retrieval.selector import SentenceSelector, open_selector
from assistant.settings import Settings
from assistant.turn import Turn
from assistant.understand.intents import IntentClassifier
from assistant.understand.resolve import offer_terms
from assistant.understand.stored_examples import load_example_vectors
from assistant.understand.understander import Understander
from assistant.verify.stage import verify_turn


def recipient_words(catalog: Catalog) -> set[str]:
    """Words that name a data recipient ("Ferrovia", "studios"): a question naming one is about sharing.
    Words any question might use ("data", "record", "made") are left out, whatever the pack wrote."""
    from assistant.understand.examples import DOMAIN_WORDS, EXAMPLES

    common = {w for examples in EXAMPLES.values() for e in examples for w in terms(e)}
    common |= {w for d in DOMAIN_WORDS for w in terms(d)}
    return {
        w
        for c in catalog.categories.values()
        for r in c.shared_with
        for w in terms(r.split(",")[0])
        if w[:1].isalpha() and len(w) > 3 and w not in common | {"with", "your", "only", "partner", "service", "that"}
    }


@dataclass(frozen=True)
class Parts:
    build: Build
    store: RecordStore  # one build's records (SQLite or PostgreSQL)
    catalog: Catalog
    selector: SentenceSelector | None  # None without the local model's sentence vectors
    classifier: IntentClassifier
    redactor: Redactor
    guard: Guard
    understander: Understander
    gatherer: EvidenceGatherer
    records_for: Callable[[str], CustomerRecords | None]  # this build's records with the live consents
    evidence_chain: Runnable[Turn, Turn]  # redact → understand → gather: where LLM mode and benchmarks start
    chain: Runnable[Turn, Turn]  # … → compose → verify; restore runs after LLM mode (pipeline.py)
    llm: Any  # LLM mode's answerer, or None in grounded mode


def _compose(turn: Turn, catalog: Catalog) -> Turn:
    turn.answer = compose(turn, catalog)
    return turn


def assemble(
    settings: Settings,
    storage: Storage,
    embeddings: Embeddings,
    build: Build,
    live_consents: Callable[[str], list[ConsentEvent]],
) -> Parts:
    """The parts that come from `build`; `live_consents` gives the consent events made through Candor since."""
    store = storage.builds.open_records(build.name, build.path)

    def records_for(customer_id: str) -> CustomerRecords | None:
        records = store.records_for(customer_id)
        if records is None:
            return None
        live = live_consents(customer_id)
        return replace(records, consents=records.consents + live) if live else records

    catalog = store.catalog()
    vectors = None
    if settings.chroma_url:
        from assistant.retrieval.chroma import server_retriever
        from assistant.retrieval.retrievers import read_chunks

        docs = read_chunks(build.path / "chunks.jsonl")
        depth = max(settings.retrieval_k * 3, 10)
        vectors = server_retriever(settings.chroma_url, build.name, embeddings, docs, depth)
    retriever = open_retriever(build.path, embeddings, settings.retrieval_k, vectors)
    company = catalog.company
    # The company's own contacts and links are not personal data: they stay readable in answers.
    allow = [company.contacts.privacy_email, company.contacts.support or "", company.contacts.dpo_email or ""]
    allow += [c.link for c in company.controls.values() if c.link]
    allow += sorted(store.public_names())
    # One redactor, indexed once over the directory, then told what the published policy makes public.
    redactor = Redactor(store.customer_directory(), allow=[a for a in allow if a], ner=name_finder(settings.redact_ner))
    policy = published_policy(catalog.sections.values(), redactor)
    catalog = replace(catalog, blocked=policy.blocked)
    redactor.allow(policy.public)
    vocabulary = {t for offer in store.offers() for t in offer_terms(offer)}
    catalog_words = {
        w
        for text in [
            *(p.name for p in catalog.purposes.values()),
            *(c.name for c in catalog.categories.values()),
        ]
        for w in terms(text)
    }
    # The intent thresholds are tuned on the local model; OpenAI embeddings serve retrieval only.
    local = embeddings if settings.embeddings == "local" else LocalEmbeddings(settings.embedding_precision)
    # Ingest stores the examples' vectors when it used the local model, the one classifying here.
    examples = load_example_vectors(build.path / INTENT_VECTORS) if local is embeddings else None
    # A blocked section's title names nothing a customer can be answered from (nor repairs their typos).
    titles = [s.title for sid, s in catalog.sections.items() if sid not in catalog.blocked]
    # The policy's sentences, for policy questions (only with the local model, which the selector reads).
    selector = open_selector(build.path, local, settings.policy_selector_weights) if local is embeddings else None
    classifier = IntentClassifier(
        local,
        extra_vocabulary=vocabulary,
        catalog_vocabulary=catalog_words | {w for t in titles for w in re.findall(r"[a-z]+", t.lower())},
        section_titles=titles,
        example_vectors=examples,
        recipients=recipient_words(catalog),
        english=english_words(),
        dictionary=long_dictionary_words(),
    )
    if selector is not None:
        selector.block(set(policy.blocked))
    guard = Guard(redactor, settings.max_input_tokens, settings.max_line_chars, settings.redact_budget_ms / 1000)
    llm = None
    if settings.llm_mode != "none":
        from assistant.llm import LLMAnswerer

        llm = LLMAnswerer(settings, redactor, catalog, settings.prompts_dir)
    router = llm.router() if llm is not None and settings.llm_router == "close" else None
    understander = Understander(records_for, classifier, vocabulary, catalog, settings.clock, router)
    gatherer = EvidenceGatherer(retriever, redactor, selector, catalog.blocked)
    evidence_chain = (
        RunnableLambda(guard.redact_question, name="redact")
        | RunnableLambda(understander.understand, name="understand")
        | RunnableLambda(gatherer.gather, name="gather_evidence")
    )
    chain = (
        evidence_chain
        | RunnableLambda(partial(_compose, catalog=catalog), name="compose")
        | RunnableLambda(partial(verify_turn, catalog=catalog), name="verify")
    )
    return Parts(
        build,
        store,
        catalog,
        selector,
        classifier,
        redactor,
        guard,
        understander,
        gatherer,
        records_for,
        evidence_chain,
        chain,
        llm,
    )
