"""Practices people ask about that many policies never mention: cookies, training AI, facial recognition, what
happens after death, recording calls, transfers abroad. When a question asks about one and no sentence of the policy
uses any of its words, the policy is silent on it: the answer says so plainly instead of quoting loosely related
sentences (the word-overlap guard cannot tell "training plans" from training AI). When the policy does speak of it,
the sentences that do are the answer ("was that call recorded?": "We do not record phone calls."), not every
sentence that shares a loose word with the question ("the decision log records which signals…").

Each topic is two small patterns: how people ask about it, and the words any policy that addresses it uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.pack.models import Section
from assistant.retrieval.sentence_index import SectionLike, policy_sentences
from assistant.understand.topics import TOPICS


@dataclass(frozen=True)
class SilentTopic:
    label: str  # "The policy does not say anything about {label}."
    asked: re.Pattern[str]
    said: re.Pattern[str]


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


_ASKED = {t.name: t.asked for t in TOPICS}

# A child or children, as a policy or a question names them.
_CHILDREN = r"(child|children|kids?|minors?|teen\w*)"

SILENT_TOPICS = (
    SilentTopic(
        "cookies or similar tracking technologies",
        _ASKED["cookies"],
        _re(r"\b(cookies?|pixels?|web beacons?|tracking technolog\w*|similar technolog\w*|sdks?)\b"),
    ),
    SilentTopic(
        "using your data to train AI",
        # Training, not any mention of AI: "do you use AI to pick my offers?" is about automated decisions, "does
        # the chatbot keep my questions?" about the chat.
        _re(
            r"\btrain\w*\b.{0,60}\b(ai|a\.i\.|artificial intelligence|models?|algorithms?|chatbots?|llms?)\b|"
            r"\b(ai|a\.i\.|artificial intelligence|llms?|chatbots?)\b.{0,60}\btrain\w*\b|\bmachine learning\b"
        ),
        _re(
            r"\b(ai|artificial intelligence|machine learning|language models?|train\w* (our |the |its )?(models?|"
            r"algorithms?))\b"
        ),
    ),
    SilentTopic(
        "facial recognition, cameras or other biometric data",
        _re(r"\b(facial recognition|face (scan\w*|recognition|id)|fingerprints?|biometric\w*|cctv|cameras?)\b"),
        _re(r"\b(biometric\w*|facial|fingerprints?|cctv|cameras?|face)\b"),
    ),
    SilentTopic(
        "what happens to your data when you die",
        _re(r"\b(if|when|after) i (die|pass away|am dead)\b|\bmy death\b|\bdeceased\b|\b(i )?passed away\b"),
        _re(r"\b(death|deceased|dies|die|next of kin|bereave\w*)\b"),
    ),
    SilentTopic(
        "what happens to your data if the company is sold or merged",
        _re(
            r"\b(gets? |is |were )?(bought|acquired|taken over|sold)\b.{0,30}\b(company|companies|business|someone|"
            r"another|by)\b|\b(acquisition|takeover|merger|merges?|goes? bust|bankrupt\w*|out of business)\b"
        ),
        _re(
            r"\b(merger|acquisition|acquired|acquir\w+|sale of (the |our |a )?(company|business|assets)|business "
            r"transfer|bankrupt\w*|insolven\w*|successor|reorgani[sz]\w*|change (of|in) (control|ownership)|"
            r"(corporate|business) transactions?|(assets|company|business) (is|are|were|being) (sold|transferred))\b"
        ),
    ),
    SilentTopic(
        "recording your calls",
        _re(
            r"\b(record\w*|tap\w*|monitor\w*)\b.{0,25}\b(calls?|phone ?calls?)\b|\bcalls?\b.{0,20}\b(recorded|"
            r"monitored|taped|listened to)\b"
        ),
        _re(r"\b(record\w*|monitor\w*)\b.{0,60}\b(calls?|phone)\b|\bcalls?\b.{0,60}\b(record\w*|monitor\w*)\b"),
    ),
    SilentTopic(
        # Asked as security is ("do you encrypt things?"): the answer says what the policy does not, then what its
        # security section does say (compose/policy.py).
        "encrypting your data",
        # (Not "https" starting a link the customer pastes.)
        _re(r"\b(encrypt\w*|decrypt\w*|end[- ]to[- ]end)\b|\b(ssl|tls|https)\b(?!\s*:)"),
        _re(r"\b(encrypt\w*|cryptograph\w*|ssl|tls|https)\b"),
    ),
    SilentTopic(
        "data breaches, or whether you would be told of one",
        # A breach, not security in general: "how do you keep my data safe from hackers?" is answered by the
        # security section, and "does my shared data leak my identity?" asks about anonymity.
        _re(
            r"\b((been|be|being|get|gets|got|getting|was|were|is|are) hacked|breach(es|ed)?|data breach\w*|"
            r"(data|details|info\w*|stuff|passwords?|accounts?|records?) (was |were |got |has been |have been )?leaked|"
            r"leaked (my|our|your|the|customer) (data|details|info\w*|passwords?)|(data |a )leaks?(?! (my|your|our|the|"
            r"any|who)\b)|leaks? of|compromised)\b"
        ),
        _re(r"\b(breach\w*|unauthori[sz]ed (access|disclosure)|security incidents?|leak\w*)\b"),
    ),
    SilentTopic(
        "a minimum age for an account",
        _re(
            r"\b(minimum age|age limit|how old (do|must|should|does|have)|old enough|age requirement)\b|"
            r"\b1[0-8][- ]?(years?[- ]old|yo|y/o)\b.{0,80}\b(own )?account\b"
        ),
        _re(
            r"\b(minimum age|under (the age of )?1[0-8]|at least 1[0-8]|aged (1[0-8]|over)|1[0-8] (and|or) "
            r"(over|older)|years old|years of age)\b"
        ),
    ),
    SilentTopic(
        "accounts for children",
        # Children's own accounts, not a product "for kids" nor a group of households watching children's programmes.
        _re(
            rf"\b{_CHILDREN}('s|s'|s)? accounts?\b|"
            r"\b(child|children|kids?|son|daughter|teen\w*)\b.{0,30}\b(own|their|her|his) accounts?\b"
        ),
        _re(
            rf"\b{_CHILDREN}('s|s')? (accounts?|profiles?)\b|\bunder (the age of )?1[0-8]\b|"
            r"\bparental (consent|permission)\b|\b(aged|age of) 1[0-8]\b|\bminimum age\b"
        ),
    ),
    SilentTopic(
        "children's data",
        # A policy describing how it groups households that watch children's programmes does speak of it.
        _re(
            rf"\b{_CHILDREN}('s|s'|s)? (data|personal data|information|info|privacy)\b|"
            r"\b(data|information) (of|about|from|on) (children|kids|minors|teenagers)\b|"
            # "My 15-year-old wants to use the app. Would you be collecting her data too?"
            # (The classifier's normalised text spaces hyphens out: "15 - year - old".)
            r"\b(child|children|kids?|son|daughter|teen\w*|1[0-7]\s*-?\s*(years?\s*-?\s*old|yo|y/o))\b.{0,90}"
            r"\b(her|his|their) (data|information|info|details)\b"
        ),
        _re(
            rf"\b{_CHILDREN}('s|s')? (data|personal data|information|privacy|accounts?|"
            r"content|programmes?|programs?|shows?|series|viewing|watching|profiles?)\b|\bage ratings?\b|"
            r"\bunder (the age of )?1[0-8]\b|\bparental (consent|permission)\b|\b(aged|age of) 1[0-8]\b"
        ),
    ),
    SilentTopic(
        "whether people you live or work with can see your account",
        # Someone close, named as the customer's own ("my wife", "my employer"): not the company's ad partners.
        _re(
            r"\bmy (wife|husband|partner|spouse|other half|boyfriend|girlfriend|fianc[eé]e?|employer|boss|work|company|"
            r"parents?|mum|mom|dad|family|"
            r"kids?|children|son|daughter|flatmate|roommate|housemate)\b.{0,120}\b(see|view|look at|access|read|"
            r"find out|know)\b"
        ),
        _re(
            r"\b(shared accounts?|share an account|account holder|main account|household members|family members|"
            r"(other )?(members|people|users) (of|on) (your|the|a) (account|plan|household)|your employer|"
            r"profiles? on (your|the|an) account (can|are|is)|can see (what|the) (other|each))\b"
        ),
    ),
    SilentTopic(
        "data about you from social media",
        # Data taken from there ("do you look at my instagram", "did you get my info from facebook"), not data
        # passed to such a company ("is my info shared with facebook"), which is a question of sharing.
        _re(
            r"\b(look\w* at|check\w*|read\w*|watch\w*|monitor\w*|scan\w*|scrap\w*|go through|from|off) "
            r"(my |your |our )?(instagram|facebook|tik ?tok|twitter|linkedin|snapchat|pinterest|"
            r"social media|socials)\b"
        ),
        _re(r"\b(social media|social networks?|facebook|instagram|tik ?tok)\b"),
    ),
    SilentTopic(
        "whether someone else can make a request for you",
        # Someone acting for the customer ("can my daughter make a data request on my behalf?"), not someone's own
        # records (other customers are refused before this).
        _re(
            r"\b(on (my|his|her|their) behalf|act(ing)? (for|on behalf of) (me|him|her|them)|authori[sz]ed agents?|"
            r"power of attorney)\b|\b(wife|husband|partner|daughter|son|mum|mom|dad|carer|lawyer|solicitor|"
            r"someone|friend)\b.{0,40}\b(make|send|file|submit|do)\w* (a |the |my )?(data |privacy )?requests? "
            r"(for|about) (me|my)\b"
        ),
        _re(r"\b(authori[sz]ed agents?|act(ing)? (for|on behalf of) you|on your behalf|power of attorney)\b"),
    ),
    SilentTopic(
        "decisions made about you by a computer alone",
        # A policy may say it without a section of its own: "An estimate never changes your price … on its own."
        _ASKED["automated_decisions"],
        _re(
            r"\b(automat\w* (decision|individual)\w*|decides? automatically|legal effects?|similarly significant|"
            r"on (its|their) own|human review|a person (on our \w+ team )?(to )?reviews?)\b"
        ),
    ),
    SilentTopic(
        "sending your data to other countries",
        # Not taking one's data to another service (portability).
        _re(
            r"^(?!.*\b(to (another|a different|a new|other) (?!countr)\w+|portab\w*|move my|secur\w*|encrypt\w*|ssl|"
            r"tls|https)\b)"
            r"(?:.*?)"
            rf"(?:{_ASKED['transfers'].pattern})"
        ),
        _re(
            r"\b(transfer\w*|outside (the )?(eu|eea|european|uk|united kingdom)|abroad|other countries|third "
            r"countr\w*|international\w*|standard contractual|adequacy|stored in|servers? in)\b"
        ),
    ),
)


def silent_topic(question: str, sections: Iterable[Section]) -> str | None:
    """The label of the first topic the question asks about that no section's title or text mentions."""
    asked = [t for t in SILENT_TOPICS if t.asked.search(question)]
    if not asked:
        return None
    texts = [f"{s.title}\n{s.text}" for s in sections]
    return next((t.label for t in asked if not any(t.said.search(text) for text in texts)), None)


def practice_sentences(question: str, sections: Iterable[Section]) -> tuple[str, ...]:
    """The policy's sentences on the first practice the question asks about that the policy speaks of, in policy
    order; () when it asks about none, or the policy says nothing of it."""
    asked = [t for t in SILENT_TOPICS if t.asked.search(question)]
    if not asked:
        return ()
    sections = list(sections)
    for topic in asked:
        # Only the sections that speak of it are split into sentences: this runs on the question path.
        speaking: list[SectionLike] = [s for s in sections if topic.said.search(s.text)]
        spoken = tuple(dict.fromkeys(p.text for p in policy_sentences(speaking) if topic.said.search(p.text)))
        if spoken:
            return spoken
    return ()


# How a policy speaks of sensitive data: "special-category data", "which the law treats as sensitive", "health".
_SENSITIVE_SAID = r"special[- ]categor\w*|sensitive|health"


def sensitive_sentences(sections: Iterable[Section], words: Iterable[str] = ()) -> tuple[str, ...]:
    """The policy's sentences on sensitive data, in policy order: what a question about one's health data (or
    religion, named in `words` as a pattern of the policy's words for it) is told the policy promises, beside
    what the records hold."""
    said = re.compile(rf"\b({'|'.join([_SENSITIVE_SAID, *words])})\b", re.I)
    speaking: list[SectionLike] = [s for s in sections if said.search(s.text)]
    return tuple(dict.fromkeys(p.text for p in policy_sentences(speaking) if said.search(p.text)))
