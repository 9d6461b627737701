"""Profiling made visible: the groups a customer is in and the predictions made about them, from records."""

from __future__ import annotations

import re

from assistant.compose.builder import Draft, control_notes, control_text, day, offer_line, plain, sentence, your
from assistant.compose.policy import summary_of
from assistant.compose.stopped import already_stopped
from assistant.pack.controls import control_id_for
from assistant.pack.facts import selection
from assistant.pack.models import ConsentEvent, Membership, Prediction, PredictionModel, Segment
from assistant.records.store import CustomerRecords
from assistant.retrieval.retrievers import terms
from assistant.turn import Request

# The sentence of a background section that best explains objecting.
_OBJECT_WORDS = frozenset(terms("object to profiling"))


def certainty(score: float) -> str:
    """How sure a model is, in words first; the number follows in brackets."""
    if score >= 0.85:
        words = "very sure"
    elif score >= 0.7:
        words = "fairly sure"
    elif score >= 0.5:
        words = "not very sure"
    else:
        words = "unsure"
    return f"{words} (a score of {score:.2f} out of 1)"


def _purposes(draft: Draft, ids: list[str]) -> str:
    return ", ".join(draft.catalog.purposes[p].name for p in ids if p in draft.catalog.purposes)


def sensitive_names(draft: Draft, categories: set[str]) -> list[str]:
    return sorted(draft.catalog.categories[c].name.lower() for c in categories if draft.catalog.categories[c].sensitive)


def _section(draft: Draft, item: Segment | PredictionModel, used_for: list[str]) -> list[str]:
    if item.policy_section and item.policy_section in draft.catalog.sections:
        return [item.policy_section]
    return [draft.catalog.purposes[p].policy_section for p in used_for[:1] if p in draft.catalog.purposes]


def _opt_out(draft: Draft, item: Segment | PredictionModel, used_for: list[str]) -> str | None:
    return item.opt_out or next(
        (draft.catalog.purposes[p].opt_out for p in used_for if p in draft.catalog.purposes), None
    )


def _explain_membership(
    draft: Draft,
    m: Membership,
    current: bool,
    records: CustomerRecords | None = None,
    consents: list[ConsentEvent] | None = None,
) -> None:
    seg = draft.catalog.segments[m.segment_id]
    draft.claims.append(("segment", "", m.segment_id))
    period = f"since {day(m.since)}" if current else f"from {day(m.since)} to {day(m.until or m.since)}"
    evidence = "; ".join(f"“{e.signal}” ({your(draft.catalog.categories[e.data_category].name)})" for e in m.evidence)
    how = (
        f"a rule: {'; '.join(c.rule.rstrip('.') for c in seg.criteria)}"
        if seg.method == "rule"
        else f"a model (version {seg.model_version}) that looks at "
        + ", ".join(your(draft.catalog.categories[c.data_category].name) for c in seg.criteria)
    )
    draft.say(f"“{seg.name}”, {period}. {plain(seg.description)}", *_section(draft, seg, seg.used_for), bullet=True)
    draft.say(f"What put you there: {evidence}.", bullet=True)
    draft.say(f"How we decide: {how}.", bullet=True)
    draft.say(f"Used for: {_purposes(draft, seg.used_for)}.", bullet=True)
    if m.until is not None and consents:
        _ended_by_withdrawal(draft, m, seg, consents)
    used = {c.data_category for c in seg.criteria} | {e.data_category for e in m.evidence}
    if records is not None:
        _offers_from(draft, records, m.segment_id)
    if sensitive := sensitive_names(draft, used):
        draft.say(
            f"This group uses sensitive data ({', '.join(sensitive)}). It should not be used to choose "
            "offers, and we have flagged it for our privacy team.",
            bullet=True,
        )


def _ended_by_withdrawal(draft: Draft, m: Membership, seg: Segment, consents: list[ConsentEvent]) -> None:
    """ "Why did my groups all end on 27 July?": a membership that ended the day the customer withdrew a consent the
    group was used for ended because of it (the policy: groups that rely on a consent stop when it is withdrawn)."""
    until = m.until
    if until is None:
        return
    withdrawal = next(
        (e for e in consents if e.status == "withdrawn" and e.purpose in seg.used_for and e.at.date() == until.date()),
        None,
    )
    if withdrawal is None:
        return
    purpose = draft.catalog.purposes.get(withdrawal.purpose)
    if purpose is None:
        return
    draft.claims.append(("consent", "", withdrawal.event_id))
    said = f" Our record says: {sentence(withdrawal.evidence)}" if withdrawal.evidence else ""
    draft.say(
        f"It ended when you withdrew your consent to {purpose.name} on {day(withdrawal.at)} "
        f"(ref {withdrawal.event_id}).{said}",
        bullet=True,
    )


_MOST_OFFERS = 3  # offers chosen with a group, newest first


def _offers_from(draft: Draft, records: CustomerRecords, segment_id: str) -> None:
    """ "Did you use that group to choose what you sent me?": the customer's offers that used it as a signal."""
    used = [d for d in records.decisions if any(p.segment_id == segment_id for p in d.parameters)]
    if not used:
        draft.say("None of the offers in our records for you was chosen with this group.", bullet=True)
        return
    more = f" (the {_MOST_OFFERS} newest of {len(used)})" if len(used) > _MOST_OFFERS else ""
    draft.say(f"Offers chosen with this group{more}:", bullet=True)
    for d in used[:_MOST_OFFERS]:
        draft.say(f"{offer_line(records, d)}.", bullet=True)


def compose_segments(draft: Draft, records: CustomerRecords, request: Request, subject: str | None) -> None:
    memberships = records.memberships
    if not subject and len(request.segments) == 1:
        # One of the customer's own groups named in the question ("why am I in Keen email readers?").
        subject = request.segments[0]
    if subject:
        memberships = [m for m in memberships if m.segment_id == subject]
    current = [m for m in memberships if m.until is None]
    past = [m for m in memberships if m.until is not None]
    if not memberships:
        draft.say("Our records do not place you in any customer group.")
        return
    if current:
        draft.say("These are the customer groups our records place you in now:")
        for m in current:
            _explain_membership(draft, m, current=True, records=records if subject else None)
    elif not subject:
        draft.say("Our records do not place you in any customer group now.")
    if past and (subject or request.past or not current):
        draft.say("Groups you were in before:")
        for m in past:
            _explain_membership(
                draft, m, current=False, records=records if subject else None, consents=records.consents
            )
    elif past:
        draft.say(f"You were also in {len(past)} other group(s) before. Ask me about your past groups to see them.")
    _controls(
        draft,
        [draft.catalog.segments[m.segment_id] for m in memberships],
        [draft.catalog.segments[m.segment_id].used_for for m in memberships],
        "being placed in groups",
    )


def _latest(predictions: list[Prediction]) -> list[Prediction]:
    seen: dict[str, Prediction] = {}
    for p in predictions:  # newest first
        seen.setdefault(p.model, p)
    return list(seen.values())


def compose_predictions(draft: Draft, records: CustomerRecords, request: Request, subject: str | None) -> None:
    if subject:
        predictions = [p for p in records.predictions if p.prediction_id == subject]
    else:
        # "was it always like that? back in March too?": the earlier estimates as well, newest first.
        predictions = list(records.predictions) if request.past else _latest(records.predictions)
    if not predictions:
        draft.say("Our records hold no predictions about you.")
        return
    predictions.sort(key=lambda p: p.model not in request.models)
    draft.say("This is what our models estimate about you, from our records:")
    for p in predictions:
        model = draft.catalog.models[p.model]
        draft.claims.append(("prediction", "", p.prediction_id))
        draft.say(
            f"{model.name}: {model.labels[p.label]}. The model is {certainty(p.score)}. "
            f"Worked out on {day(p.computed_at)} (model version {p.model_version}, ref {p.prediction_id}). "
            f"Used for: {_purposes(draft, p.used_for)}.",
            *_section(draft, model, p.used_for),
        )
        draft.say("The main factors, most important first:")
        for f in sorted(p.factors, key=lambda f: -f.weight):
            name = your(draft.catalog.categories[f.data_category].name)
            draft.say(f"“{f.signal}” ({name}, weight {f.weight:.2f}).", bullet=True)
        if sensitive := sensitive_names(draft, {f.data_category for f in p.factors}):
            draft.say(
                f"This prediction uses sensitive data ({', '.join(sensitive)}). We have flagged it for our "
                "privacy team.",
                bullet=True,
            )
    draft.say(
        "These are estimates, not facts about you, and no decision with legal or similar effects is made "
        "from them alone.",
        *([s] if (s := _profiling_section(draft)) else []),
    )
    _controls(
        draft,
        [draft.catalog.models[p.model] for p in predictions],
        [p.used_for for p in predictions],
        "these predictions",
    )


_AUTOMATED = re.compile(r"automated|profiling", re.I)


def _profiling_section(draft: Draft) -> str | None:
    """The policy section on automated decisions or profiling, found by its title in any pack."""
    return next((s.section_id for s in draft.catalog.sections.values() if _AUTOMATED.search(s.title)), None)


def _controls(draft: Draft, items: list[Segment] | list[PredictionModel], used_for: list[list[str]], what: str) -> None:
    controls = []
    for item, purposes in zip(items, used_for, strict=True):
        control_id = _opt_out(draft, item, purposes)  # type: ignore[arg-type]
        if control_id and control_id in draft.catalog.company.controls and control_id not in controls:
            controls.append(control_id)
    if controls:
        draft.say(f"To object to {what}, use:")
    for control_id in controls:
        draft.say(control_text(draft.catalog.company.controls[control_id]), bullet=True)


def compose_object_profiling(
    draft: Draft,
    records: CustomerRecords | None,
    background: str | None,
    named: tuple[str, ...] = (),
    models: tuple[str, ...] = (),
    words: frozenset[str] = frozenset(),
) -> None:
    """`named`: the customer's own groups the question names ("I object to being profiled as a football fan");
    `models`: the prediction models it names ("stop guessing whether I'm going to stop shopping")."""
    catalog = draft.catalog
    if background:
        draft.say(summary_of(draft, background, _OBJECT_WORDS), background)
    else:
        draft.say("You can object to profiling. Here is how.")
    for segment in [catalog.segments[s] for s in named if s in catalog.segments]:
        draft.claims.append(("segment", "", segment.id))
        draft.say(f"The group “{segment.name}” is used for: {_purposes(draft, segment.used_for)}.", bullet=True)
    # One or two named by what they are about ("whether I'm going to stop shopping"), not by the words of the
    # objection itself ("stop making predictions"); more means the words fit many models loosely, naming none.
    fitting = [catalog.models[m] for m in models if m in catalog.models and _about(catalog.models[m], words)]
    for model in fitting[: 2 if len(fitting) <= 2 else 0]:
        cites = [model.policy_section] if model.policy_section else []
        draft.say(f"The prediction “{model.name}”: {plain(model.description)}", *cites, bullet=True)
    controls: list[str] = []
    # The purposes this customer's offers were personalised for (from the log), else those declared to
    # profile, else every purpose a customer can object to or withdraw from.
    personal = (
        {d.purpose for d in records.decisions if selection(d, catalog.categories) == "personalised"}
        if records
        else set()
    )
    candidates = [p for p in catalog.purposes.values() if p.id in personal or p.profiling] or [
        p for p in catalog.purposes.values() if p.legal_basis in ("consent", "legitimate_interest")
    ]
    for purpose in candidates:
        if purpose.opt_out and purpose.opt_out not in controls:
            controls.append(purpose.opt_out)
    profiles: list[Segment | PredictionModel] = [*catalog.segments.values(), *catalog.models.values()]
    for item in profiles:
        if item.opt_out and item.opt_out not in controls:
            controls.append(item.opt_out)
    usable = [c for c in controls if c in catalog.company.controls]
    if usable:
        draft.say("You can use these settings:")
    # The objection's own control with its notes ("You do not need to give a reason", "We answer within one month").
    objection = control_id_for(catalog.company, "object_marketing")
    for control_id in usable:
        control = catalog.company.controls[control_id]
        asked = control_id == objection or control.label.lower().startswith("object")
        notes = control_notes(control) if asked else ""
        draft.say(control_text(control) + (f" {notes}" if notes else ""), bullet=True)
    if usable:
        # A right is never only a setting: someone without the app or an account can still write.
        draft.say(f"Or write to {catalog.company.contacts.privacy_email}.")
    else:
        draft.exercise(None, "object to profiling for marketing at any time, and we must then stop")
    if records is not None:
        already_stopped(draft, records, candidates)
    if records is not None and (records.memberships or records.predictions):
        draft.say(
            f"Our records hold {len({m.segment_id for m in records.memberships if m.until is None})} "
            f"current group(s) and {len(_latest(records.predictions))} prediction(s) about you. "
            "Ask me about them to see why."
        )


def _about(model: PredictionModel, words: frozenset[str]) -> bool:
    """Whether the question names the model by what it is about: not only by words an objection uses anyway
    ("stop making predictions"); a model named in everyday words alone ("someone who is going to leave") is."""
    shared = words & set(terms(f"{model.name} {model.description}"))
    return not shared or not shared <= _OBJECTING


# Words of an objection, not of what it is about.
_OBJECTING = frozenset(
    terms(
        "stop stopping object objecting quit cease end block prevent want making make made predict predicting "
        "prediction predictions guess guessing guesses score scoring scores profile profiling estimate estimating "
        "model models analyse analysing analyze analyzing"
    )
)
