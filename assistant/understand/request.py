"""Read a question once into a Request: the purposes, data, groups, models and policy sections it names,
whether it points back at the offer just discussed, asks about the past, or asks for a consent change."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.pack.consent import current
from assistant.pack.models import Section
from assistant.practices.characteristics import HELD, characteristics_named, proxies_named
from assistant.records.store import Catalog, CustomerRecords
from assistant.retrieval.retrievers import TITLE_NOISE, terms
from assistant.turn import Request
from assistant.understand.categories import PLACEHOLDER, described
from assistant.understand.change_request import requested_change
from assistant.understand.cues import FROM_OTHERS
from assistant.understand.mentions import LIGHT, fully_named, mentioned, widened
from assistant.understand.record_fields import attributes_named, fields_named, record_fields
from assistant.understand.sensitive import sensitive_asked
from assistant.understand.silent_topics import practice_sentences, sensitive_sentences, silent_topic
from assistant.understand.topics import topic_sections

_GROUP_WORDS = frozenset(terms("group groups segment segments customer customers our you your who why am in the"))
# Asked about a group, or about what the company has concluded the customer is ("what makes your system think I
# am into football?"), which one of their groups may answer.
_GROUP_ASKED = re.compile(
    r"\b(groups?|segments?|lists?|categor(y|ies)|tagged|labell?ed|still in|put me in|(profiled|marked|down) as)\b|"
    r"\b(think|thinks|thought|conclude[sd]?|assume[sd]?|decided?|reckons?|figured?) (that )?(i|i'?m|we|we'?re|our \w+)"
    r"( am| are| is| was| were| have| has)? (into|a|an|interested|keen|fond)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(past|before|pre\w*ly|previous\w*|used?\s+to|history|ever|earlier|former\w*|no longer|ended|old|always|"
    r"back in|since when)\b",
    re.I,
)
_EMAIL = re.compile(r"\b(e-?mail(s|ed|ing)?|inbox|newsletters?)\b", re.I)
_BACK = re.compile(r"\b(that|this|it)\b", re.I)
_DELETE = re.compile(r"delet|erase|remove|forget|\bwipe", re.I)
_DELETE_EVERYTHING = re.compile(
    r"\b(delet\w*|eras\w*|wip\w*|remov\w*|clos\w*|cancel\w*) (down |out )?(my|the|whole|entire) (whole |entire )?"
    r"account\b|"
    r"\b(delet\w*|eras\w*|wip\w*|remov\w*)\b.{0,12}\b(everything|all (of )?(my|it))\b|\bforget (about )?me\b|"
    r"\berasure\b",
    re.I,
)
# Reaching a person about one's data: "is there someone i can phone", "how do I contact your DPO".
_PERSON = re.compile(
    r"\b(dpo|data protection officer|privacy (team|officer|department))\b|"
    # Not "did anyone record my phone call?": a call recorded is no call to make.
    r"\b(someone|somebody|anyone|a person|real person|human|people|who)\b(?!.*\brecord\w*)"
    r".{0,40}\b(contact|reach|talk|speak|phone|call|ring|write|email|ask)\b|"
    r"\b(contact|reach|talk to|speak (to|with)|phone|call|ring|get hold of)\b.{0,30}\b(someone|somebody|anyone|"
    r"a person|real person|human|you|your (team|company))\b|"
    # A person rather than a model: "can a human look at my churn prediction instead of a machine".
    r"\b(a )?(human|real person|person) (to )?(look|review|check|decide|go over)\w*\b|\bhuman (review|intervention)\b|"
    r"\b(instead of|not|rather than) (just )?(a |the |your )?(machine|computer|algorithm|bot|model)\b",
    re.I,
)
_MARKETING = r"(marketing|ads|adverts?|advertising|offers|deals|promotions?|promos?)"
_ALL_MARKETING = re.compile(
    rf"\b(all|every|any|everything)\b(\W+\w+){{0,3}}\W+{_MARKETING}\b|\b{_MARKETING}\b.{{0,40}}\beverything\b|"
    rf"\b(notifications?|push|texts?|sms)\b.{{0,20}}\b(about|for|with)\s+{_MARKETING}\b|\bstop all\b|"
    r"\b(one|a single) (button|switch|setting)\b.{0,30}\bstops? (it all|everything)\b|"
    # "stop the marketing completely", "no marketing at all"
    r"\bmarketing\s+(completely|altogether|entirely|for good)\b|\bno marketing at all\b|"
    # "How do I stop everything - emails, banners, the lot?"
    r"\b(stop|block|turn off|switch off|opt out of) (it all|everything|the lot|all of (it|them))\b",
    re.I,
)
_NO_SALE = re.compile(
    r"\b(sale|selling|sharing) of my\b|\b(do not|don'?t|stop|never) (sell|selling)\b|\bsell or share\b", re.I
)
_SEE_ANY = re.compile(r"\b(see|seeing|get|getting|receive|receiving|be shown) (any|all)\b", re.I)
_WHERE = re.compile(
    r"\bwhere\b|\bwheres\b|\bwhich (menu|screen|page|button|tab|setting)\b|\bcan'?t find\b|\bcannot find\b|\bsteps?\b|"
    r"\bon (my|the|a) (tv|phone|laptop|tablet|console|computer)\b|\bin the app\b|"
    # How the control works: "how long does the export take", "the link you sent doesn't open anymore".
    r"\bhow long ((does|will|would|do|was|is) )?(it|the|this|that|my|your)\b.*\b(take|last|work)\w*\b|"
    r"\bhow (many|much) (days|weeks|time)\b.*\b(take|wait|get|send|have)\w*\b|\bwhen (will|do|would) i (get|receive)\b|"
    r"\bhow ((do|can) )?(i|we) (get|request|do) (it|that|this|one)\b|"
    r"\b(link|download|export|file)\b.*\b((doesn'?t|does not|won'?t|didn'?t|dont|don'?t|not|no longer) "
    r"(work|open|load)\w*|"
    r"expired?|dead|broken)\b|"
    # How to ask for a copy, and how soon it comes: "how do I get a copy of my data", "what timeframe do we promise".
    r"\bhow (do|can|would) (i|we|they) (get|request|ask for|obtain|download) (a |my |all |our |their )?(copy|data|"
    r"export|download)|\btime ?frames?\b|\bhow long (till|until|before)\b|\bhow soon\b|"
    # A request then a bare "how?": "i want a copy of everything you have on me. how"
    r"[.,!?]\s*how\W*$",
    re.I,
)
_DOUBTS = re.compile(
    r"\b(never|actually|really|in the end|remember|recall|i thought|i think i|not sure|prove|proof|evidence|"
    r"how did i|where did i|did i (ever|even))\b|"
    # "I just clicked through quickly", "is there a record of what I clicked?", "was it in the app or the website?"
    r"\bclick(ed)? (through|away|yes)\b|\brecord of what\b|\bwhat (exactly )?i (have |had |did )?(click|tick|press)\w*|"
    r"\b(in|on) the (app|website|site) or (in |on )?the\b|"
    # Checking a belief: "it's still off, right?"
    r"\b(still|is it|it'?s) (off|on)\b.{0,12}\bright\b|"
    # An agent or auditor asking for the record itself: "which consent event did it rely on?"
    r"\b(consent (events?|records?|ids?|refs?)|(which|what) (consent|event)|audit\w*|event ids?|ledger|confirm)\b|"
    r"\b(where|how|when) did (he|she|they) (switch|turn|opt|withdr|unsub)\w*",
    re.I,
)
_CUSTOMER_ID = re.compile(r"<\s*customer\s*_\s*id\b", re.I)
_STILL_SENT = re.compile(
    r"\b(and )?yet\b|\bhow come\b|\bkeep (sending|showing|getting|pushing)\b|\b(still|keep) (get|see|receive)\w*\b|"
    r"\bwhy (do|am|did) i (still )?(get|see|receive)\w*\b|"
    # "I never consented to any of them, so what gives you the right to show them at all?"
    r"\bwhat gives you the right to (show|send|email|push|target)\w*\b",
    re.I,
)
# Asks in general what was agreed ("What I agreed exactly?"), in a sentence naming no consent: all of them.
_ALL_AGREED = re.compile(
    r"\bw?h?at (exactly |else )?((did|have|do) )?i (\w+ )?(agreed?|consent(ed)?|sign(ed)? up( for)?|said yes)( to)?\b|"
    r"\b(every|each|all)(thing)? (of )?(what )?i('ve| have)? (agreed|consented|signed up)",
    re.I,
)


def _asks_every_consent(question: str, names: dict[str, str]) -> bool:
    """ "What I agreed exactly?" in a sentence naming no consent, nor pointing back to one ("for that one")."""
    return any(
        _ALL_AGREED.search(part) and not mentioned(part, names) and not _THAT_ONE.search(part)
        for part in re.split(r"[.?!;]+", question)
    )


_THAT_ONE = re.compile(r"\b(that|this|the same) one\b|\bfor (that|this|it)\b", re.I)


_LEAVING = re.compile(
    r"\b(clos\w*|cancel\w*|leav\w*|quit\w*|delet\w*|end\w*) (my |the |our )?(account|subscription|plan|membership)\b|"
    r"\bafter i (leave|cancel|quit|go)\b|\bonce i('ve| have)? (left|cancel\w*|quit|gone)\b",
    re.I,
)
_EFFECT = re.compile(
    r"\bstill (see|get|receive|be shown)\b|\bwhat happens\b|\b(will|would) i (still )?(see|get|receive)\b|"
    r"\b(see|get|getting|seeing) (any )?(offers|ads|deals) at all\b|"
    r"(?<!how )\bdo i (stop|lose) (getting|seeing|receiving)\b",
    re.I,
)
# Who the company legally is: "which company am I dealing with legally", "who is the data controller".
_CONTROLLER = re.compile(
    # Not "which company do you share my data with": that asks about recipients.
    r"^(?!.*\b(share|shares|sell|sells|sold|give|gives|send|sends|receive|receives|pass|passes)\b)"
    r".*\b(which|what) (company|business|entity|organi[sz]ation|firm)\b|("
    r"\bwho (are you|runs|owns|is behind|am i "
    r"dealing with)\b|\bwho('s| is)( actually| really| legally)? (responsible|responsable|in charge)\b|"
    r"\blegal(ly)? (entity|name|owner|company)\b|\bdealing with legally\b|\bcontroller\b|"
    r"\bresponsible for (my|your|our|the|customers'?) (personal )?(data|information|info|details)\b|"
    # "where are you based?", "what's your registered address?"
    r"\bwhere (are|is) (you|your company|the company|\w+) (based|located|registered|headquartered)\b|"
    r"\b(registered|head ?office|company) address\b|"
    # "What is your postal address?", "an office in the UK where I could send a letter?"
    r"\b(your|(your |the )?company'?s) (postal|post|mailing|physical|street|office|snail[- ]?mail) address\b|"
    r"\bsend (you )?(a |my )?letter\b(?! of complaint)|"
    r"\b(write|writing) to you by (post|mail|letter)\b|\b(an|your) office in\b)",
    re.I,
)
# The legal basis asked about: "what's the legal basis for contextual offers", "how can you legally show me ads",
# "what gives you the right to …", "is it legal for you to track email opens?".
_BASIS = re.compile(
    # "Who is legally responsible?" asks who the company is, not on what basis.
    r"\b(legal|lawful) (basis|bases|grounds?)\b|\blegally\b(?! (responsible|in charge))|"
    r"\bwhat give?s? you the right\b|"
    r"\bon what (legal )?(basis|grounds?)\b|\bis (it|that|this) (legal|lawful)\b",
    re.I,
)
# The legal bases whose name people meet in a policy or an email and ask about ("what does 'legitimate interest'
# mean?"); consent and contract are everyday words, asked about otherwise.
_BASIS_NAMED = {
    "legitimate_interest": re.compile(r"\blegitimate[- ]interests?\b", re.I),
    "legal_obligation": re.compile(r"\blegal obligations?\b", re.I),
}
# The policy documents themselves, not what they say: "do u have a privacy policy i can read", "what version is
# the privacy notice", "when was your policy last updated", "where can I read the notice".
_DOC = r"(privacy |data protection |cookie )?(policy|policies|notice|statement)"
_DOCUMENTS = re.compile(
    # Not "do you have a policy on children's data?": that asks what it says.
    rf"\b(have|got) (an? |your )?{_DOC}\b(?! (on|about|for|regarding|covering|that|which|to)\b)|"
    rf"\bversion (of|is) (the |your )?{_DOC}\b|\b{_DOC} version\b|"
    rf"\bwhat version\b.*\b{_DOC}\b|\b(when|last) (was |were )?(the |your )?{_DOC} (last )?(updated|changed)\b|"
    rf"\b(where|how) (can|do|could) i (find|read|see|get) (the |your |a |it |this )?(full )?{_DOC}\b|"
    rf"\b(link to|copy of) (the |your )?(full )?{_DOC}\b",
    re.I,
)
# Complaining to the regulator: "how do I complain to the ICO", "can I report you".
_COMPLAINT = re.compile(
    r"\b(complain\w*|regulator\w*|supervisory authority|data protection authority|ombudsman|ico|cnil|report you)\b",
    re.I,
)
# Words any question about held data carries: they name nothing specific.
_HELD_WORDS = frozenset(
    terms(
        "do does you your my me i we our know have has hold held keep kept store stored collect collected use used "
        "using data info information personal about on of the a an is are like what which any all stuff things"
    )
)
# Words that carry the sentence, not its topic: rare in a policy ("nothing", "would") yet naming nothing.
_FUNCTION_WORDS = frozenset(
    terms(
        "did done doing so much many something anything nothing everything would could should must might may can "
        "will shall them they their him her his she he its than then other else want wanted am was were been being "
        "t s don doesn didn isn aren won wouldn couldn just really very also too even here there these those that "
        "such some if because while"
    )
)


def asks_about_documents(question: str) -> bool:
    """Whether the question is about the policy documents themselves, not what they say."""
    return bool(_DOCUMENTS.search(question))


# Special categories of data (GDPR Art. 9) a pack seldom holds a kind of data for, but its policy may promise
# about ("we do not hold or infer data about religion"): a question naming one is told that promise.
_SPECIAL = ("religion", "ethnic origin", "sexual orientation")


def _on_sensitive_data(question: str, sensitive: tuple[str, ...], sections: Iterable[Section]) -> tuple[str, ...]:
    special = [HELD[name].pattern for name in characteristics_named(question) if name in _SPECIAL]
    if not sensitive and not special:
        return ()
    return sensitive_sentences(sections, special)


def _kinds_asked(named: str, kinds: dict[str, str], catalog: Catalog) -> tuple[str, ...]:
    """The kinds of data the question asks about by name. A question asking for everything is not narrowed by a
    statement beside it ("What do you actually know about me? I only use the free plan to watch stuff.")."""
    sentences = [s for s in _SENTENCE.split(named) if s.strip()]
    asked = " ".join(s for s in sentences if "?" in s)
    if asked and len(asked) < len(named) and _EVERYTHING.search(asked):
        named = asked
    return tuple(dict.fromkeys([*fully_named(named, kinds), *described(named, catalog.categories)]))


# Asking what is held, all of it: "what do you actually know about me?", "what have you got on me?"
_EVERYTHING = re.compile(
    r"\bwhat (else )?(do|did) you (actually |really |even )?(know|have|hold|keep|store)\b|\bwhat have you got\b|"
    r"\beverything\b|\ball (of )?(my |the )?(data|info\w*)\b",
    re.I,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\w)")


def parse_request(
    question: str,
    catalog: Catalog,
    records: CustomerRecords | None,
    recent_decision_ids: list[str],
    recent_consent: str | None = None,
) -> Request:
    """The request in `question` (the normalised text), read against the catalog and the customer's records;
    `recent_consent` is the one consent the answer before was about, which "it" then means."""
    # A redacted value is no word of the question: "<PERSON_1>" asks nothing about people, "<STREET_ADDRESS_1>"
    # nothing about addresses.
    # A support agent quoting the customer's id (redacted before this stage) wants the records with their references.
    quotes_customer = bool(_CUSTOMER_ID.search(question))
    every_consent = _asks_every_consent(question, {p.id: p.name for p in catalog.purposes.values()})
    question = PLACEHOLDER.sub(" ", question)
    recent = recent_consent or recent_purpose(records, recent_decision_ids)
    quotable = {k: v for k, v in catalog.sections.items() if k not in catalog.blocked}
    topic, sections = topic_sections(question, quotable)
    kinds = {c.id: c.name for c in catalog.categories.values()}
    # "What's the legal basis for …", "what gives you the right to …" name no purpose or data by those words
    # ("Meeting legal obligations", "What is playing right now").
    named = _BASIS.sub(" ", question)
    by_words = described(named, catalog.categories)
    sensitive = sensitive_asked(question, catalog.categories)
    return Request(
        words=frozenset(terms(question)),
        purposes=tuple(mentioned(named, {p.id: p.name for p in catalog.purposes.values()}, forms=True)),
        consent_purposes=tuple(
            mentioned(question, {p.id: p.name for p in catalog.purposes.values() if p.legal_basis == "consent"})
        ),
        # By name first ("purchase history"); else by the words only one category uses ("my card number").
        categories=tuple(mentioned(named, kinds)) or by_words,
        data_named=_kinds_asked(named, kinds, catalog) or from_others(question, catalog),
        kinds_by_name=tuple(fully_named(named, kinds)),
        sensitive=sensitive,
        sensitive_sentences=_on_sensitive_data(question, sensitive, quotable.values()),
        characteristics=characteristics_named(question),
        proxies=proxies_named(question, {c.id: (c.name, c.description) for c in catalog.categories.values()}),
        record_fields=record_fields(question, tuple(catalog.company.group_attributes)),
        fields_named=fields_named(question),
        attributes_named=attributes_named(question, tuple(catalog.company.group_attributes)),
        models=tuple(
            mentioned(widened(question), {m.id: f"{m.name} {m.description}" for m in catalog.models.values()})
        ),
        segments=named_groups(question, catalog, records),
        titled_sections=titled_sections(question, catalog),
        topic=topic,
        topic_sections=sections,
        silent_topic=silent_topic(question, quotable.values()),
        practice_sentences=practice_sentences(question, quotable.values()),
        recent_purpose=recent,
        recent_by_email=_recent_by_email(records, recent_decision_ids),
        refers_back=bool(_BACK.search(question)),
        past=bool(_PAST.search(question)),
        wants_delete=bool(_DELETE.search(question)),
        deletes_everything=bool(_DELETE_EVERYTHING.search(question)),
        # "will I still see any offers at all?" asks what a change leaves, not to stop everything.
        stop_all_marketing=bool(_ALL_MARKETING.search(_SEE_ANY.sub(" ", question))),
        no_sale=bool(_NO_SALE.search(question)),
        asks_effect=bool(_EFFECT.search(question)),
        asks_where=bool(_WHERE.search(question)),
        wants_person=bool(_PERSON.search(question)),
        wants_complaint=bool(_COMPLAINT.search(question)),
        wants_controller=bool(_CONTROLLER.search(question)),
        asks_basis=bool(_BASIS.search(question)),
        still_sent=bool(_STILL_SENT.search(question)),
        every_consent=every_consent,
        doubts=quotes_customer or bool(_DOUBTS.search(question)) or every_consent,
        after_leaving=bool(_LEAVING.search(question)),
        basis_named=next((basis for basis, named in _BASIS_NAMED.items() if named.search(question)), None),
        asks_documents=asks_about_documents(question),
        specific_words=frozenset(terms(named)) - _HELD_WORDS - _FUNCTION_WORDS - _TURN - _names(catalog),
        change=requested_change(question, catalog, recent, _granted(catalog, records)),
        by_email=bool(_EMAIL.search(question)),
    )


# "Turn it off", "switch it off", "opt out", "stop it": how people say change, not a topic of its own.
_TURN = frozenset(terms("turn turned turning switch switched switching off out opt stop stopped"))


def _names(catalog: Catalog) -> set[str]:
    """The words of what the records' answers name themselves: kinds of data, purposes, groups, models and
    settings ("why am I in Keen email readers?" names nothing the group's own answer does not cover)."""
    names = [
        *(c.name for c in catalog.categories.values()),
        *(p.name for p in catalog.purposes.values()),
        *(g.name for g in catalog.segments.values()),
        *(m.name for m in catalog.models.values()),
        *(c.label for c in catalog.company.controls.values()),
    ]
    return {w for name in names for w in terms(name)}


# Leaving, as people say it of themselves: a churn model's names say "stop" or "cancel" ("customers you think are
# about to leave", "the 'stay with us' discounts").
# A source that is another company: a partner, a processor or provider, a third party.
_OTHER_COMPANY = re.compile(r"\b(partners?|processor|provider|third part\w*|brokers?)\b", re.I)


def from_others(question: str, catalog: Catalog) -> tuple[str, ...]:
    """ "Do you get data about me from other companies?": the kinds of data the catalog says other companies
    supply; none when the question does not ask that."""
    if not FROM_OTHERS.search(question):
        return ()
    return tuple(c.id for c in catalog.categories.values() if any(_OTHER_COMPANY.search(s) for s in c.sources))


def recent_purpose(records: CustomerRecords | None, recent_decision_ids: list[str]) -> str | None:
    """The purpose of the offer discussed last, for follow-ups like "how do I stop that?"."""
    if records is None:
        return None
    recent = [d for d in records.decisions if d.decision_id in recent_decision_ids]
    return recent[0].purpose if recent else None


def _recent_by_email(records: CustomerRecords | None, recent_decision_ids: list[str]) -> bool:
    recent = records.decision(recent_decision_ids[0]) if records is not None and recent_decision_ids else None
    return recent is not None and "mail" in recent.channel.lower()


def named_groups(question: str, catalog: Catalog, records: CustomerRecords | None) -> tuple[str, ...]:
    """The customer's own groups the question names ("why am I in Keen email readers?")."""
    if records is None:
        return ()
    own = {m.segment_id: catalog.segments[m.segment_id].name for m in records.memberships}
    words = set(terms(question)) - _GROUP_WORDS
    # A word only one group's name holds names it alone, in a question about a group ("that camping cooks group":
    # Backcountry cooks); elsewhere one word ("my trail running shoes") is not a group.
    about_group = bool(_GROUP_ASKED.search(question))
    holders: dict[str, int] = {}
    for segment in catalog.segments.values():
        for word in set(terms(segment.name)) - _GROUP_WORDS:
            holders[word] = holders.get(word, 0) + 1
    named = [
        sid
        for sid, name in own.items()
        if len(shared := words & (set(terms(name)) - _GROUP_WORDS)) >= 2
        or (about_group and any(holders[w] == 1 and w not in LIGHT for w in shared))
        or name.lower() in question.lower()
    ]
    return tuple(dict.fromkeys(named))


def titled_sections(question: str, catalog: Catalog) -> tuple[str, ...]:
    """Sections whose title the question names ("tell me about model versions"), best match first."""
    words = set(terms(question)) - TITLE_NOISE
    scored = []
    for sid, section in catalog.sections.items():
        if sid in catalog.blocked:
            continue
        title = set(terms(section.title)) - TITLE_NOISE
        if title and len(title & words) >= (len(title) if len(title) <= 2 else (len(title) + 1) // 2):
            scored.append((len(title & words) / len(title), len(title & words), sid))
    return tuple(sid for *_, sid in sorted(scored, key=lambda x: (-x[0], -x[1])))


def _granted(catalog: Catalog, records: CustomerRecords | None) -> tuple[str, ...]:
    """The consents this customer has given and not withdrawn, in the catalog's order."""
    if records is None:
        return ()
    return tuple(
        p.id
        for p in catalog.purposes.values()
        if p.legal_basis == "consent" and (event := current(records.consents, p.id)) and event.status == "granted"
    )
