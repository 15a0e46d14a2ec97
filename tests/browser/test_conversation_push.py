"""Answering from a push: a Skurup employee asks about a Ystad listing, the Ystad owner's phone gets
the push the server sends (through the push service emulator), and its click opens the conversation
where the owner answers."""

from __future__ import annotations

import json
import subprocess
import time

import httpx
import pytest
from playwright.sync_api import expect

from tests.backend.push.conftest import SERVER_JS, Emulator, free_port
from tests.browser.field import deliver_push, signed_in_http
from tests.browser.journeys import fits, heading, new_person, open_as, shot, unique, ystad_listing
from tests.browser.test_push import service_worker

pytestmark = pytest.mark.browser

# Inside the service worker: click the notification shown with this tag (the handler the browser calls).
CLICK_SHOWN = """async (tag) => {
  const [shown] = await self.registration.getNotifications({ tag });
  self.dispatchEvent(new NotificationEvent("notificationclick", { notification: shown }));
}"""


@pytest.fixture(scope="module")
def push_service():
    """web-push-testing on a free port: it takes the server's pushes and decrypts them for the test."""
    if not SERVER_JS.exists():
        pytest.fail("web-push-testing is not installed: run `npm ci` (make test does it)")
    port = free_port()
    process = subprocess.Popen(["node", str(SERVER_JS), str(port)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    emulator = Emulator(port)
    deadline = time.monotonic() + 20
    while True:
        try:
            if emulator.post("/status").status_code == 200:
                break
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline and process.poll() is None, "the push emulator did not start"
        time.sleep(0.1)
    yield emulator
    process.terminate()
    process.wait(timeout=10)


def subscribe(live_server: str, email: str, emulator: Emulator) -> tuple[str, str]:
    """A phone's subscription for `email`, made at the push service and told to Delbar; (hash, endpoint)."""
    with signed_in_http(live_server, email) as http:
        subscription = emulator.subscribe(http.get("/api/push/key").json()["public_key"])
        made = http.post("/api/push/subscriptions",
                         json={"endpoint": subscription["endpoint"], "keys": subscription["keys"]})
        assert made.status_code == 201, made.text
    return subscription["clientHash"], subscription["endpoint"]


def pushed(emulator: Emulator, client_hash: str, timeout: float = 20) -> list[dict]:
    """The pushes the server has sent to this subscription, decrypted, waiting for the first."""
    deadline = time.monotonic() + timeout
    while not (messages := emulator.messages(client_hash)):
        assert time.monotonic() < deadline, "no push reached the push service"
        time.sleep(0.2)
    return [json.loads(m) for m in messages]


def test_the_ystad_owner_answers_a_skurup_question_from_the_push(browser, live_server, push_service):
    title = unique("Konferensbord")
    listing = ystad_listing(live_server, title)
    asker_email = new_person(live_server, name="Robin Frågar")
    owner_email = new_person(live_server, municipality="ystad", unit="Arbetsmarknadsenheten", name="Olle Ägare")
    bystander = new_person(live_server, name="Kim Utanför")  # a Skurup colleague who is not in the conversation
    client_hash, endpoint = subscribe(live_server, owner_email, push_service)
    asker, ask = open_as(browser, live_server, "phone", asker_email)
    owner, phone = open_as(browser, live_server, "phone", owner_email)
    try:
        ask.goto(f"/annons/{listing}")
        talk = ask.get_by_role("region", name="Meddelanden")
        talk.get_by_label("Ditt meddelande").fill("Hur många får plats runt bordet?")
        talk.get_by_role("button", name="Skicka").click()
        expect(talk.get_by_role("status")).to_have_text("Meddelandet är skickat.")

        [push] = [p for p in pushed(push_service, client_hash) if title in p["title"]]
        assert push["title"] == f"Nytt meddelande om {title}"
        assert push["body"] == "Robin Frågar har skrivit till dig."
        assert "Kim Utanför" not in json.dumps(push) and bystander not in json.dumps(push)
        conversation = push["url"].removeprefix("/meddelanden/")
        assert push["url"] == f"/meddelanden/{conversation}" and len(conversation) == 36

        phone.context.grant_permissions(["notifications"], origin=live_server)
        worker = service_worker(phone)
        deliver_push(phone, live_server, push)
        shown = []
        for _ in range(50):  # the worker shows it asynchronously
            shown = phone.evaluate("""navigator.serviceWorker.ready.then(r => r.getNotifications())
                .then(list => list.map(n => ({title: n.title, body: n.body, tag: n.tag, url: n.data.url})))""")
            if shown:
                break
            phone.wait_for_timeout(100)
        assert shown == [{"title": push["title"], "body": push["body"], "tag": push["tag"], "url": push["url"]}]

        worker.evaluate(CLICK_SHOWN, push["tag"])
        expect(phone).to_have_url(f"{live_server}/meddelanden/{conversation}")
        heading(phone, f"Om {title}")
        expect(phone.get_by_text("Hur många får plats runt bordet?")).to_be_visible()
        phone.get_by_label("Ditt meddelande").fill("Åtta personer.")
        phone.get_by_role("button", name="Skicka").click()
        expect(phone.locator(".conversation-view__status")).to_have_text("Meddelandet är skickat.")
        fits(phone)
        shot(phone, "answered-from-push")

        ask.reload()
        expect(ask.get_by_role("region", name="Meddelanden")).to_contain_text("Åtta personer.")
    finally:
        asker.close()
        owner.close()
        with signed_in_http(live_server, owner_email) as http:
            http.request("DELETE", "/api/push/subscriptions", json={"endpoint": endpoint})
