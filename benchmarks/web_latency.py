"""Latency of the web app under load: the story page and search, 16 concurrent clients, an ingest running.

    python benchmarks/web_latency.py [CORPUS] [--articles 1000] [--clients 16] [--requests 40] [--store PATH]

CORPUS (default ../shared/corpus/bbc) is a directory of articles. The first ARTICLES of them are ingested into
a fresh store (or PATH, reused when it already holds them: building it analyses every article); a copy of
it is served: `storyline serve` runs in its own process on 127.0.0.1 while another process ingests the next INGEST_MORE
articles into the same store, and CLIENTS threads each make REQUESTS requests in a bounded loop, alternating
a story page (of the stories with the most articles) and a search (names and words of the corpus). Prints p50 /
p95 / p99 per kind and the errors (any status other than 200, or a failed request): errors must be zero.
The goal of issue 7 is a story page p95 of at most 100 ms.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import resource
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import httpx

REPO = Path(__file__).resolve().parents[1]
INGEST_MORE = 300  # articles ingested by a second process while the clients run
SEARCHES = ("Blair", "Brown", "election", "Microsoft", "Chelsea", "oil prices", "Yukos", "Apple", "film",
            "interest rates", "Arsenal", "mobile phone", "tax", "Kilroy-Silk", "Oscar")
SERVER_START_S = 120.0
WARM_VIEWS = 4  # views of each measured story per server process before the clients start


def corpus_files(corpus: Path) -> list[Path]:
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith("."))
    random.Random(7).shuffle(files)  # every category in the first thousand, not only "business"
    return files


def storyline(*args: str) -> list[str]:
    return [sys.executable, "-m", "storyline", *args]


def ingest(db: Path, files: list[Path], nice: int = 0) -> subprocess.Popen[bytes]:
    # A directory of symlinks keeps the command line short whatever the number of files.
    folder = Path(tempfile.mkdtemp(prefix="storyline-latency-"))
    for i, f in enumerate(files):
        (folder / f"{i:05d}-{f.parent.name}-{f.name}").symlink_to(f)
    return subprocess.Popen(storyline("--db", str(db), "ingest", str(folder)), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, preexec_fn=(lambda: os.nice(nice)) if nice else None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server exited before answering")
        try:
            if httpx.get(f"{base}/api/stories?limit=1", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer in time")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time so far of a process and its live descendants (Linux /proc): the server's CPU
    per request, whatever the number of its worker processes."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = [int(c) for task in Path(f"/proc/{pid}/task").iterdir()
                    for c in (task / "children").read_text().split()]
    except OSError:  # the process ended meanwhile
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(child) for child in children)


def own_cpu_seconds() -> float:
    """CPU time of this process's threads (the clients), not of its children (the ingest)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))] if ordered else float("nan")


def run_clients(base: str, story_ids: list[str], clients: int, requests: int) -> dict[str, Any]:
    times: dict[str, list[float]] = {"story": [], "search": []}
    errors: list[str] = []
    lock = threading.Lock()

    host, port = base.removeprefix("http://").split(":")

    def client(n: int) -> None:
        # The standard library's http.client: a keep-alive connection per client, and a third of httpx's CPU
        # per request, which matters when the clients share the two cores with the server they measure.
        rng = random.Random(n)
        conn = http.client.HTTPConnection(host, int(port), timeout=60)
        for i in range(requests):
            kind = "story" if i % 2 == 0 else "search"
            path = (f"/stories/{rng.choice(story_ids)}" if kind == "story"
                    else f"/search?q={quote_plus(rng.choice(SEARCHES))}")
            start = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                status, problem = response.status, ""
            except (OSError, http.client.HTTPException) as exc:
                status, problem = 0, f"{path}: {type(exc).__name__}"
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=60)
            took = time.perf_counter() - start
            with lock:
                times[kind].append(took * 1000)
                if status != 200:
                    errors.append(problem if status == 0 else f"{path}: HTTP {status}")
        conn.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    result: dict[str, Any] = {"errors": len(errors), "error_examples": errors[:5], "wall_s": wall,
                              "requests_per_s": sum(len(v) for v in times.values()) / wall}
    for kind, values in times.items():
        result[kind] = {"n": len(values), "p50_ms": percentile(values, 50), "p95_ms": percentile(values, 95),
                        "p99_ms": percentile(values, 99), "mean_ms": statistics.fmean(values) if values else 0.0}
    return result


def measure(corpus: Path, articles: int = 1000, clients: int = 16, requests: int = 40,
            store: Path | None = None, ingest_more: int = INGEST_MORE, ingest_nice: int = 0,
            workers: int = 1) -> dict[str, Any]:
    files = corpus_files(corpus)
    base_db = store or Path(tempfile.mkdtemp(prefix="storyline-latency-")) / "store.sqlite"
    built = time.perf_counter()
    builder = ingest(base_db, files[:articles])  # nothing to do when the store was built before
    if builder.wait() not in (0, 1):
        raise SystemExit(f"building the store failed (exit {builder.returncode})")
    build_s = time.perf_counter() - built
    db = Path(tempfile.mkdtemp(prefix="storyline-latency-")) / "work.sqlite"  # the run writes to a copy
    with sqlite3.connect(base_db) as source, sqlite3.connect(db) as target:
        source.backup(target)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen(storyline("--db", str(db), "serve", "--port", str(port), "--workers", str(workers)),
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    writer: subprocess.Popen[bytes] | None = None
    try:
        wait_up(base, server)
        stories = httpx.get(f"{base}/api/stories?limit=500", timeout=120).json()["stories"]
        biggest = sorted(stories, key=lambda s: -len(s["articles"]))[:20]
        story_ids = [s["id"] for s in biggest]
        # First views make the synthesis and the page: warm them, as readers' first visits would in a server that
        # has been up a while; each view is a new connection, so that every server process gets its share.
        for _ in range(WARM_VIEWS * workers):
            for sid in story_ids:
                httpx.get(f"{base}/stories/{sid}", timeout=120)
        writer = ingest(db, files[articles : articles + ingest_more], ingest_nice) if ingest_more else None
        cpu_before, own_before = cpu_seconds(server.pid), own_cpu_seconds()
        result = run_clients(base, story_ids, clients, requests)
        served = max(1, sum(result[kind]["n"] for kind in ("story", "search")))
        result["server_cpu_ms_per_request"] = (cpu_seconds(server.pid) - cpu_before) * 1000 / served
        result["client_cpu_ms_per_request"] = (own_cpu_seconds() - own_before) * 1000 / served
        result["ingest_running_at_end"] = writer is not None and writer.poll() is None
    finally:
        if writer is not None and writer.poll() is None:
            writer.terminate()
            writer.wait()
        server.terminate()
        server.wait()
    result.update({"articles": articles, "clients": clients, "requests_per_client": requests,
                   "ingest_more": ingest_more, "ingest_nice": ingest_nice, "server_workers": workers,
                   "store_build_s": build_s, "story_sizes": [len(s["articles"]) for s in biggest]})
    running = (f"an ingest of {ingest_more} more articles running{f' at nice {ingest_nice}' if ingest_nice else ''}"
               f"{'' if result['ingest_running_at_end'] else ' (it finished before the clients)'}"
               if ingest_more else "no ingest running")
    print(f"{articles} articles in the store (built in {build_s:.0f} s), {workers} server process"
          f"{'' if workers == 1 else 'es'}, {clients} clients x {requests} requests, {running}")
    for kind in ("story", "search"):
        r = result[kind]
        print(f"  {kind:6} n={r['n']:4}  p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms  "
              f"p99 {r['p99_ms']:7.1f} ms")
    print(f"  {result['requests_per_s']:.1f} requests/s; CPU per request: server"
          f" {result['server_cpu_ms_per_request']:.1f}"
          f" ms, clients {result['client_cpu_ms_per_request']:.1f} ms; errors: {result['errors']}"
          f" {result['error_examples']}")
    print(f"  story page p95 goal <= 100 ms: {'met' if result['story']['p95_ms'] <= 100 else 'NOT met'}")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(REPO.parent / "shared/corpus/bbc"))
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=40, help="Requests per client.")
    parser.add_argument("--store", type=Path, default=None, help="Store to build or reuse.")
    parser.add_argument("--ingest", type=int, default=INGEST_MORE, help="Articles ingested during the run (0: none).")
    parser.add_argument("--workers", type=int, default=1, help="Server processes (storyline serve --workers).")
    parser.add_argument("--ingest-nice", type=int, default=0, help="Niceness of that ingest process.")
    parser.add_argument("--json", type=Path, default=None, help="Also write the figures here.")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"{corpus}: not a directory (give the corpus folder)", file=sys.stderr)
        return 2
    result = measure(corpus, args.articles, args.clients, args.requests, args.store, args.ingest, args.ingest_nice,
                     args.workers)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
