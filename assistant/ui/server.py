"""How the app is served: demo sign-in through Gradio's own auth, or real sign-in.

Real sign-in: the company's site links to Candor with a signed token; agents sign in with a password. A
FastAPI app verifies the link or the password, sets a signed session cookie, and mounts the Gradio app at
/app, which reads the identity from that cookie. Rejections get a plain page that says why.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import gradio as gr
import uvicorn
from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from assistant.accounts import sessions
from assistant.accounts.agents import AgentStore
from assistant.accounts.signin import TokenError, verify
from assistant.api.routes import api_router
from assistant.heap import settle
from assistant.pipeline import Candor
from assistant.settings import Settings
from assistant.ui.app import build_app
from assistant.ui.theme import CSS, THEME


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    text = (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;"
        "line-height:1.5;color:#1f2937}label,input,button{display:block;margin:.4rem 0}input{padding:.4rem;"
        "width:100%}button{padding:.5rem 1rem}</style></head>"
        f"<body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )
    return HTMLResponse(text, status_code=status)


_LOGIN_FORM = (
    "<form method='post' action='/agent/login'><label for='name'>Agent name</label>"
    "<input id='name' name='name' autocomplete='username' required>"
    "<label for='password'>Password</label><input id='password' name='password' type='password' "
    "autocomplete='current-password' required><button type='submit'>Sign in</button></form>"
)


def build_server(candor: Candor, settings: Settings) -> FastAPI:
    if not settings.secret:
        raise SystemExit("candor serve: set CANDOR_SECRET to sign sign-in links and sessions (or use --demo).")
    secret = settings.secret
    agents = AgentStore(settings.data_dir / "agents.json")
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.include_router(api_router(candor, settings))

    def signed_in(request: Request) -> str | None:
        return sessions.read(secret, request.cookies.get(sessions.COOKIE))

    def enter(identity: str) -> Response:
        response = RedirectResponse("/app/", status_code=303)
        response.set_cookie(sessions.COOKIE, sessions.issue(secret, identity), httponly=True, samesite="lax")
        return response

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request, token: str | None = None) -> Response:
        if token is not None:
            try:
                claims = verify(secret, token, candor.state.use_nonce)
            except TokenError as refused:
                return _page("Sign-in link not accepted", f"<p>{html.escape(str(refused))}</p>", status=401)
            if not candor.store.customer_exists(claims.customer_id):
                return _page("Sign-in link not accepted", f"<p>{TokenError.MESSAGES['unknown_customer']}</p>", 401)
            return enter(claims.customer_id)
        if signed_in(request):
            return RedirectResponse("/app/", status_code=303)
        company = html.escape(candor.catalog.company.name)
        return _page(
            f"Candor · {company}",
            f"<p>Open Candor from your {company} account page: it signs you in "
            "with a link that works for a few minutes.</p><p>Support agents: "
            "<a href='/agent/login'>sign in here</a>.</p>",
            status=401,
        )

    @app.get("/agent/login", response_class=HTMLResponse)
    def agent_form() -> Response:
        return _page("Support agent sign-in", _LOGIN_FORM)

    @app.post("/agent/login", response_class=HTMLResponse)
    def agent_login(name: str = Form(...), password: str = Form(...)) -> Response:
        if not agents.check(name, password):
            candor.state.audit(actor=name, role="agent", action="login_failed", target="-", detail="wrong password")
            return _page("Support agent sign-in", "<p>Wrong name or password.</p>" + _LOGIN_FORM, status=401)
        candor.state.audit(actor=name, role="agent", action="login", target="-", detail="signed in")
        return enter(f"{sessions.AGENT_PREFIX}{name}")

    @app.get("/logout")
    def logout() -> Response:
        response = _page("Signed out", "<p>You have signed out of Candor.</p>")
        response.delete_cookie(sessions.COOKIE)
        return response

    blocks = build_app(candor, settings)
    return gr.mount_gradio_app(
        app, blocks, path="/app", auth_dependency=signed_in, theme=THEME, css=CSS, footer_links=[], show_error=False
    )


def demo_auth(candor: Candor, settings: Settings) -> Callable[[str, str], bool]:
    """Demo sign-in: a customer id with the demo password, or "agent:<name>" with that agent's password."""
    agents = AgentStore(settings.data_dir / "agents.json")

    def check(username: str, password: str) -> bool:
        if sessions.is_agent(username):
            return agents.check(username.removeprefix(sessions.AGENT_PREFIX), password)
        return password == settings.demo_password and candor.store.customer_exists(username)

    return check


def launch_options(candor: Candor, settings: Settings) -> dict[str, Any]:
    """How the demo app is served: demo auth, local theme and styles, no footer links to outside."""
    example = candor.store.customer_ids()[0]
    return {
        "server_name": settings.host,
        "server_port": settings.port,
        "theme": THEME,
        "css": CSS,
        "auth": demo_auth(candor, settings),
        "auth_message": (
            f"DEMO sign-in. User name: a customer id such as {example}. "
            f"Password: {settings.demo_password}. Real sign-in is not enabled in this demo."
        ),
        "show_error": False,
        "footer_links": [],
    }


def serve_signed(settings: Settings, progress: Callable[[str], None]) -> None:
    candor = Candor(settings, progress=progress)
    app = build_server(candor, settings)
    settle()
    progress(f"Serving on http://{settings.host}:{settings.port} (sign in with a link from `candor token`)")
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")


def serve(settings: Settings, progress: Callable[[str], None]) -> None:
    """`candor serve`: the demo sign-in app, or real sign-in behind signed links."""
    if not settings.demo:
        serve_signed(settings, progress)
        return
    candor = Candor(settings, progress=progress)
    app = build_app(candor, settings)
    settle()
    progress(f"Serving on http://{settings.host}:{settings.port} (demo sign-in password: {settings.demo_password})")
    server, _, _ = app.launch(prevent_thread_lock=True, **launch_options(candor, settings))
    server.include_router(api_router(candor, settings))  # the API beside Gradio's own routes
    app.block_thread()
