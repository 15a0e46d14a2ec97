"""Notifications in the PWA: the list and its unread count, the settings screen, the worker's push."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.field import controlled_by_worker, deliver_push, held_routes, sign_in_with_form, until_true

pytestmark = pytest.mark.browser

COUNT_PERMISSION_REQUESTS = """
window.__permissionRequests = 0;
if (window.Notification) {
  Notification.requestPermission = async () => { window.__permissionRequests += 1; return "denied"; };
}
"""


def ready_worker(page) -> None:
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")


# Inside the service worker: show a notification and click it (the handler the browser calls).
CLICK_NOTIFICATION = """async (url) => {
  await self.registration.showNotification("Hämtning i morgon", { tag: "click-test", data: { url, id: null } });
  const [shown] = await self.registration.getNotifications({ tag: "click-test" });
  self.dispatchEvent(new NotificationEvent("notificationclick", { notification: shown }));
}"""


def service_worker(page):
    ready_worker(page)
    workers = page.context.service_workers
    return workers[0] if workers else page.context.wait_for_event("serviceworker")


class TestNotificationList:
    def test_a_test_notification_shows_in_the_list_and_the_home_count(self, page):
        sign_in_with_form(page, "medarbetare@ystad.exempel.se")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Anna Lindqvist")
        page.goto("/notiser/installningar")
        page.get_by_role("button", name="Skicka en testnotis").click()
        expect(page.locator(".push-settings__state")).to_contain_text("Testnotisen finns under Notiser")
        page.goto("/")
        link = page.get_by_role("link", name=re.compile(r"Notiser, \d+ olästa? notis"))
        expect(link).to_be_visible()
        link.click()
        entry = page.get_by_role("link", name=re.compile("Testnotis från Delbar")).first
        expect(entry).to_be_visible()
        expect(page.locator(".notifications-view__item--unread").first).to_contain_text("Oläst")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360


class TestSettings:
    def test_permission_is_asked_only_after_the_button_is_pressed(self, page):
        page.add_init_script(COUNT_PERMISSION_REQUESTS)
        sign_in_with_form(page, "medarbetare@skurup.exempel.se")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Erik Holm")
        page.goto("/notiser/installningar")
        expect(page.get_by_text("När du trycker på knappen frågar webbläsaren")).to_be_visible()
        expect(page.get_by_role("button", name="Slå på notiser")).to_be_visible()
        assert page.evaluate("window.__permissionRequests") == 0
        page.get_by_role("button", name="Slå på notiser").click()
        expect(page.locator(".push-settings__state")).to_contain_text("blockerar notiser")
        assert page.evaluate("window.__permissionRequests") == 1

    def test_choices_and_quiet_hours_are_saved(self, page):
        sign_in_with_form(page, "medarbetare@trelleborg.exempel.se")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Sara Nyberg")
        page.goto("/notiser/installningar")
        pickup = page.get_by_label("Hämtning i morgon")
        expect(pickup).to_be_enabled()  # the saved choices are shown (the empty form is disabled)
        expect(pickup).to_have_value("push")
        pickup.select_option("digest")
        page.get_by_label("Använd tysta timmar").check()
        page.get_by_label("Från", exact=True).fill("21:00")
        page.get_by_role("button", name="Spara").click()
        expect(page.locator(".push-settings__status")).to_contain_text("sparade")
        page.reload()
        expect(pickup).to_be_enabled()  # not the empty form before the answer: the answer itself
        expect(pickup).to_have_value("digest")
        expect(page.get_by_label("Från", exact=True)).to_have_value("21:00")

    def test_choices_cannot_be_changed_while_a_save_is_on_its_way(self, page):
        sign_in_with_form(page, "lager@trelleborg.exempel.se")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Jonas Berg")
        held = []
        page.route("**/api/push/preferences",
                   lambda route: held.append(route) if route.request.method == "PUT" else route.continue_())
        page.goto("/notiser/installningar")
        pickup, returns = page.get_by_label("Hämtning i morgon"), page.get_by_label("Återlämning i morgon")
        expect(pickup).to_be_enabled()
        pickup.select_option("none")
        with page.expect_request(lambda request: request.method == "PUT"):
            page.get_by_role("button", name="Spara").click()
        # A tick now would be overwritten by the answer to the save.
        expect(returns).to_be_disabled()
        expect(page.get_by_label("Använd tysta timmar")).to_be_disabled()
        held_routes(page, held)[0].continue_()
        expect(page.locator(".push-settings__status")).to_contain_text("sparade")
        expect(returns).to_be_enabled()
        expect(pickup).to_have_value("none")

    def test_after_a_save_a_reload_without_network_never_shows_the_choices_from_before(self, page):
        sign_in_with_form(page, "chauffor@trelleborg.exempel.se")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Karl Nilsson")
        controlled_by_worker(page)
        page.goto("/notiser/installningar")
        pickup = page.get_by_label("Hämtning i morgon")
        expect(pickup).to_have_value("push")
        expect(pickup).to_be_enabled()
        # The worker has kept this answer as its fallback for a failing network.
        until_true(page, """caches.open("delbar-api")
            .then((cache) => cache.match("/api/push/preferences")).then(Boolean)""")
        pickup.select_option("none")
        page.get_by_role("button", name="Spara").click()
        expect(page.locator(".push-settings__status")).to_contain_text("sparade")
        page.context.set_offline(True)
        try:
            page.reload()
            expect(page.locator(".push-settings__status")).to_contain_text("offline")
            expect(pickup).to_be_disabled()
            expect(pickup).not_to_have_value("push")  # no answer: nothing shown, not the choice from before
        finally:
            page.context.set_offline(False)


class TestServiceWorker:
    def test_a_push_message_is_shown_with_its_title_body_and_tag(self, page, live_server):
        page.context.grant_permissions(["notifications"], origin=live_server)
        sign_in_with_form(page, "chauffor@ystad.exempel.se")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Peter Sjöberg")
        payload = {"id": "x", "kind": "job_assigned", "title": "Nytt uppdrag", "body": "Hämta 4 stolar",
                   "url": "/notiser", "tag": "job-1", "icon": "/icons/icon-192.png"}
        deliver_push(page, live_server, payload)
        # The worker shows it asynchronously; on a loaded machine starting the worker takes seconds.
        until_true(page, "navigator.serviceWorker.ready.then(r => r.getNotifications()).then(l => l.length > 0)",
                   timeout=30)
        shown = page.evaluate("""navigator.serviceWorker.ready.then(r => r.getNotifications())
            .then(list => list.map(n => ({title: n.title, body: n.body, tag: n.tag, url: n.data.url})))""")
        assert shown == [{"title": "Nytt uppdrag", "body": "Hämta 4 stolar", "tag": "job-1", "url": "/notiser"}]

    def test_a_click_opens_its_screen_in_the_open_window_without_a_reload(self, page, live_server):
        page.context.grant_permissions(["notifications"], origin=live_server)
        sign_in_with_form(page, "medarbetare@ystad.exempel.se")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Anna Lindqvist")
        worker = service_worker(page)
        page.evaluate("window.__sameDocument = 'kvar'")  # a reload would lose it
        worker.evaluate(CLICK_NOTIFICATION, "/bokningar")
        expect(page).to_have_url(live_server + "/bokningar")
        expect(page.get_by_role("heading", level=1)).to_have_text("Mina bokningar")
        assert page.evaluate("window.__sameDocument") == "kvar"
        # A link to another site is never followed, however it is written: the notification list opens.
        for foreign in ("/\\example.com/bokningar", "https://example.com/bokningar"):
            worker.evaluate(CLICK_NOTIFICATION, "/bokningar")
            expect(page).to_have_url(live_server + "/bokningar")
            worker.evaluate(CLICK_NOTIFICATION, foreign)
            expect(page).to_have_url(live_server + "/notiser")
            expect(page.get_by_role("heading", level=1)).to_have_text("Notiser")
        assert page.evaluate("window.__sameDocument") == "kvar"
        page.go_back()
        expect(page).to_have_url(live_server + "/bokningar")
