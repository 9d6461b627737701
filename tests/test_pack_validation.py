"""Knowledge pack validation: every error names the file, the line and the field, and the sample pack loads.

Each bad-pack case copies the sample pack, applies one small mutation (one JSONL line, one YAML key,
one policy heading ...) and checks the PackError. Expected line numbers are looked up in the sample
pack by content, not taken from the validator, so a shifted line is caught.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.pack import PackError, load_pack
from assistant.pack.policies import parse_policy, slugify

SAMPLE = Path(__file__).resolve().parent.parent / "knowledge"
PRIVACY = "policies/privacy-policy.md"
NOTICE = "policies/personalization-notice.md"
DROP = object()  # marks a key to remove from a JSONL record

Mutation = Callable[[Path], None]


# --- where things are in the sample pack ---------------------------------------------------------------


def _sample_lines(file: str) -> list[str]:
    return (SAMPLE / file).read_text(encoding="utf-8").splitlines()


def record_line(file: str, record_id: str) -> int:
    """1-based line of the JSONL record whose id (its first key) is `record_id`."""
    hits = [
        n
        for n, raw in enumerate(_sample_lines(file), 1)
        if raw.strip() and next(iter(json.loads(raw).values())) == record_id
    ]
    assert len(hits) == 1, f"{file}: {record_id} found on lines {hits}"
    return hits[0]


def text_line(file: str, needle: str, after: str | None = None) -> int:
    """1-based line of the first line containing `needle` (at or after the unique line containing `after`)."""
    lines = _sample_lines(file)
    start = 0
    if after is not None:
        anchors = [i for i, ln in enumerate(lines) if after in ln]
        assert len(anchors) == 1, f"{file}: anchor {after!r} on lines {[a + 1 for a in anchors]}"
        start = anchors[0]
    else:
        assert sum(needle in ln for ln in lines) == 1, f"{file}: {needle!r} is not unique"
    return next(i for i in range(start, len(lines)) if needle in lines[i]) + 1


def item_index(file: str, list_key: str, item_id: str) -> int:
    data = yaml.safe_load((SAMPLE / file).read_text(encoding="utf-8"))
    return [item["id"] for item in data[list_key]].index(item_id)


# --- mutations ----------------------------------------------------------------------------------------


def _rewrite(root: Path, file: str, change: Callable[[list[str]], None]) -> None:
    path = root / file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    change(lines)
    path.write_text("".join(lines), encoding="utf-8")


def edit_record(file: str, record_id: str, change: Callable[[dict[str, Any]], None]) -> Mutation:
    number = record_line(file, record_id)

    def mutate(root: Path) -> None:
        def apply(lines: list[str]) -> None:
            record = json.loads(lines[number - 1])
            change(record)
            lines[number - 1] = json.dumps(record) + "\n"

        _rewrite(root, file, apply)

    return mutate


def set_keys(file: str, record_id: str, **changes: Any) -> Mutation:
    def change(record: dict[str, Any]) -> None:
        for key, value in changes.items():
            if value is DROP:
                del record[key]
            else:
                record[key] = value

    return edit_record(file, record_id, change)


def set_parameter(decision_id: str, index: int, **changes: Any) -> Mutation:
    return edit_record("decisions.jsonl", decision_id, lambda d: d["parameters"][index].update(changes))


def replace_line(file: str, number: int, text: str) -> Mutation:
    def mutate(root: Path) -> None:
        def apply(lines: list[str]) -> None:
            lines[number - 1] = text + "\n"

        _rewrite(root, file, apply)

    return mutate


def sub_line(file: str, number: int, old: str, new: str) -> Mutation:
    """Replace `old` by `new` on one line; `new` may hold newlines to add lines after it."""

    def mutate(root: Path) -> None:
        def apply(lines: list[str]) -> None:
            assert old in lines[number - 1], f"{file}:{number} does not contain {old!r}"
            lines[number - 1] = lines[number - 1].replace(old, new, 1)

        _rewrite(root, file, apply)

    return mutate


def delete_lines(file: str, first: int, last: int) -> Mutation:
    def mutate(root: Path) -> None:
        def apply(lines: list[str]) -> None:
            del lines[first - 1 : last]

        _rewrite(root, file, apply)

    return mutate


def append_text(file: str, text: str) -> Mutation:
    def mutate(root: Path) -> None:
        with (root / file).open("a", encoding="utf-8") as handle:
            handle.write(text)

    return mutate


def remove(file: str) -> Mutation:
    def mutate(root: Path) -> None:
        target = root / file
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()

    return mutate


def write(file: str, text: str) -> Mutation:
    def mutate(root: Path) -> None:
        (root / file).write_text(text, encoding="utf-8")

    return mutate


def front_matter_end(file: str) -> int:
    """1-based line of the '---' closing the front matter."""
    return next(n for n, ln in enumerate(_sample_lines(file), 1) if n > 1 and ln.strip() == "---")


# --- the table ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bad:
    mutate: Mutation
    file: str
    line: int | None
    field: str | None
    problem: str


def case(case_id: str, mutate: Mutation, file: str, line: int | None, field: str | None, problem: str) -> Any:
    return pytest.param(Bad(mutate, file, line, field, problem), id=case_id)


@pytest.fixture
def pack_dir(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return root


def assert_rejected(root: Path, bad: Bad) -> None:
    bad.mutate(root)
    with pytest.raises(PackError) as info:
        load_pack(root)
    err = info.value
    path = root / bad.file
    assert (str(err.path), err.line, err.field) == (str(path), bad.line, bad.field), err.message
    assert bad.problem in err.problem, err.message
    where = f"{path}:{bad.line}" if bad.line is not None else str(path)
    what = f"field '{bad.field}': " if bad.field else ""
    assert err.message == f"{where}: {what}{err.problem}"
    assert str(err) == err.message


REQUIRED_FILES = [
    "company.yaml",
    "data_catalog.yaml",
    "purposes.yaml",
    "customers.jsonl",
    "consents.jsonl",
    "offers.jsonl",
    "decisions.jsonl",
]

FILE_CASES = [
    *(case(f"missing-{name}", remove(name), name, None, None, "required file is missing") for name in REQUIRED_FILES),
    case("missing-pack-directory", remove("."), "", None, None, "knowledge pack directory not found"),
]


@pytest.mark.parametrize("bad", FILE_CASES)
def test_missing_file_names_the_file(pack_dir: Path, bad: Bad) -> None:
    assert_rejected(pack_dir, bad)


_D1 = record_line("decisions.jsonl", "D-1")  # contextual offer, legitimate interest, no consent
_D3 = record_line("decisions.jsonl", "D-3")  # personalised offer relying on consent CE-23
_D84 = record_line("decisions.jsonl", "D-84")  # NW-1040, consent CE-78 (granted 2023-09-10)

JSONL_CASES = [
    case(
        "invalid-json-line",
        replace_line("decisions.jsonl", 5, '{"decision_id": "D-5", '),
        "decisions.jsonl",
        5,
        None,
        "not valid JSON",
    ),
    case(
        "json-line-not-an-object",
        replace_line("customers.jsonl", 2, '["NW-1002", "Lukas Brenner"]'),
        "customers.jsonl",
        2,
        None,
        "each line must be a JSON object",
    ),
    case(
        "error-after-blank-lines-counts-physical-lines",
        append_text("offers.jsonl", '\n\n{"offer_id": "OF-99"}\n'),
        "offers.jsonl",
        len(_sample_lines("offers.jsonl")) + 3,
        "title",
        "Field required",
    ),
    case(
        "customer-unknown-key",
        set_keys("customers.jsonl", "NW-1002", loyalty_tier="gold"),
        "customers.jsonl",
        record_line("customers.jsonl", "NW-1002"),
        "loyalty_tier",
        "Extra inputs are not permitted",
    ),
    case(
        "customer-missing-key",
        set_keys("customers.jsonl", "NW-1002", email=DROP),
        "customers.jsonl",
        record_line("customers.jsonl", "NW-1002"),
        "email",
        "Field required",
    ),
    case(
        "customer-bad-email",
        set_keys("customers.jsonl", "NW-1003", email="sofia.post.example"),
        "customers.jsonl",
        record_line("customers.jsonl", "NW-1003"),
        "email",
        "is not an email address",
    ),
    case(
        "customer-blank-name",
        set_keys("customers.jsonl", "NW-1003", name="   "),
        "customers.jsonl",
        record_line("customers.jsonl", "NW-1003"),
        "name",
        "at least 1 character",
    ),
    case(
        "customer-id-with-space",
        set_keys("customers.jsonl", "NW-1003", customer_id="NW 1003"),
        "customers.jsonl",
        record_line("customers.jsonl", "NW-1003"),
        "customer_id",
        "should match pattern",
    ),
    case(
        "customer-naive-created-at",
        set_keys("customers.jsonl", "NW-1002", created_at="2022-01-13T11:22:44"),
        "customers.jsonl",
        record_line("customers.jsonl", "NW-1002"),
        "created_at",
        "timezone",
    ),
    case(
        "consent-bad-status",
        set_keys("consents.jsonl", "CE-3", status="revoked"),
        "consents.jsonl",
        record_line("consents.jsonl", "CE-3"),
        "status",
        "'granted' or 'withdrawn'",
    ),
    case(
        "consent-naive-datetime",
        set_keys("consents.jsonl", "CE-3", at="2022-01-13T11:22:49"),
        "consents.jsonl",
        record_line("consents.jsonl", "CE-3"),
        "at",
        "timezone",
    ),
    case(
        "consent-unknown-key",
        set_keys("consents.jsonl", "CE-3", channel="app"),
        "consents.jsonl",
        record_line("consents.jsonl", "CE-3"),
        "channel",
        "Extra inputs are not permitted",
    ),
    case(
        "offer-empty-channels",
        set_keys("offers.jsonl", "OF-2", channels=[]),
        "offers.jsonl",
        record_line("offers.jsonl", "OF-2"),
        "channels",
        "at least 1 item",
    ),
    case(
        "offer-valid-to-before-valid-from",
        set_keys("offers.jsonl", "OF-2", valid_to="2024-01-01"),
        "offers.jsonl",
        record_line("offers.jsonl", "OF-2"),
        "(record)",
        "valid_to is before valid_from",
    ),
    case(
        "offer-bad-date",
        set_keys("offers.jsonl", "OF-2", valid_from="2024-13-01"),
        "offers.jsonl",
        record_line("offers.jsonl", "OF-2"),
        "valid_from",
        "valid date",
    ),
    case(
        "decision-weight-above-one",
        set_parameter("D-3", 0, weight=1.5),
        "decisions.jsonl",
        _D3,
        "parameters.0.weight",
        "less than or equal to 1",
    ),
    case(
        "decision-negative-weight",
        set_parameter("D-3", 1, weight=-0.1),
        "decisions.jsonl",
        _D3,
        "parameters.1.weight",
        "greater than or equal to 0",
    ),
    case(
        "decision-parameter-unknown-key",
        set_parameter("D-3", 1, source="crm"),
        "decisions.jsonl",
        _D3,
        "parameters.1.source",
        "Extra inputs are not permitted",
    ),
    case(
        "decision-bad-legal-basis",
        set_keys("decisions.jsonl", "D-1", legal_basis="vital_interest"),
        "decisions.jsonl",
        _D1,
        "legal_basis",
        "'consent', 'legitimate_interest', 'contract' or",
    ),
    case(
        "decision-naive-shown-at",
        set_keys("decisions.jsonl", "D-1", shown_at="2024-01-08T00:19:45"),
        "decisions.jsonl",
        _D1,
        "shown_at",
        "timezone",
    ),
    case(
        "decision-without-consent-event-key",
        set_keys("decisions.jsonl", "D-1", consent_event_id=DROP),
        "decisions.jsonl",
        _D1,
        "consent_event_id",
        "Field required",
    ),
    # Record-level checks carry no field of their own: the loader names them '(record)' and the problem
    # text names the field.
    case(
        "decision-consent-basis-without-consent-event",
        set_keys("decisions.jsonl", "D-3", consent_event_id=None),
        "decisions.jsonl",
        _D3,
        "(record)",
        "consent_event_id is required when legal_basis is consent",
    ),
    case(
        "decision-consent-event-without-consent-basis",
        set_keys("decisions.jsonl", "D-1", consent_event_id="CE-1"),
        "decisions.jsonl",
        _D1,
        "(record)",
        "consent_event_id must be null when legal_basis is not consent",
    ),
    case(
        "duplicate-customer-id",
        set_keys("customers.jsonl", "NW-1002", customer_id="NW-1001"),
        "customers.jsonl",
        record_line("customers.jsonl", "NW-1002"),
        "customer_id",
        "duplicate id 'NW-1001'",
    ),
    case(
        "duplicate-offer-id",
        set_keys("offers.jsonl", "OF-3", offer_id="OF-1"),
        "offers.jsonl",
        record_line("offers.jsonl", "OF-3"),
        "offer_id",
        "duplicate id 'OF-1'",
    ),
    case(
        "duplicate-decision-id",
        set_keys("decisions.jsonl", "D-2", decision_id="D-1"),
        "decisions.jsonl",
        record_line("decisions.jsonl", "D-2"),
        "decision_id",
        "duplicate id 'D-1'",
    ),
    case(
        "duplicate-consent-event-id",
        set_keys("consents.jsonl", "CE-3", event_id="CE-2"),
        "consents.jsonl",
        record_line("consents.jsonl", "CE-3"),
        "event_id",
        "duplicate id 'CE-2'",
    ),
]


@pytest.mark.parametrize("bad", JSONL_CASES)
def test_invalid_jsonl_record_names_file_line_and_field(pack_dir: Path, bad: Bad) -> None:
    assert_rejected(pack_dir, bad)


_FIT = "  - id: health_fitness_data"
_FIT_LINE = text_line("data_catalog.yaml", _FIT)
_FIT_INDEX = item_index("data_catalog.yaml", "categories", "health_fitness_data")
_SENSITIVE = text_line("data_catalog.yaml", "sensitive:", after=_FIT)
_RETENTION = text_line("data_catalog.yaml", "retention:", after=_FIT)
_EMAIL_MKT = "  - id: email_marketing"
_EMAIL_MKT_LINE = text_line("purposes.yaml", _EMAIL_MKT)
_EMAIL_MKT_INDEX = item_index("purposes.yaml", "purposes", "email_marketing")
_FITNESS_PURPOSE = "  - id: fitness_features"
_FITNESS_PURPOSE_INDEX = item_index("purposes.yaml", "purposes", "fitness_features")
_UNSUB = text_line("company.yaml", "  email_unsubscribe:")
_UNSUB_END = text_line("company.yaml", "  download_my_data:") - 1  # last line of the email_unsubscribe block

YAML_CASES = [
    case(
        "yaml-syntax-error-on-its-line",
        sub_line("data_catalog.yaml", _SENSITIVE, "sensitive: true", "sensitive: true: yes"),
        "data_catalog.yaml",
        _SENSITIVE,
        None,
        "not valid YAML",
    ),
    case(
        "category-sensitive-maybe-on-its-line",
        sub_line("data_catalog.yaml", _SENSITIVE, "sensitive: true", "sensitive: maybe"),
        "data_catalog.yaml",
        _SENSITIVE,
        f"categories.{_FIT_INDEX}.sensitive",
        "valid boolean",
    ),
    case(
        "category-unknown-key-on-its-line",
        sub_line("data_catalog.yaml", _SENSITIVE, "true", "true\n    retention_days: 7"),
        "data_catalog.yaml",
        _SENSITIVE + 1,
        f"categories.{_FIT_INDEX}.retention_days",
        "Extra inputs are not permitted",
    ),
    case(
        "category-missing-key-on-the-category-line",
        delete_lines("data_catalog.yaml", _RETENTION, _RETENTION),
        "data_catalog.yaml",
        text_line("data_catalog.yaml", _FIT),
        f"categories.{_FIT_INDEX}.retention",
        "Field required",
    ),
    case(
        "duplicate-category-id",
        sub_line("data_catalog.yaml", _FIT_LINE, "health_fitness_data", "payment_data"),
        "data_catalog.yaml",
        _FIT_LINE,
        "id",
        "duplicate id 'payment_data'",
    ),
    case(
        "duplicate-purpose-id",
        sub_line("purposes.yaml", _EMAIL_MKT_LINE, "email_marketing", "personalized_offers"),
        "purposes.yaml",
        _EMAIL_MKT_LINE,
        "id",
        "duplicate id 'personalized_offers'",
    ),
    case(
        "purpose-bad-legal-basis-on-its-line",
        sub_line(
            "purposes.yaml", text_line("purposes.yaml", "legal_basis:", after=_FITNESS_PURPOSE), "consent", "consented"
        ),
        "purposes.yaml",
        text_line("purposes.yaml", "legal_basis:", after=_FITNESS_PURPOSE),
        f"purposes.{_FITNESS_PURPOSE_INDEX}.legal_basis",
        "'consent', 'legitimate_interest'",
    ),
    case(
        "purpose-malformed-policy-section-on-its-line",
        sub_line(
            "purposes.yaml",
            text_line("purposes.yaml", "policy_section:", after=_FITNESS_PURPOSE),
            "#fitness-tracker-connection",
            "#Fitness Tracker",
        ),
        "purposes.yaml",
        text_line("purposes.yaml", "policy_section:", after=_FITNESS_PURPOSE),
        f"purposes.{_FITNESS_PURPOSE_INDEX}.policy_section",
        "should match pattern",
    ),
    # A control renamed in company.yaml leaves the purpose that names it pointing nowhere.
    case(
        "purpose-opt-out-names-a-missing-control",
        sub_line("company.yaml", text_line("company.yaml", "  email_unsubscribe:"), "email_unsubscribe", "unsubscribe"),
        "purposes.yaml",
        text_line("purposes.yaml", _EMAIL_MKT),
        "opt_out",
        "unknown control 'email_unsubscribe'",
    ),
    case(
        "control-with-neither-link-nor-instructions",
        delete_lines("company.yaml", _UNSUB + 2, _UNSUB_END),  # keeps the key and its label line
        "company.yaml",
        _UNSUB + 1,
        "controls.email_unsubscribe",
        "a control needs a link or instructions",
    ),
    case(
        "control-link-not-a-url",
        sub_line("company.yaml", _UNSUB + 2, "https://", ""),
        "company.yaml",
        _UNSUB + 2,
        "controls.email_unsubscribe.link",
        "should match pattern",
    ),
    case(
        "company-bad-privacy-email",
        sub_line("company.yaml", text_line("company.yaml", "privacy_email:"), "@", " at "),
        "company.yaml",
        text_line("company.yaml", "privacy_email:"),
        "contacts.privacy_email",
        "is not an email address",
    ),
    case(
        "company-unknown-key-on-its-line",
        sub_line("company.yaml", text_line("company.yaml", "  support:"), "\n", "\n  fax: +1 206 555\n"),
        "company.yaml",
        text_line("company.yaml", "  support:") + 1,
        "contacts.fax",
        "Extra inputs are not permitted",
    ),
    case(
        "company-empty-name",
        sub_line("company.yaml", text_line("company.yaml", "name: Northwind"), "Northwind Outfitters", '""'),
        "company.yaml",
        text_line("company.yaml", "name: Northwind"),
        "name",
        "at least 1 character",
    ),
    case(
        "yaml-document-not-a-mapping",
        write("purposes.yaml", "- personalized_offers\n- email_marketing\n"),
        "purposes.yaml",
        1,
        "(record)",
        "valid dictionary",
    ),
]


@pytest.mark.parametrize("bad", YAML_CASES)
def test_invalid_yaml_names_file_line_and_field(pack_dir: Path, bad: Bad) -> None:
    assert_rejected(pack_dir, bad)


_CONTACT = "  - id: contact_details"

CROSSREF_CASES = [
    case(
        "catalog-unknown-purpose",
        sub_line(
            "data_catalog.yaml",
            text_line("data_catalog.yaml", "purposes:", after=_CONTACT),
            "fraud_prevention",
            "fraud_prevension",
        ),
        "data_catalog.yaml",
        text_line("data_catalog.yaml", _CONTACT),
        "purposes.3",
        "unknown purpose 'fraud_prevension'",
    ),
    case(
        "purpose-unknown-policy-section",
        sub_line(
            "purposes.yaml",
            text_line("purposes.yaml", "policy_section:", after=_EMAIL_MKT),
            "#email-marketing",
            "#e-mail-marketing",
        ),
        "purposes.yaml",
        text_line("purposes.yaml", _EMAIL_MKT),
        "policy_section",
        "unknown section id 'privacy-policy#e-mail-marketing'",
    ),
    case(
        "purpose-unknown-opt-out-control",
        sub_line(
            "purposes.yaml",
            text_line("purposes.yaml", "opt_out:", after=_EMAIL_MKT),
            "email_unsubscribe",
            "email_unsubscribe_link",
        ),
        "purposes.yaml",
        text_line("purposes.yaml", _EMAIL_MKT),
        "opt_out",
        "unknown control 'email_unsubscribe_link'",
    ),
    case(
        "consent-unknown-customer",
        set_keys("consents.jsonl", "CE-3", customer_id="NW-9999"),
        "consents.jsonl",
        record_line("consents.jsonl", "CE-3"),
        "customer_id",
        "unknown customer 'NW-9999'",
    ),
    case(
        "consent-unknown-purpose",
        set_keys("consents.jsonl", "CE-3", purpose="telepathy"),
        "consents.jsonl",
        record_line("consents.jsonl", "CE-3"),
        "purpose",
        "unknown purpose 'telepathy'",
    ),
    case(
        "decision-unknown-customer",
        set_keys("decisions.jsonl", "D-1", customer_id="NW-9999"),
        "decisions.jsonl",
        _D1,
        "customer_id",
        "unknown customer 'NW-9999'",
    ),
    case(
        "decision-unknown-offer",
        set_keys("decisions.jsonl", "D-1", offer_id="OF-999"),
        "decisions.jsonl",
        _D1,
        "offer_id",
        "unknown offer 'OF-999'",
    ),
    case(
        "decision-channel-not-offered",
        set_keys("decisions.jsonl", "D-1", channel="sms"),
        "decisions.jsonl",
        _D1,
        "channel",
        "offer OF-1 is not offered on channel 'sms'",
    ),
    case(
        "decision-unknown-purpose",
        set_keys("decisions.jsonl", "D-1", purpose="mind_reading"),
        "decisions.jsonl",
        _D1,
        "purpose",
        "unknown purpose 'mind_reading'",
    ),
    case(
        "decision-legal-basis-differs-from-purpose",
        set_keys("decisions.jsonl", "D-1", legal_basis="contract"),
        "decisions.jsonl",
        _D1,
        "legal_basis",
        "'contract' differs from purpose contextual_offers's",
    ),
    case(
        "decision-unknown-data-category",
        set_parameter("D-3", 1, data_category="shoe_size"),
        "decisions.jsonl",
        _D3,
        "parameters.1.data_category",
        "unknown data category 'shoe_size'",
    ),
    case(
        "decision-unknown-consent-event",
        set_keys("decisions.jsonl", "D-84", consent_event_id="CE-9999"),
        "decisions.jsonl",
        _D84,
        "consent_event_id",
        "unknown consent event 'CE-9999'",
    ),
    case(
        "decision-consent-event-of-another-customer",
        set_keys("decisions.jsonl", "D-84", consent_event_id="CE-23"),  # NW-1013's grant
        "decisions.jsonl",
        _D84,
        "consent_event_id",
        "consent event CE-23 belongs to another customer",
    ),
    case(
        "decision-consent-event-for-other-purpose",
        set_keys("decisions.jsonl", "D-84", consent_event_id="CE-79"),  # NW-1040's email_marketing grant
        "decisions.jsonl",
        _D84,
        "consent_event_id",
        "consent event CE-79 is for purpose 'email_marketing'",
    ),
    case(
        "decision-consent-event-is-a-withdrawal",
        set_keys("decisions.jsonl", "D-84", consent_event_id="CE-95", shown_at="2024-02-20T10:00:00Z"),
        "decisions.jsonl",
        _D84,
        "consent_event_id",
        "consent event CE-95 is a withdrawal, not a grant",
    ),
    case(
        "decision-consent-event-later-than-shown-at",
        set_keys("decisions.jsonl", "D-84", shown_at="2023-09-01T10:00:00Z"),  # CE-78 is from 2023-09-10
        "decisions.jsonl",
        _D84,
        "consent_event_id",
        "consent event CE-78 is later than shown_at",
    ),
]


@pytest.mark.parametrize("bad", CROSSREF_CASES)
def test_broken_cross_reference_names_file_line_and_field(pack_dir: Path, bad: Bad) -> None:
    assert_rejected(pack_dir, bad)


_PP_END = front_matter_end(PRIVACY)
_WHO = text_line(PRIVACY, "## Who we are and how to contact us")
_WHAT = text_line(PRIVACY, "## What data do we collect?")


def _without_front_matter(root: Path) -> None:
    _rewrite(root, PRIVACY, lambda lines: lines.__delitem__(slice(0, _PP_END)))


def _only_front_matter(root: Path) -> None:
    def apply(lines: list[str]) -> None:
        lines[_PP_END:] = ["\n", "# Privacy Policy\n", "\n", "No sections yet.\n"]

    _rewrite(root, PRIVACY, apply)


def _front_matter_list(root: Path) -> None:
    def apply(lines: list[str]) -> None:
        lines[1 : _PP_END - 1] = ["- privacy-policy\n", "- Northwind Outfitters Privacy Policy\n"]

    _rewrite(root, PRIVACY, apply)


POLICY_CASES = [
    case(
        "policy-without-front-matter",
        _without_front_matter,
        PRIVACY,
        1,
        None,
        "a policy must start with YAML front matter",
    ),
    case(
        "policy-front-matter-not-closed",
        replace_line(PRIVACY, _PP_END, ""),
        PRIVACY,
        1,
        None,
        "front matter is not closed with '---'",
    ),
    case(
        "policy-front-matter-syntax-error",
        sub_line(PRIVACY, text_line(PRIVACY, "title:"), "Northwind Outfitters", "Northwind: Outfitters"),
        PRIVACY,
        text_line(PRIVACY, "title:"),
        None,
        "front matter is not YAML",
    ),
    case("policy-front-matter-not-a-mapping", _front_matter_list, PRIVACY, 2, None, "front matter must be a mapping"),
    case(
        "policy-front-matter-bad-effective-date",
        sub_line(PRIVACY, text_line(PRIVACY, "effective_date:"), '"2024-01-15"', "soon"),
        PRIVACY,
        text_line(PRIVACY, "effective_date:"),
        "effective_date",
        "valid date",
    ),
    case(
        "policy-front-matter-bad-doc-id",
        sub_line(PRIVACY, text_line(PRIVACY, "doc_id:"), "privacy-policy", "Privacy Policy"),
        PRIVACY,
        text_line(PRIVACY, "doc_id:"),
        "doc_id",
        "should match pattern",
    ),
    case(
        "policy-front-matter-unknown-key",
        sub_line(PRIVACY, text_line(PRIVACY, "version:"), "\n", "\nowner: legal team\n"),
        PRIVACY,
        text_line(PRIVACY, "version:") + 1,
        "owner",
        "Extra inputs are not permitted",
    ),
    case(
        "policy-front-matter-missing-title",
        delete_lines(PRIVACY, text_line(PRIVACY, "title:"), text_line(PRIVACY, "title:")),
        PRIVACY,
        2,
        "title",
        "Field required",
    ),
    # Same slug, different punctuation: still the same section id.
    case(
        "policy-duplicate-heading",
        sub_line(PRIVACY, _WHAT, "What data do we collect?", "Who we are and how to contact us?"),
        PRIVACY,
        _WHAT,
        "heading",
        f"section id 'privacy-policy#who-we-are-and-how-to-contact-us' repeats line {_WHO}",
    ),
    case(
        "policy-heading-with-empty-slug",
        sub_line(PRIVACY, _WHAT, "What data do we collect?", "???"),
        PRIVACY,
        _WHAT,
        "heading",
        "heading '???' gives an empty section id",
    ),
    case(
        "policy-without-sections",
        _only_front_matter,
        PRIVACY,
        _PP_END + 1,
        None,
        "a policy needs at least one ## or ### section",
    ),
    # personalization-notice.md is read first, so privacy-policy.md is the one that repeats the doc_id.
    case(
        "policy-duplicate-doc-id-across-files",
        sub_line(PRIVACY, text_line(PRIVACY, "doc_id:"), "privacy-policy", "personalization-notice"),
        PRIVACY,
        text_line(PRIVACY, "doc_id:"),
        "doc_id",
        "doc_id 'personalization-notice' is used by another policy",
    ),
    case(
        "no-policy-files",
        lambda root: [p.unlink() for p in (root / "policies").glob("*.md")],
        "policies",
        None,
        None,
        "no policy documents (*.md, *.html, *.pdf) found",
    ),
    case("no-policies-directory", remove("policies"), "policies", None, None, "no policy documents"),
]


@pytest.mark.parametrize("bad", POLICY_CASES)
def test_invalid_policy_names_file_line_and_field(pack_dir: Path, bad: Bad) -> None:
    assert_rejected(pack_dir, bad)


# --- validator edge cases found in review, now fixed -----------------------------------------------------------


@pytest.mark.parametrize("file", ["customers.jsonl", "company.yaml", PRIVACY])
def test_file_that_is_not_utf8_is_a_pack_error(pack_dir: Path, file: str) -> None:
    path = pack_dir / file
    data = path.read_bytes()
    at = data.index(b"e", 100)  # a Latin-1 'é' in place of an 'e': what a legacy export would write
    path.write_bytes(data[:at] + b"\xe9" + data[at + 1 :])
    with pytest.raises(PackError) as info:
        load_pack(pack_dir)
    assert info.value.path == path
    assert any(word in info.value.problem.lower() for word in ("utf-8", "decode", "encoding"))


@pytest.mark.parametrize(
    "bad",
    [
        c
        for c in (*YAML_CASES, *POLICY_CASES)
        if c.id in ("yaml-syntax-error-on-its-line", "policy-front-matter-syntax-error")
    ],
)
def test_yaml_syntax_error_message_is_a_single_line(pack_dir: Path, bad: Bad) -> None:
    bad.mutate(pack_dir)
    with pytest.raises(PackError) as info:
        load_pack(pack_dir)
    assert info.value.line == bad.line
    assert "\n" not in info.value.message
    assert "<unicode string>" not in info.value.message


def test_duplicate_doc_id_points_at_the_doc_id_line(pack_dir: Path) -> None:
    path = pack_dir / PRIVACY
    text = path.read_text(encoding="utf-8")
    # Same front matter, doc_id moved below title: doc_id is now on line 3.
    text = text.replace(
        "doc_id: privacy-policy\ntitle: Northwind Outfitters Privacy Policy\n",
        "title: Northwind Outfitters Privacy Policy\ndoc_id: personalization-notice\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_pack(pack_dir)
    assert (info.value.path, info.value.field) == (path, "doc_id")
    assert info.value.line == 3


def test_unquoted_policy_version_is_rejected_or_kept_verbatim(pack_dir: Path) -> None:
    line = text_line(PRIVACY, "version:")
    sub_line(PRIVACY, line, '"3.1"', "3.10")(pack_dir)
    try:
        pack = load_pack(pack_dir)
    except PackError as err:
        assert (err.line, err.field) == (line, "version")
    else:
        assert pack.policies["privacy-policy"].version == "3.10"


# --- the sample pack ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> Any:
    return load_pack(SAMPLE)


def test_sample_pack_loads_with_expected_counts(sample: Any) -> None:
    assert (len(sample.customers), len(sample.offers), len(sample.decisions)) == (48, 30, 1000)
    assert len(sample.consents) == len(_sample_lines("consents.jsonl"))
    assert set(sample.policies) == {"privacy-policy", "personalization-notice"}
    assert sample.company.name == "Northwind Outfitters"
    assert "health_fitness_data" in sample.categories
    assert sample.purposes["personalized_offers"].legal_basis == "consent"


def test_sample_pack_records_source_lines_for_later_checks(sample: Any) -> None:
    assert sample.lines[("decision", "D-84")] == _D84
    assert sample.lines[("customer", "NW-1003")] == record_line("customers.jsonl", "NW-1003")
    assert sample.lines[("purpose", "email_marketing")] == text_line("purposes.yaml", _EMAIL_MKT)
    assert sample.lines[("category", "health_fitness_data")] == text_line("data_catalog.yaml", _FIT)


def test_section_ids_are_doc_id_and_slug_of_the_heading(sample: Any) -> None:
    section = sample.sections["privacy-policy#how-we-choose-offers"]
    assert (section.title, section.level, section.doc_id) == ("How we choose offers", 2, "privacy-policy")
    assert _sample_lines(PRIVACY)[section.line - 1] == "## How we choose offers"
    assert "privacy-policy#what-data-do-we-collect" in sample.sections
    assert "personalization-notice#offers-2-3" in sample.sections  # "### offers-2.3"
    for section_id, s in sample.sections.items():
        assert section_id == f"{s.doc_id}#{slugify(s.title)}"
        assert s.level in (2, 3)
    for purpose in sample.purposes.values():
        assert purpose.policy_section in sample.sections


def test_plain_language_summaries_are_extracted(sample: Any) -> None:
    who = sample.sections["privacy-policy#who-we-are-and-how-to-contact-us"]
    assert who.plain_language is not None
    assert who.plain_language.startswith("We are Northwind Outfitters, a shop for outdoor gear.")
    assert not who.plain_language.startswith("Plain language")
    assert all(s.plain_language for s in sample.sections.values())


def test_plain_language_is_joined_and_optional(tmp_path: Path) -> None:
    path = tmp_path / "notice.md"
    path.write_text(
        "---\ndoc_id: notice\ntitle: Notice\nversion: 2.0\neffective_date: 2024-06-01\n---\n\n"
        "# Notice\n\n## First part\n\nLong text.\n\nPlain language: Short words\n  over two lines.\n\n"
        "### No summary here\n\nOnly text.\n\n## Empty summary\n\nPlain language:\n",
        encoding="utf-8",
    )
    front, sections = parse_policy(path)
    assert front.version == "2.0"
    assert [(s.section_id, s.level, s.line) for s in sections] == [
        ("notice#first-part", 2, 10),
        ("notice#no-summary-here", 3, 17),
        ("notice#empty-summary", 2, 21),
    ]
    assert [s.plain_language for s in sections] == ["Short words over two lines.", None, None]
    assert sections[0].text.startswith("Long text.")


@pytest.mark.parametrize(
    ("heading", "slug"),
    [
        ("How we choose offers", "how-we-choose-offers"),
        ("What data do we collect?", "what-data-do-we-collect"),
        ("Partner offers & advertising", "partner-offers-advertising"),
        ("offers-2.3", "offers-2-3"),
        ("  Right to object  ", "right-to-object"),
        ("Sale and sharing under US state laws", "sale-and-sharing-under-us-state-laws"),
        ("--Already--slugged--", "already-slugged"),
        ("Step 1: sign in", "step-1-sign-in"),
        ("Café & Données", "caf-donn-es"),  # the rule keeps only a-z and 0-9
        ("???", ""),
    ],
    ids=[
        "plain",
        "question-mark",
        "ampersand",
        "dotted-version",
        "outer-spaces",
        "capitals",
        "dashes",
        "digits-and-colon",
        "non-ascii",
        "only-punctuation",
    ],
)
def test_slugify_lowercases_and_joins_runs_of_other_characters_with_one_dash(heading: str, slug: str) -> None:
    assert slugify(heading) == slug
