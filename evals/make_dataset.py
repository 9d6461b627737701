"""Derive the evaluation dataset from a knowledge pack: questions with the facts a transparent answer states.

    python -m evals.make_dataset [--knowledge DIR] [--out evals/datasets/sample.jsonl] [--seed N]

Every expected fact is computed here from the pack's own records (decision log, consent ledger, catalog,
policies), independently of Candor's code, so the eval checks Candor against the records and not against
itself. The same pack and seed always give the same file. A small `<out>.meta.json` beside the dataset
records the pack fingerprint, the seed and the counts.

A case is one JSON object:

    id, customer_id, question, intent (the expected one), family (how the question is phrased),
    tags (typo, multi_part, follow_up, ...), conversation_id and turn (follow-ups share a conversation
    and run in turn order), ask_decision_id (the UI's "Why am I seeing this?" button), ask_subject (the
    profile's "Why?" buttons: "segment:<id>" or "prediction:<id>", passed as `subject=`), expected {...}.

Profiling cases (intents segments, predictions, object_profiling, and why-offer cases for decisions whose
parameters name a segment or a prediction) come from segments.yaml, memberships.jsonl and predictions.jsonl;
a pack without those files gets none.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.pack.controls import control_id_for
from assistant.pack.facts import selection
from assistant.pack.knowledge import KnowledgePack
from assistant.pack.loader import fingerprint, load_pack
from assistant.pack.models import (
    ConsentEvent,
    Decision,
    Membership,
    Offer,
    Prediction,
    PredictionModel,
    Purpose,
    Section,
    Segment,
)
from evals.text import STOPWORDS, content_terms, stem

SEED = 20240601
EVALS_DIR = Path(__file__).resolve().parent
DEFAULT_OUT = EVALS_DIR / "datasets" / "sample.jsonl"
GENERATOR_VERSION = 2

# How many cases of each family to draw (fewer when the pack has fewer that fit).
PLAN: dict[str, int] = {
    "why_title": 40,
    "why_category": 20,
    "why_channel_date": 20,
    "why_ref": 20,
    "why_button": 12,
    "why_multi_part": 20,
    "why_flagged": 10,
    "why_withdrawn_later": 8,
    "why_general": 8,
    "why_no_record": 12,
    "why_clarify": 10,
    "follow_up_stop": 12,
    "follow_up_pick": 8,
    "follow_up_consent": 8,
    "data_held": 20,
    "consent_status": 25,
    "change_control": 25,
    "sell_share": 15,
    "retention": 15,
    "access_delete": 15,
    "policy_question": 25,
    "out_of_scope": 20,
    "other_customer": 25,
    # Profiling (only when the pack has segments.yaml, memberships.jsonl, predictions.jsonl).
    "segments_current": 12,
    "segments_past": 8,
    "segments_named": 5,
    "segments_button": 8,
    "predictions_general": 8,
    "predictions_model": 9,
    "predictions_button": 6,
    "object_profiling": 8,
    "why_profiled": 20,
}
TYPO_RATE = 0.15
TYPO_FAMILIES = frozenset(
    {
        "why_title",
        "why_category",
        "why_multi_part",
        "data_held",
        "consent_status",
        "change_control",
        "sell_share",
        "retention",
        "access_delete",
        "policy_question",
        "out_of_scope",
        "segments_current",
        "segments_past",
        "predictions_general",
        "predictions_model",
        "object_profiling",
    }
)

# Words that name no particular offer.
_OFFER_GENERIC = frozenset(
    "off free get buy save offer offers deal deals discount sale price half second percent new pair "
    "event any with every two three four five six ten double triple".split()
)

# --------------------------------------------------------------------------------------------------------
# Question templates
# --------------------------------------------------------------------------------------------------------

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
FOLLOW_STOP = ["How do I stop that?", "how can I turn this off?", "Can I stop offers like this one?"]
FOLLOW_PICK = ["The one about {w}.", "I mean the {w} one", "the {w} offer"]
FOLLOW_CONSENT = ["Did I agree to that?", "When did I say yes to this?", "What did I consent to for that one?"]

DATA_HELD = [
    "What data do you have about me?",
    "what do you know about me",
    "Which of my personal information do you keep?",
    "What personal data do you hold on me and where did it come from?",
    "tell me everything you store about me",
]
CONSENT_GENERAL = [
    "What have I agreed to?",
    "what did I sign up for",
    "Show me my consent history",
    "Which permissions have I given you?",
    "Am I opted in to anything?",
]
CONSENT_PURPOSE = ["Did I agree to {p}?", "Have I given consent for {p}?", "When did I say yes to {p}?"]
CHANGE_PURPOSE = [
    "How do I stop {p}?",
    "how can I turn off {p}",
    "I want to opt out of {p}",
    "Where do I change my settings for {p}?",
]
CHANGE_GENERAL = ["How can I change how you use my data?", "What privacy settings can I change?"]
SELL_SHARE = [
    "Do you sell my data?",
    "Who do you share my information with?",
    "Is my data shared with third parties?",
    "do you sell or share my personal information with advertisers",
    "Which companies get my data?",
]
RETENTION_GENERAL = ["How long do you keep my data?", "what is your data retention period", "How long is my data kept?"]
RETENTION_CATEGORY = [
    "How long do you keep my {c}?",
    "how long is my {c} stored?",
    "What is the retention period for {c}?",
]
ACCESS_DELETE = [
    "How do I get a copy of my data?",
    "Please delete my account and all my data",
    "I want to download everything you have on me",
    "How can I make an access request?",
    "Can you erase my data?",
    "How do I delete my personal data?",
]
POLICY_PHRASES = ["What does your policy say about {t}?", "What is your policy on {t}?", "Tell me about {t}."]
OUT_OF_SCOPE = [
    "What's the weather like in Seattle today?",
    "Tell me a joke",
    "Where is my order?",
    "Do you have these hiking boots in size 42?",
    "What time does the Bristol store open?",
    "Write me a poem about tents",
    "Can you recommend a good sleeping bag?",
    "What is the capital of Portugal?",
    "What's 17 times 23?",
    "Translate 'good morning' into French",
    "Who won the football match on Saturday?",
    "Can I return boots I bought in your Bristol store?",
    "Do you price match other shops?",
    "Write me a Python script that sorts a list",
    "How do I reset my password?",
    "Is the store open on Sunday?",
    "Give me a discount code",
    "What's the best tent for winter camping?",
    "Tell me about the history of Bristol",
    "How much does shipping to Canada cost?",
]
OTHER_CUSTOMER = {
    "name": [
        "Why did {name} see the {w} offer?",
        "What data do you hold about {name}?",
        "Has {name} agreed to marketing emails?",
        "Can you show me {name}'s offers?",
    ],
    "email": [
        "What do you know about {email}?",
        "Which offers did you send to {email}?",
        "Is {email} subscribed to your emails?",
    ],
    "id": [
        "Show me the consent history for {id}",
        "Why did customer {id} get an offer?",
        "What data do you have on {id}?",
    ],
    "phone": [
        "Whose number is {phone}? What offers did they get?",
        "What do you hold on the customer with phone {phone}?",
    ],
}
# Section titles about a topic that has its own intent: not used for general policy questions.
_TOPIC_OF_OTHER_INTENT = re.compile(
    r"sell|shar|keep|retention|delet|erasure|download|access|consent|unsubscrib|stop|change|object|withdraw|"
    r"collect|what data|offer|receives|see why",
    re.I,
)
_PRONOUNS = {"we": "you", "us": "you", "our": "your", "ours": "yours", "your": "my", "yours": "mine"}

# Profiling questions. The UI's "Why?" buttons ask these exact questions (assistant/views.py `profile`).
SEGMENTS_BUTTON = "Why am I in “{name}”?"
PREDICTIONS_BUTTON = "Why do you predict “{name}”?"
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
_PROFILE_SECTIONS = r"\bobject|profil"


# --------------------------------------------------------------------------------------------------------
# Facts from the pack
# --------------------------------------------------------------------------------------------------------


@dataclass
class PackView:
    """The pack, indexed the way the generator needs it."""

    pack: KnowledgePack
    customer_ids: list[str] = field(default_factory=list)
    decisions: dict[str, list[Decision]] = field(default_factory=dict)  # newest first
    consents: dict[str, list[ConsentEvent]] = field(default_factory=dict)  # ledger order
    memberships: dict[str, list[Membership]] = field(default_factory=dict)  # oldest first
    predictions: dict[str, list[Prediction]] = field(default_factory=dict)  # newest first
    multi_year: bool = False

    @classmethod
    def of(cls, pack: KnowledgePack) -> PackView:
        view = cls(pack, sorted(pack.customers))
        for c in view.customer_ids:
            view.decisions[c] = []
            view.consents[c] = []
        for d in pack.decisions:
            view.decisions.setdefault(d.customer_id, []).append(d)
        for ds in view.decisions.values():
            ds.sort(key=lambda d: (d.shown_at, d.decision_id), reverse=True)
        for e in pack.consents:
            view.consents.setdefault(e.customer_id, []).append(e)
        for c in view.customer_ids:
            view.memberships[c] = []
            view.predictions[c] = []
        for m in pack.memberships:
            view.memberships.setdefault(m.customer_id, []).append(m)
        for ms in view.memberships.values():
            ms.sort(key=lambda m: (m.since, m.segment_id))
        for pr in pack.predictions.values():
            view.predictions.setdefault(pr.customer_id, []).append(pr)
        for ps in view.predictions.values():
            ps.sort(key=lambda p: (p.computed_at, p.prediction_id), reverse=True)
        view.multi_year = len({d.shown_at.year for d in pack.decisions}) > 1
        return view

    def with_decisions(self) -> list[str]:
        return [c for c in self.customer_ids if self.decisions[c]]

    def offer(self, d: Decision) -> Offer:
        return self.pack.offers[d.offer_id]

    def current(self, customer: str) -> list[Membership]:
        return [m for m in self.memberships[customer] if m.until is None]

    def past(self, customer: str) -> list[Membership]:
        return [m for m in self.memberships[customer] if m.until is not None]

    def latest(self, customer: str) -> list[Prediction]:
        """The newest prediction of each model, newest first."""
        seen: dict[str, Prediction] = {}
        for p in self.predictions[customer]:
            seen.setdefault(p.model, p)
        return list(seen.values())


def _iso(when: datetime) -> str:
    return when.isoformat().replace("+00:00", "Z")


def _control(pack: KnowledgePack, control_id: str | None) -> dict[str, Any] | None:
    if not control_id or control_id not in pack.company.controls:
        return None
    c = pack.company.controls[control_id]
    return {"id": control_id, "label": c.label, "link": c.link, "instructions": c.instructions}


def _history(events: list[ConsentEvent], purpose: str) -> list[ConsentEvent]:
    return sorted((e for e in events if e.purpose == purpose), key=lambda e: e.at)


def consent_facts(events: list[ConsentEvent], d: Decision) -> dict[str, Any]:
    """The grant a decision relied on, its first later withdrawal, and whether it was shown after one."""
    if d.consent_event_id is None:
        return {"consent": None, "withdrawn_at": None, "shown_after_withdrawal": False}
    grant = next(e for e in events if e.event_id == d.consent_event_id)
    past = _history(events, d.purpose)
    withdrawal = next((e for e in past if e.at > grant.at and e.status == "withdrawn"), None)
    in_force = [e for e in past if e.at <= d.shown_at]
    return {
        "consent": {
            "event_id": grant.event_id,
            "granted_at": _iso(grant.at),
            "source": grant.source,
            "policy_version": grant.policy_version,
        },
        "withdrawn_at": _iso(withdrawal.at) if withdrawal else None,
        "shown_after_withdrawal": bool(in_force) and in_force[-1].status == "withdrawn",
    }


def why_expected(view: PackView, d: Decision, same_offer: list[Decision] | None = None) -> dict[str, Any]:
    pack = view.pack
    offer = view.offer(d)
    purpose = pack.purposes[d.purpose]
    params = sorted(enumerate(d.parameters), key=lambda ip: (-ip[1].weight, ip[0]))
    categories = list(dict.fromkeys(p.data_category for _, p in params))
    expected: dict[str, Any] = {
        "decision_id": d.decision_id,
        "also_decision_ids": [x.decision_id for x in (same_offer or []) if x.decision_id != d.decision_id],
        "offer_id": offer.offer_id,
        "offer_title": offer.title,
        "shown_at": _iso(d.shown_at),
        "channel": d.channel,
        "sponsor": offer.sponsor,
        "personalised": selection(d, pack.categories) == "personalised",
        "top_signals": [p.signal for _, p in params],
        "weights": [p.weight for _, p in params],
        "data_categories": categories,
        "data_category_names": [pack.categories[c].name for c in categories],
        "purpose": purpose.id,
        "purpose_name": purpose.name,
        "legal_basis": d.legal_basis,
        **consent_facts(view.consents[d.customer_id], d),
        "control": _control(pack, purpose.opt_out),
        "policy_sections": [purpose.policy_section],
        **origin_facts(view, d),
    }
    return expected


# --------------------------------------------------------------------------------------------------------
# Profiling facts: groups (segments), predictions, and the offers they fed
# --------------------------------------------------------------------------------------------------------


def _sensitive_names(pack: KnowledgePack, categories: set[str]) -> list[str]:
    return sorted(pack.categories[c].name for c in categories if c in pack.categories and pack.categories[c].sensitive)


def segment_categories(view: PackView, customer: str, segment: Segment) -> set[str]:
    """The data a group uses for this customer: its criteria, and the evidence of their memberships of it."""
    used = {c.data_category for c in segment.criteria}
    return used | {
        e.data_category for m in view.memberships[customer] if m.segment_id == segment.id for e in m.evidence
    }


def _profile_section(pack: KnowledgePack, item: Segment | PredictionModel, used_for: list[str]) -> str | None:
    """The item's policy section, else its first purpose's (docs/knowledge-format.md)."""
    if item.policy_section and item.policy_section in pack.sections:
        return item.policy_section
    return next((pack.purposes[p].policy_section for p in used_for if p in pack.purposes), None)


def _profile_controls(pack: KnowledgePack, item: Segment | PredictionModel, used_for: list[str]) -> list[str]:
    """How to object: the item's own opt-out control, else the opt-outs of the purposes it is used for."""
    if item.opt_out:
        return [item.opt_out]
    return list(dict.fromkeys(c for p in used_for if p in pack.purposes and (c := pack.purposes[p].opt_out)))


def _purpose_names(pack: KnowledgePack, ids: list[str]) -> list[str]:
    return [pack.purposes[p].name for p in ids if p in pack.purposes]


def membership_facts(view: PackView, m: Membership) -> dict[str, Any]:
    seg = view.pack.segments[m.segment_id]
    return {
        "segment_id": seg.id,
        "name": seg.name,
        "since": _iso(m.since),
        "until": _iso(m.until) if m.until else None,
        "evidence_signals": [e.signal for e in m.evidence],
        "used_for": list(seg.used_for),
        "purpose_names": _purpose_names(view.pack, seg.used_for),
        "sensitive_categories": _sensitive_names(view.pack, segment_categories(view, m.customer_id, seg)),
    }


def prediction_facts(view: PackView, p: Prediction) -> dict[str, Any]:
    model = view.pack.models[p.model]
    factors = sorted(enumerate(p.factors), key=lambda ip: (-ip[1].weight, ip[0]))
    return {
        "prediction_id": p.prediction_id,
        "model": model.id,
        "model_name": model.name,
        "label": p.label,
        "label_text": model.labels[p.label],
        "score": p.score,
        "computed_at": _iso(p.computed_at),
        "model_version": p.model_version,
        "factor_signals": [f.signal for _, f in factors],
        "used_for": list(p.used_for),
        "purpose_names": _purpose_names(view.pack, p.used_for),
        "sensitive_categories": _sensitive_names(view.pack, {f.data_category for f in p.factors}),
    }


def _controls_and_sections(
    pack: KnowledgePack, items: list[tuple[Segment | PredictionModel, list[str]]]
) -> dict[str, Any]:
    control_ids = list(dict.fromkeys(c for item, used in items for c in _profile_controls(pack, item, used)))
    sections = list(dict.fromkeys(s for item, used in items if (s := _profile_section(pack, item, used))))
    return {"controls": [c for cid in control_ids if (c := _control(pack, cid))], "policy_sections": sections}


def segments_expected(view: PackView, memberships: list[Membership], focus: str) -> dict[str, Any]:
    """What an answer about these memberships states. `focus`: current, past, named or button."""
    facts = [membership_facts(view, m) for m in memberships]
    segs: list[tuple[Segment | PredictionModel, list[str]]] = [
        (view.pack.segments[m.segment_id], view.pack.segments[m.segment_id].used_for) for m in memberships
    ]
    return {
        "focus": focus,
        "segments": facts,
        "purpose_names": list(dict.fromkeys(n for f in facts for n in f["purpose_names"])),
        "sensitive": [
            {"ref": f["segment_id"], "category_names": f["sensitive_categories"]}
            for f in facts
            if f["sensitive_categories"]
        ],
        **_controls_and_sections(view.pack, segs),
    }


def predictions_expected(view: PackView, predictions: list[Prediction], focus: str) -> dict[str, Any]:
    """What an answer about these predictions states. `focus`: general, a model id, or button."""
    facts = [prediction_facts(view, p) for p in predictions]
    models: list[tuple[Segment | PredictionModel, list[str]]] = [
        (view.pack.models[p.model], p.used_for) for p in predictions
    ]
    return {
        "focus": focus,
        "predictions": facts,
        "purpose_names": list(dict.fromkeys(n for f in facts for n in f["purpose_names"])),
        "sensitive": [
            {"ref": f["prediction_id"], "category_names": f["sensitive_categories"]}
            for f in facts
            if f["sensitive_categories"]
        ],
        **_controls_and_sections(view.pack, models),
    }


def object_profiling_expected(view: PackView, customer: str) -> dict[str, Any]:
    """How to object to profiling: the controls of this customer's groups and models (every group's and
    model's when they have none), and any section about objecting or about the groups and models."""
    pack = view.pack
    items: list[tuple[Segment | PredictionModel, list[str]]] = [
        (pack.segments[m.segment_id], pack.segments[m.segment_id].used_for) for m in view.current(customer)
    ]
    items += [(pack.models[p.model], p.used_for) for p in view.latest(customer)]
    if not items:
        items = [(s, s.used_for) for s in pack.segments.values()]
        for model in pack.models.values():
            used = [u for pr in pack.predictions.values() if pr.model == model.id for u in pr.used_for]
            items.append((model, list(dict.fromkeys(used))))
    found = _controls_and_sections(pack, items)
    return {
        "controls": found["controls"],
        "policy_sections_any": list(
            dict.fromkeys([*_sections_about(pack, _PROFILE_SECTIONS), *found["policy_sections"]])
        ),
    }


def origin_facts(view: PackView, d: Decision) -> dict[str, Any]:
    """The group or prediction behind each parameter that names one, and the sensitive data they use."""
    pack = view.pack
    origins: list[dict[str, Any]] = []
    sensitive: list[dict[str, Any]] = []
    for p in sorted(d.parameters, key=lambda p: -p.weight):
        if p.segment_id and p.segment_id in pack.segments:
            seg = pack.segments[p.segment_id]
            origins.append({"signal": p.signal, "kind": "segment", "ref": seg.id, "name": seg.name})
            names = _sensitive_names(pack, segment_categories(view, d.customer_id, seg))
        elif p.prediction_id and p.prediction_id in pack.predictions:
            pr = pack.predictions[p.prediction_id]
            name = pack.models[pr.model].name
            origins.append({"signal": p.signal, "kind": "prediction", "ref": pr.prediction_id, "name": name})
            names = _sensitive_names(pack, {f.data_category for f in pr.factors})
        else:
            continue
        if names and all(x["ref"] != origins[-1]["ref"] for x in sensitive):
            sensitive.append({"ref": origins[-1]["ref"], "category_names": names})
    return {"profile_origins": origins, "sensitive": sensitive}


def _sections_about(pack: KnowledgePack, pattern: str) -> list[str]:
    rx = re.compile(pattern, re.I)
    return [s.section_id for s in pack.sections.values() if rx.search(s.title)]


def _family_sections(pack: KnowledgePack, section: Section) -> list[str]:
    """A section, the `##` section above it and the `###` sections under it: any of them answers it."""
    same_doc = sorted((s for s in pack.sections.values() if s.doc_id == section.doc_id), key=lambda s: s.line)
    i = same_doc.index(section)
    out = [section.section_id]
    if section.level > 2:
        parent = next((s for s in reversed(same_doc[:i]) if s.level < section.level), None)
        if parent:
            out.append(parent.section_id)
    for s in same_doc[i + 1 :]:
        if s.level <= section.level:
            break
        out.append(s.section_id)
    return out


def _recipient(text: str) -> str:
    return re.split(r",| \(", text, maxsplit=1)[0].strip()


# --------------------------------------------------------------------------------------------------------
# Phrasing helpers
# --------------------------------------------------------------------------------------------------------


def _offer_tokens(text: str) -> list[tuple[int, str]]:
    """(position, word) for the words of a title or category that can name an offer, lowercase."""
    out = []
    # Words apart by punctuation ("bundle: two") are not a phrase: each clause starts two positions on.
    raws = [raw for clause in re.split(r"[:;,!?()]|\.\s", text) for raw in [*clause.split(), ""]]
    for i, raw in enumerate(raws):
        w = raw.strip("'.-").lower()
        if w.endswith("'s"):
            w = w[:-2]
        plain = len(w) >= 3 and w.isascii() and re.fullmatch(r"[a-z][a-z'-]*", w) is not None
        generic = all(part in _OFFER_GENERIC or part in STOPWORDS for part in re.split(r"[-']", w) if part)
        if plain and not generic:
            out.append((i, w.strip("'")))
    return out


def _stems(word: str) -> set[str]:
    """A word's stem and, for 'half-price' or 'trail-running', its parts' stems: people type either."""
    return {stem(word)} | {stem(p) for p in re.split(r"[-']", word) if len(p) >= 3}


def _offer_words(text: str) -> list[str]:
    return [w for _, w in _offer_tokens(text)]


def _phrases(title: str) -> list[str]:
    """Two words next to each other in the title, then single words: how people name an offer."""
    tokens = _offer_tokens(title)
    pairs = [f"{a} {b}" for (i, a), (j, b) in itertools.pairwise(tokens) if j == i + 1]
    return pairs + [w for _, w in tokens]


def _offer_stems(offer: Offer) -> set[str]:
    return {s for w in _offer_words(f"{offer.title} {offer.category} {offer.sponsor or ''}") for s in _stems(w)}


def naming_phrase(view: PackView, customer: str, offer: Offer, rng: random.Random) -> str | None:
    """Words of the title that pick out this offer among the customer's own (None if none do)."""
    others = {view.offer(d).offer_id: view.offer(d) for d in view.decisions[customer]}
    others.pop(offer.offer_id, None)
    taken = set().union(*(_offer_stems(o) for o in others.values())) if others else set()
    good = [p for p in _phrases(offer.title) if any(not _stems(w) & taken for w in p.split())]
    if not good:
        return None
    pairs = [p for p in good if " " in p]
    return rng.choice(pairs or good)


def absent_phrase(view: PackView, customer: str, rng: random.Random) -> tuple[Offer, str] | None:
    """Words of an offer this customer was never shown, sharing no word with any offer they were shown."""
    seen = {d.offer_id for d in view.decisions[customer]}
    taken = set().union(*(_offer_stems(view.pack.offers[o]) for o in seen)) if seen else set()
    candidates = [o for o in view.pack.offers.values() if o.offer_id not in seen]
    rng.shuffle(candidates)
    for offer in candidates:
        good = [p for p in _phrases(offer.title) if not any(_stems(w) & taken for w in p.split())]
        pairs = [p for p in good if " " in p]
        if pairs:
            return offer, rng.choice(pairs)
    return None


def date_words(view: PackView, when: datetime, rng: random.Random) -> str:
    day, month = when.day, f"{when:%B}"
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    text = rng.choice([f"{day} {month}", f"{month} {day}", f"{day}{suffix} {month}", f"{month} {day}{suffix}"])
    return f"{text} {when.year}" if view.multi_year else text


def flip_pronouns(text: str) -> str:
    """A heading in the company's voice ('How we protect your data') in the customer's ('how you protect my data')."""
    return re.sub(r"\b[A-Za-z]+\b", lambda m: _PRONOUNS.get(m[0].lower(), m[0]), text)


def add_typo(text: str, rng: random.Random) -> str:
    """Swap, drop or double one letter in one longer plain word (never an id, email, number or month)."""
    parts = text.split(" ")
    months = {f"{datetime(2000, m, 1):%B}".lower() for m in range(1, 13)}
    candidates = [
        i
        for i, w in enumerate(parts)
        if len(w.strip("?.,!")) >= 5 and w.strip("?.,!").isalpha() and w.strip("?.,!").lower() not in months
    ]
    if not candidates:
        return text
    i = rng.choice(candidates)
    word = parts[i].strip("?.,!")
    tail = parts[i][len(word) :]
    j = rng.randrange(1, len(word) - 1)
    match rng.choice(["swap", "drop", "double"]):
        case "swap":
            word = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
        case "drop":
            word = word[:j] + word[j + 1 :]
        case _:
            word = word[:j] + word[j] + word[j:]
    parts[i] = word + tail
    return " ".join(parts)


# --------------------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------------------


class Builder:
    def __init__(self, pack: KnowledgePack, seed: int) -> None:
        self.view = PackView.of(pack)
        self.pack = pack
        self.rng = random.Random(seed)
        self.cases: list[dict[str, Any]] = []
        self.counters: Counter[str] = Counter()
        self.conversations = 0

    # -- bookkeeping -------------------------------------------------------------------------------------

    def add(
        self,
        family: str,
        customer: str,
        question: str,
        intent: str,
        expected: dict[str, Any],
        tags: list[str] | None = None,
        conversation: tuple[str, int] | None = None,
        ask_decision_id: str | None = None,
        ask_subject: str | None = None,
    ) -> dict[str, Any]:
        tags = list(tags or [])
        if family in TYPO_FAMILIES and self.rng.random() < TYPO_RATE:
            changed = add_typo(question, self.rng)
            if changed != question:
                question, tags = changed, [*tags, "typo"]
        self.counters[family] += 1
        case: dict[str, Any] = {
            "id": f"{family}-{self.counters[family]:03d}",
            "customer_id": customer,
            "question": question,
            "intent": intent,
            "family": family,
            "tags": tags,
            "conversation_id": conversation[0] if conversation else None,
            "turn": conversation[1] if conversation else 1,
            "ask_decision_id": ask_decision_id,
            "ask_subject": ask_subject,
            "expected": expected,
        }
        self.cases.append(case)
        return case

    def new_conversation(self) -> str:
        self.conversations += 1
        return f"conv-{self.conversations:03d}"

    def customers_cycle(self, with_decisions: bool = True) -> list[str]:
        pool = self.view.with_decisions() if with_decisions else list(self.view.customer_ids)
        self.rng.shuffle(pool)
        return pool

    def all_decisions(self) -> list[Decision]:
        pairs = [d for c in self.view.with_decisions() for d in self.view.decisions[c]]
        self.rng.shuffle(pairs)
        return pairs

    def newest_of(self, customer: str, offer_id: str) -> list[Decision]:
        return [d for d in self.view.decisions[customer] if d.offer_id == offer_id]

    # -- why-offer ---------------------------------------------------------------------------------------

    def why_by_title(self, family: str, templates: list[str], tags: list[str]) -> None:
        used: set[tuple[str, str]] = set()
        for d in self.all_decisions():
            if self.counters[family] >= PLAN[family]:
                return
            key = (d.customer_id, d.offer_id)
            if key in used:
                continue
            phrase = naming_phrase(self.view, d.customer_id, self.view.offer(d), self.rng)
            if phrase is None:
                continue
            used.add(key)
            showings = self.newest_of(d.customer_id, d.offer_id)
            question = self.rng.choice(templates).format(w=phrase)
            self.add(family, d.customer_id, question, "why_offer", why_expected(self.view, showings[0], showings), tags)

    def why_by_category(self) -> None:
        used: set[tuple[str, str]] = set()
        for d in self.all_decisions():
            if self.counters["why_category"] >= PLAN["why_category"]:
                return
            offer = self.view.offer(d)
            others = {self.view.offer(x).offer_id: self.view.offer(x) for x in self.view.decisions[d.customer_id]}
            others.pop(offer.offer_id)
            cat_stems = {s for w in _offer_words(offer.category) for s in _stems(w)}
            taken = set().union(*(_offer_stems(o) for o in others.values())) if others else set()
            if not cat_stems or cat_stems & taken or (d.customer_id, offer.category) in used:
                continue
            used.add((d.customer_id, offer.category))
            showings = self.newest_of(d.customer_id, d.offer_id)
            question = self.rng.choice(WHY_CATEGORY).format(c=offer.category.lower())
            self.add(
                "why_category", d.customer_id, question, "why_offer", why_expected(self.view, showings[0], showings)
            )

    def why_by_channel_date(self) -> None:
        for d in self.all_decisions():
            if self.counters["why_channel_date"] >= PLAN["why_channel_date"]:
                return
            same = [
                x
                for x in self.view.decisions[d.customer_id]
                if x.channel == d.channel and (x.shown_at.month, x.shown_at.day) == (d.shown_at.month, d.shown_at.day)
            ]
            if len(same) != 1:
                continue
            when = date_words(self.view, d.shown_at, self.rng)
            templates = WHY_CHANNEL_DATE.get(d.channel)
            question = (
                self.rng.choice(templates).format(d=when)
                if templates
                else self.rng.choice(WHY_CHANNEL_OTHER).format(channel=d.channel, d=when)
            )
            self.add("why_channel_date", d.customer_id, question, "why_offer", why_expected(self.view, d))

    def why_by_ref(self, family: str, decisions: list[Decision], button_every: int = 0) -> None:
        """Ask by decision id ("Why did I see <ref>?"); every `button_every`-th case by the UI button instead."""
        for i, d in enumerate(decisions):
            if self.counters[family] >= PLAN[family]:
                return
            if button_every and i % button_every == 0:
                question, ask = self.rng.choice(WHY_BUTTON), d.decision_id
            else:
                ref = d.decision_id if self.rng.random() < 0.8 else d.decision_id.lower()
                question, ask = self.rng.choice(WHY_REF).format(ref=ref), None
            self.add(family, d.customer_id, question, "why_offer", why_expected(self.view, d), ask_decision_id=ask)

    def why_special(self) -> None:
        flagged, withdrawn_later, general = [], [], []
        for d in sorted(self.pack.decisions, key=lambda d: d.decision_id):
            facts = consent_facts(self.view.consents[d.customer_id], d)
            if facts["shown_after_withdrawal"]:
                flagged.append(d)
            elif facts["withdrawn_at"]:
                withdrawn_later.append(d)
            if not d.parameters:
                general.append(d)
        for group in (withdrawn_later, general):
            self.rng.shuffle(group)
        self.why_by_ref("why_flagged", flagged, button_every=2)
        self.why_by_ref("why_withdrawn_later", withdrawn_later, button_every=3)
        self.why_by_ref("why_general", general, button_every=2)

    def why_no_record(self) -> None:
        for customer in self.customers_cycle(with_decisions=False):
            if self.counters["why_no_record"] >= PLAN["why_no_record"]:
                return
            found = absent_phrase(self.view, customer, self.rng)
            if found is None:
                continue
            offer, phrase = found
            question = self.rng.choice(WHY_TITLE).format(w=phrase)
            self.add(
                "why_no_record",
                customer,
                question,
                "why_offer",
                {"no_record": True, "absent_offer_id": offer.offer_id, "absent_offer_title": offer.title},
            )

    def clarify_candidates(self, customer: str, channel: str) -> list[Decision]:
        ds = self.view.decisions[customer]
        return [d for d in ds if d.channel == channel] if channel else ds

    def why_clarify(self) -> None:
        for customer in self.customers_cycle():
            if self.counters["why_clarify"] >= PLAN["why_clarify"]:
                return
            channel = self.rng.choice(["email", "app", "web", ""])
            candidates = self.clarify_candidates(customer, channel)
            if len({d.offer_id for d in candidates}) < 2:
                continue
            question = self.rng.choice(WHY_CLARIFY[channel])
            expected = {"clarify": True, "candidate_decision_ids": [d.decision_id for d in candidates]}
            self.add("why_clarify", customer, question, "why_offer", expected)

    # -- follow-ups --------------------------------------------------------------------------------------

    def follow_ups(self) -> None:
        for d in self.all_decisions():
            need_stop = self.counters["follow_up_stop"] < PLAN["follow_up_stop"] * 2
            need_consent = self.counters["follow_up_consent"] < PLAN["follow_up_consent"] * 2
            if not (need_stop or need_consent):
                break
            purpose = self.pack.purposes[d.purpose]
            phrase = naming_phrase(self.view, d.customer_id, self.view.offer(d), self.rng)
            if phrase is None:
                continue
            showings = self.newest_of(d.customer_id, d.offer_id)
            if showings[0].decision_id != d.decision_id:
                continue
            first = self.rng.choice(WHY_TITLE).format(w=phrase)
            if d.legal_basis == "consent" and need_consent and (not need_stop or self.rng.random() < 0.5):
                family, follow = "follow_up_consent", self.rng.choice(FOLLOW_CONSENT)
                second_intent = "consent_status"
                second = self.consent_expected(d.customer_id, [purpose])
            elif need_stop and purpose.opt_out:
                family, follow, second_intent = "follow_up_stop", self.rng.choice(FOLLOW_STOP), "change_control"
                control = _control(self.pack, purpose.opt_out)
                second = {"controls": [control] if control else [], "policy_sections": [purpose.policy_section]}
            else:
                continue
            conv = self.new_conversation()
            tags = ["follow_up"]
            self.add(family, d.customer_id, first, "why_offer", why_expected(self.view, d, showings), tags, (conv, 1))
            second["after_decision_id"] = d.decision_id
            self.add(family, d.customer_id, follow, second_intent, second, tags, (conv, 2))
        self.follow_up_pick()

    def follow_up_pick(self) -> None:
        for customer in self.customers_cycle():
            if self.counters["follow_up_pick"] >= PLAN["follow_up_pick"] * 2:
                return
            channel = self.rng.choice(["email", "app", "web"])
            candidates = self.clarify_candidates(customer, channel)
            if len({d.offer_id for d in candidates}) < 2:
                continue
            # An offer this customer saw only on that channel: "the one about X" then means one offer.
            only_here = [
                d
                for d in candidates
                if all(x.channel == channel for x in self.newest_of(customer, d.offer_id))
                and self.newest_of(customer, d.offer_id)[0].decision_id == d.decision_id
            ]
            picks = [
                (d, p) for d in only_here if (p := naming_phrase(self.view, customer, self.view.offer(d), self.rng))
            ]
            if not picks:
                continue
            d, phrase = self.rng.choice(picks)
            conv = self.new_conversation()
            clarify = {"clarify": True, "candidate_decision_ids": [x.decision_id for x in candidates]}
            tags = ["follow_up"]
            self.add(
                "follow_up_pick", customer, self.rng.choice(WHY_CLARIFY[channel]), "why_offer", clarify, tags, (conv, 1)
            )
            showings = self.newest_of(customer, d.offer_id)
            question = self.rng.choice(FOLLOW_PICK).format(w=phrase)
            self.add(
                "follow_up_pick", customer, question, "why_offer", why_expected(self.view, d, showings), tags, (conv, 2)
            )

    # -- account and policy intents ----------------------------------------------------------------------

    def consent_expected(self, customer: str, purposes: list[Purpose]) -> dict[str, Any]:
        events = self.view.consents[customer]
        rows = []
        for p in purposes:
            past = _history(events, p.id)
            rows.append(
                {
                    "purpose": p.id,
                    "purpose_name": p.name,
                    "state": past[-1].status if past else "none",
                    "history": [
                        {"status": e.status, "at": _iso(e.at), "source": e.source, "policy_version": e.policy_version}
                        for e in past
                    ],
                    "control": _control(self.pack, p.opt_out),
                    "policy_section": p.policy_section,
                }
            )
        controls = [r["control"] for r in rows if r["control"]]
        return {"consent_purposes": rows, "controls": controls, "policy_sections": [p.policy_section for p in purposes]}

    def data_held(self) -> None:
        for customer in self.customers_cycle():
            if self.counters["data_held"] >= PLAN["data_held"]:
                return
            ds = self.view.decisions[customer]
            cats = sorted({p.data_category for d in ds for p in d.parameters})
            purposes = sorted({d.purpose for d in ds if d.parameters})
            download = _control(self.pack, control_id_for(self.pack.company, "download"))
            expected = {
                "data_categories": cats,
                "data_category_names": [self.pack.categories[c].name for c in cats],
                "purposes": purposes,
                "purpose_names": [self.pack.purposes[p].name for p in purposes],
                "controls": [download] if download else [],
                "policy_sections_any": _sections_about(self.pack, r"collect|what data|data we hold|come from"),
            }
            self.add("data_held", customer, self.rng.choice(DATA_HELD), "data_held", expected)

    def consent_status(self) -> None:
        consent_purposes = [p for p in self.pack.purposes.values() if p.legal_basis == "consent"]
        for customer in self.customers_cycle(with_decisions=False) * 2:
            if self.counters["consent_status"] >= PLAN["consent_status"] or not consent_purposes:
                return
            if self.rng.random() < 0.5:
                question, focus = self.rng.choice(CONSENT_GENERAL), consent_purposes
            else:
                p = self.rng.choice(consent_purposes)
                question, focus = self.rng.choice(CONSENT_PURPOSE).format(p=p.name.lower()), [p]
            self.add("consent_status", customer, question, "consent_status", self.consent_expected(customer, focus))

    def change_control(self) -> None:
        offer_purposes = {d.purpose for d in self.pack.decisions}
        purposes = [
            p
            for p in self.pack.purposes.values()
            if p.opt_out and (p.id in offer_purposes or p.legal_basis == "consent")
        ]
        general = [
            _control(self.pack, control_id_for(self.pack.company, k)) for k in ("personalisation", "unsubscribe")
        ]
        for customer in self.customers_cycle(with_decisions=False) * 2:
            if self.counters["change_control"] >= PLAN["change_control"]:
                return
            if self.rng.random() < 0.2 or not purposes:
                question = self.rng.choice(CHANGE_GENERAL)
                expected: dict[str, Any] = {"controls": [c for c in general if c], "policy_sections": []}
            else:
                p = self.rng.choice(purposes)
                question = self.rng.choice(CHANGE_PURPOSE).format(p=p.name.lower())
                control = _control(self.pack, p.opt_out)
                expected = {
                    "purpose": p.id,
                    "controls": [control] if control else [],
                    "policy_sections": [p.policy_section],
                }
            self.add("change_control", customer, question, "change_control", expected)

    def sell_share(self) -> None:
        recipients = list(
            dict.fromkeys(_recipient(r) for c in self.pack.categories.values() for r in c.shared_with if r.strip())
        )
        control = _control(self.pack, control_id_for(self.pack.company, "do_not_sell"))
        for customer in self.customers_cycle(with_decisions=False):
            if self.counters["sell_share"] >= PLAN["sell_share"]:
                return
            expected = {
                "recipients": recipients,
                "controls": [control] if control else [],
                "policy_sections_any": _sections_about(self.pack, r"\bsell|\bshar|receives"),
            }
            self.add("sell_share", customer, self.rng.choice(SELL_SHARE), "sell_share", expected)

    def retention(self) -> None:
        categories = list(self.pack.categories.values())
        sections = _sections_about(self.pack, r"how long|keep|retention")
        for customer in self.customers_cycle(with_decisions=False):
            if self.counters["retention"] >= PLAN["retention"]:
                return
            if self.rng.random() < 0.4:
                question, focus = self.rng.choice(RETENTION_GENERAL), categories
            else:
                c = self.rng.choice(categories)
                question, focus = self.rng.choice(RETENTION_CATEGORY).format(c=c.name.lower()), [c]
            expected = {
                "retention": [{"category": c.id, "name": c.name, "retention": c.retention} for c in focus],
                "policy_sections_any": sections,
            }
            self.add("retention", customer, question, "retention", expected)

    def access_delete(self) -> None:
        controls = [
            c
            for c in (
                _control(self.pack, control_id_for(self.pack.company, "download")),
                _control(self.pack, control_id_for(self.pack.company, "delete")),
            )
            if c
        ]
        sections = _sections_about(self.pack, r"access|download|delet|erasure|copy")
        for customer in self.customers_cycle(with_decisions=False):
            if self.counters["access_delete"] >= PLAN["access_delete"]:
                return
            expected = {"controls": controls, "policy_sections_any": sections}
            self.add("access_delete", customer, self.rng.choice(ACCESS_DELETE), "access_delete", expected)

    def policy_questions(self) -> None:
        # Titles that name a data category or purpose are questions for data_held or change_control.
        names = [content_terms(c.name) for c in self.pack.categories.values()]
        names += [content_terms(c.id.replace("_", " ")) for c in self.pack.categories.values()]
        names += [content_terms(p.name) for p in self.pack.purposes.values()]
        purpose_sections = {p.policy_section for p in self.pack.purposes.values()}
        sections = [
            s
            for s in sorted(self.pack.sections.values(), key=lambda s: (s.doc_id, s.line))
            if not _TOPIC_OF_OTHER_INTENT.search(s.title)
            and not any(content_terms(s.title) <= n for n in names)
            and s.section_id not in purpose_sections
            and len(content_terms(s.title)) >= 1
            and not re.search(r"\d", s.title)
            and not re.search(r"\byou\b", s.title, re.I)  # 'you' has no one customer-voice form
        ]
        self.rng.shuffle(sections)
        customers = self.customers_cycle(with_decisions=False)
        for i, section in enumerate(sections * 2):
            if self.counters["policy_question"] >= PLAN["policy_question"]:
                return
            title = re.sub(r"\s+explained$", "", section.title.strip(), flags=re.I)
            topic = flip_pronouns(title[0].lower() + title[1:])
            topic = f"the {topic}" if topic.startswith("right to ") else topic
            if title.endswith("?"):
                question = flip_pronouns(title)
            elif re.match(r"(what|why|how|where|who|when)\b", topic):
                question = f"Can you tell me {topic}?"
            else:
                question = self.rng.choice(POLICY_PHRASES).format(t=topic)
            expected = {"section": section.section_id, "policy_sections_any": _family_sections(self.pack, section)}
            self.add("policy_question", customers[i % len(customers)], question, "policy_question", expected)

    def out_of_scope(self) -> None:
        customers = self.customers_cycle(with_decisions=False)
        questions = list(OUT_OF_SCOPE)
        self.rng.shuffle(questions)
        for i in range(PLAN["out_of_scope"]):
            self.add(
                "out_of_scope",
                customers[i % len(customers)],
                questions[i % len(questions)],
                "out_of_scope",
                {"refuse": True},
            )

    def other_customer(self) -> None:
        customers = self.customers_cycle(with_decisions=False)
        kinds = list(OTHER_CUSTOMER)
        for i in range(PLAN["other_customer"]):
            if len(customers) < 2:
                return
            asker = customers[i % len(customers)]
            other = self.pack.customers[customers[(i * 7 + 3) % len(customers)]]
            if other.customer_id == asker:
                other = self.pack.customers[customers[(i + 1) % len(customers)]]
            kind = kinds[i % len(kinds)]
            if kind == "phone" and not other.phone:
                kind = "email"  # phone numbers are optional in a pack
            offers = [self.view.offer(d) for d in self.view.decisions[other.customer_id]]
            phrase = _offer_words(offers[0].title)[-1] if offers else "jacket"
            template = self.rng.choice(OTHER_CUSTOMER[kind])
            question = template.format(
                name=other.name, email=other.email, id=other.customer_id, phone=other.phone, w=phrase
            )
            expected = {"refuse": True, "other_customer_id": other.customer_id, "named_by": kind}
            self.add("other_customer", asker, question, "other_customer", expected)

    # -- profiling: groups, predictions, objecting, and the offers they fed ---------------------------

    def profiled_customers(self, kind: str) -> list[str]:
        """Customers with current groups (`current`), past groups (`past`) or predictions (`predictions`),
        shuffled, those whose profile uses sensitive data first (so the sample's unfair group is asked about)."""
        pool = {
            "current": [c for c in self.view.customer_ids if self.view.current(c)],
            "past": [c for c in self.view.customer_ids if self.view.past(c)],
            "predictions": [c for c in self.view.customer_ids if self.view.predictions[c]],
        }[kind]
        self.rng.shuffle(pool)

        def sensitive(c: str) -> bool:
            if kind == "predictions":
                return any(prediction_facts(self.view, p)["sensitive_categories"] for p in self.view.latest(c))
            ms = self.view.current(c) if kind == "current" else self.view.past(c)
            return any(membership_facts(self.view, m)["sensitive_categories"] for m in ms)

        return sorted(pool, key=lambda c: not sensitive(c))

    def segments(self) -> None:
        if not self.pack.memberships:
            return
        for customer in self.profiled_customers("current"):
            if self.counters["segments_current"] >= PLAN["segments_current"]:
                break
            expected = segments_expected(self.view, self.view.current(customer), "current")
            question = SEGMENTS_CURRENT[self.counters["segments_current"] % len(SEGMENTS_CURRENT)]
            self.add("segments_current", customer, question, "segments", expected)
        for customer in self.profiled_customers("past"):
            if self.counters["segments_past"] >= PLAN["segments_past"]:
                break
            expected = segments_expected(self.view, self.view.past(customer), "past")
            question = SEGMENTS_PAST[self.counters["segments_past"] % len(SEGMENTS_PAST)]
            self.add("segments_past", customer, question, "segments", expected)
        # One group, by name in the question or by the profile's "Why?" button: current groups only (the
        # profile lists those), the sensitive ones first.
        ranked = [
            (not membership_facts(self.view, m)["sensitive_categories"], k, i, c, m)
            for i, c in enumerate(self.profiled_customers("current"))
            for k, m in enumerate(self.view.current(c))
        ]
        pairs = [(c, m) for *_, c, m in sorted(ranked, key=lambda r: r[:3])]  # each customer's first group first
        used: set[tuple[str, str]] = set()
        for family, count in (("segments_button", PLAN["segments_button"]), ("segments_named", PLAN["segments_named"])):
            for customer, m in pairs:
                if self.counters[family] >= count:
                    break
                if (customer, m.segment_id) in used:
                    continue
                used.add((customer, m.segment_id))
                name = self.pack.segments[m.segment_id].name
                expected = segments_expected(self.view, [m], "button" if family == "segments_button" else "named")
                if family == "segments_button":
                    question, subject = SEGMENTS_BUTTON.format(name=name), f"segment:{m.segment_id}"
                else:
                    template = SEGMENTS_NAMED[self.counters[family] % len(SEGMENTS_NAMED)]
                    named = name if self.rng.random() < 0.5 else name.lower()
                    question, subject = template.format(name=named), None
                self.add(family, customer, question, "segments", expected, ask_subject=subject)

    def predictions(self) -> None:
        if not self.pack.predictions:
            return
        customers = self.profiled_customers("predictions")
        for customer in customers:
            if self.counters["predictions_general"] >= PLAN["predictions_general"]:
                break
            expected = predictions_expected(self.view, self.view.latest(customer), "general")
            question = PREDICTIONS_GENERAL[self.counters["predictions_general"] % len(PREDICTIONS_GENERAL)]
            self.add("predictions_general", customer, question, "predictions", expected)
        # About one model: as many of each model as the plan allows, in turn.
        by_model: dict[str, list[tuple[str, Prediction]]] = {m: [] for m in self.pack.models}
        for customer in customers:
            for p in self.view.latest(customer):
                by_model[p.model].append((customer, p))
        asked: Counter[str] = Counter()
        for model_id in itertools.islice(itertools.cycle(sorted(by_model)), PLAN["predictions_model"] * 2):
            if self.counters["predictions_model"] >= PLAN["predictions_model"] or not by_model[model_id]:
                continue
            customer, p = by_model[model_id].pop(0)
            model = self.pack.models[model_id]
            topic = f"{model.name} {model.description}"
            templates = next((t for rx, t in PREDICTIONS_BY_TOPIC if rx.search(topic)), None)
            if templates:
                question = templates[asked[model_id] % len(templates)]
            else:
                question = PREDICTIONS_NAMED[asked[model_id] % len(PREDICTIONS_NAMED)].format(name=model.name)
            asked[model_id] += 1
            self.add(
                "predictions_model", customer, question, "predictions", predictions_expected(self.view, [p], model_id)
            )
        pairs = [(c, p) for c in customers for p in self.view.latest(c)]
        self.rng.shuffle(pairs)
        for customer, p in pairs:
            if self.counters["predictions_button"] >= PLAN["predictions_button"]:
                break
            question = PREDICTIONS_BUTTON.format(name=self.pack.models[p.model].name)
            expected = predictions_expected(self.view, [p], "button")
            self.add(
                "predictions_button",
                customer,
                question,
                "predictions",
                expected,
                ask_subject=f"prediction:{p.prediction_id}",
            )

    def object_profiling(self) -> None:
        if not (self.pack.segments or self.pack.models):
            return
        for i, customer in enumerate(self.customers_cycle(with_decisions=False)):
            if i >= PLAN["object_profiling"]:
                break
            question = OBJECT_PROFILING[i % len(OBJECT_PROFILING)]
            expected = object_profiling_expected(self.view, customer)
            self.add("object_profiling", customer, question, "object_profiling", expected)

    def why_profiled(self) -> None:
        """Why-offer questions about decisions whose parameters came from a group or a prediction: those of a
        group or prediction that uses sensitive data first, then the rest; by title, reference or button."""
        found = [d for d in self.pack.decisions if origin_facts(self.view, d)["profile_origins"]]
        found.sort(key=lambda d: d.decision_id)
        self.rng.shuffle(found)
        found.sort(key=lambda d: not origin_facts(self.view, d)["sensitive"])
        for i, d in enumerate(found):
            if self.counters["why_profiled"] >= PLAN["why_profiled"]:
                return
            showings = self.newest_of(d.customer_id, d.offer_id)
            phrase = naming_phrase(self.view, d.customer_id, self.view.offer(d), self.rng)
            ask = None
            if phrase and showings[0].decision_id == d.decision_id and i % 3 == 0:
                question = self.rng.choice(WHY_TITLE).format(w=phrase)
                expected = why_expected(self.view, d, showings)
            elif i % 3 == 1:
                question, ask, expected = self.rng.choice(WHY_BUTTON), d.decision_id, why_expected(self.view, d)
            else:
                question, expected = self.rng.choice(WHY_REF).format(ref=d.decision_id), why_expected(self.view, d)
            self.add("why_profiled", d.customer_id, question, "why_offer", expected, ask_decision_id=ask)

    def build(self) -> list[dict[str, Any]]:
        self.why_by_title("why_title", WHY_TITLE, [])
        self.why_by_category()
        self.why_by_channel_date()
        ref_pool = self.all_decisions()
        self.why_by_ref("why_ref", ref_pool)
        self.why_by_ref("why_button", [d for d in ref_pool[::-1]], button_every=1)
        self.why_by_title("why_multi_part", WHY_MULTI, ["multi_part"])
        self.why_special()
        self.why_no_record()
        self.why_clarify()
        self.follow_ups()
        self.data_held()
        self.consent_status()
        self.change_control()
        self.sell_share()
        self.retention()
        self.access_delete()
        self.policy_questions()
        self.out_of_scope()
        self.other_customer()
        # Profiling last, so that the cases above stay the same whether or not a pack has profiling files.
        self.segments()
        self.predictions()
        self.object_profiling()
        self.why_profiled()
        return self.cases


def build_cases(pack: KnowledgePack, seed: int = SEED) -> list[dict[str, Any]]:
    """The dataset for `pack`: the same pack and seed always give the same cases, in the same order."""
    return Builder(pack, seed).build()


def stats(cases: list[dict[str, Any]]) -> dict[str, Any]:
    tags: Counter[str] = Counter(t for c in cases for t in c["tags"])
    return {
        "cases": len(cases),
        "customers": len({c["customer_id"] for c in cases}),
        "conversations": len({c["conversation_id"] for c in cases if c["conversation_id"]}),
        "by_intent": dict(sorted(Counter(c["intent"] for c in cases).items())),
        "by_family": dict(Counter(c["family"] for c in cases)),
        "by_tag": dict(sorted(tags.items())),
    }


def write_dataset(cases: list[dict[str, Any]], out: Path, meta: dict[str, Any]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for case in cases:
            handle.write(json.dumps(case, ensure_ascii=False, sort_keys=False) + "\n")
    meta_path = out.with_suffix(".meta.json")
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def read_dataset(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def dataset_meta(pack: KnowledgePack, cases: list[dict[str, Any]], seed: int) -> dict[str, Any]:
    return {
        "generator": "evals.make_dataset",
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "company": pack.company.name,
        "pack_fingerprint": fingerprint(pack.root),
        **stats(cases),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.make_dataset", description=__doc__.split("\n")[0])
    parser.add_argument("--knowledge", type=Path, default=None, help="knowledge pack (default: the sample)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSONL to write (default {DEFAULT_OUT})")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    from assistant.settings import REPO_ROOT

    knowledge = args.knowledge or REPO_ROOT / "knowledge"
    pack = load_pack(knowledge)
    cases = build_cases(pack, args.seed)
    meta = dataset_meta(pack, cases, args.seed)
    write_dataset(cases, args.out, meta)
    print(f"wrote {len(cases)} cases to {args.out}", file=sys.stderr)
    print(json.dumps({k: meta[k] for k in ("by_intent", "by_tag")}, indent=1), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
