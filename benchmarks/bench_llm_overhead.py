"""LLM-mode overhead: the time Candor adds around the model call, against a local mock OpenAI server.

Run from the repository root with the project's venv active:

    python benchmarks/bench_llm_overhead.py [--out benchmarks/results] [--questions 300]

A mock OpenAI-compatible server (http.server, in a separate process so it does not share this one's GIL)
listens on 127.0.0.1 and streams a fixed answer with a fixed artificial delay. Each question goes the way
LLM mode answers it: input check, redact, gather evidence, the grounded answer (the fallback), then
`LLMAnswerer.stream` (pack, prompt, model, verify), then restore. Time inside the HTTP call is measured at
the httpx transport (sending the request until the last byte of the stream is read); Candor's overhead is
the total minus that. Writes ``llm_overhead.json`` and ``llm_overhead.md`` to ``--out`` and prints the table.
Loopback only; every loop is bounded.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
for path in (REPO, REPO / "benchmarks"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

WARMUP = 5
MIN_MODEL_CALLS = 200
ANSWER = (
    "Here is what our records show about your question [{eid}]. "
    "Everything in this answer is taken from the records listed with it [{eid}]."
)

# --------------------------------------------------------------------------------------------------------------
# The mock server (run in its own process: `--mock-server`)
# --------------------------------------------------------------------------------------------------------------


def _events(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The fixed answer as stream chunks, citing the first evidence id in the prompt."""
    user = next((m["content"] for m in body.get("messages", []) if m.get("role") == "user"), "")
    start = user.find("[E")
    eid = user[start + 1 : user.index("]", start)] if start >= 0 else "E1"
    text = ANSWER.format(eid=eid)
    pieces = [text[i : i + 8] for i in range(0, len(text), 8)]

    def chunk(delta: dict[str, Any], finish: str | None) -> dict[str, Any]:
        return {
            "id": "chatcmpl-mock",
            "object": "chat.completion.chunk",
            "created": 1,
            "model": body.get("model", "mock"),
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }

    events = [chunk({"role": "assistant", "content": ""}, None)]
    events += [chunk({"content": p}, None) for p in pieces]
    events.append(chunk({}, "stop"))
    usage = {"prompt_tokens": 1000, "completion_tokens": len(pieces), "total_tokens": 1000 + len(pieces)}
    events.append({**chunk({}, None), "choices": [], "usage": usage})
    return events


def serve_mock(port: int, first_token_ms: float, chunk_ms: float, max_requests: int) -> None:
    handled: list[float] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_: Any) -> None:
            pass

        def do_GET(self) -> None:  # /stats: the server's own time per request
            data = json.dumps({"handled_ms": handled}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            try:
                self._answer()
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout): nothing to do
                self.close_connection = True

        def _answer(self) -> None:
            started = time.perf_counter()
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))) or b"{}")
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            events = _events(body)
            time.sleep(first_token_ms / 1000)
            for i, event in enumerate(events):
                if i > 1:
                    time.sleep(chunk_ms / 1000)
                self._chunk(f"data: {json.dumps(event)}\n\n".encode())
            self._chunk(b"data: [DONE]\n\n")
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
            handled.append((time.perf_counter() - started) * 1000)
            if len(handled) >= max_requests:
                threading.Thread(target=self.server.shutdown, daemon=True).start()

        def _chunk(self, data: bytes) -> None:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.serve_forever(poll_interval=0.2)


def start_mock(port: int, first_token_ms: float, chunk_ms: float, max_requests: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, __file__, "--mock-server", "--port", str(port)]
    cmd += ["--first-token-ms", str(first_token_ms), "--chunk-ms", str(chunk_ms), "--max-requests", str(max_requests)]
    proc = subprocess.Popen(cmd)
    for _ in range(200):  # up to 10 s
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("the mock server did not start")


def stop_mock(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


# --------------------------------------------------------------------------------------------------------------
# Time inside the HTTP call, measured at the transport
# --------------------------------------------------------------------------------------------------------------


def timed_transport() -> Any:
    import httpx

    class TimedStream(httpx.SyncByteStream):
        def __init__(self, inner: Any, owner: TimedTransport) -> None:
            self.inner, self.owner = inner, owner

        def __iter__(self) -> Iterator[bytes]:
            parts = iter(self.inner)
            while True:
                t0 = time.perf_counter()
                try:
                    part = next(parts)
                except StopIteration:
                    self.owner.seconds += time.perf_counter() - t0
                    return
                self.owner.seconds += time.perf_counter() - t0
                yield part

        def close(self) -> None:
            t0 = time.perf_counter()
            self.inner.close()
            self.owner.seconds += time.perf_counter() - t0

    class TimedTransport(httpx.BaseTransport):
        """httpx's own transport; `seconds` adds up time spent sending and reading, nothing else."""

        def __init__(self) -> None:
            self.inner = httpx.HTTPTransport(limits=httpx.Limits(max_connections=4))
            self.seconds = 0.0
            self.requests = 0

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            t0 = time.perf_counter()
            response = self.inner.handle_request(request)
            self.seconds += time.perf_counter() - t0
            self.requests += 1
            response.stream = TimedStream(response.stream, self)
            return response

        def close(self) -> None:
            self.inner.close()

    return TimedTransport()


# --------------------------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------------------------


def summarize(values: list[float]) -> dict[str, float]:
    from bench_speed import percentile

    return {
        "count": len(values),
        "p50_ms": round(percentile(values, 50), 2),
        "p95_ms": round(percentile(values, 95), 2),
        "p99_ms": round(percentile(values, 99), 2),
        "mean_ms": round(statistics.fmean(values), 2) if values else float("nan"),
        "max_ms": round(max(values), 2) if values else float("nan"),
    }


def run(n: int, port: int, data_dir: Path) -> dict[str, Any]:
    import logging

    from bench_speed import KNOWLEDGE, SAMPLE_NOW, generate_questions

    from assistant.compose.grounded import compose
    from assistant.llm import LLMAnswerer, LLMResult, StreamReset, display_text
    from assistant.pipeline import Candor
    from assistant.settings import Settings
    from assistant.turn import Turn
    from assistant.verify.checks import verify

    logging.getLogger("candor").setLevel(logging.ERROR)
    settings = Settings(
        knowledge_dir=KNOWLEDGE,
        data_dir=data_dir,
        now=SAMPLE_NOW,
        transcripts=False,
        rate_per_session_minute=10**6,  # the benchmark asks far faster than a person would
        rate_per_account_hour=10**6,
        llm="openai",
        openai_base_url=f"http://127.0.0.1:{port}/v1",
        openai_api_key="bench-key-not-secret",
    )
    candor = Candor(settings)
    transport = timed_transport()
    llm = LLMAnswerer(settings, candor.redactor, candor.catalog, transport=transport)
    conversations: dict[str, Any] = {}
    rows: list[dict[str, Any]] = []
    questions = generate_questions(n + WARMUP)
    for index, q in enumerate(questions):
        conversation = conversations.get(q.customer_id) or candor.conversation(q.customer_id)
        conversations[q.customer_id] = conversation
        http_before, requests_before = transport.seconds, transport.requests
        t0 = time.perf_counter()
        if candor.parts.guard.check_input(Turn(conversation, q.text, q.decision_id)) is not None:
            continue
        turn = candor.parts.evidence_chain.invoke(Turn(conversation, q.text, q.decision_id))
        grounded = compose(turn, candor.catalog)
        grounded.problems = verify(grounded, candor.catalog, turn.records)
        grounded.verified = not grounded.problems
        t_grounded = time.perf_counter()
        raw, shown, first_token = "", "", None
        result: LLMResult | None = None
        for event in llm.stream(turn, grounded):
            if isinstance(event, str):
                first_token = first_token or time.perf_counter()
                raw += event
                shown = conversation.vault.restore(display_text(raw))  # what the chat bubble re-renders
            elif isinstance(event, StreamReset):
                raw = ""
            else:
                result = event
        assert result is not None
        t_stream = time.perf_counter()
        final = conversation.vault.restore(result.answer.text)
        if result.answer.decision_ids:
            conversation.recent_decision_ids = list(result.answer.decision_ids)
        t_end = time.perf_counter()
        http_s = transport.seconds - http_before
        if index < WARMUP:
            continue
        rows.append(
            {
                "customer_id": q.customer_id,
                "kind": q.kind,
                "intent": grounded.intent,
                "model_called": result.llm_called,
                "skipped": result.skipped,
                "requests": transport.requests - requests_before,
                "mode": result.answer.mode,
                "verified": result.verified,
                "fallback_reason": result.fallback_reason,
                "total_ms": (t_end - t0) * 1000,
                "http_ms": http_s * 1000,
                "overhead_ms": (t_end - t0 - http_s) * 1000,
                "before_model_ms": (t_grounded - t0) * 1000,  # input check, redact, gather, grounded answer
                "stream_overhead_ms": (t_stream - t_grounded - http_s) * 1000,  # pack, prompt, SDK, verify
                "pack_ms": result.seconds.get("pack", 0.0) * 1000,
                "verify_ms": result.seconds.get("verify", 0.0) * 1000,
                "restore_ms": (t_end - t_stream) * 1000,
                "first_token_ms": ((first_token - t0) * 1000) if first_token else None,
                "prompt_tokens_tiktoken": result.evidence_tokens,
                "shown_chars": len(shown),
                "final_chars": len(final),
            }
        )
    llm.close()
    for row in rows:  # three decimals of a millisecond are plenty
        row.update({k: round(v, 3) for k, v in row.items() if isinstance(v, float)})
    called = [r for r in rows if r["model_called"]]
    return {
        "questions": len(rows),
        "model_calls": len(called),
        "skipped": dict(Counter(r["skipped"] for r in rows if not r["model_called"])),
        "modes": dict(Counter(r["mode"] for r in called)),
        "verified": sum(r["verified"] for r in called),
        "fallback_reasons": dict(Counter(r["fallback_reason"] for r in called if r["fallback_reason"])),
        "overhead": summarize([r["overhead_ms"] for r in called]),
        "http": summarize([r["http_ms"] for r in called]),
        "total": summarize([r["total_ms"] for r in called]),
        "before_model": summarize([r["before_model_ms"] for r in called]),
        "stream_overhead": summarize([r["stream_overhead_ms"] for r in called]),
        "pack": summarize([r["pack_ms"] for r in called]),
        "verify": summarize([r["verify_ms"] for r in called]),
        "restore": summarize([r["restore_ms"] for r in called]),
        "first_token": summarize([r["first_token_ms"] for r in called if r["first_token_ms"] is not None]),
        "skipped_total": summarize([r["total_ms"] for r in rows if not r["model_called"]]),
        "rows": rows,
    }


def markdown(results: dict[str, Any]) -> str:
    m, r, s = results["machine"], results["run"], results["server"]
    lines = [
        "# Candor LLM-mode overhead",
        "",
        f"{m['date']} · commit `{m['git_commit']}`{' (with uncommitted changes)' if m['git_dirty'] else ''} · "
        f"{m['cpu_count']} CPUs · Python {m['python']} · {m['platform']}",
        "",
        f"Load average (1, 5, 15 min) at start {results['load_average']['start']}, at end "
        f"{results['load_average']['end']}: other work on this machine shows up as noise in the tail.",
        "",
        f"Command: `{results['command']}`",
        "",
        f"Mock OpenAI-compatible server on 127.0.0.1 (separate process): a fixed answer in "
        f"{s['chunks']} chunks, first token after {s['first_token_ms']:g} ms, then {s['chunk_ms']:g} ms "
        f"between chunks; its own time per request, measured: p50 {s['handled']['p50_ms']} ms, "
        f"p95 {s['handled']['p95_ms']} ms.",
        "",
        f"{r['questions']} questions after {WARMUP} warm-up (the generator of `bench_speed.py`, seed 7); "
        f"{r['model_calls']} went to the model, {sum(r['skipped'].values())} were answered without it "
        f"({'; '.join(f'{k}: {v}' for k, v in sorted(r['skipped'].items())) or 'none'}). "
        f"Answers: {', '.join(f'{k} {v}' for k, v in sorted(r['modes'].items()))}; verified {r['verified']}.",
        "",
        "**Candor's overhead = total − time inside the HTTP call** (at the httpx transport: sending the request "
        "until the stream's last byte is read).",
        "",
        "| per question that went to the model | n | p50 ms | p95 ms | p99 ms | mean ms | max ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, label in (
        ("overhead", "**Candor's overhead (everything but the model)**"),
        ("before_model", "… of which before the model: input check, redact, gather, grounded answer"),
        ("stream_overhead", "… of which around the stream: pack, prompt, SDK + LangChain, verify"),
        ("pack", "… … pack evidence into the budget (tiktoken)"),
        ("verify", "… … verify the model's answer"),
        ("restore", "… of which restore"),
        ("http", "time inside the HTTP call (the mock model)"),
        ("total", "total"),
        ("first_token", "time to first token shown"),
    ):
        v = r[key]
        lines.append(
            f"| {label} | {v['count']} | {v['p50_ms']} | {v['p95_ms']} | {v['p99_ms']} | {v['mean_ms']} | "
            f"{v['max_ms']} |"
        )
    v = r["skipped_total"]
    lines += [
        "",
        f"Questions answered without the model (refusals, clarifying questions): total p50 {v['p50_ms']} ms, "
        f"p95 {v['p95_ms']} ms.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results")
    parser.add_argument("--questions", type=int, default=300, help="measured questions (after 5 warm-up)")
    parser.add_argument("--first-token-ms", type=float, default=40.0, help="mock server: delay before the first token")
    parser.add_argument("--chunk-ms", type=float, default=2.0, help="mock server: delay between chunks")
    parser.add_argument("--mock-server", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--max-requests", type=int, default=10_000, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.mock_server:
        serve_mock(args.port, args.first_token_ms, args.chunk_ms, args.max_requests)
        return 0

    from bench_speed import free_port, machine_info

    shown_args = [a if not a.startswith(str(REPO)) else os.path.relpath(a, REPO) for a in (argv or sys.argv[1:])]
    command = " ".join(["python benchmarks/bench_llm_overhead.py", *shown_args]).strip()
    port = free_port()
    # Bounded: the server stops itself after more requests than the run can make (every try, every retry).
    server = start_mock(port, args.first_token_ms, args.chunk_ms, max_requests=(args.questions + WARMUP) * 3 + 10)
    scratch = Path(tempfile.mkdtemp(prefix="candor-llm-bench-"))
    try:
        print(f"LLM overhead: {args.questions} questions against the mock server on 127.0.0.1:{port}", flush=True)
        results: dict[str, Any] = {"machine": machine_info(), "command": command}
        load = {"start": [round(x, 2) for x in os.getloadavg()]}
        results["run"] = run(args.questions, port, scratch)
        load["end"] = [round(x, 2) for x in os.getloadavg()]
        results["load_average"] = load
        import httpx

        handled = httpx.get(f"http://127.0.0.1:{port}/stats", timeout=5).json()["handled_ms"]
        results["server"] = {
            "first_token_ms": args.first_token_ms,
            "chunk_ms": args.chunk_ms,
            "chunks": len(_events({"messages": [{"role": "user", "content": "[E1]"}]})),
            "handled": summarize(handled),
        }
    finally:
        stop_mock(server)
        shutil.rmtree(scratch, ignore_errors=True)
    if results["run"]["model_calls"] < MIN_MODEL_CALLS:
        print(f"warning: only {results['run']['model_calls']} model calls (want ≥ {MIN_MODEL_CALLS})", file=sys.stderr)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "llm_overhead.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    table = markdown(results)
    (args.out / "llm_overhead.md").write_text(table, encoding="utf-8")
    print()
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
