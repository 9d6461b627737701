"""One typed settings object, built once at the entry point and passed down."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "candor"


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "candor"


class Settings(BaseSettings):
    """Everything configurable, from CANDOR_* environment variables or flags."""

    model_config = SettingsConfigDict(env_prefix="CANDOR_", extra="ignore", populate_by_name=True)

    knowledge_dir: Path = Field(default=REPO_ROOT / "knowledge", description="The knowledge pack to load.")
    data_dir: Path = Field(default_factory=_default_data_dir, description="Where ingested builds live.")
    cache_dir: Path | None = Field(
        default_factory=_default_cache_dir,
        description="Work any build can reuse (the classifier's embedded training texts and fitted heads); "
        "empty to keep none.",
    )

    @field_validator("cache_dir", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        # CANDOR_CACHE_DIR= (empty) means no cache, not the current folder.
        return None if isinstance(value, str) and not value.strip() else value

    prompts_dir: Path = REPO_ROOT / "prompts"

    embeddings: Literal["local", "openai"] = "local"
    # The local model's arithmetic: "auto" is bfloat16 where the CPU multiplies it natively (2-10x faster,
    # vectors at cosine >= 0.9998 to float32), float32 elsewhere. float32 gives sentence-transformers' vectors
    # bit for bit.
    embedding_precision: Literal["auto", "float32", "bfloat16"] = "auto"

    # Storage for several replicas (docs/architecture.md, "Storage"). Unset: SQLite files under the data
    # directory and an embedded Chroma, one machine. A postgresql+psycopg:// URL shares records, consent
    # events, audit, sign-in nonces and rate limits; a Chroma server URL shares the policy index.
    database_url: str | None = Field(default=None, description="SQLAlchemy URL of the shared database.")
    chroma_url: str | None = Field(default=None, description="A Chroma server, e.g. http://127.0.0.1:8000.")
    build_check_seconds: float = Field(default=2.0, ge=0, description="How often to look for a newer build.")

    # LLM mode: "openai" is implied when OPENAI_API_KEY is set (see `llm_mode`); "local" starts a llama.cpp
    # server in this process on loopback (the `local-llm` extra) with the packaged model or `local_model`.
    llm: Literal["none", "openai", "local"] | None = None
    model: str = "gpt-4o-mini"
    openai_api_key: str | None = Field(default=None, validation_alias="OPENAI_API_KEY")
    openai_base_url: str | None = Field(default=None, validation_alias="OPENAI_BASE_URL")
    llm_timeout: float = Field(default=30.0, gt=0, description="Seconds per LLM request.")
    llm_retries: int = Field(default=2, ge=0, le=10)
    llm_context_tokens: int = Field(default=16000, ge=1000, description="The model's context window.")
    llm_answer_reserve: int = Field(default=800, ge=100, description="Tokens kept free for the answer.")
    openai_embedding_model: str = "text-embedding-3-small"
    local_model: Path | None = Field(default=None, description="A GGUF chat model for CANDOR_LLM=local.")
    local_threads: int | None = Field(default=None, ge=1, description="CPU threads for the local model.")
    # In LLM mode, "close" lets the model pick between the classifier's two readings when they are close
    # (understand/routing.py). Off by default: the packaged local model's pick follows the order of the
    # options, so it never settles one (benchmarks/results/router.md).
    llm_router: Literal["off", "close"] = "off"
    chunk_tokens: int = Field(default=180, ge=40)
    chunk_overlap_tokens: int = Field(default=20, ge=0)
    retrieval_k: int = Field(default=4, ge=1)
    policy_selector_weights: Path | None = Field(
        default=None,
        description="A directory of sentence-selector weights with practice layers, trained locally by "
        "benchmarks/policy_qa/train_head.py --out-dir (research use only; unset: the shipped head).",
    )

    # Input limits: longer messages get a clear notice instead of an answer.
    max_input_tokens: int = Field(default=300, ge=10)
    max_line_chars: int = Field(default=2000, ge=80)
    # Redacting one question may take this long; past it the question is refused, never used half-redacted.
    redact_budget_ms: int = Field(default=2000, ge=1)
    # A NER model that finds person names beside the rules (`ner` extra; spacy_md needs one more package, see
    # pyproject.toml); off by default, see docs/guardrails.md.
    redact_ner: Literal["off", "spacy", "spacy_md"] = "off"
    # Rate limits: questions per session per minute, and per customer account per hour.
    rate_per_session_minute: int = Field(default=20, ge=1)
    rate_per_account_hour: int = Field(default=300, ge=1)
    # Signs sign-in links and session cookies (HMAC-SHA256); required for real sign-in.
    secret: str | None = None
    token_ttl_seconds: int = Field(default=600, ge=10)

    # Redacted transcripts of every turn, under the data directory, for evaluation and audit.
    transcripts: bool = True

    host: str = "127.0.0.1"
    port: int = 7860
    demo: bool = False
    demo_password: str = "candor-demo"

    # Relative dates in questions ("yesterday's email") are read against this clock; unset means now.
    now: datetime | None = None

    @property
    def llm_mode(self) -> Literal["none", "openai", "local"]:
        """CANDOR_LLM wins; otherwise an OpenAI key (or a base URL for a local server) turns LLM mode on."""
        if self.llm is not None:
            return self.llm
        return "openai" if self.openai_api_key else "none"

    @property
    def database(self) -> str:
        """The database URL in force: by default the state file under the data directory, as always."""
        return self.database_url or f"sqlite:///{self.data_dir / 'state.sqlite'}"

    def clock(self) -> datetime:
        from datetime import UTC

        return self.now if self.now is not None else datetime.now(UTC)
