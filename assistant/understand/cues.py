"""Cues: phrases of ordinary English, never a pack's words, that lean a question towards an intent whatever its
nearest examples say. Data only; `intents.IntentClassifier` adds their boosts."""

from __future__ import annotations

import re

# Data that comes from other companies, not data given to them: "do you get data about me from other companies?",
# "what do other companies tell you about me?".
FROM_OTHERS = re.compile(
    r"\b(get|gets|receive\w*|buy|bought|obtain\w*|collect\w*)\b.{0,30}\bfrom (other|third|partner|outside|social)\b|"
    r"\b(other companies|partners|third parties|advertisers) (tell|send|give)\w* (you|u)\b|"
    # "what trailhead media is telling you about me?"
    r"\b(telling|sending|giving|passing on|reporting) (you|u)\b.{0,20}\babout me\b|"
    # "…I never told you anything about my contract, so who told you?"
    r"\bwho (told|tells|gave|gives|sold|passed|sent) (you|u|that to you|it to you)\b"
)

# A change the customer says they already made: a report, not a request.
REPORTED_CHANGE = re.compile(
    r"\bi('ve| have|'d| had)? (already )?(unsubscribed?|withdrew|withdrawn|opted out|revoked|"
    r"(turned|switched) (\w+ ){0,3}off|said no|unticked)\b"
)

# Strong phrases that settle an intent whatever the neighbours say.
CUES: list[tuple[re.Pattern[str], str, float]] = [
    (
        re.compile(
            r"\bwhy\b.*\b(offer|ad|advert|deal|email|coupon|voucher|promo\w*|discount|recommend\w*|"
            r"see|seeing|shown|get|got|sent)\b"
        ),
        "why_offer",
        0.12,
    ),
    (
        re.compile(
            # Not "to sell me a tent": selling things to the customer.
            r"\b(sell|sold|selling)\b(?! (me|us|you)\b)|"
            # Not "when I invited my sister to share my plan".
            r"\b(share|sharing)\b(?! (my|our|the|a|an|your) (\w+ )?(plan|account|subscription|profile|household|"
            r"home)\b(?! (details|data|info\w*|address|number|history|with (advertisers|partners|third|other|"
            r"outside))))|"
            r"\bthird part\w*\b|"
            # "which external parties receive ad-response data"
            r"\b(external|outside) (part\w+|compan\w+|organi[sz]ations?|firms?)\b|\b(who|which \w+) receives?\b|"
            # "you don't hand my listening over to advertisers", "pass my details on to partners"
            r"\b(hand|pass)\w* (\w+ ){0,6}(over|on) to\b|"
            # "who can see my card number?", "every external recipient", "is that stored by some other company?"
            r"\bwho (else )?(can|could) (see|access|read)\b|\brecipients?\b|"
            # "Who has my card details?": who receives them.
            r"\bwho (else )?(has|holds|gets|sees) (my|our) \w+|"
            r"\b(stored|kept|held|processed|handled|seen) by (some |an |any )?"
            r"(other|another|outside|external) compan\w+"
        ),
        "sell_share",
        0.12,
    ),
    # Where data comes from, when it is other companies: "do you get data about me from other companies?".
    (FROM_OTHERS, "data_held", 0.3),
    (re.compile(r"\b(how long|retention|retain|keep\w* .*(data|information|history))\b"), "retention", 0.1),
    # "how much time you keep this?"
    (re.compile(r"\bhow much time (do |will |would )?(you |they |we )?(keep|store|hold)\w*\b"), "retention", 0.2),
    # "Does that stay with you for ever?"
    (
        re.compile(
            # Not whether a choice lasts: "does my opt-out stay forever or do I have to renew it?"
            r"^(?!.*\b(opt\s*-?\s*outs?|consents?|choices?|settings?|preferences?|unsubscrib\w*) (\w+ )?(stay|stays|"
            r"remain|remains|last|lasts)\b)"
            r".*\b(stay|stays|sit|sits|remain|remains|kept|keep|held|hold|stored|store)\b.{0,30}\b(for ?ever|"
            r"indefinitely|permanently|for years)\b"
        ),
        "retention",
        0.2,
    ),
    # As an agent or the privacy team puts it: "How long do we hold the audience groups we receive for him?" (the
    # customer's "how long do you keep…" has its own cue below).
    (
        re.compile(r"\bhow long (do|does|will|would|can|are|is) we (\w+ )?(hold|keep|store|retain)\b"),
        "retention",
        0.3,
    ),
    # "…any category in our register that we hold but that no offer, group or prediction ever uses?", "we hold
    # nothing beyond what the training plans need": data held and not needed.
    (
        re.compile(
            # (The company holds it: not "I keep getting rain jacket offers but I've never used your app".)
            r"\b(we|you|u) (\w+ )?(hold|keep|store|collect)\w*\b.{0,40}\b(but|yet)\b.{0,40}\b(no|never|nothing|not)\b"
            r".{0,40}\bus(e|es|ed)\b|"
            r"\bbeyond what\b.{0,40}\bneed\w*\b|"
            # "…I'm a bit puzzled why you'd need anything about my email clicks."
            r"\bwhy (you'?d|you would|would you|you) (even |ever |really |actually )?need\b"
        ),
        "minimisation",
        0.3,
    ),
    # "my phone keeps nudging me towards sleep sounds … what that's based on": offers steering the customer.
    (re.compile(r"\b(nudg|steer|push)\w* me (towards|toward|into)\b"), "why_offer", 0.25),
    # "Is there a way to get the full log of every offer you picked for me and the reasons behind each one?"
    (
        re.compile(
            r"\b(get|have|see|download|receive|send me) (a |the |my )?(full|complete|whole|entire) (log|copy|export|"
            r"history|record|list|file)\b"
        ),
        "access_delete",
        0.25,
    ),
    # "Did my fitness tracker have anything to do with the offers you've been showing me?"
    (
        re.compile(
            r"\b(have|had|has) (anything|something) to do with (the|my|these|those|this|that|your) (\w+ ){0,3}(offers?|"
            r"ads?|adverts?|deals?|emails?|recommendations?|promos?|discounts?)\b"
        ),
        "why_offer",
        0.3,
    ),
    # "The man across the hall gets free months… Why the difference between us?", "older customers are left out".
    (
        re.compile(
            r"\bwhy the difference\b|\bdifference between (us|me and|him and me|her and me|them and me)\b|"
            # "Do you stereotype your customers?", "how you profile people my age"
            r"\bstereotyp\w*|\bpigeon-?hol\w*|\b(people|customers|users|women|men|someone|anyone) (of |at )?my age\b|"
            r"\b(older|younger|elderly|senior) (customers|people|users|members|subscribers)\b.{0,30}\b(left out|"
            r"excluded|miss\w* out|ignored|overlooked|passed over)\b"
        ),
        "fairness",
        0.3,
    ),
    # "What's the point of tracking whether I open your emails?": what the data is needed for.
    (re.compile(r"\bwhat('s| is) the point (of|in) (you |u |us )?(\w+ing|knowing|having)\b"), "minimisation", 0.35),
    # "Which of those are not actually used to choose his offers?": data held but not used.
    (
        re.compile(
            r"\bwhich (of (those|them|these|the \w+) )?(are|is|were)(n'?t| not| never) "
            r"(actually |even |really )?used\b"
        ),
        "minimisation",
        0.25,
    ),
    # "is the audience stuff gone now or do you hang on to it?": whether data is still kept.
    (
        re.compile(
            r"\b(do|are|will) you still (keep|keeping|hold|holding|store|storing|have)\b|"
            r"\b(hang|hold)(ing|s)? on ?to\b|"
            r"\b(is|are) (it|that|they|those|this|the \w+( \w+){0,2}) (all |really )?"
            r"(gone|deleted|wiped|erased) (now|yet|by now)\b"
        ),
        "retention",
        0.2,
    ),
    (
        re.compile(
            r"\b(delete|erase|download(?! (the|your|our|an?) (\w+ )?app)|copy of|export|forget me|access request)\b|"
            # "I want my account and all my data deleted"
            r"\b(want|like|need) (my|all) .{0,40}\b(deleted|erased|removed|wiped)\b"
        ),
        "access_delete",
        0.1,
    ),
    (
        # A subject access request by its acronym; "the link was dead when I clicked it, how long was it meant to
        # work?" asks about the copy's download link, not how long data is kept.
        re.compile(r"\b(dsars?|subject access requests?)\b|\blink\b.{0,60}\bhow long\b|\bhow long\b.{0,60}\blink\b"),
        "access_delete",
        0.2,
    ),
    (re.compile(r"\b(agree\w*|consent\w*|opted in|permission\w*|said yes)\b"), "consent_status", 0.06),
    (
        re.compile(r"\b(stop|turn off|opt out|unsubscribe|withdraw|object|change my)\b"),
        "change_control",
        0.08,
    ),
    (re.compile(r"\bwhat (data|information|info)\b|\bknow about me\b"), "data_held", 0.08),
    # Not an "age group", which is an age.
    (re.compile(r"\b(segments?|(?<!age )groups?|audiences?|classif\w*|categori[sz]ed)\b"), "segments", 0.08),
    (re.compile(r"\b(predict\w*|churn|going to leave|scores?|likely to|propensity|forecast)\b"), "predictions", 0.08),
    (
        re.compile(
            r"\b(object\w*|opt out|stop|refuse)\b.*\b(profil\w*|segment\w*|group\w*|predict\w*|scor\w*|guess\w*|"
            r"analys\w*|categor\w*|label\w*)|"
            # "I never wanted to be put in a 'sleep' category … I object to this."
            r"\b(profil\w*|segment\w*|group\w*|categor\w*|label\w*)\b.*\b(i (\w+ )?|to )object\b|"
            r"\b(no more|take me out of|remove me from) ((all|any|your|the|these|those|of) )*((customer|"
            r"marketing|ad|advertising) )?(profil\w*|segment\w*|groups?|predictions?|scor\w*|guess\w*)|"
            # "take me out of that fitness group", "how do I get out of the trail runner one?"
            r"\b(take|get|remove) me (out of|off) (that|this|the|your) (\w+ ){0,3}(group|segment|list)\b|"
            r"\bget out of (that|this|the) (\w+ ){0,3}(group|segment|one)\b|"
            # "I don't want you guessing whether I'm going to cancel. Stop it."
            r"\bi (don'?t|do not) want (you|your \w+) (to )?((guess|predict|profil|scor|rank|segment|label)\w*|"
            r"put(ting)? me (in|into|on)\b)"
        ),
        "object_profiling",
        0.25,
    ),
    # A wish not to be placed: "I would rather not be placed in any audience groups at all", "I'd rather you didn't
    # put me in any of these customer groups": an objection, however much it names the groups.
    (
        re.compile(
            r"\b(rather|prefer) not (to )?be (placed|put|profiled|scored|segmented|grouped|categori[sz]ed|labell?ed|"
            r"sorted)\b|"
            r"\b(rather|prefer (it if|that)?) ?(you|u) (didn'?t|did not|don'?t|do not|wouldn'?t) (put|place|add|sort|"
            r"profile|score|group|segment|label)\w*\b"
        ),
        "object_profiling",
        0.5,
    ),
    # Fair treatment across customers, but not "will you treat me differently if I opt out?" (a right's promise).
    (
        re.compile(
            r"^(?!.*\bif (i|we)\b).*(\btreat\w* (me|us|people|customers|everyone|some|"
            r"the \w+ (people|customers|ones))\b.*\bdifferent\w*|"
            r"\bdiscriminat\w*|\bunfair\w*|\bbias(ed)?\b|\bfair(ly|ness)?\b(?! enough| play| share| use)|"
            r"\b(better|worse|fewer|more) (offers|deals|discounts) than\b|\bsecond.class\b|"
            r"\bdiffer\w* (by|between|across) (groups?|ages?|regions?|countries|areas?|postcodes?)\b)"
        ),
        "fairness",
        0.15,
    ),
    # Groups of people compared: "are older subscribers treated different", "do women and men see the same offers".
    (
        re.compile(
            r"^(?=.*\b(people|customers|subscribers|users|women|men|older|younger|old|young|elderly|retired|age|"
            r"ages|gender|race|ethnic\w*|religio\w*|disab\w*)\b)(?=.*\b(treat\w*|same|fewer|less|worse|better)\b)"
            r"(?=.*\b(treat\w* (\w+ )?different\w*|same (offers|deals|ads|discounts|recommendations)|"
            r"(fewer|less|worse|better) (offers|deals|ads|discounts|recommendations))\b)"
        ),
        "fairness",
        0.15,
    ),
    # A characteristic and a difference or a targeting by it: "do women get shown different promos from men?",
    # "is it because I'm a woman?", "do you target people with a Turkish background?".
    (
        re.compile(
            r"^(?=.*\b(wom[ae]n|men|female|male|gender|sex|race|racial|ethnic\w*|background|religio\w*|nationality|"
            r"immigrants?|foreigners?|disab\w*|poor(er)?|rich(er)?|well.off|low.income|pensioners?|elderly|older)\b)"
            r"(?=.*\b(because (i'?m|im|i am|of (my|me being))|target\w*|different\w* (offers|deals|ads|promos?|"
            r"discounts|prices)|only (give|show|send|offer)\w*|save the)\b)"
        ),
        "fairness",
        0.15,
    ),
    (
        re.compile(
            r"\b(really|actually|even|truly) (need|have to|require)\b|\bneed (all|so much)\b|"
            # "is all of that really necessary?", "it is really needed?", "why you need it"
            r"\b(really|actually|truly|even) (necessary|needed|required)\b|"
            r"\b(is|it'?s|are) (it|this|that|all (of )?(that|this|it)) (really |actually |truly )?(necessary|needed)\b|"
            r"\bwhy (do |would )?you (even |really )?need (it|that|this|to know)\b|"
            r"\b(so|too) much (data|info\w*|about)\b|\bmore (\w+ ){0,3}than (you )?(need|necessary|required)\b|"
            r"\bminimi[sz]\w*|\bnever used\b|\bno offer\b.*\bus(ed|es)\b|"
            # Typo repair reads "dont" as "don".
            r"\b(collect|keep|hold|store)\w* .*\b(never|not|don'?t|don|do not)( really| even)? use\b|"
            # "you don't need to know where I live to sell me a tent"
            r"\b(don'?t|do not|dont) (really |even )?need to (know|have|keep|collect)\b|"
            r"\b(actually|really|even) use\b.*\b(collect|keep|hold|store)\w*|"
            r"\bwhy\b.*\bneed\b.*\b(stored|kept|held)\b|\bhoard\w*|"
            # "is his tracker data used for anything beyond the app features?", "do you use them for anything at all
            # beyond answering me?"
            r"\b(used?|using) (\w+ ){0,4}for anything (at all )?(else|beyond|other|more)\b|"
            r"\b(no|never|none)\b.*\bever use[sd]?\b|"
            # "why do you keep my IP address?" asks what it is needed for, not for how long.
            r"^(?!.*\b(years?|months?|weeks?|days?|long)\b).*\bwhy (do|would|did) you (still |even )?(keep|hold|store|"
            r"need|have)\w* (my|all|the|our|this|that|those|these|her|his|their)\b"
        ),
        "minimisation",
        0.2,
    ),
]
# The form of the sentence separates asking how (change_control), asking what was agreed
# (consent_status) and asking Candor to make the change now (consent_change).
FORM_CUES: list[tuple[re.Pattern[str], str, float]] = [
    # Asking for a deal is a shop request, not a question about why one was shown.
    (
        re.compile(
            r"^\s*(please\s+)?(give|send|get|find) me (a |an |some |the |any )?(\w+ )?(discount|coupon|voucher|"
            r"promo\w*|code|deal)s?\b(?!.*\bwhy\b)"
        ),
        "out_of_scope",
        0.15,
    ),
    # Asking for a recommendation is a shop request: "recommend me a horror film for tonight" (not "why did you
    # recommend …", not "stop recommending …").
    (
        re.compile(
            r"^\s*(please\s+)?((can|could|would) you\s+)?(recommend|suggest) (me |us )?(a |an |some |something|any |"
            r"the best |good )(?!.*\b(why|data|stop|based on my)\b)"
        ),
        "out_of_scope",
        0.15,
    ),
    # How long something is kept, whatever is kept: "how long do you keep my partner audience groups?"
    (
        re.compile(
            r"\bhow long (do|does|will|would|can|are|is) (you|they|it|my|your|the|this)\b.*\b(keep|kept|stor\w+|"
            r"hold|held|retain\w*|saved?)\b|"
            # As an agent puts it: "asking how long we keep partner audience matches".
            r"\bhow long (we|you|they) (keep|hold|store|retain)\b"
        ),
        "retention",
        0.15,
    ),
    # Not a wish not to be put there ("I'd rather you didn't put me in any groups"), which objects.
    (
        re.compile(
            r"\b(why am i|am i|was i|(?<!n't )(?<!not )(?<!never )put me)\b.*\b(in|into)\b.*"
            r"\b(group|segment|audience)s?\b"
        ),
        "segments",
        0.25,
    ),
    (
        re.compile(
            # "then withdraw the fitness one", "put me back on the email list please".
            r"^\s*((then|ok(ay)?|right|so|and|yes|fine)\W+)?(please\s+)?(stop|withdraw|unsubscribe|turn off|switch off|"
            r"switch on|turn on|opt me|remove me|i want to (opt|withdraw|stop|give|unsubscribe)|i no longer|i withdraw|"
            r"give my consent|i consent|i do not consent|i don'?t consent|put me back on|sign me (back )?up|"
            r"re-?subscribe me|add me back|disconnect (my|the) )"
        ),
        "consent_change",
        0.2,
    ),
    # An offer named by when it came: "explain the last thing you emailed me".
    (
        re.compile(
            r"\b(the|that|this) ((last|latest|most recent|previous|first) )?(thing|one|offer|email|message|push|"
            r"notification|ad|deal)s? (you|u) (just )?(sent|emailed|showed|pushed|texted|gave)\b"
        ),
        "why_offer",
        0.2,
    ),
    # Complaints carry a question: "I switched it off and still got one" asks why that offer came; "I never
    # signed up" and "did I turn it off in the end?" ask what the consent record says.
    (
        re.compile(
            # Not "will I still get ads after that?", which asks what a change leaves.
            r"^(?!.*\b(will|would) i still\b).*\b(still|anyway|even though|despite|after i)\b.*\b(got|get|getting|"
            r"received?|sent|show(ed|n|ing)?|see|saw|seeing)\b|\bhow is (that|this|it) (allowed|legal|ok|okay)\b"
        ),
        "why_offer",
        0.2,
    ),
    (
        re.compile(
            r"\bi (never|didn'?t|did not|have not|haven'?t) (ever )?(sign(ed)? up|agree[d]?|consent(ed)?|opt(ed)? in|"
            r"say yes|said yes|ask(ed)? for)\b|"
            r"^\s*(when )?(did|have|am) i\b.*\b(off|on|opted|in the end|agreed|signed)\b"
        ),
        "consent_status",
        0.2,
    ),
    # Where a setting is or a record is put right: "where do I fix it?", "which setting exactly?".
    (
        re.compile(
            r"\bwhere (do|can|could|should) i (go to )?(fix|correct|update|change|edit|amend)\b|"
            r"\bwhich (setting|switch|toggle|control|button)s?\b"
        ),
        "change_control",
        0.2,
    ),
    # How to change what was agreed: "the cookie banner - how do I change what I said yes to?" asks for the
    # setting, not the record.
    (
        re.compile(
            r"\bhow (do|can|could) i (change|update|edit|undo|take back|withdraw|redo) what i (said yes|agreed|"
            r"consented|signed up|opted in|ticked)\b"
        ),
        "change_control",
        0.2,
    ),
    # What a change would do, asked before making it: "will I still see any offers then?", "what happens if I
    # unsubscribe from your emails?".
    (
        re.compile(
            r"\b(will|would|do|does) i still (get|see|receive)\b|\bwhat (happens|will happen|would happen) (if|when) i "
            r"(unsubscribe|withdraw|turn (it |that |them )?off|switch (it |that |them )?off|opt out|untick|say no)\b"
        ),
        "change_control",
        0.3,
    ),
    # "Have you deleted the interests you guessed about me yet?": what was kept after a change, not an account
    # deletion request.
    (
        re.compile(
            r"\b(have|did|has) (you|it|that|they) (already |actually |really )?(delet|eras|remov|wip)\w*(?! my account)"
        ),
        "retention",
        0.15,
    ),
    # The record of choices asked by its name: "consent ledger check for …", "show the consent history".
    (re.compile(r"\bconsent (ledger|history|records?|log|trail)\b(?!.*\bhow long\b)"), "consent_status", 0.15),
    # "why does your system say I ignore your emails?": what a model concluded about the customer.
    (
        re.compile(r"\b(system|model|algorithm|computer)s? (says?|thinks?|reckons?|decided|believes?) (that )?i\b"),
        "predictions",
        0.15,
    ),
    # "do you sell my data under our state law?": a sale asked about, whatever law is named.
    (re.compile(r"\b(do|did|will|would) you (ever )?(sell|rent)\w* my\b|\bdo not sell\b"), "sell_share", 0.1),
    # "how can I remove that 'family camping' from my profile?": a setting, not erasing the account.
    (re.compile(r"\bremove (that|this|the|it)\b.{0,40}\bfrom my profile\b"), "change_control", 0.2),
    # "what is the status now?", "is that still in force?": what the record says today.
    (
        re.compile(
            r"\bwhat('s| is) (the |my )?status\b|\b(still|now) (in force|valid|active|in effect|in place)\b|"
            r"\bdid (someone|somebody|anyone|you|they) (switch|turn)\w* (it |that |them )?(back )?(on|off)\b|"
            r"\bwhere do i (stand|stand now|stand right now)\b"
        ),
        "consent_status",
        0.2,
    ),
    # What is known about the customer, asked as people ask it.
    (
        re.compile(
            # Not when the customer asks for a copy or deletion of it: that is access_delete.
            r"^(?!.*\b(download|copy|export|delete|erase|remove|send me|email me|mail me)\b).*("
            r"\b(do|does) you (know|have|keep|track|store|record)( my| where| that| what| when| if| how)\b|"
            r"\bhow (do|did) you know\b|\bwhere did you get\b|\bwhere (does|did|do) .{0,30}\bcome from\b|"
            r"\byou (have|hold|keep|store)( \w+)? (on|about) me\b|"
            r"\bwhat you hold\b|"
            # "what could you possibly have on me"
            r"\b(what|anything) (could|can|would|do) you (possibly |even |actually )?(have|know|hold) (on|about) me\b|"
            # An agent: "what contact details do we still have for her? can you pull them up?"
            r"\bpull (them|it|that|those|her \w+|his \w+|the \w+) up\b|\bwhat (\w+ )?details (do )?we (still )?have\b)"
        ),
        "data_held",
        0.15,
    ),
    # Groups and predictions as people ask about them: lists they are on, labels put on them, what is expected.
    (
        re.compile(
            # An email or mailing list is the email consent, not a group.
            r"\b(what|which) lists?\b|\bon (a |an |some |any |your |the )?(?!(e-?mail|mailing|newsletter)\w* )"
            r"(\w+ ){0,2}lists?\b|\bend(ed)? up in\b|"
            r"\bam i (still )?(in|part of) (the|that|this|your|any) (\w+ ){0,3}(one|group|list|segment|lot|thing)\b|"
            r"\b(label|labell?(ed|ing)|tag(ged|ging)?|(?<!n't )(?<!not )put|have|got|count|see|mark(ed|ing)?|"
            r"flag(ged|ging)?|peg|pegged|"
            r"class|classed) "
            r"(me|us) (down )?(as|in|among)\b|\bcalling me an?\b"
        ),
        "segments",
        0.2,
    ),
    (
        re.compile(
            r"\bexpect(ing|s)? (me|us) to\b|\b(rate|rank|score|grade)[sd]? (me|us)\b|"
            r"\bthink(s)? (that )?i('ll| will| am going to| might| would| want| need)\b|"
            r"\b(think|reckon)s? (that )?i('m| am|'ll| will)? (about to|going to|gonna|likely to)\b|"
            r"\bguess(es|ing)? (what|that|about|if)\b|\bhow sure\b|\b(what|how) do you (predict|estimate|guess)\b|"
            r"\bwhat makes (you|u) (think|believe|say|assume|reckon) (that )?(i|i'?m|im|we)\b|"
            # "How much you are sure that the Family plan is good for us?", "have you decided I'm not going to read…"
            r"\bhow (much )?(you are|are you) (sure|certain|confident)\b"
        ),
        "predictions",
        0.2,
    ),
    # "Did you at some point decide I wasn't worth emailing?", "have you decided I'm not going to read your emails?";
    # not about an offer named ("the kids rain suits offer on 27 Feb - did you decide I have children?").
    (
        re.compile(
            r"^(?!.*\b(offers?|deals?|discounts?|promos?|vouchers?|coupons?)\b)"
            # ("you decided I'm a family camper" names a group: left to the groups' cues.)
            r"(?!.*\b(decided?|concluded|assumed|figured|worked out) (that )?(i'?m|i am|we'?re|we are) (a|an|into|in|"
            r"one of)\b)"
            r".*\b(you|u|your (system|model|algorithm|computer))\b(\s+\w+){0,4}\s+(decided?|concluded|assumed|figured|"
            r"worked out)\s+(that\s+)?(i|i'?m|im|we)\b"
        ),
        "predictions",
        0.4,
    ),
    (re.compile(r"^\s*(did|have|has|when did|am i|what did i|which .* did i)\b"), "consent_status", 0.1),
    # "…but now I'm seeing them again. Did I turn them back on?": what the record says the customer did.
    (
        re.compile(
            r"\b(did|have) i (ever |actually |accidentally )?(turn|switch|opt|sign)\w* (\w+ ){0,3}(back )?(on|in|up)\b"
        ),
        "consent_status",
        0.35,
    ),
    # "Is there a link somewhere I can use so you don't share my information?": where the control is.
    (
        re.compile(r"\b(is there|where('s| is)|got) (a |an |any )?(link|button|toggle|form|page|switch|setting)\b"),
        "change_control",
        0.2,
    ),
    # "What rights do I have over the personal data you hold about me?": rights in general, from the policy.
    (
        re.compile(r"\b(what (rights|are (my|the) rights)|which rights)\b(?! (holders?|owners?))"),
        "policy_question",
        0.35,
    ),
    # Asked about one's own data as people put it.
    # "did you use my fitness tracker to pick that": why an offer came, even when the data is sensitive.
    (
        re.compile(r"\bus(e|ed|ing) (my|our) .{1,40}\bto (pick|choose|select|show|send|target|recommend)\b"),
        "why_offer",
        0.2,
    ),
    # "how do I get my data", "send me everything you have about me": a copy.
    (
        re.compile(
            r"\b(how (do|can|could) i|can i|i want to|i'?d like to|i would like to)( \w+)? (get|obtain|request|access) "
            r"(a copy of )?(all )?my (data|information|info|personal data)\b|"
            r"\b(send|give|email|mail) me (a copy|everything|all (of )?(the )?(data|information|info)|all you have)\b|"
            # Portability, and the export's own link: "take my data to another service", "the download link".
            r"\bportab\w*|\b(take|move|transfer|port) (all )?my (data|information|info|history|profile) (over )?"
            r"(to|into) (an?other|a different|other|some other|a new|my new)\b|\b(download|export) (link|file|zip)\b"
        ),
        "access_delete",
        0.2,
    ),
    # The reason behind offers, put without "why": "what's behind the offers I see", "what's your reasoning".
    (
        re.compile(
            r"\bwhat'?s (behind|the (reason|reasoning|logic) (for|behind)) (the |these |those |this |that |my |all )?"
            r"(offers?|ads?|deals?|emails?|promo\w*|recommend\w*|notifications?)\b|\bwhat'?s your (reasoning|logic)\b"
        ),
        "why_offer",
        0.15,
    ),
    # A guess about what the customer will do is a prediction: "do you guess whether I'll open your emails?",
    # "are you expecting me to quit?".
    (
        re.compile(
            r"\b(guess\w*|think\w*|expect\w*|estimat\w*|reckon\w*|predict\w*)\b.{0,30}"
            r"\b(i'?ll|i will|i am going to|i'?m going to|i might|me to (quit|leave|cancel|stop|buy|churn|go))\b"
        ),
        "predictions",
        0.15,
    ),
    # Closing or deleting the account and what it costs ("if I delete my account do I lose my points?"): the
    # right to erasure, not how long data is kept, unless the question asks that.
    (
        re.compile(
            r"^(?!.*\b(how long|keep|kept|retain\w*|stor(e|ed|ing))\b).*\b(delet\w*|clos(e|ed|ing)|cancel\w*) "
            r"(my |the |her |his |their |this )?account\b"
        ),
        "access_delete",
        0.15,
    ),
    # "Delete all my data. What will you still have?": a request to erase, whatever it asks next about what stays.
    (
        re.compile(
            r"(^|[.!?]\s+)(please\s+)?(delete|erase|wipe|remove) (all (of )?)?my (data|account|info\w*|stuff)\b"
        ),
        "access_delete",
        0.2,
    ),
    # "where did I even sign up for personalised offers?": where a consent was given, a question of the record.
    (
        re.compile(
            r"\b(where|when|how) (did|have) i (\w+ )?(sign(ed)? up|agree[d]?|consent(ed)?|opt(ed)? in|tick(ed)?|"
            r"say yes|said yes)\b"
        ),
        "consent_status",
        0.2,
    ),
    # "which data categories do we hold": what is held, as an agent asks it.
    (
        re.compile(
            r"\b(which|what) (kinds?|types?|categories|sorts?) of (data|information|info)\b|\bdata categories\b"
        ),
        "data_held",
        0.15,
    ),
    # "When I ask for my data, how long does it take to arrive?": how soon a request is done, not retention.
    (
        re.compile(
            r"\bhow (long|soon|quickly)\b.{0,40}\b(take|takes|arrive|arrives|come through|be ready|get it|receive "
            r"it)\b(?=.*\b(copy|my data|export|download|request|delet\w*|eras\w*|access)\b)|"
            r"\b(copy|my data|export|download|request|delet\w*|eras\w*|access)\b.{0,60}\bhow (long|soon|quickly)\b"
            r".{0,30}\b(take|takes|arrive|arrives|come through|be ready|get it|receive it)\b"
        ),
        "access_delete",
        0.2,
    ),
    # "is a computer deciding stuff about me?": automated decisions, which the policy answers (GDPR Art. 22).
    (
        re.compile(
            r"\b(computer|machine|algorithm|ai|robot|software)s? (is |are )?(decid\w*\b(?! (that )?(i|we)\b)|"
            r"decision\w*|judg\w*)|"
            r"\bautomat\w* (decision\w*|decid\w*)|\b(can|could|will|does|do) (a|any) (human|person|real person) "
            r"(check|look|review|see)"
        ),
        "policy_question",
        0.12,
    ),
    # Fourteenth batch. Income guessed and offers fitted to it ("do you guess how much money I earn and then show me
    # cheaper things?", "are you targeting ppl who can't afford stuff"), a person's traits deciding differently ("is
    # my country or my age making your computer decide different for me?"), "targeting young ppl more", "at my age".
    (
        re.compile(
            r"\bhow much (money )?(i|we) (earn|make)\b|\b(can'?t|cannot|could not) afford\b|\bmy (income|salary|"
            r"wages?)\b|\b(poor|rich|broke|wealthy) (people|ppl|folks?|customers|areas?|neighbou?rhoods?)\b|"
            r"\b(my|our) (age|country|gender|origin|nationality|race|religion|ethnicity)\b.{0,60}\bdecid\w* "
            r"different\w*|\btarget\w* (young|old|older|younger|elderly)\b|\bat my age\b"
        ),
        "fairness",
        0.25,
    ),
    # Data kept for nothing: "u keep 13 months of what i click … what's the point of that", "why have you still got
    # my meditation listening?", "why keep that at all once she's joined?".
    (
        re.compile(
            r"\bwhy (have|keep|hold|store) you still\b|\bwhy have you (still )?got (my|all|her|his|their)\b|"
            r"\bwhy (keep|hold|store) (that|it|this|them|her|his|their)\b( at all)?"
        ),
        "minimisation",
        0.3,
    ),
    # Whether something may still be held: "are we still entitled to hold the audience groups, or should they be
    # gone?" (how long it may be kept).
    (
        re.compile(
            r"\b(still )?entitled to (hold|keep|store)\b|\bshould (they|it|that|those|these) be (gone|deleted)\b"
        ),
        "retention",
        0.35,
    ),
    # "what's the point of that?" after data kept: what it is needed for (a story of consent before it weighs).
    (
        re.compile(
            r"\b(keep|kept|hold|held|store|stored|collect\w*)\b.*\bwhat'?s the point\b|"
            r"\bwhat'?s the point of (keeping|holding|storing|having)\b"
        ),
        "minimisation",
        0.4,
    ),
    # The legal ground for a use of data: "what give you the right to use my datas for the statistics? I never said
    # yes to this." (the basis, which may be no consent at all).
    (
        re.compile(r"\bwhat give?s? you the right to (use|process|keep|collect|store|analy[sz]e)\b"),
        "policy_question",
        0.2,
    ),
    # What deleting does: "if you delete my watch history do my recommendations go back to the generic stuff?".
    (re.compile(r"\bif (you|i|we) (delete|erase|wipe|remove)\b"), "access_delete", 0.2),
    # A decision taken by a machine with nobody looking: "will it just cancel my order automaticaly without anyone
    # looking?" (the policy's automated decision-making).
    (
        re.compile(
            r"\bwithout (anyone|anybody|any ?one|a (human|person)|someone|somebody|a real person) (looking|checking|"
            r"reviewing|seeing)\b|\bautomatic\w*\b.{0,40}\b(cancel\w*|block\w*|refus\w*|reject\w*|bann(ed|ing)|bans?)\b|"
            r"\b(cancel\w*|block\w*|refus\w*|reject\w*|bann(ed|ing)|bans?)\b.{0,40}\bautomatic\w*"
        ),
        "policy_question",
        0.3,
    ),
    # "ok forget it. delete me.": a request to erase the account.
    (re.compile(r"\b(delete|erase|wipe|remove) me\s*([.!?]|$)"), "access_delete", 0.3),
    # Whether a change the customer made took: "In July I click 'stop personalizing' in your email. It is done?",
    # "did it work?".
    (
        re.compile(
            r"\b(is|was) (it|that|this) (done|working|sorted|through)\b(?! by)|\bit is done\b|"
            r"\bdid (it|that|this) (work|go through|take effect)\b"
        ),
        "consent_status",
        0.25,
    ),
    # "your offers keep saying im 'likely interested in family camping' … can i take that off somewhere": where to
    # change what is held, not why an offer came.
    (re.compile(r"\bcan i (take|get|have) (that|it|this) (off|removed|changed|corrected)\b"), "change_control", 0.3),
    # "which of his customer groups are still active?": the groups themselves, whatever consent story comes first.
    (
        re.compile(
            r"^(?!.*\bobject\w*).*\bwhich of (my|his|her|their) (customer |current )?"
            r"(groups|segments|audiences|lists)\b"
        ),
        "segments",
        0.3,
    ),
    # "goalpost sports gets a list of who saw their shirt ad? so they know me?": what a brand receives.
    (
        re.compile(
            r"\b(gets?|receives?|sees?) a list of (who|everyone|people)\b|\bso (they|he|she|it) knows? (me|who i am)\b"
        ),
        "sell_share",
        0.3,
    ),
    # "did you use my fitness tracker for that??" about an offer named before it: what picked the offer.
    (re.compile(r"\bdid (you|u) use my\b.{0,40}\bfor (that|this|it)\b"), "why_offer", 0.2),
    # A group's name quoted: "why am i a 'trail runer'??".
    (re.compile(r"\bwhy am i (an? )?' ?\w+"), "segments", 0.3),
    # "who else gets to know that about me?", "does Kestrel now know what I watch?": whether others learn it.
    (
        re.compile(
            r"\bwho else\b.{0,20}\b(gets?|got|sees?|can see|knows?|get to (know|see)|has access|have access|can "
            r"access|finds? out)\b"
        ),
        "sell_share",
        0.4,
    ),
    (
        re.compile(
            r"\b(do|does|did|will|would|can|could) (?!(you|i|we|it|that|this|there|they|he|she|my)\b)(\w+ ){1,4}(know|"
            r"find out|"
            r"learn|see|hear) (what|which|everything|anything) i\b"
        ),
        "sell_share",
        0.3,
    ),
    # "does summit gear or whoever get my details": whether others receive the data.
    (
        re.compile(
            r"^(?!.*\bto (get|receive|see) my\b)"
            r".*\b(do|does|did|will|would|can) (?!(you|i|we|it|that|this|there)\b)(\w+ ){1,5}(get|receive|see) my "
            r"(details|data|info\w*|personal \w+|email|address|name|number)\b"
        ),
        "sell_share",
        0.2,
    ),
    (
        re.compile(r"\bhow long (until|till|before)\b.*\b(delet\w*|eras\w*|remov\w*|gone|forget\w*|wipe\w*|kept)\b"),
        "retention",
        0.15,
    ),
    # Whether calls or chats are recorded is the policy's to say: "was that call recorded?".
    (
        re.compile(
            r"\b(record|recorded|recording|tap\w*|monitor\w*)\b.{0,25}\b(calls?|phone ?calls?|chats?)\b|"
            r"\b(calls?|chats?) (are |is |was |were |get |being )*(recorded|monitored|listened to)\b"
        ),
        "policy_question",
        0.3,
    ),
    # Eighteenth batch. A protected trait worked out, or the reason asked for by one ("your AI is working out my
    # religion from what I buy", "is it because I'm a woman in my twenties??"), and "give me less".
    (
        re.compile(
            r"\b(work\w* out|guess\w*|infer\w*|predict\w*|figur\w* out|decid\w*)\b.{0,20}\bmy (religion|faith|race|"
            r"ethnicity|ethnic origin|sexuality|sexual orientation|nationality|income|gender)\b|"
            r"\b(because|cos|coz|cuz) (i'?m|im|i am) (an? )?(\w+ )?(wom[ae]n|m[ae]n|girl|guy|muslim|jew|jewish|"
            r"christian|hindu|immigrant|foreigner|pensioner|student|single mum|single dad|black|asian|gay|disabled|"
            r"old|older)\b|"
            # "…and give me less?" as the end of a comparison, not "give me fewer emails".
            r"\bgive (me|us|them|people like me) (less|fewer|worse|smaller)\s*([?.!]|$|than\b|because\b)"
        ),
        "fairness",
        0.4,
    ),
    # The lawful basis and the main parameters of the offer engine are the policy's to state.
    (
        re.compile(
            r"\b(legal|lawful) (basis|bases|grounds?)\b|\blegally\b|\bmain parameters\b|\bwhat give?s? you the right\b|"
            r"\bon what (legal )?(basis|grounds?)\b|(?<!how )\bis (it|that|this) (legal|lawful)\b"
        ),
        "policy_question",
        0.15,
    ),
]
# Asking how or where to do something is a question about a setting only when it is about data: "how do I set up my
# new headlamp" is a shop question.
HOW_TO = re.compile(r"^\s*(how|where|what is the way|can i|could i|is there a way)\b")
# Words that ask what the company knows, decides or does about the person ("how do you know I like…",
# "is a computer deciding…", "stop guessing…"): a question with one is never refused.
ABOUT_ME = frozenset(
    "know knows knew record recorded records tracked device phone location automatically automated computer "
    "algorithm guess guessing guessed decide decides deciding decided opted tailored tailoring personalised "
    "personalized settings setting profiles reading watching listening playlists account age "
    "kids children child teenager minor fraud california human somebody differently discriminate discriminating "
    "discrimination unfair unfairly fairly fairness bias biased".split()
)
