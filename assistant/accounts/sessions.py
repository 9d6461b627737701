"""Session cookies: the signed-in identity (a customer id for a customer, "agent:alice" for an agent)."""

from __future__ import annotations

import hashlib
import hmac
import time

COOKIE = "candor_session"
AGENT_PREFIX = "agent:"


def is_agent(identity: str | None) -> bool:
    return bool(identity and identity.startswith(AGENT_PREFIX))


def issue(secret: str, identity: str, ttl_seconds: int = 8 * 3600) -> str:
    value = f"{identity}|{int(time.time()) + ttl_seconds}"
    mac = hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()
    return f"{value}|{mac}"


def read(secret: str, cookie: str | None) -> str | None:
    """The identity in a valid, unexpired cookie; None otherwise."""
    if not cookie or cookie.count("|") != 2:
        return None
    identity, expires, mac = cookie.split("|")
    good = hmac.new(secret.encode(), f"{identity}|{expires}".encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(good, mac) or not expires.isdigit() or int(expires) < time.time():
        return None
    return identity
