"""Which of the customer's own decisions a why-offer question is about."""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from datetime import datetime

from assistant.pack.models import Decision, Offer
from assistant.records.store import CustomerRecords
from assistant.retrieval.retrievers import terms
from assistant.turn import Resolution
from assistant.understand.dates import MONTHS, date_windows, in_window, without_dates
from assistant.understand.offer_match import (
    SIMILAR,
    deal_fit,
    deals,
    fit,
    lemma,
    lemmas,
    price_fit,
    prices,
    word_fits,
)

_CHANNELS = {
    "email": re.compile(r"\b(e-?mail(s|ed|ing)?|inbox|newsletters?|mail)\b"),
    "app": re.compile(r"\b(app|apps|notifications?|push)\b"),
    "web": re.compile(r"\b(web|website|site|online|browser|webpage|page)\b"),
}
_NOT_CHANNEL = re.compile(
    r"\b(not|never|rather than|instead of)\s+(the one\s+)?(in |on |by |via |through )?(the |an? |my |your )?"
    r"(e-?mails?|emailed|inbox|newsletters?|app|apps|notifications?|push|web|website|site|browser)\b"
)
# Words too general to tell one offer from another.
_GENERIC_WORDS = (
    "offer offers off discount deal deals sale save saving free get got new see saw seen seeing shown show "
    "why email app web website coupon voucher promotion promo ad advert recommendation recommended send sent "
    "receive received one this that last week yesterday today explain reason reasons data chose choose "
    "pick picked made make come keep keeps percent personalised personalized "
    # Amounts, not names: "you keep seven years but use two" asks about data; places in a row, not names: "the
    # second paddleboard one" is no "second pair half price".
    "two three four five six seven eight nine ten eleven twelve twenty thirty fifty hundred half first second third"
)
_GENERIC = frozenset(terms(_GENERIC_WORDS))
# The same, as lemmas, with the words that name a channel, a time or the asking itself: they say where or when
# (filtered separately), not which offer.
_NOT_OFFER_WORDS = frozenset(
    lemmas(
        f"{_GENERIC_WORDS} push notification message text sms banner inbox mail newsletter site page online "
        f"the and you your for with about what did does was were are have has why how come thing stuff "
        f"ago before earlier ever still again later after afterwards following next morning afternoon evening "
        f"tonight day days week weeks couple few "
        f"{' '.join(MONTHS)} monday tuesday wednesday thursday friday saturday sunday"
    )
)
# Below this fit (a category word at least), words found only in descriptions do not pick an offer.
_MIN_FIT = 0.8
_CLEARLY_NAMED = 2.0  # a fit this good names an offer whatever date the question gives
# How many other fitting offers are offered as choices.
_OTHERS = 3
_LATEST = re.compile(
    r"\b(latest|most recent|newest|last)\s+(offer|ad|advert|deal|email|promotion|recommendation|one|thing|"
    r"notification|push|message)s?\b"
)
_DEICTIC = re.compile(r"\b(this|that|it|the same)\b( one| offer)?")


_RELATIVE = re.compile(r"\b(last|this|next|past|previous)\s+(week|month|year)\b|\bper\s+(week|month|year)\b")
_COMPOUND = re.compile(r"\b([a-z0-9]+)-([a-z0-9]+)\b")
_ADJACENT = re.compile(r"(?=\b([a-z]+)\s+([a-z]+)\b)")


def topic_terms(text: str) -> set[str]:
    """Words that can tell offers apart: no generic offer words, nothing of one or two letters. A date phrase
    ("last month") is not a topic; a hyphenated name ("ad-free") also counts joined ("adfree")."""
    low = _RELATIVE.sub(" ", text.lower())
    joined = {a + b for a, b in _COMPOUND.findall(low)}
    return ({t for t in terms(low) if len(t) > 2} | joined) - _GENERIC


def offer_terms(offer: Offer) -> set[str]:
    return topic_terms(f"{offer.title} {offer.category} {offer.sponsor or ''}")


# A token that may be a record reference in any pack's format: starts with a letter or digit, holds a digit.
_TOKEN = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9_.:/#-]*\d[A-Za-z0-9_.:/#-]*|[A-Za-z0-9][A-Za-z0-9_.:/#-]*[_.:/#-][A-Za-z0-9]+"
)
_REF_WORD = re.compile(r"\b(?:ref|reference|decision|id|number|no\.?)\s*[:#]?\s*$", re.I)


def _prefix(ref: str) -> str:
    """The letters a pack's references start with ('od-', 'd-', 'ls-dec-'): their format, not their value."""
    m = re.match(r"[^0-9]*", ref.lower())
    return m.group(0) if m else ""


# The pack's own channels an everyday channel word covers: "the notification" is a "push", "the app" a "mobile_app"
# or "tv_app" in a pack that names them so.
_COVERS = {
    "email": re.compile(r"e-?mail|newsletter"),
    "app": re.compile(r"app|push|notif"),
    "web": re.compile(r"web|site"),
}


def _on(d: Decision, channel: str) -> bool:
    return d.channel == channel or bool(_COVERS[channel].search(d.channel))


def _channel_pattern(channel: str) -> re.Pattern[str]:
    """A pack's channel name as people write it: "mobile_app", "mobile app", "mobile-app"."""
    words = [re.escape(w) for w in re.split(r"[\s_-]+", channel.lower()) if w]
    return re.compile(r"\b" + r"[\s_-]*".join(words) + r"\b")


def named_decisions(question: str, records: CustomerRecords) -> list[Decision] | None:
    """The customer's decisions a question names by reference, in any id format the pack uses.

    None when the question names no reference; an empty list when it names one that is not this customer's
    (another customer's, or none at all), which must resolve to nothing.
    """
    tokens = list(_TOKEN.finditer(question))
    if not tokens:
        return None  # most questions name no reference: no need to index a long log
    own = {d.decision_id.lower(): d for d in records.decisions}
    prefixes = {p for d in own if len(p := _prefix(d)) >= 2}
    chosen: list[Decision] = []
    foreign = False
    for m in tokens:
        token = m.group(0).rstrip(".:/#-").lower()
        if token in own:
            if own[token] not in chosen:
                chosen.append(own[token])
        elif re.fullmatch(r"\d{4}-\d\d-\d\d|\d+([.,:]\d+)*", token):
            continue  # a date, a time or a number
        elif (_prefix(token) in prefixes and any(c.isdigit() for c in token)) or _REF_WORD.search(
            question[: m.start()]
        ):
            foreign = True
    if chosen:
        return chosen
    return [] if foreign else None


def resolve(
    question: str,
    records: CustomerRecords,
    vocabulary: Set[str],
    now: datetime,
    recent_ids: list[str],
) -> Resolution:
    """Pick the decision a question refers to, from this customer's log only.

    `vocabulary` holds the words of every offer in the pack and their lemmas (`offer_vocabulary`), so a
    question naming an offer this customer never got is answered "no record" rather than matched to something
    else.
    """
    text = question.lower()
    decisions = records.decisions
    by_ref = named_decisions(question, records)
    if by_ref is not None:
        return Resolution("one", by_ref) if by_ref else Resolution("none", reason="that reference")
    offer_ids = re.findall(r"\b(of-\d+)\b", text)
    if offer_ids:
        decisions = [d for d in decisions if d.offer_id.lower() in offer_ids]

    filters: list[str] = []
    # The pack's own channel names first ("tv_app", "push"), then the common words for the usual ones.
    own = sorted({d.channel for d in decisions} - set(_CHANNELS), key=len, reverse=True)
    patterns = {c: _channel_pattern(c) for c in own}
    pack_channel = next((c for c in own if patterns[c].search(text)), None)
    if pack_channel is not None:
        decisions = [d for d in decisions if d.channel == pack_channel]
        filters.append(f"shown through {pack_channel.replace('_', ' ')}")
        # The channel's own words ("mobile app") say where, not which offer.
        text = patterns[pack_channel].sub(" ", text)
    # "on the website (not the emails)": a channel said not to be the one is no filter.
    said = _NOT_CHANNEL.sub(" ", text)
    channels = [c for c, pattern in _CHANNELS.items() if pattern.search(said)] if pack_channel is None else []
    if len(channels) > 1:
        # "the voucher on your website says I opened your emails": the channel of the offer the words name.
        asked = lemmas(_RELATIVE.sub(" ", without_dates(text)), drop=_NOT_OFFER_WORDS)
        fits = {c: max((fit(asked, records.offers[d.offer_id]) for d in decisions if _on(d, c)), default=0.0)
                for c in channels}  # fmt: skip
        channels.sort(key=lambda c: -fits[c])  # stable: a tie keeps the usual order
    if channels:
        decisions = [d for d in decisions if _on(d, channels[0])]
        filters.append(f"sent by {channels[0]}" if channels[0] == "email" else f"shown in the {channels[0]}")
    undated, unmatched_date = decisions, ""
    if windows := date_windows(text, now):
        decisions = [d for d in decisions if any(in_window(d, w) for w in windows)]
        filters.append(" or ".join(w[2] for w in windows))

    words = lemmas(_RELATIVE.sub(" ", without_dates(text)), drop=_NOT_OFFER_WORDS)
    # A hyphenated name written as two words: "go ad free" names "Go ad-free" ("adfree").
    words |= {a + b for a, b in _ADJACENT.findall(text)} & vocabulary
    # Per offer, not per decision: a long log shows the same few offers many times. Ranked by how well the
    # question's words fit each offer's title, sponsor, category and description.
    named_deals, named_prices = deals(text), prices(text)
    by_offer = {
        o: fit(words, records.offers[o])
        + deal_fit(named_deals, records.offers[o])
        + price_fit(named_prices, records.offers[o])
        for o in {d.offer_id for d in decisions}
    }
    best = max(by_offer.values(), default=0.0)
    if windows and best < _CLEARLY_NAMED:
        # "I connected my tracker in April, then you showed me water bottles for hydration packs": the date may
        # be of something else. An offer the words name clearly, shown on another day, is the one meant (its
        # answer gives the day it was shown), on the channel named if one was ("I switched it off around the
        # 19th of May and then the app shows me half price resoling").
        elsewhere = {o: by_offer.get(o) or fit(words, records.offers[o]) for o in {d.offer_id for d in undated}}
        if max(elsewhere.values(), default=0.0) >= max(_CLEARLY_NAMED, best + _CLEARLY_NAMED):
            decisions, by_offer, best = undated, elsewhere, max(elsewhere.values())
            unmatched_date = filters.pop()
    named = _pack_offer_words(words, vocabulary)
    others: list[Decision] = []
    if best >= _MIN_FIT:
        # Offers the words fit less well stay one click away: "the kombucha one" may mean either drinks deal.
        # Only offers named by at least a title or sponsor word, and half as well as the best.
        floor = max(1.0, best / 2)
        runners = sorted((o for o in by_offer if floor <= by_offer[o] < best - 1e-6), key=lambda o: -by_offer[o])
        newest = {o: next(d for d in decisions if d.offer_id == o) for o in runners[:_OTHERS]}
        others = [newest[o] for o in runners[:_OTHERS]]
        decisions = [d for d in decisions if by_offer[d.offer_id] >= best - 1e-6]
    elif named:
        # Say what narrowed the search: the offer may be in the log on another day or channel.
        return Resolution("none", reason=" ".join([*sorted(named), *filters]))
    elif _LATEST.search(question.lower()) and decisions:
        # "the last thing you emailed me": the newest of those the channel and dates leave.
        return Resolution("one", decisions[:1])
    elif not filters and not offer_ids:
        if recent_ids and _DEICTIC.search(text):
            chosen = [d for d in records.decisions if d.decision_id in recent_ids]
            if chosen:
                return Resolution("one", chosen[:1])
        return Resolution("unspecified", decisions[:5])
    if not decisions:
        return Resolution("none", reason=" and ".join(filters) or "that offer")
    if len({d.offer_id for d in decisions}) == 1:
        # Newest first, unless the question names the reason of another showing ("the night train ads are
        # because of my podcasts??"); the rest: the same offer at other times.
        offer = records.offers[decisions[0].offer_id]
        reasons = words - lemmas(f"{offer.title} {offer.sponsor or ''}")  # the words that name the offer say no reason
        ordered = _by_reason(decisions, reasons) if _NAMES_A_REASON.search(text) else decisions
        return Resolution("one", ordered, reason=unmatched_date, others=others)
    return Resolution("ambiguous", decisions[:6])


# A reason named as the cause: "are the night train ads because of my podcasts?", "was it my browsing?".
_NAMES_A_REASON = re.compile(r"\b(because( of)?|due to|based on|(is|was) (it|that) (my|the|from)|cos of|cuz of)\b")


def _by_reason(decisions: list[Decision], words: set[str]) -> list[Decision]:
    """One offer's showings with the one whose signals share the most of the question's words first, when that
    is more than the newest shares; else as they are."""

    def shared(d: Decision) -> int:
        return len(words & lemmas(" ".join(p.signal for p in d.parameters)))

    best = max(decisions, key=shared)
    if shared(best) <= shared(decisions[0]):
        return decisions
    return [best, *(d for d in decisions if d is not best)]


def offer_vocabulary(vocabulary: set[str]) -> frozenset[str]:
    """The pack's offer words with their lemmas, made once per build for `resolve`."""
    return frozenset(vocabulary | {lemma(w) for w in vocabulary})


def _pack_offer_words(words: set[str], vocabulary: Set[str]) -> set[str]:
    """The question's words that name some offer of the pack (by lemma or near spelling), this customer's or not."""
    return {w for w in words if word_fits(w, vocabulary) * 100 >= SIMILAR}


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5,
             "5th": 5, "sixth": 6, "6th": 6}  # fmt: skip
_PLACE = "(" + "|".join(_ORDINALS) + ")"
# The place must name an offer ("the second one", "the 3rd email") or be the whole reply ("second"): "first, how
# long do you keep my data?" and "second pair half price" name no place.
_ORDINAL = re.compile(
    rf"\b{_PLACE}\s+(?:one|offer|email|ad|deal|notification|push|message)s?\b|^\W*(?:the\s+)?{_PLACE}\W*$|"
    r"\bnumber\s+([1-6])\b"
)
_BEFORE = re.compile(
    r"\b(?:one|offer|email|ad|deal|notification)\s+(before|after)\s+(?:that|this|it)\b|\bprevious one\b"
)


def by_order(question: str, records: CustomerRecords, recent_ids: list[str], listed: Sequence[str]) -> Decision | None:
    """An offer named by its place: "the second one" in the list just shown, or "the one before that" in the log
    next to the offer just discussed. None when the question names no place, or the place holds nothing."""
    text = question.lower()
    if listed and (m := _ORDINAL.search(text)):
        word = m[1] or m[2]
        place = _ORDINALS[word] if word else int(m[3])
        if place <= len(listed):
            return records.decision(listed[place - 1])
    if recent_ids and (m := _BEFORE.search(text)):
        log = records.decisions  # newest first
        index = next((i for i, d in enumerate(log) if d.decision_id == recent_ids[0]), None)
        if index is not None:
            step = -1 if m[1] == "after" else 1
            if 0 <= index + step < len(log):
                return log[index + step]
    return None
