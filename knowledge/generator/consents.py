"""The append-only consent ledger (CE-1, CE-2, ...): who agreed to what at sign-up, who withdrew later and who
agreed again, for the consent-based purposes."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from .purposes import CONSENT_PURPOSES
from .timestamps import iso, random_time

POLICY_31 = datetime(2024, 1, 15, tzinfo=UTC)

SIGNUP_EVIDENCE = {
    (
        "personalized_offers",
        "checkout_page",
    ): "Ticked 'Personalize my offers' when creating an account at checkout (unticked by default)",
    (
        "personalized_offers",
        "app_onboarding",
    ): "Switched on 'Personalize my offers' on the app welcome screen (off by default)",
    (
        "personalized_offers",
        "store_kiosk",
    ): "Ticked 'Personalize my offers' at the in-store sign-up kiosk (unticked by default)",
    (
        "email_marketing",
        "checkout_page",
    ): "Ticked 'Email me offers and news' when creating an account at checkout (unticked by default)",
    (
        "email_marketing",
        "app_onboarding",
    ): "Switched on 'Email me offers and news' on the app welcome screen (off by default)",
    (
        "email_marketing",
        "store_kiosk",
    ): "Ticked 'Email me offers and news' at the in-store sign-up kiosk (unticked by default)",
    (
        "partner_advertising",
        "checkout_page",
    ): "Ticked 'Show me partner offers using Trailhead Media audiences' at checkout (unticked by default)",
    (
        "partner_advertising",
        "app_onboarding",
    ): "Switched on 'Show me partner offers using Trailhead Media audiences' on the app welcome screen (off by default)",
    (
        "partner_advertising",
        "store_kiosk",
    ): "Ticked 'Show me partner offers using Trailhead Media audiences' at the in-store sign-up kiosk (unticked by default)",
}


def policy_version(at: datetime) -> str:
    return "3.1" if at >= POLICY_31 else "3.0"


def make_consents(rng: random.Random, customers, extra):
    ids = [c["customer_id"] for c in customers]
    order = ids[:]
    rng.shuffle(order)
    never_personal = sorted(order[:12])
    personal = order[12:]
    withdrawers = personal[:9]
    regranters = withdrawers[:3]
    violators = sorted(withdrawers[3:7])
    order2 = ids[:]
    rng.shuffle(order2)
    email_signup, email_none = order2[:40], order2[40:]
    unsubscribers = email_signup[:5]
    steady_email = set(email_signup[5:])

    events = []  # (at, customer_id, purpose, status, source, evidence)

    def add(at, cid, purpose, status, source, evidence):
        events.append((at, cid, purpose, status, source, evidence))

    signup_source = {}
    for cid in ids:
        signup_source[cid] = rng.choices(["checkout_page", "app_onboarding", "store_kiosk"], weights=[5, 3, 2])[0]

    # personalized_offers: granted at sign-up by 36 customers; 9 withdraw in 2024, 3 of them grant again.
    withdraw_at = {}
    for cid in personal:
        created = extra[cid]["created"]
        src = signup_source[cid]
        add(
            created + timedelta(seconds=4),
            cid,
            "personalized_offers",
            "granted",
            src,
            SIGNUP_EVIDENCE[("personalized_offers", src)],
        )
    for cid in withdrawers:
        at = random_time(rng, datetime(2024, 2, 12, tzinfo=UTC), datetime(2024, 7, 31, tzinfo=UTC))
        withdraw_at[cid] = at
        choices = ["account_settings", "account_settings", "support_call"]
        if cid in steady_email:
            choices.append("email_footer")  # only customers who receive marketing emails see that footer
        src = rng.choice(choices)
        evidence = {
            "account_settings": "Switched 'Personalize my offers' off in Account > Privacy > Personalized offers",
            "support_call": f"Asked a support agent by phone to stop personalized offers; the agent recorded it on ticket SR-{rng.randint(40000, 49999)}",
            "email_footer": "Clicked 'Stop personalizing my offers' in the footer of a marketing email",
        }[src]
        add(at, cid, "personalized_offers", "withdrawn", src, evidence)
    for cid in regranters:
        at = withdraw_at[cid] + timedelta(days=rng.randint(25, 80), seconds=rng.randint(0, 86399))
        add(
            at,
            cid,
            "personalized_offers",
            "granted",
            "account_settings",
            "Switched 'Personalize my offers' back on in Account > Privacy > Personalized offers",
        )

    # email_marketing: 40 customers at sign-up; 5 unsubscribe in 2024 and 1 of them re-subscribes;
    # 2 of the other 8 subscribe later.
    for cid in email_signup:
        src = signup_source[cid]
        add(
            extra[cid]["created"] + timedelta(seconds=5),
            cid,
            "email_marketing",
            "granted",
            src,
            SIGNUP_EVIDENCE[("email_marketing", src)],
        )
    for k, cid in enumerate(unsubscribers):
        at = random_time(rng, datetime(2024, 2, 1, tzinfo=UTC), datetime(2024, 8, 31, tzinfo=UTC))
        add(
            at,
            cid,
            "email_marketing",
            "withdrawn",
            "email_footer",
            "Clicked 'Unsubscribe' in the footer of a marketing email",
        )
        if k == 0:
            add(
                at + timedelta(days=rng.randint(20, 40), seconds=rng.randint(0, 86399)),
                cid,
                "email_marketing",
                "granted",
                "account_settings",
                "Switched 'Marketing emails' back on in Account > Privacy > Email preferences",
            )
    for cid, src in zip(email_none[:2], ["store_kiosk", "account_settings"]):
        at = random_time(rng, extra[cid]["created"] + timedelta(days=30), datetime(2024, 3, 31, tzinfo=UTC))
        evidence = (
            "Ticked 'Email me offers and news' on the in-store kiosk while checking a Rewards balance (unticked by default)"
            if src == "store_kiosk"
            else "Switched 'Marketing emails' on in Account > Privacy > Email preferences"
        )
        add(at, cid, "email_marketing", "granted", src, evidence)

    # partner_advertising: 15 customers, some at sign-up and some later; 2 withdraw.
    order3 = ids[:]
    rng.shuffle(order3)
    partners = order3[:15]
    for k, cid in enumerate(partners):
        if k % 5 in (0, 1, 2):
            src = signup_source[cid]
            add(
                extra[cid]["created"] + timedelta(seconds=6),
                cid,
                "partner_advertising",
                "granted",
                src,
                SIGNUP_EVIDENCE[("partner_advertising", src)],
            )
        else:
            at = random_time(rng, extra[cid]["created"] + timedelta(days=20), datetime(2024, 4, 30, tzinfo=UTC))
            add(
                at,
                cid,
                "partner_advertising",
                "granted",
                "account_settings",
                "Switched on 'Show me partner offers' in Account > Privacy > Partner offers (off by default)",
            )
    for cid, src in zip(partners[13:15], ["account_settings", "support_call"]):
        at = random_time(rng, datetime(2024, 6, 1, tzinfo=UTC), datetime(2024, 8, 31, tzinfo=UTC))
        evidence = (
            "Switched off 'Show me partner offers' in Account > Privacy > Partner offers"
            if src == "account_settings"
            else "Asked a support agent by phone to stop partner offers and sharing with Trailhead Media; recorded on the call ticket"
        )
        add(at, cid, "partner_advertising", "withdrawn", src, evidence)

    # fitness_features: 4 customers connect a tracker in 2024; 1 disconnects.
    order4 = ids[:]
    rng.shuffle(order4)
    fitness = order4[:4]
    for k, cid in enumerate(fitness):
        at = random_time(rng, datetime(2024, 2, 1, tzinfo=UTC), datetime(2024, 6, 30, tzinfo=UTC))
        add(
            at,
            cid,
            "fitness_features",
            "granted",
            "account_settings",
            "Connected a fitness tracker in the app and ticked 'Use my activity data for training plans' "
            "on the separate health-data screen (unticked by default)",
        )
        if k == 0:
            add(
                at + timedelta(days=rng.randint(30, 90)),
                cid,
                "fitness_features",
                "withdrawn",
                "account_settings",
                "Disconnected the fitness tracker in Profile > Connected devices",
            )

    purpose_rank = {p: i for i, p in enumerate(CONSENT_PURPOSES)}
    events.sort(key=lambda e: (e[0], e[1], purpose_rank[e[2]]))
    consents = []
    for n, (at, cid, purpose, status, source, evidence) in enumerate(events, start=1):
        consents.append(
            {
                "event_id": f"CE-{n}",
                "customer_id": cid,
                "purpose": purpose,
                "status": status,
                "at": iso(at),
                "source": source,
                "policy_version": policy_version(at),
                "evidence": evidence,
            }
        )
    groups = {
        "never_personal": never_personal,
        "withdrawers": sorted(withdrawers),
        "regranters": sorted(regranters),
        "violators": violators,
        "withdraw_at": withdraw_at,
    }
    return consents, groups
