"""Query expansion from the privacy vocabulary: the words people ask with, mapped to the words policies use.

"Do you keep my messages after I delete the app?" shares few words with "We retain communications for 90
days after you close your account"; the expansion adds the policy's words for the same practice. Keys and
values are stems as `terms` makes them; expansion terms are scored apart from the question's own words.
"""

from __future__ import annotations

from assistant.retrieval.retrievers import terms

_GROUPS = {
    # how long data is kept
    "keep store stored hold long retain retention kept": "retain retention period delete store kept long",
    # deleting and closing an account
    "delete remove erase erasure deletion close closed": "delete deletion remove erase account request close",
    # selling and renting
    "sell sold sale rent money": "sell rent trade share third parties",
    # sharing and disclosure
    "share shared give disclose disclosed receive receives see access obtain others": (
        "share disclose third parties partners affiliates service providers"
    ),
    "third party parties partner partners companie company": "third parties partners affiliates service providers",
    # tracking
    "track tracking follow monitor cookie cookies pixel beacon": (
        "cookies web beacons pixel tracking technologies analytics browser"
    ),
    "implicitly automatically aware know notice": "automatically cookies log ip address browser device",
    "explicitly directly provide give": "provide submit register form account",
    # advertising and marketing
    "ad ads advertising advertisement marketing promotional targeted": (
        "advertising advertisers marketing promotional interest targeted"
    ),
    # children
    "kid kids child children minor minors age young": "children under 13 age parent parental coppa",
    # security
    "secure security safe protect protected protection hack hacked breach leak secured": (
        "security secure safeguards encryption ssl protect unauthorized access"
    ),
    # policy changes
    "change changes changed update updated notify notification inform informed": (
        "change changes update revised notify notice effective date post"
    ),
    # choices and opting out
    "choice choices control opt unsubscribe stop refuse decline prevent": (
        "opt out choice choices unsubscribe preferences settings disable decline"
    ),
    # location
    "location where gps geolocation locate": "location geolocation gps ip address",
    # where data is kept: servers and hosting ("where are your servers?", "is my data stored in Canada?")
    "server servers host hosted hosting datacenter datacentre centre center cloud": (
        "host hosted servers data centre center cloud stored located"
    ),
    # contact details
    "contact email phone address name": "email address name phone contact information",
    # access, correction, export
    "access view edit correct correction update copy download export": (
        "access review update correct edit account profile request copy"
    ),
    # other countries
    "europe european international country countrie abroad transfer eu outside": (
        "international transfer countries outside european union safe harbor"
    ),
    # payments
    "payment pay credit card financial bank billing": "payment credit card billing financial purchase",
    # law and authorities
    "law enforcement police government legal court subpoena fraud": (
        "law enforcement legal process subpoena comply required fraud protect rights"
    ),
    # identifiability
    "identity identify identifiable anonymous aggregate aggregated personally": (
        "aggregate anonymous de identified personally identifiable identify"
    ),
    # purposes
    "why purpose purposes use used using": "use purposes provide improve services",
    "analytic analytics research": "analytics research analyze statistics improve",
    "basic service services fulfill function": "provide services operate fulfill request",
    # collection
    "collect collected collecting gather gathered": "collect information receive obtain automatically provide",
    # machine learning
    "ai train training machine learning model": "machine learning models train artificial intelligence",
    # messages and content
    "message messages chat conversation content": "communications messages content",
    # what someone watches or listens to
    "watch watched watching": "viewing history",
    "listen listened listening": "listening history",
    # health
    "health medical": "health medical sensitive",
    # social networks
    "social facebook twitter": "social media networks plugins",
    # do not track
    "dnt": "do not track signals browser",
}

EXPANSIONS: dict[str, tuple[str, ...]] = {}
for _keys, _words in _GROUPS.items():
    for _key in terms(_keys):
        EXPANSIONS[_key] = tuple(dict.fromkeys((*EXPANSIONS.get(_key, ()), *terms(_words))))


def expand(question_terms: list[str]) -> list[str]:
    """Policy words for the practices the question's words name, without the question's own words."""
    own = set(question_terms)
    out: dict[str, None] = {}
    for term in question_terms:
        for word in EXPANSIONS.get(term, ()):
            if word not in own:
                out[word] = None
    return list(out)
