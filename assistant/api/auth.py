"""Who is calling: the signed session cookie, a bearer token from `candor token --api`, or (demo mode only)
HTTP Basic with the demo sign-in's user names and passwords. The customer id comes from here, never from input."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBasic, HTTPBasicCredentials, HTTPBearer

from assistant.accounts import sessions
from assistant.accounts.agents import AgentStore
from assistant.pipeline import Candor
from assistant.settings import Settings

_cookie = APIKeyCookie(name=sessions.COOKIE, auto_error=False, description="The browser's signed session")
_bearer = HTTPBearer(auto_error=False, description="A token from `candor token --api`")
_basic = HTTPBasic(auto_error=False, description="Demo mode only: customer id (or agent:<name>) and password")


@dataclass(frozen=True)
class Caller:
    identity: str  # a customer id, or "agent:<name>"
    # A stable, non-secret key for the credential: the API's "session" for rate limits.
    session: str

    @property
    def is_agent(self) -> bool:
        return sessions.is_agent(self.identity)

    @property
    def agent(self) -> str:
        return self.identity.removeprefix(sessions.AGENT_PREFIX)


def unauthorized(detail: str) -> HTTPException:
    return HTTPException(401, detail, headers={"WWW-Authenticate": 'Bearer realm="candor"'})


def _key(credential: str) -> str:
    return hashlib.sha256(credential.encode()).hexdigest()[:24]


def authenticator(candor: Candor, settings: Settings) -> Callable[..., Caller]:
    agents = AgentStore(settings.data_dir / "agents.json")

    def demo_identity(basic: HTTPBasicCredentials) -> str | None:
        # Basic splits at the first colon, so the demo's agent user name "agent:<name>" arrives as user
        # "agent" and password "<name>:<password>": `curl -u agent:alice:PASSWORD` reads as the sign-in does.
        if f"{basic.username}:" == sessions.AGENT_PREFIX and ":" in basic.password:
            name, password = basic.password.split(":", 1)
            return f"{sessions.AGENT_PREFIX}{name}" if agents.check(name, password) else None
        ok = hmac.compare_digest(basic.password.encode(), settings.demo_password.encode())
        return basic.username if ok else None

    def authenticate(
        cookie: Annotated[str | None, Depends(_cookie)],
        bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
        basic: Annotated[HTTPBasicCredentials | None, Depends(_basic)],
    ) -> Caller:
        identity: str | None = None
        credential = bearer.credentials if bearer else cookie
        if credential and settings.secret:
            identity = sessions.read(settings.secret, credential)
        elif basic is not None and settings.demo:
            identity = demo_identity(basic)
            credential = f"{basic.username}:{basic.password}"
        if identity is None or credential is None:
            demo = " (in demo mode, HTTP Basic with the demo sign-in also works)" if settings.demo else ""
            raise unauthorized(
                f"Sign in first: send a bearer token from `candor token --api` or the session cookie{demo}."
            )
        if not sessions.is_agent(identity) and not candor.store.customer_exists(identity):
            raise unauthorized("This account is not known here.")
        return Caller(identity, _key(credential))

    return authenticate


def customer_only(caller: Caller) -> str:
    if caller.is_agent:
        raise HTTPException(403, "This endpoint is for customers; agents use /api/v1/agent/….")
    return caller.identity


def agent_only(caller: Caller) -> str:
    if not caller.is_agent:
        raise HTTPException(403, "This endpoint is for support agents only.")
    return caller.agent
