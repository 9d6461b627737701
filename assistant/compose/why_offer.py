"""Why was this offer shown: every sentence from the decision log, the consent ledger and the catalog."""

from __future__ import annotations

import re
from collections import Counter

from assistant.compose.builder import (
    BASIS_RIGHT,
    BASIS_WORDS,
    Draft,
    body_sentences,
    channel_words,
    day,
    offer_line,
    plain,
    possessive,
    sentence,
    your,
)
from assistant.compose.profile import certainty
from assistant.pack.consent import check_decision, current, state_at
from assistant.pack.controls import control_id_for, email_consent
from assistant.pack.facts import SensitiveUse, selection, sensitive_uses
from assistant.pack.models import Decision, Parameter
from assistant.records.store import Catalog, CustomerRecords
from assistant.turn import Resolution

# A purpose's sentence on the offers it shows with no data about anyone ("Some house ads for our paid plans are
# shown to every Free listener in a country, with no signals at all"): the policy's word for a general offer.
_FOR_EVERYONE = re.compile(
    r"\bno signals\b|\bshown to (every|all)\b|\b(the )?same (\w+ ){0,3}(for|as|to) everyone\b|\bno data about you\b",
    re.I,
)


def compose_why(draft: Draft, records: CustomerRecords, resolution: Resolution, background: str | None) -> None:
    """Explain one decision, or say plainly that the log has no match, or ask which one."""
    if resolution.kind == "none":
        draft.say(
            f"I have no record of showing you an offer matching “{resolution.reason}”. "
            "I only explain offers that are in our records, so I will not guess.",
        )
        _list_recent(draft, records, records.decisions[:5], "These are the most recent offers we showed you:")
        return
    if resolution.kind in ("unspecified", "ambiguous"):
        draft.needs_clarification = True
        lead = (
            "More than one offer fits your question. Which one do you mean?"
            if resolution.kind == "ambiguous"
            else "Which offer do you mean? These are your most recent offers:"
        )
        if not resolution.decisions:
            draft.say("We have no record of showing you any offers.")
            return
        if resolution.kind == "unspecified":
            _overview(draft, records)
        draft.say(lead)
        _list_recent(draft, records, resolution.decisions, None)
        draft.say("Tell me the offer's name or date, or use the “Why am I seeing this?” button next to it.")
        return
    if resolution.reason:
        draft.say(f"We did not show you this offer {resolution.reason}; here is when we did, and why.")
    explain_decision(draft, records, resolution.decisions[0], background)
    others = resolution.decisions[1:]
    if others:
        draft.say("We also showed you this offer at these times. Ask about one of them for its reasons:")
        for d in others[:5]:
            draft.say(f"{day(d.shown_at)}, {channel_words(d.channel)} (ref {d.decision_id}).", bullet=True)
        _other_reasons(draft, resolution.decisions[0], others)
    if resolution.others:
        # The best fit is answered; the others the words also fit are one click away.
        draft.say("Your words also fit other offers we showed you. Ask about one of them:")
        for d in resolution.others:
            question = f"Why did I see {d.decision_id}?"
            draft.say(f"{offer_line(records, d)}: “{question}”", bullet=True)
            draft.choices.append(question)


_MOST_OTHER_REASONS = 2


def _other_reasons(draft: Draft, first: Decision, others: list[Decision]) -> None:
    """ "Why do I keep getting Midnight Cinema?": the reasons other showings of the offer had that the one explained
    did not (a group, another signal), with how many of them had each, so a repeated offer is not explained by one
    showing alone."""
    own = {p.signal for p in first.parameters}
    found: dict[str, Decision] = {}
    count: Counter[str] = Counter()
    for d in others:
        for p in d.top_parameters():
            if p.signal not in own:
                found.setdefault(p.signal, d)
                count[p.signal] += 1
    if not found:
        return
    showings = f"other {len(others)} showings" if len(others) > 1 else "other showing"
    draft.say(f"The {showings} of this offer also had these reasons:")
    for signal, n in count.most_common(_MOST_OTHER_REASONS):
        d = found[signal]
        draft.claims.append(("signal", d.decision_id, signal))
        # The reference attributes the reason to a showing that had it, not to the one explained above.
        draft.say(f"“{signal}”, in {n} of the {len(others)} (ref {d.decision_id}).", bullet=True)


_KIND_WORDS = {
    "personalised": "personalised (chosen using data about you)",
    "contextual": "chosen only from the context at that moment",
    "general": "general (no data about you)",
}


def _overview(draft: Draft, records: CustomerRecords) -> None:
    """ "Why am I getting these offers?": how all of them were chosen, by purpose, from the log."""
    catalog = draft.catalog
    by_purpose: dict[str, list[Decision]] = {}
    for d in records.decisions:
        by_purpose.setdefault(d.purpose, []).append(d)
    draft.say(f"Our records show {len(records.decisions)} offers we showed you. This is how they were chosen:")
    for purpose_id, decisions in sorted(by_purpose.items(), key=lambda kv: -len(kv[1])):
        purpose = catalog.purposes[purpose_id]
        kinds = Counter(selection(d, catalog.categories) for d in decisions).most_common()
        count = f"{len(decisions)} offer{'s' * (len(decisions) > 1)}"
        if len(kinds) == 1:
            how = f"{count}, {'all ' * (len(decisions) > 1)}{_KIND_WORDS[kinds[0][0]]}"
        else:
            how = f"{count}: " + ", ".join(f"{n} {_KIND_WORDS[kind]}" for kind, n in kinds)
        draft.say(
            f"{purpose.name}: {how}. Legal basis: {BASIS_WORDS[purpose.legal_basis]}.",
            purpose.policy_section,
            bullet=True,
        )


def _list_recent(draft: Draft, records: CustomerRecords, decisions: list[Decision], lead: str | None) -> None:
    if lead and decisions:
        draft.say(lead)
    for d in decisions:
        draft.say(offer_line(records, d), bullet=True)
        draft.listed.append(d.decision_id)


def how_chosen(d: Decision, how: str) -> str:
    """How one decision was made, in one sentence; `how` is `pack.facts.selection` of it."""
    if how == "personalised":
        return (
            f"It was personalised. Our offer model (version {d.model_version}) chose it for you using data about you."
        )
    if how == "contextual":
        return (
            f"It was not personalised. Our rules (version {d.model_version}) chose it only from the "
            "context at that moment, so anyone in the same context would have seen it."
        )
    return "It was not personalised. Our records show no data about you behind this choice: it was a general offer."


def explain_decision(draft: Draft, records: CustomerRecords, d: Decision, background: str | None) -> None:
    catalog = draft.catalog
    offer = records.offers[d.offer_id]
    purpose = catalog.purposes[d.purpose]
    draft.decision_ids.append(d.decision_id)
    draft.say(
        f"On {day(d.shown_at)} we showed you the offer “{offer.title}” {channel_words(d.channel)}. "
        f"{plain(offer.description)}"
    )
    if offer.sponsor:
        draft.say(f"This is a sponsored offer: {offer.sponsor} paid for it to be shown.")
        _sponsor_receives(draft)
    else:
        draft.say(f"It is {possessive(catalog.company.name)} own offer. No partner paid for it.")

    # How it was chosen follows from the logged parameters, never from what the purpose declares.
    how = selection(d, catalog.categories)
    # A policy passage that describes this model version backs "our offer model chose it".
    model_section = _model_section(draft, d.model_version, background)
    basis_cites = [purpose.policy_section, *([model_section] if model_section else [])]
    # The contextual and general cases rest on the log alone; the purpose line below cites the policy.
    draft.say(how_chosen(d, how), *(basis_cites if how == "personalised" else []))
    if how == "general":
        draft.quote_first([purpose.policy_section], _FOR_EVERYONE)  # the purpose's words on offers alike for all

    if d.parameters:
        draft.say("The main reasons, most important first:")
        for p in d.top_parameters():
            category = catalog.categories[p.data_category]
            draft.claims += [
                ("signal", d.decision_id, p.signal),
                ("category", d.decision_id, p.data_category),
            ]
            # The signal is quoted as logged: rewording it could change what it says.
            draft.say(
                f"“{p.signal}” — from {your(category.name)} (weight {p.weight:.2f}). "
                f"Where this data comes from: {'; '.join(category.sources)}.",
                bullet=True,
            )
            explain_origin(draft, records, d, p)
    _sensitive_lines(draft, records, d)

    draft.say(
        f"We used your data for this purpose: {purpose.name}. Our legal basis is {BASIS_WORDS[purpose.legal_basis]}.",
        purpose.policy_section,
    )
    _consent_lines(draft, records, d)
    if d.channel == "email":
        _email_consent(draft, records, d)
    # The consent lines already state the right to object to a legitimate interest.
    draft.exercise(
        purpose.opt_out, BASIS_RIGHT[purpose.legal_basis], right_said=purpose.legal_basis == "legitimate_interest"
    )
    unsubscribe = control_id_for(catalog.company, "unsubscribe")
    if d.channel == "email" and purpose.opt_out != unsubscribe:
        draft.exercise(unsubscribe, "stop marketing emails at any time", "To stop offers by email, use")
    # The log's reference lets the privacy team (or a later question) find this exact decision.
    draft.say(
        f"Questions about this? Write to {catalog.company.contacts.privacy_email} "
        f"and give the reference {d.decision_id}."
    )


def _email_consent(draft: Draft, records: CustomerRecords, d: Decision) -> None:
    """An offer sent by email rests also on the consent to marketing emails, when the pack has one apart from the
    offer's own purpose: its state when the email was sent, from the customer's ledger ("I unsubscribed in
    August, so why an email in October?" — they switched emails back on in September)."""
    catalog = draft.catalog
    emails = email_consent(catalog.company, catalog.purposes.values())
    if emails is None or emails.id == d.purpose:
        return
    in_force = state_at(records.consents, emails.id, d.shown_at)
    if in_force is None:
        draft.say(f"Our records hold no consent from you to {emails.name.lower()} when we sent this email.")
        return
    draft.claims.append(("consent", d.decision_id, in_force.event_id))
    said = f" Our record says: {sentence(in_force.evidence)}" if in_force.evidence else ""
    if in_force.status == "granted":
        draft.say(
            f"We could send it by email because your consent to {emails.name.lower()} was on: you gave it on "
            f"{day(in_force.at)} (ref {in_force.event_id}).{said}",
            emails.policy_section,
        )
        return
    draft.say(
        f"You had withdrawn your consent to {emails.name.lower()} on {day(in_force.at)} (ref {in_force.event_id}), "
        f"before we sent this email.{said} Please tell our privacy team at {catalog.company.contacts.privacy_email}.",
        emails.policy_section,
    )


def _consent_lines(draft: Draft, records: CustomerRecords, d: Decision) -> None:
    if d.legal_basis == "legitimate_interest":
        draft.say("You have the right to object to this at any time, and we will stop.")
        return
    check = check_decision(records.consents, d)
    if check is None:
        return
    grant = check.grant
    draft.claims.append(("consent", d.decision_id, grant.event_id))
    draft.say(
        f"You gave this consent on {day(grant.at)} via {grant.source.replace('_', ' ')} "
        f"(privacy notice version {grant.policy_version}, ref {grant.event_id}). Our record says: "
        f"{sentence(grant.evidence)}"
    )
    w = check.withdrawal
    if check.shown_after_withdrawal and w is not None:
        draft.say(
            "This offer should not have been shown this way: it was shown after the consent it relied on was "
            f"withdrawn. You withdrew your consent on {day(w.at)}, before we showed this offer on "
            f"{day(d.shown_at)}. That was our mistake, and we have recorded it for our privacy team."
        )
    elif w is not None:
        draft.say(
            f"You withdrew this consent on {day(w.at)}, after this offer was shown. "
            "Offers shown after that date must not rely on it."
        )
        now = current(records.consents, d.purpose)
        if now is not None and now.status == "granted" and now.at > w.at:
            draft.say(f"You gave consent again on {day(now.at)}.")


def _model_section(draft: Draft, model_version: str, background: str | None) -> str | None:
    """The policy section about this model version: one titled with it, else the retrieved passage or another
    section that names it in its text, if any."""
    wanted = model_version.lower()
    sections = draft.catalog.sections
    titled = next((sid for sid, s in sections.items() if wanted in s.title.lower()), None)
    if titled is not None:
        return titled
    order = ([background] if background else []) + [sid for sid in sections if sid != background]
    return next((sid for sid in order if wanted in sections[sid].text.lower()), None)


def uses_of_sensitive_data(catalog: Catalog, records: CustomerRecords, d: Decision) -> list[SensitiveUse]:
    """Every route by which decision `d` used sensitive data, read against this customer's groups and predictions."""
    segments = {s: catalog.segments[s] for s in {m.segment_id for m in records.memberships} if s in catalog.segments}
    predictions = {p.prediction_id: p for p in records.predictions}
    return sensitive_uses(d, catalog.categories, segments, records.memberships, predictions)


def _sensitive_lines(draft: Draft, records: CustomerRecords, d: Decision) -> None:
    """Sensitive data behind an offer, however it got there, said plainly (DSA Art. 26(3), GDPR Art. 9)."""
    catalog = draft.catalog
    uses = uses_of_sensitive_data(catalog, records, d)
    if not uses:
        return
    names = sorted({catalog.categories[c].name.lower() for u in uses for c in u.categories})
    routes = []
    if any(u.via == "parameter" for u in uses):
        routes.append("directly")
    for u in uses:
        if u.via in ("segment", "membership") and u.ref in catalog.segments:
            routes.append(f"through the customer group “{catalog.segments[u.ref].name}”")
        elif u.via == "prediction":
            model = next((catalog.models[p.model] for p in records.predictions if p.prediction_id == u.ref), None)
            routes.append(f"through the prediction “{model.name}”" if model else "through a prediction")
    draft.say(
        f"This offer was chosen using sensitive data about you ({', '.join(names)}), "
        f"{' and '.join(dict.fromkeys(routes))}. Sensitive data must not be used to choose ads. "
        "We have flagged this for our privacy team."
    )


def explain_origin(draft: Draft, records: CustomerRecords, d: Decision, p: Parameter) -> None:
    """A reason that came from a group or a prediction, explained through that profile: what it is, what
    put the customer there or what it rests on, and since when."""
    catalog = draft.catalog
    if p.segment_id and p.segment_id in catalog.segments:
        segment = catalog.segments[p.segment_id]
        draft.claims.append(("segment", "", p.segment_id))
        member = next(
            (m for m in records.memberships if m.segment_id == segment.id and m.covers(d.shown_at)),
            None,
        )
        since = f" since {day(member.since)}" if member else ""
        draft.say(
            f"This reason comes from a customer group we placed you in{since}: “{segment.name}”. "
            f"{sentence(segment.description)}",
            bullet=True,
        )
        if member is not None:
            draft.say("What put you in this group:", bullet=True)
            for e in member.evidence:
                draft.say(f"“{e.signal}” ({your(catalog.categories[e.data_category].name)}).", bullet=True)
        return
    prediction = next((x for x in records.predictions if x.prediction_id == p.prediction_id), None)
    if prediction is not None and prediction.model in catalog.models:
        draft.claims.append(("prediction", "", prediction.prediction_id))
        model = catalog.models[prediction.model]
        draft.say(
            f"This reason comes from a prediction about you, “{model.name}”, worked out on "
            f"{day(prediction.computed_at)}: {model.labels[prediction.label]}. "
            f"The model is {certainty(prediction.score)}.",
            bullet=True,
        )
        draft.say("It rests on:", bullet=True)
        for f in sorted(prediction.factors, key=lambda f: -f.weight):
            draft.say(f"“{f.signal}” ({your(catalog.categories[f.data_category].name)}).", bullet=True)


def _sponsor_receives(draft: Draft) -> None:
    """ "Does the brand now have my details?" is the first worry about a sponsored offer: the policy's shortest
    sentence on what sponsors receive ("Sponsors get only totals, never your data."), quoted."""
    found = [
        (len(text.split()), section_id, text)
        for section_id, section in draft.catalog.sections.items()
        if section_id not in draft.catalog.blocked
        for text in body_sentences(section)
        if _SPONSOR_GETS.search(text)
    ]
    if found:
        _, section_id, text = min(found)
        draft.cite(section_id, text)
        draft.say(f"Our policy says: “{text}”", section_id)


# A policy sentence on what sponsors receive: "Sponsors never receive your personal data; they receive only totals".
_SPONSOR_GETS = re.compile(
    r"\bsponsors?\b[^.;]*\b(never|not|only)\b[^.]*\b(personal data|your data|totals|aggregated?|reports?)\b", re.I
)
