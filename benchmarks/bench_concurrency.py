"""Concurrency over HTTP: Candor's chat (through Gradio, with gradio_client) and its JSON API (httpx), beside a
bare Gradio echo ChatInterface measured in the same run on the same machine.

Each server runs in a process of its own on loopback; the load comes from this process, one thread per session,
each asking in a loop until the time is up. Sessions are 1, 10 and 50. Candor answers grounded (no LLM), with its
rate limits raised out of the way (they would otherwise refuse the load by design).

    python benchmarks/bench_concurrency.py --out benchmarks/results            # about 6 minutes
    python benchmarks/bench_concurrency.py --serve candor --port 7901 --limit 8  # one server, by hand
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # this checkout's `assistant`, also in the server processes started from here
    sys.path.insert(0, str(ROOT))
QUESTIONS = [
    "What data do you hold about me?",
    "Why did I see this offer?",
    "How long do you keep my data?",
    "Do you sell my data?",
    "What have I agreed to?",
    "How do I stop personalised offers?",
]
DEMO_PASSWORD = "candor-demo"


# --- servers (each in its own process) ---------------------------------------------------------------------------


def serve_echo(port: int, limit: int) -> None:
    import gradio as gr

    def chat(message: str, history: list[object]) -> str:
        return message

    demo = gr.ChatInterface(fn=chat)  # served as /chat, after the function's name
    demo.queue(default_concurrency_limit=limit).launch(server_name="127.0.0.1", server_port=port, quiet=True)


def serve_candor(port: int, limit: int, data_dir: Path) -> None:
    """As `candor serve --demo` does (ui/server.py), with the Gradio concurrency limit given."""
    from assistant.api.routes import api_router
    from assistant.heap import settle
    from assistant.pipeline import Candor
    from assistant.settings import Settings
    from assistant.ui.app import build_app
    from assistant.ui.server import launch_options

    settings = Settings(
        demo=True,
        port=port,
        data_dir=data_dir,
        rate_per_session_minute=1_000_000,
        rate_per_account_hour=1_000_000,
    )
    candor = Candor(settings)
    app = build_app(candor, settings)
    app.queue(default_concurrency_limit=limit)
    settle()
    server, _, _ = app.launch(prevent_thread_lock=True, **launch_options(candor, settings))
    server.include_router(api_router(candor, settings))
    app.block_thread()


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start(kind: str, port: int, limit: int, data_dir: Path) -> Server:
    args = [sys.executable, __file__, "--serve", kind, "--port", str(port), "--limit", str(limit)]
    env = os.environ | {"GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}
    process = subprocess.Popen([*args, "--data-dir", str(data_dir)], cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        if process.poll() is not None:
            raise RuntimeError(f"{kind} server exited with {process.returncode}")
        try:
            if httpx.get(url + "/gradio_api/info", timeout=2).status_code in (200, 401):
                return Server(process, url)
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    process.kill()
    raise RuntimeError(f"{kind} server did not start")


# --- load ----------------------------------------------------------------------------------------------------------


@dataclass
class Run:
    target: str
    sessions: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)

    def row(self) -> dict[str, object]:
        ms = sorted(1000 * x for x in self.latencies)

        def pct(p: float) -> float:
            return round(ms[min(len(ms) - 1, int(p * len(ms)))], 1) if ms else float("nan")

        return {
            "target": self.target,
            "sessions": self.sessions,
            "seconds": self.seconds,
            "requests": len(ms),
            "req_per_s": round(len(ms) / self.seconds, 1),
            "p50_ms": round(statistics.median(ms), 1) if ms else float("nan"),
            "p95_ms": pct(0.95),
            "p99_ms": pct(0.99),
            "errors": self.errors,
            "error_kinds": self.error_kinds,
        }


Ask = Callable[[str], None]


def measure(target: str, sessions: int, seconds: float, make_asker: Callable[[int], Ask]) -> Run:
    """`sessions` threads, each with its own client (made before the clock starts), asking until time is up."""
    run = Run(target, sessions, seconds)
    askers = [make_asker(i) for i in range(sessions)]
    lock = threading.Lock()
    begin = threading.Barrier(sessions + 1)
    deadline = 0.0

    def loop(i: int) -> None:
        questions = itertools.cycle(QUESTIONS[i % len(QUESTIONS) :] + QUESTIONS[: i % len(QUESTIONS)])
        with contextlib.suppress(Exception):  # a warm-up question per session, not counted
            askers[i](QUESTIONS[0])
        begin.wait()
        while time.perf_counter() < deadline:
            t0 = time.perf_counter()
            try:
                askers[i](next(questions))
            except Exception as exc:
                with lock:
                    run.errors += 1
                    kind = type(exc).__name__
                    run.error_kinds[kind] = run.error_kinds.get(kind, 0) + 1
                continue
            if time.perf_counter() <= deadline:  # a request still running at the end is not counted
                with lock:
                    run.latencies.append(time.perf_counter() - t0)

    threads = [threading.Thread(target=loop, args=(i,), daemon=True) for i in range(sessions)]
    for t in threads:
        t.start()
    deadline = time.perf_counter() + seconds
    begin.wait()
    for t in threads:
        t.join(timeout=seconds + 120)
    return run


def gradio_asker(url: str, api_name: str, auth: tuple[str, str] | None, check: Callable[[object], bool]) -> Ask:
    from gradio_client import Client

    client = Client(url, auth=auth, verbose=False)

    def ask(question: str) -> None:
        result = client.predict(question, api_name=api_name)
        if not check(result):
            raise ValueError(f"unexpected answer: {str(result)[:80]}")

    return ask


def api_asker(url: str, customer: str) -> Ask:
    client = httpx.Client(base_url=url, auth=(customer, DEMO_PASSWORD), timeout=120)

    def ask(question: str) -> None:
        response = client.post("/api/v1/ask", json={"question": question})
        response.raise_for_status()
        if not response.json()["answer"]:
            raise ValueError("empty answer")

    return ask


def grounded(result: object) -> bool:
    return isinstance(result, dict) and bool(result.get("answer")) and result.get("mode") == "grounded"


# --- the run -------------------------------------------------------------------------------------------------------


def customers(data_dir: Path) -> list[str]:
    from assistant.pipeline import Candor  # only for the list of ids: the servers hold their own
    from assistant.settings import Settings

    return Candor(Settings(data_dir=data_dir)).store.customer_ids()


def table(rows: list[dict[str, object]]) -> str:
    out = [
        "| target | Gradio limit | sessions | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        out.append(
            f"| {r['target']} | {r['limit']} | {r['sessions']} | {r['requests']} | {r['req_per_s']} | {r['p50_ms']} "
            f"| {r['p95_ms']} | {r['p99_ms']} | {r['errors']} |"
        )
    return "\n".join(out)


def markdown(report: dict[str, object], command: str) -> str:
    rows = report["rows"]
    assert isinstance(rows, list)
    return "\n".join(
        [
            "# Concurrency over HTTP",
            "",
            f"{report['started']} · commit `{report.get('commit', '?')}` · {report['machine']}",
            "",
            f"Command: `{command}`",
            "",
            f"Each row: that many sessions (one thread and one client each, in the measuring process) asking in a "
            f"loop for {report['seconds_each']} s (not the 60 s the issue asks for, to fit the time this run had); "
            "a warm-up question per session first, not counted. Candor answers grounded (no LLM), questions "
            "cycled over six kinds, customers spread over the sample pack, rate limits raised out of the way. "
            "The bare Gradio echo `ChatInterface` ran in the same run on the same machine, with the same Gradio "
            "concurrency limit (`default_concurrency_limit`). The machine (2 CPUs) was shared with other "
            "sessions' work while this ran, and the load generator shares those CPUs with the server: "
            "treat small differences as noise.",
            "",
            table(rows),
            "",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--serve", choices=["echo", "candor"], help="run one server (used by the benchmark itself)")
    parser.add_argument("--port", type=int, default=7901)
    parser.add_argument("--limit", type=int, default=1, help="Gradio default_concurrency_limit for a served app")
    parser.add_argument("--limits", default="1,8", help="the limits to compare (comma-separated)")
    parser.add_argument("--sessions", default="1,10,50")
    parser.add_argument("--seconds", type=float, default=15.0, help="per measurement")
    parser.add_argument("--data-dir", type=Path, help="Candor's data directory (default: a temporary one)")
    parser.add_argument("--out", type=Path, help="write concurrency.md and concurrency.json here")
    parser.add_argument("--report", type=Path, help="only write concurrency.md from this concurrency.json")
    args = parser.parse_args()
    if args.report:
        report = json.loads(args.report.read_text())
        command = "python benchmarks/bench_concurrency.py --out benchmarks/results " + report.get("args", "")
        (args.report.parent / "concurrency.md").write_text(markdown(report, command.strip()))
        return 0
    if args.serve == "echo":
        serve_echo(args.port, args.limit)
        return 0
    if args.serve == "candor":
        serve_candor(args.port, args.limit, args.data_dir)
        return 0

    temporary = args.data_dir is None
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="candor-bench-"))
    ids = customers(data_dir)  # ingests the sample pack once, before any server starts
    sessions = [int(s) for s in args.sessions.split(",")]
    rows: list[dict[str, object]] = []
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    try:
        for limit in (int(x) for x in args.limits.split(",")):
            echo = start("echo", args.port, limit, data_dir)
            try:
                for n in sessions:
                    run = measure(
                        "bare Gradio echo (gradio_client)",
                        n,
                        args.seconds,
                        lambda i, url=echo.url: gradio_asker(url, "/chat", None, lambda r: r is not None),
                    )
                    rows.append(run.row() | {"limit": limit})
                    print(json.dumps(rows[-1]), flush=True)
            finally:
                echo.stop()
            candor = start("candor", args.port + 1, limit, data_dir)
            try:
                for n in sessions:
                    who = [(ids[i % len(ids)], DEMO_PASSWORD) for i in range(n)]
                    run = measure(
                        "Candor chat /ask (gradio_client)",
                        n,
                        args.seconds,
                        lambda i, url=candor.url, who=who: gradio_asker(url, "/ask", who[i], grounded),
                    )
                    rows.append(run.row() | {"limit": limit})
                    print(json.dumps(rows[-1]), flush=True)
                    run = measure(
                        "Candor API /api/v1/ask (httpx)",
                        n,
                        args.seconds,
                        lambda i, url=candor.url: api_asker(url, ids[i % len(ids)]),
                    )
                    rows.append(run.row() | {"limit": limit})
                    print(json.dumps(rows[-1]), flush=True)
            finally:
                candor.stop()
    finally:
        if temporary:
            shutil.rmtree(data_dir, ignore_errors=True)
    report = {
        "started": started,
        "machine": f"{os.cpu_count()} CPUs · Python {platform.python_version()} · {platform.platform()}",
        "seconds_each": args.seconds,
        "args": f"--seconds {args.seconds:g} --limits {args.limits} --sessions {args.sessions}",
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip(),
        "rows": rows,
    }
    print(table(rows))
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "concurrency.json").write_text(json.dumps(report, indent=2) + "\n")
        (args.out / "concurrency.md").write_text(markdown(report, " ".join(["python", *sys.argv])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
