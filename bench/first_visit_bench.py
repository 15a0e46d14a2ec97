"""First visit to the catalogue on a slow phone network: time to the first listing, bytes and requests.

Run: .venv/bin/python bench/first_visit_bench.py   (starts its own server on a fresh SQLite file with
the demo data; DELBAR_BENCH_DATABASE_URL picks another database)
Chromium at 360×740 with the DevTools protocol's network throttling (150 ms round trip, 1.6 Mbit/s
down, 750 kbit/s up), signed in (the session cookie only, so the cache is empty), opens /annonser.
Targets (issue 15): the first listing card on screen <= 2.5 s after the navigation starts, <= 150 KB
transferred before it, a repeat visit (the same browser, a new tab) <= 1 s. Bytes are the Resource
Timing API's transferSize (headers and body as sent, compressed or not) of every response finished
before the card appeared; requests are counted the same way.
The throttling is set on the page's DevTools session; a service worker's own fetches (its
precache, its network-first API calls) run in the worker and need not be throttled alike. So the
repeat visit is measured twice: as a user has it (the worker installed, answering the app's files
from its cache) and with service workers blocked, where only the HTTP cache helps (every file
revalidates: 304s) and every request is surely throttled.

Measured on a shared 2-core machine (load average in brackets): before the assets change (one
run, 10.2) 6.57 s, 548.3 KB and 164 requests before the first listing, repeat 1.15 s with the
worker, 6.95 s without; after it (median of 3, 15.8) 1.86 s, 80.6 KB and 37 requests, repeat
0.63 s with the worker, 1.62 s without (37 revalidations at 150 ms each).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from field_app_bench import ARGS, CHROMIUM, start_server

from backend.demo.data import DEMO_PASSWORD

USER = "medarbetare@ystad.exempel.se"
RTT_MS = 150
DOWN_BYTES_S = 1_600_000 / 8
UP_BYTES_S = 750_000 / 8
RUNS = int(os.environ.get("DELBAR_BENCH_RUNS", "3"))

# Records when the first listing card is in the document, and keeps every resource timing entry.
WATCH = """
performance.setResourceTimingBufferSize(5000);
new MutationObserver((_, observer) => {
  if (document.querySelector('.listing-card')) {
    window.__firstCard = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
"""

# After a frame has been painted with the card: its time, and what had arrived by then.
MEASURE = """async () => {
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  const at = window.__firstCard;
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  const before = entries.filter((e) => e.responseEnd <= at);
  return {
    at,
    bytes: before.reduce((sum, e) => sum + e.transferSize, 0),
    requests: before.length,
    fromCache: before.filter((e) => e.transferSize === 0).length,
  };
}"""

TOTAL = """() => {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  return { bytes: entries.reduce((sum, e) => sum + e.transferSize, 0), requests: entries.length };
}"""


def throttle(page) -> None:
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": RTT_MS, "downloadThroughput": DOWN_BYTES_S, "uploadThroughput": UP_BYTES_S})


def open_catalogue(context) -> dict:
    page = context.new_page()
    page.add_init_script(WATCH)
    throttle(page)
    page.goto("/annonser", wait_until="commit")
    page.locator(".listing-card").first.wait_for(timeout=60_000)
    figures = page.evaluate(MEASURE)
    page.wait_for_load_state("networkidle")
    figures["total"] = page.evaluate(TOTAL)
    figures["page"] = page
    return figures


def one_run(browser, base: str, workers: str) -> tuple[dict, dict]:
    context = browser.new_context(base_url=base, viewport={"width": 360, "height": 740}, locale="sv-SE",
                                  service_workers=workers)
    answer = context.request.post("/api/session", data={"email": USER, "password": DEMO_PASSWORD})
    assert answer.ok, answer.text()
    first = open_catalogue(context)
    if workers == "allow":
        # The worker installs after the first visit; the repeat visit is a later opening of the app.
        first["page"].evaluate("navigator.serviceWorker.ready.then(() => true)")
    first["page"].close()
    repeat = open_catalogue(context)
    repeat["page"].close()
    context.close()
    return first, repeat


def median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def show(title: str, runs: list[dict], target_s: float, target_kb: float | None = None) -> None:
    at = median([r["at"] for r in runs]) / 1000
    kb = median([r["bytes"] for r in runs]) / 1024
    requests = median([r["requests"] for r in runs])
    total_kb = median([r["total"]["bytes"] for r in runs]) / 1024
    total_requests = median([r["total"]["requests"] for r in runs])
    kb_target = f"   target <= {target_kb:.0f} KB" if target_kb else ""
    print(f"{title}: first listing visible at {at:.2f} s   target <= {target_s} s")
    print(f"    before it: {kb:.1f} KB transferred{kb_target}, {requests} requests"
          f"   (until the network is idle: {total_kb:.1f} KB, {total_requests} requests)")
    times = ", ".join(f"{r['at'] / 1000:.2f} s" for r in runs)
    print(f"    runs: {times}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        server, base, _ = start_server(Path(tmp))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                print(f"/annonser signed in as {USER}, demo data, 360×740, {RTT_MS} ms RTT,"
                      f" {DOWN_BYTES_S * 8 / 1e6:.1f} Mbit/s down, {UP_BYTES_S * 8 / 1e3:.0f} kbit/s up,"
                      f" median of {RUNS} runs, load average {os.getloadavg()[0]:.2f}")
                firsts, repeats, http_repeats = [], [], []
                for _ in range(RUNS):
                    first, repeat = one_run(browser, base, "allow")
                    firsts.append(first)
                    repeats.append(repeat)
                    http_repeats.append(one_run(browser, base, "block")[1])
                show("first visit, empty cache", firsts, 2.5, 150)
                show("repeat visit, service worker installed", repeats, 1)
                show("repeat visit, service workers blocked (HTTP cache only)", http_repeats, 1)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
