"""Meddelanden with a photo: attached with a button in the person's language, written offline and
sent once with its message, and refused by the server after its text went, which the writer is told."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.field import DRIVER, until_true
from tests.browser.journeys import axe_clean, fits, shot, unique
from tests.browser.test_booking_view import signed_in_http
from tests.browser.test_conversations import OWNER, ask_as_driver, messages_seen_by, queued_messages, write
from tests.browser.test_listing_page import jpeg

pytestmark = pytest.mark.browser


def test_a_photo_written_offline_waits_with_its_message_and_is_sent_once_in_order(browser, live_server):
    title = unique("Gallervagn")
    context, page, conversation = ask_as_driver(browser, live_server, title)
    first, second = f"Så här ser skadan ut {title}", f"Jag lämnar den vid porten {title}"
    try:
        page.context.set_offline(True)
        photo = page.locator("#conversation-photo")
        too_big = b"\xff" * (15 * 1024 * 1024 + 1)
        photo.set_input_files({"name": "stor.jpg", "mimeType": "image/jpeg", "buffer": too_big})
        write(page, first)
        expect(page.locator("#conversation-error")).to_have_text(
            "Fotot är större än 15 MB och kan inte skickas. Välj ett mindre foto.")
        assert queued_messages(page) == []

        photo.set_input_files({"name": "skada.jpg", "mimeType": "image/jpeg", "buffer": jpeg((160, 40, 40))})
        write(page, first)
        expect(page.locator(".conversation-view__status")).to_have_text(
            "Inget nät just nu. Meddelandet och fotot skickas när nätet är tillbaka.")
        write(page, second)
        waiting = page.locator(".conversation-view__message--queued")
        expect(waiting).to_have_count(2)
        expect(waiting.nth(0).get_by_role("img", name="Ditt foto, väntar på att skickas")).to_be_visible()
        assert page.evaluate("""import("/js/outbox/message-queue.js").then(async (q) =>
            (await q.queuedMessages()).map((m) => m.photo instanceof Blob ? m.photo.size : 0))""")[0] > 1000
        fits(page)
        shot(page, "conversation-photo-waiting")

        page.context.set_offline(False)
        expect(waiting).to_have_count(0, timeout=15_000)
        expect(page.locator(".conversation-view__status")).to_have_text("Det som väntade på telefonen har skickats.")
        sent = page.locator(".conversation-view__message--mine").nth(0)
        expect(sent.locator(".conversation-view__photo img")).to_be_visible()
        until_true(page, """import("/js/outbox/message-queue.js")
                            .then(async (q) => (await q.queuedMessages()).length === 0)""")
    finally:
        context.close()
    seen = messages_seen_by(live_server, OWNER, conversation)
    assert [m["body"] for m in seen] == [first, second]
    assert [m["photo_url"] is not None for m in seen] == [True, False]


def test_a_queued_photo_the_server_refuses_after_its_text_is_told_to_the_writer(browser, live_server):
    title = unique("Bokhylla")
    context, page, conversation = ask_as_driver(browser, live_server, title)
    text = f"Hyllan har en spricka {title}"
    try:
        page.context.set_offline(True)
        # Looks like a photo to the phone (a .jpg, image/jpeg); the server finds it is not one.
        page.locator("#conversation-photo").set_input_files(
            {"name": "trasig.jpg", "mimeType": "image/jpeg", "buffer": b"\xff\xd8 inte en bild " * 200})
        write(page, text)
        expect(page.locator(".conversation-view__message--queued")).to_have_count(1)
        page.context.set_offline(False)

        refused = page.locator(".conversation-view__message--queued")
        expect(refused).to_contain_text("Fotot skickades inte: Filen är inte ett foto.", timeout=15_000)
        expect(refused).to_contain_text("Texten kom fram.")
        expect(page.locator(".conversation-view__status")).to_have_text("Det som väntade på telefonen har skickats.")
        # The text is shown once: as the server's message, not again beside the refused photo.
        expect(page.locator(".conversation-view__body").filter(has_text=text)).to_have_count(1)
        assert [m["body"] for m in messages_seen_by(live_server, OWNER, conversation)] == [text]
        assert axe_clean(page) == []
        shot(page, "conversation-photo-refused")
        refused.get_by_role("button", name="Ta bort").click()
        expect(refused).to_have_count(0)
        assert queued_messages(page) == []
    finally:
        context.close()


def test_a_photo_is_attached_with_a_button_in_the_persons_language(browser, live_server):
    title = unique("Lampa")
    context, page, _ = ask_as_driver(browser, live_server, title)
    try:
        attach = page.get_by_role("button", name="Bifoga foto")
        expect(page.locator("#conversation-photo")).to_be_hidden()
        with page.expect_file_chooser() as chooser:
            attach.click()
        chooser.value.set_files({"name": "lampa.jpg", "mimeType": "image/jpeg", "buffer": jpeg((200, 180, 40))})
        expect(page.get_by_text("Valt foto: lampa.jpg")).to_be_visible()
        expect(page.locator(".conversation-view__preview")).to_be_visible()
        expect(page.get_by_role("button", name="Välj ett annat foto")).to_be_visible()
        fits(page)
        assert axe_clean(page) == []
        shot(page, "conversation-photo-chosen")
        page.get_by_role("button", name="Ta bort fotot").click()
        expect(page.get_by_text("Valt foto: lampa.jpg")).to_be_hidden()
        expect(attach).to_be_focused()

        with page.expect_file_chooser() as chooser:
            attach.click()
        chooser.value.set_files({"name": "lampa.jpg", "mimeType": "image/jpeg", "buffer": jpeg((200, 180, 40))})
        write(page, f"Lampan fungerar inte {title}")
        expect(page.locator(".conversation-view__status")).to_have_text("Meddelandet är skickat.")
        expect(page.locator(".conversation-view__message--mine .conversation-view__photo img")).to_be_visible()
        expect(page.get_by_role("button", name="Bifoga foto")).to_be_visible()
        expect(page.get_by_text("Valt foto: lampa.jpg")).to_be_hidden()

        page.get_by_role("button", name="English").click()
        expect(page.get_by_role("button", name="Attach photo")).to_be_visible()
        page.get_by_role("button", name="Svenska").click()
        expect(page.get_by_role("button", name="Bifoga foto")).to_be_visible()
    finally:
        context.close()
        with signed_in_http(live_server, DRIVER) as driver:  # the language is the person's: the next test's too
            assert driver.put("/api/session/language", json={"language": "sv"}).status_code == 200
