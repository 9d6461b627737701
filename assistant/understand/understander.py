"""The understand stage: the question's intent, the offer it is about, and the parsed request, read once per
turn from the redacted question and the customer's own records."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from assistant.pack.models import Decision
from assistant.records.store import Catalog, CustomerRecords
from assistant.turn import IntentResult, Request, Resolution, Turn
from assistant.understand.asked import what_was_asked
from assistant.understand.choices import CLOSE, QUESTIONS, alternative
from assistant.understand.cues import REPORTED_CHANGE
from assistant.understand.dates import date_windows
from assistant.understand.follow_ups import (
    ABOUT_KINDS,
    BECAUSE_OF_THAT,
    CONTINUES,
    HAS_A_DATE,
    HAS_STEPS,
    HOW_SOON,
    LEANS,
    LISTS,
    NEW_SUBJECT,
    NOT_CONTINUED,
    ON_THE_ONE,
    ONE_ON_A_DAY,
    ORIGINS,
    SAME_SUBJECT,
    SHORT_WHEN,
    THE_ONE,
    UNRELATED,
    WHERE_IS_IT,
    WHICH_WAS_THAT,
    WHY_THAT,
    elliptical,
    is_follow_up,
    leans_on_kinds,
    origin_of,
    word_count,
)
from assistant.understand.group_meant import group_meant
from assistant.understand.intents import IntentClassifier
from assistant.understand.offer_masking import (
    ASKS_WHY,
    MAY_NAME_AN_OFFER,
    catalog_words,
    mask_offer_names,
    offer_name_words,
)
from assistant.understand.record_fields import names_a_field
from assistant.understand.request import parse_request
from assistant.understand.resolve import by_order, named_decisions, offer_vocabulary, resolve, topic_terms
from assistant.understand.routing import IntentRouter, routed
from assistant.understand.someone_else import asks_about_someone_else, asks_child_rules
from assistant.understand.topics import sections_on
from assistant.understand.two_in_one import ABOUT_KEPT_DATA, MY_DATA, two_questions

_SHOWN = re.compile(
    r"\b(show(ed|n|ing)?|sent|send(ing)?|got|getting|received|saw|seen|push(ed|ing)|emailed|emailing|suggested|"
    r"recommended|popped up)\b",
    re.I,
)
# Words that say an offer was meant ("got an email for 20% off…"), not only a group ("why am I a family camper?").
_AN_OFFER = re.compile(
    r"\b(offers?|deals?|discounts?|promo\w*|coupons?|vouchers?|email\w*|push\w*|notifications?|ads?|advert\w*)\b|%",
    re.I,
)
# "Am I on your email list?" asks about the email consent, not a group.
_IN_GROUP = re.compile(
    r"\b(am i|are we|i'?m) (still )?(in|on|part of)\b"
    r"(?! (your |the |a |that |this )?(e-?mail|mailing|newsletter)\w* list)",
    re.I,
)
_THAT_GROUP = re.compile(r"\b(that|this|the same) (group|segment|list)\b", re.I)
# Intents a question asking what the customer's own record says is often taken for.
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_SHORT = 3  # words of a message that only names something
_NOT_A_VALUE = frozenset({"sell_share", "policy_question", "retention", "change_control", "access_delete", "segments"})


class Understander:
    def __init__(
        self,
        records_for: Callable[[str], CustomerRecords | None],
        classifier: IntentClassifier,
        vocabulary: set[str],
        catalog: Catalog,
        clock: Callable[[], datetime],
        router: IntentRouter | None = None,
    ) -> None:
        self._router = router  # LLM mode's router for close calls, when turned on
        self._records_for = records_for
        self._classifier = classifier
        self._vocabulary = vocabulary
        self._offer_words = offer_vocabulary(vocabulary)
        # Offer words that no customer group or kind of data uses too: "why am I on some 'family' list?" asks
        # about a group, and "why you need the names of people I invite to the family plan?" about data, whatever
        # offer "family" also names.
        self._offer_only = vocabulary - catalog_words(catalog)
        self._catalog = catalog
        self._clock = clock

    def understand(self, turn: Turn, *_: Any) -> Turn:
        conversation = turn.conversation
        # Keyed by the conversation's own customer id: no path here reaches another customer's records.
        # Read once per turn; evidence gathering reuses them.
        turn.records = self._records_for(conversation.customer_id)
        if turn.records is not None and not (turn.subject_ref or turn.decision_id or turn.injection or turn.foreign):
            # "She quotes pred.cancel-risk.20240603.004 from her export": one of the customer's own predictions.
            quoted = next((p for p in turn.records.predictions if _quotes(turn.question, p.prediction_id)), None)
            turn.subject_ref = f"prediction:{quoted.prediction_id}" if quoted else None
        # "the second one" after a list of offers, "and the one before that?" after an offer: settled once.
        placed = None
        if turn.records is not None and not turn.decision_id:
            placed = by_order(
                turn.question, turn.records, conversation.recent_decision_ids, conversation.listed_decision_ids
            )
        turn.intent = self._intent(turn, placed is not None)
        normalized = turn.intent.normalized
        if turn.intent.intent in ("other_customer", "injection"):
            return turn
        request = parse_request(
            normalized, self._catalog, turn.records, conversation.recent_decision_ids, conversation.recent_consent
        )
        dated = self._reread(turn, request, normalized)
        topic = conversation.recent_topic
        leans = _short(normalized) and bool(
            SHORT_WHEN.search(turn.question) or elliptical(turn.question) or CONTINUES.search(turn.question)
        )
        if turn.intent.intent == "policy_question" and topic and request.topic is None and leans:
            # "how quickly" after "if you got hacked would you tell me?": the same topic's sections.
            quotable = {k: v for k, v in self._catalog.sections.items() if k not in self._catalog.blocked}
            request = replace(request, topic=topic, topic_sections=sections_on(topic, quotable))
        if (
            turn.intent.intent in ABOUT_KINDS
            and conversation.recent_kinds
            and not (request.data_named or request.categories or request.sensitive)
            and leans_on_kinds(turn.question)
        ):
            # "and who else gets to know that about me?" after the sleep podcasts: that data's answer.
            # Only kinds this build still has: a conversation may outlive a rebuild of the pack.
            kinds = tuple(k for k in conversation.recent_kinds if k in self._catalog.categories)
            sensitive = tuple(k for k in conversation.recent_sensitive if k in self._catalog.categories)
            request = replace(request, data_named=kinds, categories=kinds, sensitive=sensitive)
        if turn.intent.intent == "out_of_scope":
            return turn
        if turn.intent.intent == "change_control" and not (request.purposes or request.categories):
            # "how I switch off the recomendation emails, the tidewater ones": the setting of the use that chose
            # the offer named.
            pointed = self._offer_pointed_at(turn, normalized)
            if pointed is not None:
                request = replace(request, recent_purpose=pointed.decisions[0].purpose)
        if turn.intent.intent == "consent_change" and request.segments and request.change is None:
            # "take me out of the trail runners one": no consent names a group; it is an objection to being placed.
            turn.intent = replace(turn.intent, intent="object_profiling")
        named = [self._catalog.purposes[p] for p in request.purposes if p in self._catalog.purposes]
        if (
            turn.intent.intent == "consent_status"
            and _BASIS_OUTRIGHT.search(normalized)
            and named
            and all(p.legal_basis != "consent" for p in named)
        ):
            # "On what legal basis do you send me plan offers when I never consented?": a use that needs no consent
            # is named, so its basis is what is asked, not the consent record ("what gives you the right to show
            # me offers?" alone is answered from the record: which offers rested on no consent).
            turn.intent = replace(turn.intent, intent="policy_question")
        if turn.intent.intent in _NOT_A_VALUE and request.record_fields:
            turn.intent = replace(turn.intent, intent="data_held")  # "is my phone number up to date?"
        main, also = two_questions(turn.question, turn.intent.intent, self._classifier.classify)
        if main != turn.intent.intent:
            turn.intent = replace(turn.intent, intent=main, runner_up=None, margin=1.0)
        if (
            # "…what on earth made you think I'm a student?" after naming the offer: its reasons say it, groups and
            # predictions behind it included.
            (also is None or also in LISTS)
            and main in _ABOUT_AN_OFFER_TOO
            and (dated := dated or self._named_offer(turn, normalized, by_name=True)) is not None
        ):
            # "I'm past 60 and you keep emailing me 'Students pay half'. Are you guessing my income?": the fairness
            # (or data, or sharing) question, then why that offer came.
            also = "why_offer"
        if also is None and request.topic not in (None, "rights") and main not in _OWN_ANSWER:
            # "stop profiling me: is a computer deciding things about me?" also gets what the policy's section on
            # that topic says.
            also = "policy_question"
        offered = alternative(turn.intent)
        if also is not None and offered == QUESTIONS.get(also):
            offered = None  # answered, so not offered
        turn.request = replace(request, alternative=offered, also=also, asked=what_was_asked(turn.question))
        group = conversation.recent_segment_id
        if (
            main == "segments"
            and group
            and not request.segments
            and not turn.subject_ref
            and _THAT_GROUP.search(normalized)
        ):
            turn.subject_ref = f"segment:{group}"  # "and did you use that group to pick my offers?"
        if main in ORIGINS and not turn.subject_ref and turn.records is not None and WHICH_WAS_THAT.search(normalized):
            # "what prediction was that?" after an offer: the one behind that offer.
            turn.subject_ref = origin_of(turn.records, conversation.recent_decision_ids, main)
        resolution = self._resolution(turn, placed, dated, also, normalized)
        if resolution is not None:
            turn.resolution = resolution
        return turn

    def _reread(self, turn: Turn, request: Request, normalized: str) -> Resolution | None:
        """The classifier's reading corrected by what the question names (the customer's own group, one offer
        pointed at, sensitive data, a policy topic); the offer resolved on the way, if any."""
        assert turn.intent is not None
        dated: Resolution | None = None
        if request.segments and (
            (turn.intent.intent == "policy_question" and not request.asks_basis)  # "is it legal to …": the policy
            or turn.intent.intent == "out_of_scope"
            # "am I still in that backcountry cooks thing now that I've stopped partner offers?": the group.
            or (turn.intent.intent == "consent_status" and _IN_GROUP.search(normalized))
            # "What makes your system think I am into football?": the customer's own group that says so.
            or (
                turn.intent.intent == "predictions"
                and group_meant(normalized, request.segments, self._catalog, turn.records)
                and not any(self._catalog.models[m].name.lower() in normalized for m in request.models)
            )
            or (
                turn.intent.intent == "why_offer"
                and turn.records is not None
                and not named_decisions(turn.question, turn.records)
                and (dated := self._dated_offer(turn, normalized) or self._named_offer(turn, normalized)) is None
            )
        ):
            # "What does being in 'Outdoor enthusiasts' mean?" or "why have you put me in keen email readers" asks
            # about the customer's own group: never refused, not a question about the policy or an offer.
            turn.intent = replace(turn.intent, intent="segments")
        if (
            (
                turn.intent.intent == "consent_status"
                # "I unsubscribed in March and in April your website is STILL pushing rain shells at me": a
                # complaint about that offer, not a question of how to unsubscribe.
                or (turn.intent.intent == "change_control" and REPORTED_CHANGE.search(normalized))
            )
            and _SHOWN.search(normalized)
            and topic_terms(normalized) & self._vocabulary
            and (dated := dated or self._offer_pointed_at(turn, normalized)) is not None
        ):
            # "I switched tailoring off on 30 July and on the 31st you showed me the pay yearly thing", "I opted out
            # ages ago but keep getting binocular emails": the offer.
            turn.intent = replace(turn.intent, intent="why_offer")
        if turn.intent.intent == "out_of_scope" and request.sensitive:
            # "do you know I'm diabetic??" is never refused: it asks what is held about sensitive data.
            turn.intent = replace(turn.intent, intent="data_held")
        short = word_count(normalized) <= _SHORT
        if turn.intent.intent == "out_of_scope" and request.data_named and short:
            # "my points??": a word or two naming a kind of data the customer's record holds asks what it holds.
            turn.intent = replace(turn.intent, intent="data_held")
        if turn.intent.intent == "out_of_scope" and request.topic_sections:
            # "what if you get hacked" is a privacy question its policy answers in a section of its own.
            turn.intent = replace(turn.intent, intent="policy_question")
        return dated

    def _resolution(
        self, turn: Turn, placed: Decision | None, dated: Resolution | None, also: str | None, normalized: str
    ) -> Resolution | None:
        """The offer an offer question (main or second) is about: placed by order, already resolved by date or
        name, or resolved now; None when no offer is asked about."""
        assert turn.intent is not None
        if placed is not None:
            return Resolution("one", [placed])
        asked = "why_offer" in (turn.intent.intent, also)
        if dated is not None and asked and not turn.decision_id:
            return dated  # already resolved while reading the question
        if asked and turn.records is not None:
            # Also when the offer question is the message's second one: its answer needs the offer too.
            # The raw text keeps ids and dates intact; the normalised text adds typo repairs.
            question = turn.decision_id or f"{turn.question} {normalized}"
            return resolve(
                question, turn.records, self._offer_words, self._clock(), turn.conversation.recent_decision_ids
            )
        return None

    def _dated_offer(self, turn: Turn, normalized: str) -> Resolution | None:
        """ "Why did the boot email on 2 April say I'm a trail runner?": a question that points to one offer by
        the day it came is about that offer, whatever group it also names. The offer, or None."""
        if turn.records is None or not date_windows(turn.question.lower(), self._clock()):
            return None
        return self._one_offer(turn, normalized)

    def _named_offer(self, turn: Turn, normalized: str, by_name: bool = False) -> Resolution | None:
        """ "got an email for 20% off leather hiking boots. i'm a trail runner, where'd that come from": a question
        naming one of the customer's offers by its own words is about that offer, whatever group it also names.
        `by_name`: two or more of an offer's own words name it without a word such as "offer" or "email"
        ("I see on TV only Kids Corner"). The offer, or None."""
        named = offer_name_words(turn.question, self._offer_only)
        if turn.records is None or not named or not (_AN_OFFER.search(turn.question) or (by_name and len(named) > 1)):
            return None
        return self._one_offer(turn, normalized)

    def _offer_pointed_at(self, turn: Turn, normalized: str) -> Resolution | None:
        """The one offer a complaint points to, by the day it came or by its own name."""
        return self._dated_offer(turn, normalized) or self._named_offer(turn, normalized, by_name=True)

    def _one_offer(self, turn: Turn, normalized: str) -> Resolution | None:
        """The one offer of the customer's the question resolves to, or None when it resolves to none or several."""
        assert turn.records is not None
        question = f"{turn.question} {normalized}"
        found = resolve(question, turn.records, self._offer_words, self._clock(), turn.conversation.recent_decision_ids)
        return found if found.kind == "one" else None

    def _intent(self, turn: Turn, placed: bool) -> IntentResult:
        conversation = turn.conversation
        lowered = turn.question.lower()
        if turn.decision_id:
            return IntentResult("why_offer", 1.0, lowered)
        if turn.subject_ref:
            segment = turn.subject_ref.startswith("segment:")
            return IntentResult("segments" if segment else "predictions", 1.0, lowered)
        if turn.injection:
            return IntentResult("injection", 1.0, lowered)
        if turn.foreign or asks_about_someone_else(turn.question):
            return IntentResult("other_customer", 1.0, lowered)
        result = self._classify(turn)
        if asks_child_rules(turn.question):
            # "My son is 17, does he get personalised offers?": the policy's rules for children.
            return IntentResult("policy_question", result.score, result.normalized)
        if placed:
            return IntentResult("why_offer", 1.0, result.normalized)
        if NEW_SUBJECT.search(turn.question) or (result.intent == "out_of_scope" and UNRELATED.search(turn.question)):
            return result  # a new subject, said so or plainly unrelated: not the answer before continued
        if is_follow_up(turn.question, result.intent, conversation.recent_decision_ids) or (
            conversation.awaiting_offer_choice
            and bool(topic_terms(result.normalized) & self._vocabulary)
            and result.intent in ("out_of_scope", "policy_question", "why_offer", "data_held")
        ):
            return IntentResult("why_offer", result.score, result.normalized)
        last = conversation.last_intent
        if last in HAS_STEPS and any(HOW_SOON.search(part) for part in _SENTENCE_END.split(turn.question)):
            # "how long does that take?" after asking for a copy: how soon the request is done, not retention
            # (also as one sentence of several: "the link was dead. how long was it meant to work??").
            return IntentResult(last, result.score, result.normalized)
        if last in _SETTING_SHOWN and WHERE_IS_IT.search(turn.question) and result.intent != "consent_change":
            return IntentResult("change_control", result.score, result.normalized)
        if last in _HAS_REASONS and BECAUSE_OF_THAT.search(turn.question) and result.intent != "fairness":
            return IntentResult(last, result.score, result.normalized)
        if last in LISTS and result.intent == "why_offer" and ON_THE_ONE.search(turn.question):
            return IntentResult(last, result.score, result.normalized)
        if last in _SETTING_SHOWN and _DO_IT.search(turn.question):
            # "ok do it. now pls" after how to get off the email list: the change itself, asked for (confirmed first).
            return IntentResult("consent_change", result.score, result.normalized)
        if last == "why_offer" and ONE_ON_A_DAY.search(turn.question):
            # "how much did my browsing count in the one on the 13th?" after an offer: another showing of it.
            return IntentResult("why_offer", result.score, result.normalized)
        if last == "why_offer" and result.intent == "out_of_scope" and THE_ONE.search(turn.question):
            # "no the other one, the sunday one" after an offer: another offer, by its order or its day.
            return IntentResult("why_offer", result.score, result.normalized)
        if (last in HAS_STEPS or last == "policy_question") and SHORT_WHEN.search(turn.question):
            # "how quickly" after "if you got hacked would you tell me?": how soon, by what was just said.
            return IntentResult(last, result.score, result.normalized)
        if last in LISTS and (THE_ONE.search(turn.question) or WHY_THAT.search(turn.question)):
            # "the email one, wat does it say?" after the customer's predictions: one of them.
            return IntentResult(last, result.score, result.normalized)
        if last in HAS_A_DATE and SAME_SUBJECT.search(turn.question):
            # "since when?" after a group or a prediction: that one's date, not how long data is kept.
            return IntentResult(last, result.score, result.normalized)
        if last not in (None, *NOT_CONTINUED) and elliptical(turn.question):
            # "and my device data?" after "how long do you keep my viewing history": the same question again.
            return IntentResult(last, result.score, result.normalized)
        if result.intent == "out_of_scope" and last not in (None, *NOT_CONTINUED) and CONTINUES.search(turn.question):
            # "How sure are you about that?" after a prediction: the same subject, not a refusal.
            return IntentResult(last, result.score, result.normalized)
        return result

    def _classify(self, turn: Turn) -> IntentResult:
        """The intent; a question naming one of the customer's decisions by reference is about that offer,
        and offer names are read as "this offer", so an unfamiliar product name cannot hide the question."""
        if turn.records is not None and named_decisions(turn.question, turn.records) is not None:
            return IntentResult("why_offer", 1.0, turn.question.lower())
        result = self._classifier.classify(turn.question)
        named = offer_name_words(turn.question, self._offer_only)
        asks_why = bool(ASKS_WHY.search(turn.question))
        names_offer = bool(named) and not names_a_field(turn.question)  # "my home address": a field
        if result.intent in ABOUT_KEPT_DATA and MY_DATA.search(turn.question):
            names_offer = False  # "why have you still got my meditation listening?": a kind of data, not an offer
        if result.intent == "segments" and _LABELLED.search(turn.question):
            names_offer = False  # "why am i a 'bike commuter'??": a label the customer was given, not an offer
        if asks_why and names_offer and result.intent in MAY_NAME_AN_OFFER:
            again = self._classifier.classify(mask_offer_names(turn.question, self._offer_only))
            # One everyday word some offer also uses ("via dei platani is my home, why you need it") turns a
            # question about data into one about an offer only if that reading is the clearer one. (A refusal's
            # margin means nothing: "paddleboards?? explain" is the offer question.)
            one_word = len(named) == 1
            data_reading = result.intent != "out_of_scope"
            if again.intent == "why_offer" and (not one_word or not data_reading or again.margin > result.margin):
                return IntentResult("why_offer", again.score, result.normalized)
        if result.intent == "consent_status" and (asked := _asked_after_report(turn.question)):
            # "I switched partner offers off in the summer. Is the audience stuff gone now?": the report is the
            # background; the question after it is what is asked, when it clearly asks something else.
            again = self._classifier.classify(asked)
            if (
                again.intent in QUESTIONS
                and again.intent not in ("consent_status", "why_offer")
                and again.margin >= CLOSE
            ):
                return IntentResult(again.intent, again.score, result.normalized, result.intent, again.margin)
        return routed(result, turn.question, self._router)


# Intents whose answer stands without a common topic's policy section added: the policy answer is that section,
# an offer is explained by its own record, and a consent change asks for confirmation.
_OWN_ANSWER = frozenset({"policy_question", "why_offer", "consent_change"})


# Questions about a practice that may name the one offer that raised them: that offer is explained too.
_ABOUT_AN_OFFER_TOO = frozenset({"fairness", "minimisation", "sell_share"})


# "ok do it", "then just do it for me", "go ahead and switch it off": after an answer that showed a setting.
_SETTING_SHOWN = frozenset({"change_control", "consent_status"})
_HAS_REASONS = frozenset({"why_offer", "segments", "predictions"})
_DO_IT = re.compile(
    r"^\W*((ok(ay)?|yes|yeah|fine|then|right|so)\W+)*(please |pls |just )?(do it|do that|go ahead|you do it|"
    r"do it for me|(switch|turn) (it|them|that) off)\b",
    re.I,
)


# The legal basis asked for outright (not "is that legal?", which is a complaint).
_BASIS_OUTRIGHT = re.compile(
    r"\b(legal|lawful) (basis|bases|grounds?)\b|\bwhat give?s? you the right\b|\bon what (legal )?(basis|grounds?)\b",
    re.I,
)


# A label quoted: "why am i a 'trail runner'??".
_LABELLED = re.compile(r"\bwhy am i (an? |in |on )?['\"‘“]", re.I)


# A sentence of its own, then a question in the next.
_STATEMENT_THEN_QUESTION = re.compile(r"^\s*(?P<said>[^.?!]+[.!]+)\s+(?P<asked>[^.!]*\?)\s*$")


def _short(text: str) -> bool:
    """A message of a few words, which leans on what was said before."""
    return word_count(text) <= LEANS


def _quotes(question: str, reference: str) -> bool:
    """Whether the question quotes this reference whole ("P-22" is not quoted by "P-223")."""
    return bool(re.search(rf"(?<![\w-]){re.escape(reference)}(?![\w-])", question))


def _asked_after_report(question: str) -> str | None:
    """The question after a sentence reporting a change ("I switched it off in May. Have you deleted …?")."""
    found = _STATEMENT_THEN_QUESTION.match(question)
    return found["asked"] if found and REPORTED_CHANGE.search(found["said"].lower()) else None
