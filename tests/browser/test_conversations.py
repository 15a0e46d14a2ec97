"""Meddelanden: a Skurup employee asks about a Ystad listing shared with the network, the Ystad owner
reads and answers from the inbox, and someone outside the conversation gets 404; a driver with no
network writes messages that wait on the phone and arrive once, in order, when it is back."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from backend.demo.data import DEMO_PASSWORD
from tests.browser.field import DRIVER, WAREHOUSE, controlled_by_worker, outbox, sign_in, until_true
from tests.browser.journeys import axe_clean, fits, heading, new_person, open_as, shot, unique, ystad_listing
from tests.browser.test_booking_view import requested_rental, signed_in_http

pytestmark = pytest.mark.browser
OWNER = "samordnare@ystad.exempel.se"  # in Ystad's AME, the unit that owns the listing


def test_a_skurup_employee_asks_and_the_ystad_owner_answers_from_the_inbox(browser, live_server):
    title = unique("Skrivbord")
    listing = ystad_listing(live_server, title)
    asker_email = new_person(live_server, name="Robin Frågar")
    asker, ask = open_as(browser, live_server, "phone", asker_email)
    owner, answer = open_as(browser, live_server, "desk", OWNER)
    try:
        ask.goto(f"/annons/{listing}")
        ask.get_by_role("button", name="Skicka meddelande").click()
        heading(ask, f"Om {title}")
        ask.get_by_role("button", name="Skicka").click()
        expect(ask.locator("#conversation-error")).to_have_text("Skriv något innan du skickar.")
        ask.get_by_label("Ditt meddelande").fill("Passar skrivbordet en vägg på 160 cm?")
        ask.get_by_role("button", name="Skicka").click()
        expect(ask.locator(".conversation-view__status")).to_have_text("Meddelandet är skickat.")
        expect(ask.locator(".conversation-view__message--mine")).to_contain_text("Passar skrivbordet")
        fits(ask)
        assert axe_clean(ask) == []
        conversation = ask.url.rsplit("/", 1)[-1]

        answer.goto("/")
        answer.get_by_role("link", name=re.compile(r"^Meddelanden, \d+ olästa? meddelanden?$")).click()
        heading(answer, "Meddelanden")
        entry = answer.get_by_role("link", name=re.compile(re.escape(title)))
        expect(entry).to_contain_text("1 oläst")
        assert axe_clean(answer) == []
        shot(answer, "inbox")
        entry.click()
        expect(answer.get_by_text("Passar skrivbordet en vägg på 160 cm?")).to_be_visible()
        expect(answer.locator(".conversation-view__people")).to_contain_text("Robin Frågar")
        answer.get_by_label("Ditt meddelande").fill("Ja, det är 140 cm brett.")
        answer.get_by_role("button", name="Skicka").click()
        expect(answer.locator(".conversation-view__status")).to_have_text("Meddelandet är skickat.")

        ask.reload()
        expect(ask.get_by_text("Ja, det är 140 cm brett.")).to_be_visible()
        shot(ask, "conversation")
    finally:
        asker.close()
        owner.close()

    with signed_in_http(live_server, new_person(live_server, name="Kim Utanför")) as stranger:
        assert stranger.get(f"/api/conversations/{conversation}").status_code == 404
        sent = stranger.post(f"/api/conversations/{conversation}/messages",
                             json={"client_id": "5f0d3c1e-8a7b-4c2d-9e6f-1a2b3c4d5e6f", "body": "Hej"})
        assert sent.status_code == 404


def queued_messages(page) -> list[dict]:
    """The messages waiting on the phone (IndexedDB), in the order written."""
    return page.evaluate("""async () => (await import("/js/outbox/message-queue.js")).queuedMessages()""")


def messages_seen_by(live_server: str, email: str, conversation: str) -> list[dict]:
    """The conversation's messages, oldest first, as `email` reads them through the API."""
    with signed_in_http(live_server, email) as reader:
        page = reader.get(f"/api/conversations/{conversation}")
        assert page.status_code == 200, page.text
        return list(reversed(page.json()["messages"]))


def bodies_seen_by(live_server: str, email: str, conversation: str) -> list[str]:
    return [m["body"] for m in messages_seen_by(live_server, email, conversation)]


def ask_as_driver(browser, live_server: str, title: str):
    """The demo driver on a phone, in a new conversation about a Ystad listing, the page under the worker."""
    listing = ystad_listing(live_server, title)
    context, page = open_as(browser, live_server, "phone", DRIVER)
    page.goto(f"/annons/{listing}")
    page.get_by_role("button", name="Skicka meddelande").click()
    heading(page, f"Om {title}")
    controlled_by_worker(page)
    heading(page, f"Om {title}")
    return context, page, page.url.rsplit("/", 1)[-1]


def write(page, text: str) -> None:
    page.get_by_label("Ditt meddelande").fill(text)
    page.get_by_role("button", name="Skicka").click()


def test_a_driver_writes_with_no_network_and_the_recipient_gets_each_message_once_in_order(browser, live_server):
    title = unique("Hurts")
    context, page, conversation = ask_as_driver(browser, live_server, title)
    first, second = f"Framme om tio minuter {title}", f"Porten är låst, jag ringer {title}"
    try:
        page.context.set_offline(True)
        write(page, first)
        expect(page.locator(".conversation-view__status")).to_have_text(
            "Inget nät just nu. Meddelandet skickas när nätet är tillbaka.")
        write(page, second)
        waiting = page.locator(".conversation-view__message--queued")
        expect(waiting).to_have_count(2)
        expect(waiting.nth(0)).to_contain_text(first)
        expect(waiting.nth(1)).to_contain_text(second)
        expect(waiting.nth(0)).to_contain_text("Väntar på nätet")
        expect(page.get_by_label("Ditt meddelande")).to_have_value("")
        assert [m["body"] for m in queued_messages(page)] == [first, second]
        assert bodies_seen_by(live_server, OWNER, conversation) == []
        fits(page)
        assert axe_clean(page) == []
        shot(page, "conversation-waiting")

        page.context.set_offline(False)
        expect(waiting).to_have_count(0, timeout=15_000)
        mine = page.locator(".conversation-view__message--mine")
        expect(mine).to_have_count(2)
        expect(mine.nth(0)).to_contain_text(first)
        expect(mine.nth(1)).to_contain_text(second)
        until_true(page, """import("/js/outbox/message-queue.js")
                            .then(async (q) => (await q.queuedMessages()).length === 0)""")
        page.reload()
        expect(page.locator(".conversation-view__message--mine")).to_have_count(2)
    finally:
        context.close()
    assert bodies_seen_by(live_server, OWNER, conversation) == [first, second]


def test_a_message_the_server_refuses_stays_with_its_reason_and_holds_nothing_back(browser, live_server):
    title = unique("Pall")
    context, page, conversation = ask_as_driver(browser, live_server, title)
    gone = str(uuid.uuid4())
    text = f"Lastat och klart {title}"
    try:
        page.context.set_offline(True)
        # Written offline in a conversation the server does not have (gone since, or never the driver's).
        page.evaluate("""(gone) => import("/js/outbox/message-queue.js").then((q) => q.queueMessage(
            {conversationId: gone, clientId: crypto.randomUUID(), body: "Till ett samtal som inte finns"}))""", gone)
        write(page, text)
        expect(page.locator(".conversation-view__message--queued")).to_have_count(1)
        page.context.set_offline(False)
        expect(page.locator(".conversation-view__message--queued")).to_have_count(0, timeout=15_000)
        assert bodies_seen_by(live_server, OWNER, conversation) == [text]

        page.goto(f"/meddelanden/{gone}")
        refused = page.locator(".conversation-view__message--queued")
        expect(refused).to_contain_text("Till ett samtal som inte finns")
        expect(refused).to_contain_text(
            "Skickades inte: samtalet finns inte längre, eller så får du inte skriva i det.")
        assert [m["refused"]["status"] for m in queued_messages(page)] == [404]
        assert axe_clean(page) == []
        refused.get_by_role("button", name="Ta bort").click()
        expect(page.locator(".conversation-view__status")).to_have_text("Meddelandet är borttaget.")
        expect(refused).to_have_count(0)
        assert queued_messages(page) == []
    finally:
        context.close()


def test_on_a_shared_phone_only_the_writer_sends_their_message(browser, live_server):
    title = unique("Kartong")
    context, page, conversation = ask_as_driver(browser, live_server, title)
    text = f"Skrivet innan passet tog slut {title}"
    try:
        page.context.set_offline(True)
        write(page, text)
        expect(page.locator(".conversation-view__message--queued")).to_have_count(1)
        page.close()
        # The next person takes the phone (signed in beside the page's emulated lack of network):
        # the worker's Background Sync tries under their session once online (the server refuses
        # it: 409 other_user), and their app sends nothing of the driver's.
        signed = context.request.post("/api/session", data={"email": WAREHOUSE, "password": DEMO_PASSWORD})
        assert signed.ok, signed.text()
        context.set_offline(False)
        page = context.new_page()
        page.goto("/")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Hej")
        page.wait_for_timeout(2000)
        assert [m["body"] for m in queued_messages(page)] == [text]
        assert bodies_seen_by(live_server, OWNER, conversation) == []

        sign_in(page, DRIVER)
        until_true(page, """import("/js/outbox/message-queue.js")
                            .then(async (q) => (await q.queuedMessages()).length === 0)""", timeout=15)
    finally:
        context.close()
    assert bodies_seen_by(live_server, OWNER, conversation) == [text]


def test_a_phone_with_scans_queued_before_messages_existed_keeps_them(browser, live_server):
    """The app's database from before the message queue (version 3) is upgraded, not replaced."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="sv-SE", base_url=live_server)
    try:
        page = context.new_page()
        page.goto("/manifest.webmanifest")
        page.evaluate("""() => new Promise((resolve, reject) => {
            const request = indexedDB.open("delbar", 3);
            request.onupgradeneeded = () => {
                const db = request.result;
                db.createObjectStore("meta");
                db.createObjectStore("outbox", { keyPath: "seq", autoIncrement: true });
                db.createObjectStore("attention", { keyPath: "id" });
                db.createObjectStore("photos", { keyPath: "seq", autoIncrement: true });
                db.createObjectStore("shift");
                db.createObjectStore("photo_results", { keyPath: "seq", autoIncrement: true });
                // Another driver's scan: it waits for them, so signing in here does not send it.
                request.transaction.objectStore("outbox").add({
                    event: { id: "0b7e6a52-7d4e-4c1a-9a57-0c1f2e3d4b5a", code: "ABCDEFGH", action: "pickup",
                             device_time: "2026-12-01T09:00:00.000+01:00" },
                    owner: { id: "0b7e6a52-0000-4c1a-9a57-0c1f2e3d4b5a", name: "Anna" } });
            };
            request.onsuccess = () => { request.result.close(); resolve(true); };
            request.onerror = () => reject(request.error);
        })""")
        sign_in(page, DRIVER)
        until_true(page, """import("/js/db.js")
                            .then(async (m) => (await m.openDb()).objectStoreNames.contains("messages"))""")
        assert [event["id"] for event in outbox(page)] == ["0b7e6a52-7d4e-4c1a-9a57-0c1f2e3d4b5a"]
    finally:
        context.close()


def test_a_reported_message_reaches_the_coordinator_who_hides_it(browser, live_server):
    title = unique("Soffa")
    listing = ystad_listing(live_server, title)
    writer = new_person(live_server, name="Alex Skriver")
    reporter_email = new_person(live_server, municipality="ystad", unit="Arbetsmarknadsenheten", name="Sam Anmäler")
    with signed_in_http(live_server, writer) as http:
        conversation = http.post("/api/conversations", json={"subject_kind": "listing", "subject_id": listing}).json()
        sent = http.post(f"/api/conversations/{conversation['id']}/messages",
                         json={"client_id": "7c1e2d3f-4a5b-4c6d-8e7f-901a2b3c4d5e", "body": "Något otrevligt"})
        assert sent.status_code == 201, sent.text
    reporter, report = open_as(browser, live_server, "phone", reporter_email)
    lead, work = open_as(browser, live_server, "phone", OWNER)
    try:
        report.goto(f"/meddelanden/{conversation['id']}")
        report.get_by_role("button", name="Anmäl").click()
        expect(report.locator(".conversation-view__status")).to_have_text(
            "Meddelandet är anmält till kommunens samordnare.")

        work.goto("/arbetsko")
        work.get_by_role("link", name="Anmälda meddelanden").click()
        heading(work, "Anmälda meddelanden")
        entry = work.get_by_role("listitem").filter(has_text=f"Samtalet om {title}")
        expect(entry).to_contain_text("Något otrevligt")
        expect(entry).to_contain_text("Skrivet av Alex Skriver")
        expect(entry).to_contain_text("Anmält av Sam Anmäler")
        expect(entry.get_by_role("link", name=f"Samtalet om {title}")).to_have_attribute(
            "href", f"/meddelanden/{conversation['id']}")
        fits(work)
        assert axe_clean(work) == []
        shot(work, "reported-messages")
        work.set_viewport_size({"width": 1280, "height": 800})
        shot(work, "reported-messages")
        work.set_viewport_size({"width": 360, "height": 740})
        entry.get_by_role("button", name="Dölj").click()
        expect(work.locator(".reported-view__status")).to_contain_text("Meddelandet är dolt.")
        expect(entry).to_have_count(0)
        assert axe_clean(work) == []
        work.reload()
        heading(work, "Anmälda meddelanden")
        expect(work.get_by_role("listitem").filter(has_text=f"Samtalet om {title}")).to_have_count(0)

        report.reload()
        expect(report.get_by_text("Meddelandet har dolts av kommunens samordnare.")).to_be_visible()
    finally:
        reporter.close()
        lead.close()


def test_the_conversation_about_a_listing_or_a_booking_is_on_its_page(browser, live_server):
    title = unique("Bokhylla")
    listing = ystad_listing(live_server, title)
    asker, page = open_as(browser, live_server, "phone", new_person(live_server, name="Robin Frågar"))
    try:
        page.goto(f"/annons/{listing}")
        talk = page.get_by_role("region", name="Meddelanden")
        expect(talk).to_contain_text("Inga meddelanden ännu.")
        talk.get_by_role("button", name="Skicka").click()
        expect(talk.get_by_role("alert")).to_have_text("Skriv något innan du skickar.")
        talk.get_by_label("Ditt meddelande").fill("Hur djup är hyllan?")
        talk.get_by_role("button", name="Skicka").click()
        expect(talk.get_by_role("status")).to_have_text("Meddelandet är skickat.")
        expect(talk.get_by_role("listitem")).to_have_text(re.compile(r"^Du, .*Hur djup är hyllan\?$"))
        expect(talk.get_by_role("link", name="Visa hela samtalet")).to_be_visible()
        fits(page)
        assert axe_clean(page) == []
        shot(page, "listing-conversation")
        page.set_viewport_size({"width": 1280, "height": 800})
        shot(page, "listing-conversation")
    finally:
        asker.close()

    booking = requested_rental(live_server)
    requester, page = open_as(browser, live_server, "phone", "medarbetare@skurup.exempel.se")
    owner, answer = open_as(browser, live_server, "desk", OWNER)
    try:
        page.goto(f"/bokningar/{booking['id']}")
        talk = page.get_by_role("region", name="Meddelanden")
        expect(talk).to_contain_text("Inga meddelanden ännu.")
        talk.get_by_label("Ditt meddelande").fill("Kan ni leverera före nio?")
        talk.get_by_role("button", name="Skicka").click()
        expect(talk.get_by_role("status")).to_have_text("Meddelandet är skickat.")
        fits(page)
        assert axe_clean(page) == []
        shot(page, "booking-conversation")

        answer.goto(f"/bokningar/{booking['id']}")
        theirs = answer.get_by_role("region", name="Meddelanden")
        expect(theirs.get_by_role("listitem")).to_contain_text("Kan ni leverera före nio?")
        assert axe_clean(answer) == []
        shot(answer, "booking-conversation")
    finally:
        requester.close()
        owner.close()


def test_a_message_waiting_on_the_phone_is_counted_until_it_is_sent(browser, live_server):
    title = unique("Vagn")
    context, page, conversation = ask_as_driver(browser, live_server, title)
    text = f"Står vid lastkajen {title}"
    try:
        page.context.set_offline(True)
        write(page, text)
        expect(page.locator(".conversation-view__message--queued")).to_contain_text("Väntar på nätet")
        page.get_by_role("link", name="Hem").click()
        expect(page.get_by_test_id("outbox-waiting")).to_contain_text("1 meddelande väntar på att skickas")
        talk = page.locator(".home-view__more").get_by_role("link", name=re.compile("^Meddelanden"))
        expect(talk).to_have_accessible_name("Meddelanden 1 väntar att skickas")
        expect(talk).to_contain_text("1 väntar att skickas")
        fits(page)
        assert axe_clean(page) == []
        shot(page, "home-message-waiting")

        page.context.set_offline(False)
        expect(talk).to_have_accessible_name("Meddelanden", timeout=15_000)
        expect(page.get_by_test_id("outbox-waiting")).not_to_contain_text("meddelande")
    finally:
        context.close()
    assert bodies_seen_by(live_server, OWNER, conversation) == [text]


def test_the_driver_opens_the_jobs_conversation_on_its_card(browser, live_server, live_database):
    from tests.browser.seed import seed_rows
    from tests.browser.test_offline_shift import new_driver

    email, _ = new_driver(live_server)
    job = seed_rows(live_database, "Ystad", 1, driver=email)["job"]
    context, page = open_as(browser, live_server, "phone", email)
    try:
        page.goto("/dagen")
        card = page.get_by_test_id("shift-job").filter(has=page.locator(f"a[href*='{job}']"))
        toggle = card.get_by_text("Meddelanden om körningen")
        expect(toggle).to_be_visible()
        toggle.click()
        talk = card.get_by_role("region", name="Meddelanden")
        expect(talk).to_contain_text("Inga meddelanden ännu.")
        talk.get_by_label("Ditt meddelande").fill("Porten är låst, vem har nyckeln?")
        talk.get_by_role("button", name="Skicka").click()
        expect(talk.get_by_role("status")).to_have_text("Meddelandet är skickat.")
        expect(talk.get_by_role("listitem")).to_contain_text("Porten är låst")
        fits(page)
        assert axe_clean(page) == []
        shot(page, "job-card-conversation")
    finally:
        context.close()
    with signed_in_http(live_server, OWNER) as coordinator:  # Ystad's coordinator takes part in the job's talk
        found = coordinator.get("/api/conversations/about", params={"subject_kind": "job", "subject_id": job})
        assert found.status_code == 200, found.text
        assert [m["body"] for m in found.json()["messages"]] == ["Porten är låst, vem har nyckeln?"]
