"""The privacy team's practice audit (`candor practices`): each planted case is found with the records behind
it, a clean pack yields nothing, small groups are not flagged on noise, and the sample packs audit cleanly."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

pytest.importorskip(
    "fairlearn", reason="the practice audit's fairness figures need Fairlearn: pip install -e '.[practices]'"
)

from assistant.cli import main as candor_main
from assistant.pack.errors import PackError
from assistant.pack.knowledge import KnowledgePack
from assistant.pack.loader import load_pack
from assistant.practices.addresses import Place, parse_address
from assistant.practices.audit import Audit, audit
from assistant.practices.exposure import PracticesSetupError
from assistant.practices.findings import Finding
from assistant.practices.html import render_html
from assistant.practices.text import render_text
from assistant.settings import REPO_ROOT

POLICY = """---
doc_id: privacy
title: Privacy notice
version: "1"
effective_date: 2024-01-01
---

## How we choose offers

We choose offers from what you bought, your loyalty status and the page you are on.

## Your orders

We use your billing details to take payment. Acme Post, our delivery company, gets your address.
"""
US = "12 Elm Street, Springfield, IL 62704, United States"
UK = "5 Mill Lane, Bristol BS1 4DJ, United Kingdom"
CA = "9 Lake Road, Halifax, NS B3H 2G4, Canada"


def _category(cid: str, purposes: str, shared: str = "[]", extra: str = "") -> str:
    return (
        f"  - {{id: {cid}, name: {cid.title()}, description: About {cid}., sources: [You], purposes: [{purposes}],"
        f" retention: 2 years, shared_with: {shared}, sensitive: false{extra}}}\n"
    )


def _jsonl(path: Path, rows: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def write_pack(
    root: Path,
    *,
    unused: bool = False,
    mismatch: bool = False,
    undescribed: bool = False,
    disparity: bool = False,
    tiny_group: bool = False,
) -> Path:
    """A shop with 20 customers in each of two countries, every one shown a personalised offer, unless a planted
    case says otherwise."""
    (root / "policies").mkdir(parents=True)
    (root / "policies" / "privacy.md").write_text(POLICY, encoding="utf-8")
    (root / "company.yaml").write_text("name: Example Shop\ncontacts:\n  privacy_email: privacy@shop.example\n")
    planted = ', "Quillfeather Analytics (trend reports)"' if undescribed else ""
    recipients = f'["Acme Post, our delivery company"{planted}]'
    (root / "data_catalog.yaml").write_text(
        "categories:\n"
        + _category("purchases", "offers, orders", recipients)
        + _category("loyalty", "offers")
        + _category("billing", "orders")  # unused, but held for the contract: not reported
        + _category("page", "offers", extra=", context: true")
        + (_category("device_info", "offers") if unused else "")
    )
    (root / "purposes.yaml").write_text(
        "purposes:\n"
        "  - {id: offers, name: Offers, description: Choosing offers., legal_basis: legitimate_interest,"
        " policy_section: privacy#how-we-choose-offers, opt_out: null}\n"
        "  - {id: orders, name: Orders, description: Delivering orders., legal_basis: contract,"
        " policy_section: privacy#your-orders}\n"
    )
    (root / "segments.yaml").write_text(
        "segments:\n  - {id: regulars, name: Regulars, description: Frequent buyers., method: rule,"
        " criteria: [{data_category: loyalty, rule: gold tier}], used_for: [offers]}\n"
    )
    places = [("US", US)] * 20 + [("UK", UK)] * 20 + ([("CA", CA)] * 3 if tiny_group else [])
    customers = [f"{country}-{i}" for i, (country, _) in enumerate(places)]
    _jsonl(
        root / "customers.jsonl",
        [{"customer_id": cid, "name": f"Customer {cid}", "email": f"{cid.lower()}@mail.example",
          "postal_address": address, "created_at": "2024-01-02T10:00:00Z"}
         for cid, (_, address) in zip(customers, places, strict=True)],
    )  # fmt: skip
    _jsonl(root / "consents.jsonl", [])
    _jsonl(
        root / "offers.jsonl",
        [{"offer_id": "O1", "title": "Spring sale", "description": "Ten percent off.", "category": "All",
          "channels": ["web"], "valid_from": "2024-01-01", "valid_to": "2024-12-31"}],
    )  # fmt: skip
    _jsonl(
        root / "memberships.jsonl",
        [{"customer_id": cid, "segment_id": "regulars", "since": "2024-01-05T00:00:00Z",
          "evidence": [{"data_category": "loyalty", "signal": "gold tier"}]} for cid in customers],
    )  # fmt: skip

    def personalised(cid: str, n: int) -> bool:
        if disparity and cid.startswith("UK"):
            return n < 2  # two of twenty
        if tiny_group and cid.startswith("CA"):
            return n < 1  # one of three
        return True

    decisions = []
    for n, cid in enumerate(customers):
        index = int(cid.split("-")[1]) % 20
        category = "purchases" if personalised(cid, index) else "page"
        decisions.append(
            {"decision_id": f"D-{n}", "customer_id": cid, "offer_id": "O1", "shown_at": "2024-03-01T12:00:00Z",
             "channel": "web", "model_version": "m1", "purpose": "offers", "legal_basis": "legitimate_interest",
             "consent_event_id": None, "parameters": [{"data_category": category, "signal": "s", "weight": 1}]}
        )  # fmt: skip
    # The page on screen, used once: contextual data is held too, and a clean pack uses all it holds.
    decisions.append({**decisions[0], "decision_id": "D-ctx", "parameters": [{"data_category": "page",
                      "signal": "on the sale page", "weight": 1}]})  # fmt: skip
    if mismatch:
        for d in decisions[:2]:
            d["parameters"] = [{"data_category": "billing", "signal": "paid by card", "weight": 1}]
    _jsonl(root / "decisions.jsonl", decisions)
    return root


def _run(tmp_path: Path, **planted: bool) -> Audit:
    return audit(load_pack(write_pack(tmp_path / "pack", **planted)))


def _only(result: Audit, kind: str) -> Finding:
    found = [f for f in result.findings if f.kind == kind]
    assert len(found) == 1, [f.statement for f in result.findings]
    return found[0]


def test_a_clean_pack_yields_no_findings(tmp_path: Path) -> None:
    result = _run(tmp_path)
    assert result.findings == []
    assert result.decisions == 41 and {"country", "segment regulars"} <= set(result.exposure)


def test_a_clean_pack_yields_no_findings_with_its_policy_read_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert candor_main(["practices", str(write_pack(tmp_path / "pack")), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["policy_read"] and result["findings"] == []


def test_a_category_no_record_uses_is_collected_never_used(tmp_path: Path) -> None:
    f = _only(_run(tmp_path, unused=True), "unused_category")
    assert f.cites.categories == ("device_info",) and f.cites.purposes == ("offers",)
    assert f.cites.sections == ("privacy#how-we-choose-offers",)
    assert "stop collecting it" in f.statement


def test_data_used_for_a_purpose_its_catalog_entry_does_not_list_is_found_and_warned(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", mismatch=True)
    pack = load_pack(root)
    f = _only(audit(pack), "undeclared_purpose")
    assert (f.cites.categories, f.cites.purposes) == (("billing",), ("offers",))
    assert f.cites.decisions == ("D-0", "D-1") and f.cites.decision_count == 2
    warning = next(w for w in pack.warnings if w.field == "purposes")
    assert warning.message == (
        f"{root / 'data_catalog.yaml'}:4: field 'purposes': does not list 'offers', "
        "but 2 decision(s) used this data for it (D-0, D-1)"
    )


def test_a_recipient_no_policy_section_names_is_undescribed_sharing(tmp_path: Path) -> None:
    f = _only(_run(tmp_path, undescribed=True), "undescribed_sharing")
    assert "Quillfeather Analytics" in f.statement and "Acme Post" not in f.statement
    assert f.cites.categories == ("purchases",)


def test_a_planted_exposure_disparity_is_flagged_with_the_data_behind_it(tmp_path: Path) -> None:
    result = _run(tmp_path, disparity=True)
    f = _only(result, "exposure_disparity")
    assert "By country" in f.statement and "“United Kingdom”" in f.statement and "not a verdict" in f.statement
    assert f.counts["ratio"] == pytest.approx(0.1)
    assert f.cites.categories == ("purchases",)
    # The cited decisions are personalised offers to the most exposed group.
    assert f.cites.decision_count == 20 and all(int(d.split("-")[1]) < 20 for d in f.cites.decisions)


def test_a_tiny_group_is_not_flagged_on_noise(tmp_path: Path) -> None:
    pack = load_pack(write_pack(tmp_path / "pack", tiny_group=True))
    # Three customers, one exposed: 33% against 100%, but the interval reaches past four fifths.
    compared = audit(pack, min_group_size=3)
    country = next(d for d in compared.disparities if d.dimension == "country")
    assert country.least.group == "Canada" and country.ratio < 0.8 and not country.flagged
    assert compared.findings == []
    # Under the default minimum size the group is not compared, nor are its figures published.
    default = audit(pack)
    assert "Canada" not in {r["group"] for r in default.as_dict()["exposure"]["country"]}


def test_streaming_the_log_gives_the_same_audit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_pack(tmp_path / "pack", unused=True, mismatch=True, undescribed=True, disparity=True)
    assert candor_main(["practices", str(root), "--json"]) == 0
    held = json.loads(capsys.readouterr().out)
    assert candor_main(["practices", str(root), "--json", "--stream"]) == 0
    assert json.loads(capsys.readouterr().out) == held
    # Billing used for offers is also a use the offers section never describes (read with the local model).
    assert sorted(f["kind"] for f in held["findings"]) == [
        "exposure_disparity", "undeclared_purpose", "undescribed_sharing", "undescribed_use", "unused_category"
    ]  # fmt: skip


def test_the_html_report_is_one_self_contained_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_pack(tmp_path / "pack", unused=True, disparity=True)
    out = tmp_path / "practices.html"
    assert candor_main(["practices", str(root), "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<svg" in page and "Summary for the record of processing" in page and "device_info" in page
    assert "src=" not in page and "http" not in page.replace("http://www.w3.org", "")
    assert "2 finding(s)" in capsys.readouterr().out


@pytest.mark.parametrize("stream", [False, True])
def test_every_record_a_finding_cites_is_a_link_to_its_entry_in_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], stream: bool
) -> None:
    root = write_pack(tmp_path / "pack", unused=True, disparity=True, mismatch=True)
    out = tmp_path / "practices.html"
    assert candor_main(["practices", str(root), "--html", str(out), *(["--stream"] if stream else [])]) == 0
    page = out.read_text(encoding="utf-8")
    links = set(re.findall(r"href='#([^']+)'", page))
    targets = set(re.findall(r"id='([^']+)'", page))
    assert links and links <= targets
    assert "decisions-D-0" in links and "customer US-0, offer O1" in page  # the mismatch's decision, in full


def test_without_fairlearn_the_audit_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = load_pack(write_pack(tmp_path / "pack"))
    monkeypatch.setitem(sys.modules, "fairlearn.metrics", None)  # an import of it now fails, as if absent
    with pytest.raises(PracticesSetupError, match=r"pip install -e '\.\[practices\]'"):
        audit(pack)


@pytest.mark.parametrize(
    ("address", "place"),
    [
        (US, Place("United States", "IL (United States)", "627 (United States)")),
        (UK, Place("United Kingdom", None, "BS (United Kingdom)")),
        (CA, Place("Canada", "NS (Canada)", "B3H (Canada)")),
        ("Hauptstraße 5, 10115 Berlin, Germany", Place("Germany", None, "10 (Germany)")),
        # The country by any ISO name or code, or pycountry's fuzzy search; the region by code or name, the one
        # closest to the postcode (not the street named after another state).
        ("1 Washington St, Boston, Massachusetts 02110, USA",
         Place("United States", "MA (United States)", "021 (United States)")),
        ("Flat 2, 10 High St, London SW1A 1AA, UK", Place("United Kingdom", None, "SW (United Kingdom)")),
        ("Via Roma 10, 00184 Roma RM, Italia", Place("Italy", "RM (Italy)", "00 (Italy)")),
        ("Keizersgracht 1, 1015 CJ Amsterdam, Netherlands", Place("Netherlands", None, "10 (Netherlands)")),
        # No postcode of the country's shape, or no country anyone recognises: no guess.
        ("12 Elm Street, Springfield, United States", Place("United States")),
        ("12 Main St, Nowhere, Atlantis", Place("Atlantis")),
        ("somewhere without a country", Place()),
        (None, Place()),
    ],
)  # fmt: skip
def test_addresses_give_country_region_and_postcode_area(address: str | None, place: Place) -> None:
    assert parse_address(address) == place


def _assert_citations_resolve(pack: KnowledgePack, result: Audit) -> None:
    decisions = {d.decision_id for d in pack.decisions}
    for f in result.findings:
        c = f.cites
        assert set(c.decisions) <= decisions and c.decision_count >= len(c.decisions), f
        assert set(c.categories) <= set(pack.categories), f
        assert set(c.purposes) <= set(pack.purposes), f
        assert set(c.sections) <= set(pack.sections), f
        assert set(c.segments) <= set(pack.segments), f
        assert set(c.consents) <= {e.event_id for e in pack.consents}, f


@pytest.mark.parametrize("root", [REPO_ROOT / "knowledge", REPO_ROOT / "tests" / "fixtures" / "packs" / "lumen"])
def test_the_sample_packs_audit_with_every_citation_pointing_at_a_real_record(root: Path) -> None:
    pack = load_pack(root)
    result = audit(pack)
    assert result.decisions == len(pack.decisions) and result.findings
    _assert_citations_resolve(pack, result)
    assert render_html(result).count("<h3>") >= len(result.findings)


PLANTED = {
    # pack: (unused categories, (category, purpose) used but undeclared, (category, purpose) beyond consent,
    # min group size)
    "knowledge": (
        {"device_data", "payment_data", "customer_support"},
        ("location_region", "partner_advertising"),
        ("inferred_interests", "partner_advertising"),
        10,
    ),
    "lumen": (
        {"voice-commands", "contact-uploads"},
        ("approx-region", "acct.safety"),
        ("listen-history", "ads.partner"),
        5,
    ),
}


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_each_sample_packs_planted_cases_are_found(name: str) -> None:
    unused, (category, purpose), beyond, min_size = PLANTED[name]
    root = REPO_ROOT / "knowledge" if name == "knowledge" else REPO_ROOT / "tests" / "fixtures" / "packs" / name
    result = audit(load_pack(root), min_group_size=min_size)
    kinds = {f.kind: [x for x in result.findings if x.kind == f.kind] for f in result.findings}
    assert {c for f in kinds["unused_category"] for c in f.cites.categories} == unused
    (mismatch,) = kinds["undeclared_purpose"]
    assert mismatch.cites.categories == (category,) and mismatch.cites.purposes == (purpose,)
    (consent,) = kinds["beyond_consent"]
    assert (consent.cites.categories[0], consent.cites.purposes[0]) == beyond and consent.cites.decisions
    # The consent events the decisions relied on are cited beside them.
    relied = {d.consent_event_id for d in load_pack(root).decisions if d.decision_id in consent.cites.decisions}
    assert consent.cites.consents and set(consent.cites.consents) <= relied
    by_age = [f for f in kinds["exposure_disparity"] if "By attribute age_band" in f.statement]
    assert by_age, [f.statement for f in kinds["exposure_disparity"]]
    assert "55+" in by_age[0].statement or "65+" in by_age[0].statement


def test_a_declared_protected_attribute_is_a_grouping_and_undeclared_ones_are_not(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack")
    rows = [json.loads(line) for line in (root / "customers.jsonl").read_text().splitlines()]
    for i, row in enumerate(rows):
        row["attributes"] = {"age_band": "young" if i % 2 else "old", "shoe_size": str(40 + i % 3)}
    _jsonl(root / "customers.jsonl", rows)
    with (root / "company.yaml").open("a") as fh:
        fh.write("group_attributes:\n  age_band: {kind: protected, description: Age band given at sign-up.}\n")
    result = audit(load_pack(root))
    assert "attribute age_band" in result.exposure and "attribute shoe_size" not in result.exposure
    assert {r.group for r in result.exposure["attribute age_band"]} == {"young", "old"}
    assert result.findings == []  # everyone was shown a personalised offer: no disparity by age


def _on_consent(root: Path, covers: str) -> list[dict[str, object]]:
    """Make the pack's offers purpose rest on consent, naming `covers`, with a grant behind every decision."""
    text = (root / "purposes.yaml").read_text()
    before = "legal_basis: legitimate_interest, policy_section: privacy#how-we-choose-offers, opt_out: null}"
    after = before.replace("legitimate_interest", "consent").replace("null}", f"null, consent_covers: [{covers}]}}")
    text = text.replace(before, after)
    (root / "purposes.yaml").write_text(text)
    rows = [json.loads(line) for line in (root / "decisions.jsonl").read_text().splitlines()]
    grants = {}
    for row in rows:
        cid = str(row["customer_id"])
        grants[cid] = {"event_id": f"CE-{cid}", "customer_id": cid, "purpose": "offers", "status": "granted",
                       "at": "2024-01-03T10:00:00Z", "source": "web", "policy_version": "1",
                       "evidence": "ticked"}  # fmt: skip
        row["legal_basis"], row["consent_event_id"] = "consent", f"CE-{cid}"
    _jsonl(root / "consents.jsonl", list(grants.values()))
    return rows


def test_consent_covers_must_name_catalog_categories(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack")
    _jsonl(root / "decisions.jsonl", _on_consent(root, "purchases, tea_leaves"))
    with pytest.raises(PackError, match=r"consent_covers\.1.*unknown data category 'tea_leaves'"):
        load_pack(root)


def test_consent_covers_is_refused_on_a_purpose_not_resting_on_consent(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack")
    text = (root / "purposes.yaml").read_text().replace("opt_out: null}", "opt_out: null, consent_covers: [page]}")
    (root / "purposes.yaml").write_text(text)
    with pytest.raises(PackError, match="only a purpose resting on consent has one"):
        load_pack(root)


def test_a_decision_using_data_the_consent_request_does_not_name_is_found(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack")
    rows = _on_consent(root, "purchases, page")
    rows[0]["parameters"] = [{"data_category": "loyalty", "signal": "gold tier", "weight": 1}]
    _jsonl(root / "decisions.jsonl", rows)
    f = _only(audit(load_pack(root)), "beyond_consent")
    assert f.cites.categories == ("loyalty",) and f.cites.decisions == ("D-0",) and f.counts == {"decisions": 1}
    assert "names only: Purchases, Page" in f.statement
    assert f.cites.consents == ("CE-US-0",)


def test_offer_value_per_group_is_reported_where_offers_carry_a_value(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", disparity=True)
    assert _run(tmp_path / "plain", disparity=True).exposure["country"][0].value_per_customer is None
    offers = [json.loads(line) for line in (root / "offers.jsonl").read_text().splitlines()]
    _jsonl(root / "offers.jsonl", [{**o, "value": 10} for o in offers])
    result = audit(load_pack(root))
    by_country = {r.group: r.value_per_customer for r in result.exposure["country"]}
    # Everyone in the US was shown the offer personalised; two of twenty in the UK.
    assert by_country["United Kingdom"] == pytest.approx(1.0) and by_country["United States"] == pytest.approx(10.0)
    assert result.value_per_customer == pytest.approx(22 * 10 / 40)
    assert "worth 1" in render_text(result)


def test_consent_now_adds_the_changes_made_in_candor_to_the_packs_ledger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.records.state import LiveState

    root = write_pack(tmp_path / "pack")
    _jsonl(root / "decisions.jsonl", _on_consent(root, "purchases, page, loyalty"))
    data = tmp_path / "data"
    data.mkdir()
    state = LiveState(data / "state.sqlite")
    state.append_consent("US-0", "offers", "withdrawn", "chat", "1", "asked Candor")
    state.close()
    args = ["practices", "--knowledge", str(root), "--data-dir", str(data), "--json"]
    assert candor_main(args) == 0
    (offers,) = json.loads(capsys.readouterr().out)["consent_now"]
    assert offers == {"purpose": "offers", "name": "Offers", "granted": 39, "withdrawn": 1, "changed_live": 1}
    # Another pack than the ingested one is audited without the live state, and no database is made for it.
    assert candor_main(["practices", str(root), "--data-dir", str(tmp_path / "none"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["consent_now"][0]["withdrawn"] == 0
    assert not (tmp_path / "none").exists()
