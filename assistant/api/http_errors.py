"""Every failure as JSON: 422 naming the field, 401/403/404, 429 with Retry-After, 500 without a stack trace.

A route class rather than app-wide exception handlers, so the router behaves the same in whichever app mounts
it (Gradio's own in demo mode, the sign-in server otherwise)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("candor.api")

CODES = {
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    422: "invalid_input",
    429: "rate_limited",
}


class FieldError(BaseModel):
    field: str  # e.g. "body.question"
    message: str


class Error(BaseModel):
    error: str  # a stable code: "invalid_input", "unauthorized", "forbidden", "not_found", "conflict", "rate_limited"
    detail: str
    fields: list[FieldError] = []


def error(
    status: int, detail: str, fields: list[FieldError] | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = Error(error=CODES.get(status, "internal"), detail=detail, fields=fields or [])
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def rate_limited(detail: str, retry_after: int) -> HTTPException:
    return HTTPException(429, detail, headers={"Retry-After": str(retry_after)})


def _invalid(exc: RequestValidationError) -> JSONResponse:
    fields = [
        FieldError(field=".".join(str(p) for p in e.get("loc", ())), message=str(e.get("msg", "invalid")))
        for e in exc.errors()
    ]
    return error(422, "The request is not valid: see `fields`.", fields)


class JSONErrorRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as exc:
                return _invalid(exc)
            except StarletteHTTPException as exc:
                if exc.status_code == 400:  # FastAPI's "error parsing the body": bytes that are not JSON text
                    return error(
                        422,
                        "The request is not valid: see `fields`.",
                        [FieldError(field="body", message=str(exc.detail))],
                    )
                return error(exc.status_code, str(exc.detail), headers=dict(exc.headers or {}))
            except Exception:
                # The log keeps the traceback; the caller gets a plain message.
                log.exception("API error on %s %s", request.method, request.url.path)
                return error(500, "Something went wrong on our side. Please try again later.")

        return guarded
