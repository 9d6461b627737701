"""Answers from policy and catalog: controls, selling and sharing, retention, other policy questions."""

from __future__ import annotations

import re

from assistant.compose.builder import (
    LONG_SENTENCE,
    Draft,
    best_quote,
    body_sentences,
    control_notes,
    control_steps,
    control_text,
    for_use,
    lower_first,
    plain,
    sentence,
    sentences,
)
from assistant.compose.documents import policy_documents
from assistant.compose.legal_basis import basis_explained, legal_bases
from assistant.compose.policy_quotes import compose_selection
from assistant.pack.controls import control_id_for, email_consent
from assistant.pack.models import Purpose
from assistant.retrieval.retrievers import TITLE_NOISE as BASE_TITLE_NOISE
from assistant.retrieval.retrievers import terms
from assistant.retrieval.selector import Selection
from assistant.turn import Line, Request

_CONTROLLER_WORD = re.compile(r"\bcontroller\b", re.I)

HELP_TOPICS = (
    "Why you saw an offer",
    "What data we hold about you, and what we use it for",
    "What you have agreed to",
    "How to stop or change personalised offers and emails",
    "Whether we sell or share your data",
    "How long we keep it, and how to see or delete it",
)


def help_topics(draft: Draft) -> None:
    draft.say("You can ask me about:")
    for topic in HELP_TOPICS:
        draft.say(topic, bullet=True)


def summary_of(draft: Draft, section_id: str, wanted: frozenset[str]) -> str:
    section = draft.catalog.sections[section_id]
    # The approved summary, unless it is itself too long to read easily.
    if section.plain_language and all(len(s.split()) <= LONG_SENTENCE for s in sentences(section.plain_language)):
        return section.plain_language
    return best_quote(section, wanted)


def compose_change(draft: Draft, request: Request, background: str | None) -> None:
    """The control for what the question names; else for the offer just discussed; else all controls."""
    catalog = draft.catalog
    controls = catalog.company.controls
    purposes = list(request.purposes)
    categories = request.categories
    for cat_id in categories:
        for p in catalog.categories[cat_id].purposes:
            # Asked to stop marketing ("app notifications about offers"), only the purposes that make offers with
            # that data count, not, say, service statistics made from the same data.
            wanted = not request.stop_all_marketing or _about_offers(catalog.purposes[p])
            if catalog.purposes[p].legal_basis in ("consent", "legitimate_interest") and p not in purposes and wanted:
                purposes.append(p)
    if not purposes and not categories and request.recent_purpose:
        purposes = [request.recent_purpose]
        emails = email_consent(catalog.company, catalog.purposes.values()) if request.recent_by_email else None
        if emails is not None and emails.id not in purposes:
            purposes.append(emails.id)  # "how do i make them stop" after an emailed offer: the emails too
    chosen = [p for p in purposes if catalog.purposes[p].opt_out in controls]
    everything = stop_all_marketing(draft, request)
    if everything is not None:
        chosen = [p for p in chosen if catalog.purposes[p].opt_out != everything]
    if chosen:
        draft.say("Here is how to change this:")
        # Asked where the setting is: its steps too, not only its link.
        shown = control_steps if request.asks_where else control_text
        for p in chosen:
            purpose = catalog.purposes[p]
            control = controls[purpose.opt_out or ""]
            draft.say(for_use(purpose.name, control, shown(control)), purpose.policy_section, bullet=True)
    else:
        draft.say(
            "These are the settings you can use to change how we use your data:",
            *([background] if background else []),
        )
        for control in controls.values():
            draft.say(control_steps(control) if request.asks_where else control_text(control), bullet=True)
    _no_switch(draft, request, purposes)
    if request.asks_effect:
        what_is_left(draft, chosen, everything)
    draft.say(
        "You can withdraw consent at any time, as easily as you gave it. You also have the right to "
        "object to direct marketing, including profiling for it, at any time."
    )


def stop_all_marketing(draft: Draft, request: Request) -> str | None:
    """For "stop all marketing": the pack's control that stops it all at once, said; its id, or None."""
    company = draft.catalog.company
    everything = control_id_for(company, "object_marketing") if request.stop_all_marketing else None
    if everything is not None:
        # With its notes: the switch's own name is what the customer looks for on the page.
        control = company.controls[everything]
        notes = control_notes(control)
        draft.say(f"To stop all direct marketing at once: {control_text(control)}" + (f" {notes}" if notes else ""))
    return everything


def opt_out_of_sale(draft: Draft, request: Request) -> bool:
    """For "opt me out of the sale of my data": the pack's do-not-sell control, said; whether it has one."""
    company = draft.catalog.company
    control = control_id_for(company, "do_not_sell") if request.no_sale else None
    if control is not None:
        draft.say(
            f"To opt out of the sale or sharing of your personal information: {control_text(company.controls[control])}"
        )
    return control is not None


def _no_switch(draft: Draft, request: Request, purposes: list[str]) -> None:
    """Ads or offers no setting turns off ("how do I get rid of the ads?" on a free plan paid for by ads): how
    their own policy section says to avoid them, quoted, so the answer does not suggest the settings above stop
    them all."""
    catalog = draft.catalog
    if not request.words & _ADS_ASKED:
        return
    for purpose in catalog.purposes.values():
        if (purposes and purpose.id not in purposes and not request.stop_all_marketing) or purpose.opt_out in (
            catalog.company.controls
        ):
            continue
        section = catalog.sections.get(purpose.policy_section or "")
        if section is None or not _about_offers(purpose):
            continue
        way = next((s for s in body_sentences(section) if _AVOID.search(s)), None)
        if way is not None:
            draft.cite(section.section_id, way)
            line = f"No setting turns off {lower_first(purpose.name)}. Our policy says: “{way}”"
            draft.say(line, section.section_id)


_ADS_ASKED = frozenset(terms("ad ads advert adverts adds advertising advertisement commercials"))
_AVOID = re.compile(r"\b(avoid|get rid of|no ads|ad-free|without ads)\b", re.I)


def _about_offers(purpose: Purpose) -> bool:
    """Whether a purpose makes offers or marketing, by the pack's own words for it."""
    return bool(_OFFER_WORDS.search(f"{purpose.name} {purpose.description}"))


_OFFER_WORDS = re.compile(r"\b(offers?|marketing|ads?|advert\w*|promotions?|recommend\w*|picks)\b", re.I)


def what_is_left(draft: Draft, turned_off: list[str], stop_all: str | None) -> None:
    """ "Will I still see offers?": the offer purposes that rest on no consent stay, as the catalog describes them,
    except those the stop-all control just offered (`stop_all`) also stops."""
    purposes = draft.catalog.purposes
    if not any(purposes[p].legal_basis == "consent" for p in turned_off):
        return
    left = [
        p
        for p in purposes.values()
        if p.id not in turned_off
        and p.legal_basis != "consent"
        and p.profiling is not True
        and _about_offers(p)
        and (stop_all is None or p.opt_out != stop_all)
    ]
    for purpose in left[:2]:
        draft.say(
            f"You may still see {purpose.name.lower()}: {plain(purpose.description.strip())}", purpose.policy_section
        )


# Words that name no topic, in a question or a section title.
# "Use" too: "how do you use my data" names no section by it.
TITLE_NOISE = BASE_TITLE_NOISE | {"use"}


# Words that ask only who or where the company is.
_WHO_WORDS = frozenset(
    terms(
        "based located registered headquartered headquarters company business entity organisation organization firm "
        "legal legally owner owns name responsible charge runs behind dealing controller address office head actually "
        "really exactly one want know write letter american european german british french italian spanish dutch "
        "irish canadian us usa uk eu america germany s postal post mailing physical street send rather than would like "
        "could can got have"
    )
)


def contacts_asked(draft: Draft, request: Request) -> None:
    """Who to write to, from the company's own contacts, when the question asks for a person or how to complain."""
    contacts = draft.catalog.company.contacts
    said = {line.text for line in draft.lines}  # a second question of the message may ask again
    if request.wants_person or request.wants_complaint:
        dpo = f", or our Data Protection Officer at {contacts.dpo_email}" if contacts.dpo_email else ""
        line = f"To reach a person about your data, write to our privacy team at {contacts.privacy_email}{dpo}."
        if line not in said:
            draft.say(line)
    if request.wants_complaint and contacts.supervisory_authority:
        line = f"You can also complain to the regulator: {sentence(contacts.supervisory_authority)}"
        if line not in said:
            draft.say(line)
    if request.wants_controller and not said:  # who the company is leads an answer, or is not said again
        _controller(draft)


def _controller(draft: Draft) -> None:
    """The policy's own sentence naming the controller, quoted; the law requires a policy to have one."""
    found = next(
        (
            (sid, text)
            for sid, section in draft.catalog.sections.items()
            for text in sentences(section.text)
            if _CONTROLLER_WORD.search(text)
        ),
        None,
    )
    if found is None:
        draft.say(f"{draft.catalog.company.name} is responsible for how your data is used.")
        return
    section_id, text = found
    draft.lines.append(
        Line("The company responsible for your data (the “controller”):", [draft.cite(section_id, text)])
    )
    draft.say(f"“{text}”", bullet=True)
    # Its representatives where the law asks for one (GDPR Art. 27: in the EU, in the UK), named beside it: "the
    # American company or a German one?".
    for said in sentences(draft.catalog.sections[section_id].text):
        if said != text and _REPRESENTATIVE.search(said):
            draft.cite(section_id, said)
            draft.say(f"“{said}”", bullet=True)


def compose_policy(draft: Draft, request: Request, sections: list[str], selection: Selection | None = None) -> None:
    contacts_asked(draft, request)
    if request.wants_controller and draft.lines and not request.words - TITLE_NOISE - _WHO_WORDS:
        return  # "where are you based?": the controller's own sentence is the whole answer
    if request.asks_documents and policy_documents(draft, request.words):
        draft.say(f"For anything they do not answer, write to {draft.catalog.company.contacts.privacy_email}.")
        return
    if request.basis_named and basis_explained(draft, request.basis_named, request.purposes):
        draft.say(f"For more, write to {draft.catalog.company.contacts.privacy_email}.")
        return
    # "My data goes to America? Is it legal?": the lawfulness of that practice, which its own section states (the
    # transfer safeguards), not the legal bases of every use.
    about_a_practice = request.topic in _PRACTICES_WITH_THEIR_OWN_LAW and not request.purposes
    if request.asks_basis and not about_a_practice and legal_bases(draft, request.purposes, request.data_named):
        # The purposes' records answer it, each cited to the section that explains it: quoting loosely related
        # sentences after them would only bury the answer.
        draft.say(f"For more, write to {draft.catalog.company.contacts.privacy_email}.")
        return
    topic_answer = bool(selection is not None and request.topic_sections and selection.sentences)
    if request.silent_topic is not None:
        # No sentence of the policy mentions it: quoting the nearest ones would suggest an answer it does not give.
        draft.say(f"The policy does not say anything about {request.silent_topic}.")
        if not (topic_answer and request.topic == "security"):
            draft.say(f"To ask about it, write to {draft.catalog.company.contacts.privacy_email}.")
            return
        # Encryption is one part of security, which the policy's own section does speak of: say what it says.
    named = list(request.titled_sections)
    if selection is not None and topic_answer:
        # A common topic ("what if you get hacked?") is answered from its own sections, whatever else it names;
        # quoting several of them, a summary of one alone would misstate the whole.
        several = len({s.section_id for s in selection.sentences}) > 1
        if not several:
            # One section answers: name it, so the customer can find it in the policy.
            section = draft.catalog.sections[selection.sentences[0].section_id]
            covers = "says this about keeping your data safe" if request.silent_topic else "covers this"
            draft.say(f"Our privacy policy {covers} in “{section.title}”.", section.section_id)
        compose_selection(draft, request.asked, selection, request.topic_sections[:1], several=several)
        if request.silent_topic is not None:
            draft.say(f"To ask about it, write to {draft.catalog.company.contacts.privacy_email}.")
        return
    if selection is not None and request.practice_sentences and selection.sentences:
        # The policy's own sentences on the practice asked about ("was that call recorded?"), whatever sections the
        # customer's story around it names.
        compose_selection(draft, request.asked, selection, sections[:1])
        return
    # The selector's sentences, unless the question names a section ("tell me about model versions").
    if selection is not None and not any(
        len(set(terms(draft.catalog.sections[s].title)) & request.words - TITLE_NOISE) >= 2 for s in named
    ):
        # When the selector finds no sentence but a retrieved section holds every word the question asks
        # about ("who is your data protection officer?"), the policy does say something: answer from it.
        asked = request.words - TITLE_NOISE
        covering = [s for s in sections if asked and asked <= set(terms(draft.catalog.sections[s].text))]
        if selection.sentences or not covering:
            compose_selection(draft, request.asked, selection, sections[:1])
            return
        sections = covering
    sections = named[:1] + [s for s in sections if s not in named[:1]]
    if not sections:
        compose_out_of_scope(draft)
        return
    draft.say("Here is what our policy says:")
    wanted = request.words - TITLE_NOISE
    for section_id in sections[:2]:
        section = draft.catalog.sections[section_id]
        summary = summary_of(draft, section_id, request.words)
        draft.say(f"{section.title}: {summary}", section_id, bullet=True)
        # The summary is approved plain language; the policy's own sentence that speaks to the question carries the
        # facts ("the seven signals", "capped at 0.15") the summary leaves out.
        quote = best_quote(section, wanted)
        if summary == section.plain_language and quote != summary and wanted & set(terms(quote)):
            draft.cite(section_id, quote)
            draft.say(f"“{quote}”", section_id, bullet=True)
    draft.say(f"For more, write to {draft.catalog.company.contacts.privacy_email}.")


def compose_out_of_scope(draft: Draft) -> None:
    draft.say(
        "Sorry, I can't help with that here. I answer questions about how "
        f"{draft.catalog.company.name} uses your data for offers and marketing."
    )
    help_topics(draft)
    draft.say(f"For other questions, contact {draft.catalog.company.support_contact}.")


def compose_other_customer(draft: Draft) -> None:
    draft.say("I can only talk about your own records. I can't share anything about another customer.")
    draft.say(
        f"If someone else wants to know about their data, they can sign in and ask, or write to "
        f"{draft.catalog.company.contacts.privacy_email}."
    )


def compose_injection(draft: Draft) -> None:
    draft.say(
        "I can't do that. I only explain your own data, from our records, and I don't take new "
        "instructions or roles from a message."
    )
    help_topics(draft)


# Topics whose lawfulness the policy states in their own section: "is it legal?" about them asks for that.
_PRACTICES_WITH_THEIR_OWN_LAW = frozenset({"transfers"})
_REPRESENTATIVE = re.compile(
    r"\brepresentatives? (in|for) (the )?(european union|eu|eea|european economic area|united kingdom|uk|"
    r"switzerland)\b",
    re.I,
)
