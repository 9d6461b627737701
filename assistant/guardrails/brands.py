"""Names of well-known companies, brands, products and services: words a customer writes where a person could
stand ("Garmin is linked to my account", "do you and Google swap my data?", "thank you Klarna"), which the name
rules that read a word by its place in the sentence must leave readable, or the answer cannot say "not Google".

Written for Candor by hand (not taken from another project): one word each, lower case, the form people type.
A firm no list holds is known by how the same text names it: as a thing ("my Wahoo account", "the Wahoo app",
"wahoo.com"). Only the weak rules consult either, the ones that take a word alone as a name by the words around
it; a name with a family name after it ("Harrison Ford", "Michael Dell") or after a cue ("my name is …") is
judged as before, so a person who shares a brand's name is still redacted there."""

from __future__ import annotations

import functools
import re

from assistant.guardrails.lexicons import THING_AFTER

_BRANDS = """
    google alphabet gmail youtube android chrome waymo deepmind
    facebook meta instagram whatsapp messenger threads oculus
    apple iphone ipad macbook icloud itunes siri airpods
    microsoft windows outlook hotmail xbox linkedin bing skype teams github copilot
    amazon alexa kindle audible twitch ring prime
    netflix spotify hulu disney pixar hbo peacock paramount crunchyroll deezer tidal pandora soundcloud
    twitter tiktok snapchat pinterest reddit tumblr discord telegram wechat weibo line viber mastodon bluesky
    openai chatgpt anthropic claude gemini perplexity mistral
    samsung galaxy sony playstation nintendo huawei xiaomi oppo oneplus nokia motorola lenovo asus acer dell hp
    intel amd nvidia qualcomm ibm sap salesforce adobe dropbox zoom slack webex atlassian jira notion
    yahoo aol duckduckgo baidu yandex mozilla firefox opera
    garmin fitbit strava polar suunto whoop peloton zwift komoot wahoo coros myfitnesspal
    uber lyft bolt airbnb booking expedia tripadvisor trivago kayak skyscanner ryanair easyjet lufthansa
    paypal klarna afterpay clearpay affirm stripe venmo zelle revolut monzo wise n26 chime cashapp square
    visa mastercard amex barclays hsbc santander lloyds natwest citi citibank chase wellsfargo
    experian equifax transunion acxiom criteo doubleclick nielsen oracle liveramp datalogix
    ebay etsy alibaba aliexpress temu shein wish zalando asos boohoo vinted depop wayfair shopify
    walmart costco kroger target tesco sainsburys asda aldi lidl morrisons waitrose ocado carrefour ikea
    nike adidas puma reebok asics patagonia columbia decathlon underarmour lululemon uniqlo zara primark
    gucci prada chanel dior hermes louboutin
    fedex ups dhl usps evri yodel dpd gls royalmail parcelforce
    verizon att tmobile vodafone orange o2 ee comcast xfinity spectrum sky virgin bt
    tesla ford toyota honda bmw audi volkswagen vw mercedes porsche volvo hyundai kia nissan
    starbucks mcdonalds kfc subway dominos deliveroo ubereats doordash grubhub justeat instacart
    tinder bumble hinge grindr duolingo roblox fortnite minecraft steam epic
    """


# Brands many people are named too: alone, such a word is a person's name first ("Claude said he'd call",
# "thank you Chase"); it is the brand only where the text names it as a thing ("my Alexa app", "my Chase account").
_BORNE_BY_PEOPLE = frozenset("alexa chanel chase claude kia mercedes siri zara".split())


def brands() -> frozenset[str]:
    """The lexicon, lower case, without the brands many people are named too (`borne_by_people`)."""
    return _BRAND_SET


_BRAND_SET = frozenset(_BRANDS.split()) - _BORNE_BY_PEOPLE


def is_brand(low: str) -> bool:
    """Whether a lower-case word (or its possessive: "google's") names a well-known company, brand or service."""
    if low.endswith(("'s", "’s")):
        low = low[:-2]
    return low in _BRAND_SET


def borne_by_people(low: str) -> bool:
    """Whether a lower-case word is a brand's name that many people bear too ("Chase", "Claude", "Zara")."""
    return low in _BORNE_BY_PEOPLE


# Words after a firm's or a service's name that no person's takes: "my Wahoo account", "the Canva app".
_SERVICE_AFTER = THING_AFTER | frozenset(
    """account accounts subscription subscriptions membership login profile device devices watch phone card website
    site page support users customers premium settings""".split()
)
_OWNED = "my|the|your|our|their|his|her"


@functools.lru_cache(maxsize=4096)
def _as_thing(low: str) -> re.Pattern[str]:
    w = re.escape(low)
    after = "|".join(sorted(_SERVICE_AFTER))
    return re.compile(
        rf"(?<![\w@.])(?:(?:{_OWNED})\s+{w}(?:'s)?(?!\w)|{w}(?:'s)?\s+(?:{after})(?!\w))"
        rf"|(?:@|www\.){w}\.|(?<![\w.@]){w}\.(?:com|net|org|io|app|co)(?!\w)"
    )


def named_as_thing(lowered: str, low: str) -> bool:
    """Whether the lower-cased text names the word as a thing or a firm anywhere: after "my", "the"… ("my Wahoo
    is linked"), before a service's word ("Wahoo account", "Wahoo ads") or in a web or email address."""
    return low in lowered and _as_thing(low).search(lowered) is not None
