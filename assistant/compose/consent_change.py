"""Consent changes in the conversation: ask to confirm, then say what was recorded."""

from __future__ import annotations

import re

from assistant.compose.builder import BASIS_WORDS, TAKES_EFFECT, Draft, control_text, day, sentence, steps_naming
from assistant.pack.consent import current
from assistant.pack.controls import email_consent
from assistant.pack.models import ConsentEvent, Control
from assistant.records.store import Catalog, CustomerRecords
from assistant.turn import ChangeRequest, Request


def compose_request(draft: Draft, records: CustomerRecords, change: ChangeRequest | None) -> ChangeRequest | None:
    """Ask the customer to confirm; None when there is nothing to confirm."""
    catalog = draft.catalog
    if change is None:
        _which(draft, records)
        return None
    if change.more:
        return _several(draft, records, change)
    purpose = catalog.purposes[change.purpose]
    latest = current(records.consents, change.purpose)
    already = (latest is not None and latest.status == change.status) or (
        latest is None and change.status == "withdrawn"
    )
    if already:
        state = "given" if change.status == "granted" else "not given or withdrawn"
        since = f" since {day(latest.at)}" if latest else ""
        draft.say(f"Nothing to change: your consent to {purpose.name} is {state}{since}.", purpose.policy_section)
        settled = catalog.company.controls.get(purpose.opt_out or "")
        if settled:
            draft.say(f"You can see and change it here: {_yourself(settled, steps_naming(settled, purpose.name))}")
        return None
    verb = "withdraw your consent to" if change.status == "withdrawn" else "give your consent to"
    draft.say(
        f"You asked to {verb} {purpose.name}. {purpose.description.split('.')[0].strip()}.", purpose.policy_section
    )
    control = catalog.company.controls.get(purpose.opt_out or "")
    steps = steps_naming(control, purpose.name)
    when = next((s for s in steps if TAKES_EFFECT.search(s)), None)
    if when:
        # When the change applies ("We stop sending marketing emails within 24 hours"), in the control's own words.
        draft.say(f"When it takes effect: {when}")
    if change.status == "withdrawn":
        _data_after(draft, change.purpose)
    draft.say("Please confirm: reply “yes” to make this change, or “no” to keep things as they are.")
    if control:
        draft.say(f"You can also change it yourself: {_yourself(control, [s for s in steps if s != when])}")
    return change


# A kind of data's retention that ends with a withdrawal: "deleted within 30 days after you withdraw consent".
ENDS_WITH_CHOICE = re.compile(r"\b(withdraw\w*|disconnect\w*|switch\w* (it )?off|turn\w* (it )?off|opt\w* out)\b", re.I)


def _data_after(draft: Draft, purpose_id: str) -> None:
    """What becomes of the data kept for this consent once it is withdrawn, where the catalog says."""
    for category in draft.catalog.categories.values():
        if purpose_id in category.purposes and ENDS_WITH_CHOICE.search(category.retention):
            draft.say(f"What then happens to {category.name.lower()}: {sentence(category.retention)}", bullet=True)


def _yourself(control: Control, steps: list[str]) -> str:
    """The control with its steps ("Profile > Privacy > Partner offers"), so the customer can find it later."""
    if not steps:
        return control_text(control)
    return f"{control.label}: {' '.join(steps)}" + (f" Link: {control.link}" if control.link else "")


def _several(draft: Draft, records: CustomerRecords, change: ChangeRequest) -> ChangeRequest | None:
    """ "Withdraw all my consents", "withdraw partner ads, and the tailoring one too": the consents to change,
    listed, confirmed once."""
    purposes = draft.catalog.purposes
    withdraw = change.status == "withdrawn"

    def in_force(p: str) -> bool:
        latest = current(records.consents, p)
        return latest is not None and latest.status == "granted"

    # Only a consent in force can be withdrawn, and only one not in force given.
    todo = [p for p in change.purposes if in_force(p) == withdraw]
    given = [p.id for p in purposes.values() if p.legal_basis == "consent" and in_force(p.id)]
    if not todo and withdraw and not given:
        draft.say("Nothing to change: you have not given us any consent that is still in force.")
        return None
    state = "not given or withdrawn" if withdraw else "given"
    for purpose in (purposes[p] for p in change.purposes if p not in todo):
        # "stop emailing me and stop the partner offers", with partner offers already off: said, not asked again.
        draft.say(f"Nothing to change for {purpose.name}: your consent is {state}.", purpose.policy_section)
    if len(todo) <= 1:
        return compose_request(draft, records, ChangeRequest(todo[0], change.status)) if todo else None
    verb = "withdraw" if withdraw else "give"
    if withdraw and set(todo) == set(given):
        draft.say(f"You asked to withdraw every consent you have given us ({len(todo)}):")
    else:
        draft.say(f"You asked to {verb} your consent to these {len(todo)}:")
    for purpose_id in todo:
        purpose = purposes[purpose_id]
        draft.say(f"{purpose.name}: {purpose.description.split('.')[0].strip()}.", purpose.policy_section, bullet=True)
    draft.say(f"Please confirm: reply “yes” to {verb} all of them, or “no” to keep things as they are.")
    controls = [c for p in todo if (c := catalog_control(draft.catalog, purposes[p].opt_out))]
    if controls:
        draft.say("You can also change each one yourself:")
        for control in dict.fromkeys(controls):
            draft.say(control, bullet=True)
    return ChangeRequest(todo[0], change.status, tuple(todo[1:]))


def not_by_consent(draft: Draft, purpose_ids: tuple[str, ...]) -> bool:
    """ "I object to you using my payment history to send me plan offers. Stop it": a use named that rests on
    another legal basis has no consent to withdraw; the customer may object to it instead. Whether one was named."""
    named = [draft.catalog.purposes[p] for p in purpose_ids if p in draft.catalog.purposes]
    # Only a legitimate interest can be objected to; a contract or the law is not answered this way.
    if not named or any(p.legal_basis != "legitimate_interest" for p in named):
        return False
    uses = " or ".join(p.name for p in named)
    draft.say(
        f"There is no consent to withdraw here: {uses} rests on our legitimate interest, not on your consent. You "
        "have the right to object to it instead.",
        *dict.fromkeys(p.policy_section for p in named),
    )
    control = next((p.opt_out for p in named if p.opt_out in draft.catalog.company.controls), None)
    draft.exercise(control, "object to it", "To object, use", right_said=True)
    return True


def _which(draft: Draft, records: CustomerRecords) -> None:
    """A change asked for without saying which consent: the customer's consents as they stand, each change one
    click away, rather than an example in another company's words."""
    consents = [p for p in draft.catalog.purposes.values() if p.legal_basis == "consent"]
    if not consents:
        draft.say("We do not ask for your consent for anything, so there is no consent to change.")
        return
    draft.say("Which choice do you want to change? Your consents now:")
    for purpose in consents:
        latest = current(records.consents, purpose.id)
        given = latest is not None and latest.status == "granted"
        state = f"given since {day(latest.at)}" if given and latest else "not given"
        draft.say(f"{purpose.name}: {state}.", purpose.policy_section, bullet=True)
        verb = "Withdraw my consent to" if given else "Give my consent to"
        draft.choices.append(f"{verb} {purpose.name}")
    draft.say(f"Tell me which one, for example: “{draft.choices[-len(consents)]}”.")


def compose_done(draft: Draft, event: ConsentEvent) -> None:
    purpose = draft.catalog.purposes[event.purpose]
    state = "given" if event.status == "granted" else "withdrawn"
    draft.say(f"Done. Your consent to {purpose.name} is now {state}, from {day(event.at)}.", purpose.policy_section)
    draft.say(f"We recorded this in our consent records (reference {event.event_id}).")
    if event.status == "withdrawn":
        draft.say("Offers chosen from now on will not use your data for this purpose.")
    control = catalog_control(draft.catalog, purpose.opt_out)
    if control:
        draft.say(f"You can also see and change it here: {control}")


def catalog_control(catalog: Catalog, control_id: str | None) -> str | None:
    control = catalog.company.controls.get(control_id or "")
    return control_text(control) if control else None


def emails_on_other_grounds(draft: Draft, records: CustomerRecords, request: Request) -> None:
    """ "Stop emailing me about deals": a consent withdrawn stops only the emails that rest on it. The customer's
    own emails sent under a legitimate interest (offers about their plan) are named, with how to object to them,
    so the customer is not left expecting them to end. Not when the consent is the one for marketing emails
    itself: withdrawing it stops them all, whatever chose the offer inside."""
    change = request.change
    if not request.by_email or change is None or change.status != "withdrawn":
        return
    purposes = draft.catalog.purposes
    emails = email_consent(draft.catalog.company, purposes.values())
    if emails is not None and emails.id in change.purposes:
        return
    others = dict.fromkeys(
        d.purpose
        for d in records.decisions
        if d.channel == "email" and d.purpose not in change.purposes and d.purpose in purposes
    )
    consent = purposes[change.purpose].name
    for purpose_id in others:
        purpose = purposes[purpose_id]
        if purpose.legal_basis != "legitimate_interest":
            continue  # consent ones are their own to change; contract and legal ones are service messages
        draft.say(
            f"The emails we sent you about {purpose.name.lower()} do not rest on your consent to {consent} but on "
            f"{BASIS_WORDS['legitimate_interest']}.",
            purpose.policy_section,
        )
        draft.exercise(
            purpose.opt_out if purpose.opt_out in draft.catalog.company.controls else None,
            "object to them, and we will stop",
            "To stop them, use",
        )
