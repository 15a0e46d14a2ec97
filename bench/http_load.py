"""A small HTTP/1.1 load generator: N keep-alive connections, each sending GETs one after another.

It speaks just enough HTTP (Content-Length or chunked answers) to cost the bench machine little
CPU: on two cores a heavier client would take the time it measures from the server.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time
from dataclasses import dataclass


@dataclass
class Figures:
    requests: int
    seconds: float
    latencies_ms: list[float]
    failures: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.latencies_ms, n=20)[18]


async def _read_answer(reader: asyncio.StreamReader) -> int:
    """Read one response; returns its status code."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def run(host: str, port: int, paths: list[str], cookie: str, concurrency: int, total: int) -> Figures:
    """Send `total` GETs over `concurrency` connections, cycling through `paths`."""
    counter = iter(range(total))
    latencies: list[float] = []
    failures = 0

    async def client() -> None:
        nonlocal failures
        reader, writer = await asyncio.open_connection(host, port)
        try:
            for n in counter:
                path = paths[n % len(paths)]
                request = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nCookie: {cookie}\r\n"
                           "Accept: application/json\r\n\r\n")
                begin = time.perf_counter()
                writer.write(request.encode())
                status = await _read_answer(reader)
                latencies.append((time.perf_counter() - begin) * 1000)
                failures += status != 200
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    return Figures(len(latencies), time.perf_counter() - started, latencies, failures)


def cpu_seconds(root_pid: int, marker: str | None = None) -> float:
    """CPU time (user + system) used so far by a process and its descendants, and by any process
    whose command line holds `marker` (PostgreSQL's backends name their database there)."""
    ticks = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    chosen: set[int] = {root_pid}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                command = cmdline.read().decode(errors="replace")
        except OSError:  # the process ended while we looked
            continue
        pid = int(entry)
        parents[pid], used[pid] = int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks
        if marker and marker in command:
            chosen.add(pid)
    changed = True
    while changed:
        grown = {pid for pid, parent in parents.items() if parent in chosen} - chosen
        chosen |= grown
        changed = bool(grown)
    return sum(used.get(pid, 0.0) for pid in chosen)
