"""Short-lived signed sign-in links: HMAC-SHA256 over customer id, expiry and a one-time nonce."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar


class TokenError(ValueError):
    """Why a sign-in link was refused; `reason` is one of the keys of MESSAGES."""

    MESSAGES: ClassVar[dict[str, str]] = {
        "malformed": "This sign-in link is not complete. Please open it again from your account page.",
        "signature": "This sign-in link is not valid: it was changed or not made by us. Please sign in again "
        "from your account page.",
        "expired": "This sign-in link has expired. Links work for a few minutes only: please open Candor again "
        "from your account page.",
        "replayed": "This sign-in link was already used. Each link works once: please open Candor again from "
        "your account page.",
        "unknown_customer": "We could not find your account. Please contact support.",
    }

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(self.MESSAGES[reason])


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(secret: str, payload: str) -> str:
    return _b64(hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest())


def mint(secret: str, customer_id: str, ttl_seconds: int, now: float | None = None) -> str:
    claims = {"sub": customer_id, "exp": int((now or time.time()) + ttl_seconds), "nonce": secrets.token_hex(12)}
    payload = _b64(json.dumps(claims, separators=(",", ":")).encode())
    return f"{payload}.{_sign(secret, payload)}"


@dataclass(frozen=True)
class Claims:
    customer_id: str
    expires_at: float
    nonce: str


def verify(secret: str, token: str, use_nonce: Callable[[str, float], bool], now: float | None = None) -> Claims:
    """Check signature, expiry and one-time use; raise TokenError saying which failed."""
    try:
        payload, signature = token.split(".")
        claims = json.loads(_unb64(payload))
        parsed = Claims(str(claims["sub"]), float(claims["exp"]), str(claims["nonce"]))
    except (ValueError, KeyError, TypeError):
        raise TokenError("malformed") from None
    if not hmac.compare_digest(_sign(secret, payload), signature):
        raise TokenError("signature")
    if parsed.expires_at < (now or time.time()):
        raise TokenError("expired")
    if not use_nonce(parsed.nonce, parsed.expires_at):
        raise TokenError("replayed")
    return parsed


def parse_ttl(text: str) -> int:
    """'10m', '90s', '1h' or plain seconds."""
    units = {"s": 1, "m": 60, "h": 3600}
    text = text.strip().lower()
    if text[-1:] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)
