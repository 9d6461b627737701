"""Why was this offer shown: every sentence from the decision log, the consent ledger and the catalog."""

from __future__ import annotations

from assistant.compose.builder import BASIS_WORDS, Draft, control_text, day, plain, possessive, sentence, your
from assistant.compose.profile import sensitive_names
from assistant.consent import check_decision, current
from assistant.pack.models import Decision, Parameter
from assistant.resolve import Resolution
from assistant.store import CustomerRecords

_CHANNEL_WORDS = {"email": "in an email", "app": "in our app", "web": "on our website"}


def channel_words(channel: str) -> str:
    return _CHANNEL_WORDS.get(channel, f"through {channel}")


def offer_line(records: CustomerRecords, d: Decision) -> str:
    offer = records.offers[d.offer_id]
    return f"“{offer.title}”, {channel_words(d.channel)}, on {day(d.shown_at)} (ref {d.decision_id})"


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
        draft.say(lead)
        _list_recent(draft, records, resolution.decisions, None)
        draft.say("Tell me the offer's name or date, or use the “Why am I seeing this?” button next to it.")
        return
    explain_decision(draft, records, resolution.decisions[0], background)
    others = resolution.decisions[1:]
    if others:
        when = ", ".join(f"{day(d.shown_at)} ({channel_words(d.channel)}, ref {d.decision_id})" for d in others[:5])
        draft.say(f"We also showed you this offer on {when}. Ask about one of those dates for its reasons.")


def _list_recent(draft: Draft, records: CustomerRecords, decisions: list[Decision], lead: str | None) -> None:
    if lead and decisions:
        draft.say(lead)
    for d in decisions:
        draft.say(offer_line(records, d), bullet=True)


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
    else:
        draft.say(f"It is {possessive(catalog.company.name)} own offer. No partner paid for it.")

    # The notice passage explains the offer model: it backs the personalised case, not the contextual one.
    basis_cites = [purpose.policy_section, *([background] if background and purpose.profiling else [])]
    if purpose.profiling:
        draft.say(
            f"It was personalised. Our offer model (version {d.model_version}) chose it for you "
            "using a profile built from your data.",
            *basis_cites,
        )
    elif d.parameters:
        draft.say(
            f"It was not personalised. Our rules (version {d.model_version}) chose it only from the "
            "context at that moment, so anyone in the same context would have seen it.",
            *basis_cites,
        )
    else:
        draft.say(
            "It was not personalised. It was a general offer for all customers. "
            "No data about you was used to choose it.",
            *basis_cites,
        )

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
                f"Where this data comes from: {'; '.join(category.sources)}.{_origin(draft, records, p)}",
                bullet=True,
            )

    draft.say(
        f"We used your data for this purpose: {purpose.name}. Our legal basis is {BASIS_WORDS[purpose.legal_basis]}.",
        purpose.policy_section,
    )
    _consent_lines(draft, records, d)
    if purpose.opt_out and purpose.opt_out in catalog.company.controls:
        draft.say(f"To change this, use {control_text(catalog.company.controls[purpose.opt_out])}")
    if (
        d.channel == "email"
        and "email_unsubscribe" in catalog.company.controls
        and purpose.opt_out != "email_unsubscribe"
    ):
        draft.say(f"To stop offers by email, use {control_text(catalog.company.controls['email_unsubscribe'])}")
    draft.say(f"Questions about this? Write to {catalog.company.contacts.privacy_email}.")


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
        f"(privacy notice version {grant.policy_version}). Our record says: {sentence(grant.evidence)}"
    )
    w = check.withdrawal
    if check.shown_after_withdrawal and w is not None:
        draft.say(
            f"This offer should not have been shown this way. You withdrew your consent on {day(w.at)}, "
            f"before we showed this offer on {day(d.shown_at)}. That was our mistake, and we have "
            "recorded it for our privacy team."
        )
    elif w is not None:
        draft.say(
            f"You withdrew this consent on {day(w.at)}, after this offer was shown. "
            "Offers shown after that date must not rely on it."
        )
        now = current(records.consents, d.purpose)
        if now is not None and now.status == "granted" and now.at > w.at:
            draft.say(f"You gave consent again on {day(now.at)}.")


def _origin(draft: Draft, records: CustomerRecords, p: Parameter) -> str:
    """Where a reason came from when a group or a prediction produced it, pointing to that explanation."""
    if p.segment_id and p.segment_id in draft.catalog.segments:
        draft.claims.append(("segment", "", p.segment_id))
        segment = draft.catalog.segments[p.segment_id]
        used = {c.data_category for c in segment.criteria}
        used |= {e.data_category for m in records.memberships if m.segment_id == segment.id for e in m.evidence}
        text = (
            f" This reason comes from a customer group we placed you in, “{segment.name}”. "
            f"Ask “Why am I in {segment.name}?” to see why."
        )
        if sensitive := sensitive_names(draft, used):
            text += (
                f" That group uses sensitive data ({', '.join(sensitive)}), which must not be used to choose "
                "offers. We have flagged this for our privacy team."
            )
        return text
    prediction = next((x for x in records.predictions if x.prediction_id == p.prediction_id), None)
    if prediction is not None and prediction.model in draft.catalog.models:
        draft.claims.append(("prediction", "", prediction.prediction_id))
        model = draft.catalog.models[prediction.model]
        return (
            f" This reason comes from a prediction about you, “{model.name}”. "
            "Ask “What do you predict about me?” to see it."
        )
    return ""
