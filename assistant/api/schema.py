"""Print the API's OpenAPI schema: `python -m assistant.api.schema > docs/openapi.json`."""

from __future__ import annotations

import json
from typing import Any, cast

from assistant.pipeline import Candor
from assistant.settings import Settings

from .routes import api_router, openapi


def schema_text() -> str:
    # The routes read Candor only when called: the schema needs none built (no ingest, no model).
    router = api_router(cast(Candor, None), Settings())
    schema: dict[str, Any] = openapi(router)
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
