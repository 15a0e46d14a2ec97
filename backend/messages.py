"""The server's message catalogue: every text the server writes for a person, in Swedish and English.

Texts are rendered when they are read or sent, in the reader's language, from a key and its
parameters; nothing pre-translated is stored. A parameter is plain text (a listing's title, an
address) or a typed value that each language writes its own way: {"day": ISO date},
{"period": [start, end or None]}, {"window": [ISO start, ISO end]}, {"status": booking status}.
"""

from __future__ import annotations

from datetime import date, datetime

from backend.vocabulary import STOCKHOLM

LANGUAGES = ("sv", "en")

_MONTHS = {
    "sv": ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
_WEEKDAYS = {
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_STATUS = {
    "sv": {"requested": "väntar på svar", "approved": "godkänd", "declined": "avböjd", "fulfilled": "levererad",
           "returned": "återlämnad", "completed": "klar", "cancelled": "avbokad", "expired": "förfallen"},
    "en": {"requested": "awaiting an answer", "approved": "approved", "declined": "declined",
           "fulfilled": "delivered", "returned": "returned", "completed": "completed", "cancelled": "cancelled",
           "expired": "expired"},
}

CATALOGUE: dict[str, dict[str, str]] = {
    "sv": {
        "period.range": "{start}, återlämnas {end}",
        "period.from": "från {start}",
        "booking_requested.title": "Ny förfrågan",
        "booking_requested.body": "{listing}, {period}.",
        "booking_approved.title": "Din bokning är godkänd",
        "booking_approved.body": "{listing}, {period}.",
        "booking_declined.title": "Din förfrågan avböjdes",
        "booking_declined.body": "{listing}, {period}.",
        "booking_cancelled.title": "En bokning avbokades",
        "booking_cancelled.body": "{listing}, {period}.",
        "booking_changed.title": "En bokning ändrades",
        "booking_changed.body": "{listing}, {period}: {status}.",
        "want_matched.title": "Något du efterlyser finns nu",
        "want_matched.body": "{listing} matchar din efterlysning.",
        "pickup_accepted.title": "Hämtningen är godkänd",
        "pickup_accepted.body": "{item} får följa med: den är registrerad i fordonet.",
        "pickup_returned.title": "Ska tillbaka",
        "pickup_returned.body": "{item} ska lämnas tillbaka där du hämtade den.",
        "job_assigned.title": "Nytt transportuppdrag",
        "job_assigned.body": "{day}: {address}",
        "message_received.title": "Nytt meddelande om {subject}",
        "message_received.body": "{author} har skrivit till dig.",
        "message_reported.title": "Ett meddelande har anmälts",
        "message_reported.body": "I samtalet om {subject}. Läs det och dölj det om det behövs.",
        "job_cancelled.title": "Transportuppdrag inställt",
        "job_cancelled.body": "Bokningen avbokades.",
        "job_moved.title": "Transportuppdrag flyttat",
        "job_moved.body": "{address} ({day}) körs nu av någon annan.",
        "job_unassigned.title": "Transportuppdrag borttaget",
        "job_unassigned.body": "{address} ({day}) är inte längre ditt uppdrag.",
        "pickup_due.title": "Hämtning i morgon",
        "pickup_due.body": "Din bokning av {listing} börjar i morgon, {day}. Hämta hos {place}.",
        "delivery_due.title": "Leverans i morgon",
        "delivery_due.body": "Din bokning av {listing} börjar i morgon, {day}. Den levereras till {address}.",
        "return_due.title": "Återlämning i morgon",
        "return_due.body": "{listing} ska lämnas tillbaka i morgon, {day}, till {place}.",
        "test.title": "Testnotis från Delbar",
        "test.body": "Så här ser en notis ut. Du får notiser om det du har valt i inställningarna.",
        "ical.booking": "Delbar: {deal}, {quantity} st, {status}. {period}.",
        "ical.job": "Hämta: {address}",
        "deal.give": "överlåts", "deal.lend": "lån", "deal.rent": "hyra", "deal.sell": "köp",
        "kind.want_matched": "träffar på efterlysningar",
        "kind.booking_requested": "nya förfrågningar",
        "kind.booking_approved": "godkända bokningar",
        "kind.booking_declined": "avböjda förfrågningar",
        "kind.booking_cancelled": "avbokningar",
        "kind.booking_changed": "ändrade bokningar",
        "kind.pickup_due": "påminnelser om hämtning",
        "kind.return_due": "påminnelser om återlämning",
        "kind.job_assigned": "nya transportuppdrag",
        "kind.job_changed": "ändrade transportuppdrag",
        "kind.message_received": "nya meddelanden",
        "kind.digest": "den dagliga sammanfattningen",
        "mail.open": "Öppna i Delbar",
        "mail.why": "Du får det här meddelandet för att du har valt e-post för {kind} i Delbar.",
        "mail.unsubscribe": "Sluta skicka e-post om {kind}",
        "mail.settings": "Välj vad du får och hur under Notiser i Delbar.",
        "digest.title": "Delbar: det här hände {day}",
        "digest.body": "{count} händelser i Delbar {day}:",
        "digest.more": "… och {count} till. Alla finns under Notiser i Delbar.",
        "password_reset.title": "Välj ett nytt lösenord till Delbar",
        "password_reset.body": "Någon bad om ett nytt lösenord till Delbar för {email}. Länken gäller i en timme "
                               "och kan användas en gång. Har du inte bett om det kan du strunta i det här "
                               "meddelandet; ditt lösenord är oförändrat.",
        "invitation.title": "Du är inbjuden till Delbar",
        "invitation.body": "{inviter} har bjudit in dig till Delbar, {municipality}s tjänst för att dela möbler, "
                           "utrustning och tjänster. Välj ditt lösenord med länken; den gäller i sju dagar. Sedan "
                           "loggar du in med {email}.",
        "password.link": "Välj lösenord",
        "unsubscribe.title": "Sluta få e-post",
        "unsubscribe.confirm": "Vill du sluta få e-post om {kind} från Delbar?",
        "unsubscribe.button": "Ja, sluta skicka",
        "unsubscribe.done": "Klart. Du får inte längre e-post om {kind}. Du kan ändra det under Notiser i Delbar.",
        "unsubscribe.invalid": "Länken gäller inte. Ändra vad du får under Notiser i Delbar.",
    },
    "en": {
        "period.range": "{start}, returned {end}",
        "period.from": "from {start}",
        "booking_requested.title": "New request",
        "booking_requested.body": "{listing}, {period}.",
        "booking_approved.title": "Your booking is approved",
        "booking_approved.body": "{listing}, {period}.",
        "booking_declined.title": "Your request was declined",
        "booking_declined.body": "{listing}, {period}.",
        "booking_cancelled.title": "A booking was cancelled",
        "booking_cancelled.body": "{listing}, {period}.",
        "booking_changed.title": "A booking changed",
        "booking_changed.body": "{listing}, {period}: {status}.",
        "want_matched.title": "Something you want is here",
        "want_matched.body": "{listing} matches your want.",
        "pickup_accepted.title": "Your pickup is approved",
        "pickup_accepted.body": "{item} may come along: it is registered in the vehicle.",
        "pickup_returned.title": "To be taken back",
        "pickup_returned.body": "{item} is to be taken back to where you picked it up.",
        "job_assigned.title": "New transport job",
        "job_assigned.body": "{day}: {address}",
        "message_received.title": "New message about {subject}",
        "message_received.body": "{author} has written to you.",
        "message_reported.title": "A message has been reported",
        "message_reported.body": "In the conversation about {subject}. Read it and hide it if need be.",
        "job_cancelled.title": "Transport job cancelled",
        "job_cancelled.body": "The booking was cancelled.",
        "job_moved.title": "Transport job moved",
        "job_moved.body": "{address} ({day}) is now driven by someone else.",
        "job_unassigned.title": "Transport job taken off you",
        "job_unassigned.body": "{address} ({day}) is no longer your job.",
        "pickup_due.title": "Pickup tomorrow",
        "pickup_due.body": "Your booking of {listing} starts tomorrow, {day}. Collect it at {place}.",
        "delivery_due.title": "Delivery tomorrow",
        "delivery_due.body": "Your booking of {listing} starts tomorrow, {day}. It is delivered to {address}.",
        "return_due.title": "Return tomorrow",
        "return_due.body": "{listing} goes back tomorrow, {day}, to {place}.",
        "test.title": "Test notification from Delbar",
        "test.body": "This is how a notification looks. You get the ones you chose in the settings.",
        "ical.booking": "Delbar: {deal}, {quantity} pcs, {status}. {period}.",
        "ical.job": "Collect: {address}",
        "deal.give": "given", "deal.lend": "loan", "deal.rent": "rental", "deal.sell": "purchase",
        "kind.want_matched": "matches for your wants",
        "kind.booking_requested": "new requests",
        "kind.booking_approved": "approved bookings",
        "kind.booking_declined": "declined requests",
        "kind.booking_cancelled": "cancellations",
        "kind.booking_changed": "changed bookings",
        "kind.pickup_due": "pickup reminders",
        "kind.return_due": "return reminders",
        "kind.job_assigned": "new transport jobs",
        "kind.job_changed": "changed transport jobs",
        "kind.message_received": "new messages",
        "kind.digest": "the daily digest",
        "mail.open": "Open in Delbar",
        "mail.why": "You get this message because you chose e-mail for {kind} in Delbar.",
        "mail.unsubscribe": "Stop e-mails about {kind}",
        "mail.settings": "Choose what you get and how under Notifications in Delbar.",
        "digest.title": "Delbar: what happened on {day}",
        "digest.body": "{count} events in Delbar on {day}:",
        "digest.more": "… and {count} more. All of them are under Notifications in Delbar.",
        "password_reset.title": "Choose a new password for Delbar",
        "password_reset.body": "Someone asked for a new Delbar password for {email}. The link works for one hour and "
                               "once only. If you did not ask, ignore this message; your password has not changed.",
        "invitation.title": "You are invited to Delbar",
        "invitation.body": "{inviter} invited you to Delbar, {municipality}'s service for sharing furniture, "
                           "equipment and services. Choose your password with the link; it works for seven days. "
                           "Then sign in with {email}.",
        "password.link": "Choose a password",
        "unsubscribe.title": "Stop e-mails",
        "unsubscribe.confirm": "Do you want to stop e-mails about {kind} from Delbar?",
        "unsubscribe.button": "Yes, stop sending",
        "unsubscribe.done": "Done. You no longer get e-mails about {kind}. You can change that under Notifications "
                            "in Delbar.",
        "unsubscribe.invalid": "This link does not work. Change what you get under Notifications in Delbar.",
    },
}


def language(lang: str | None) -> str:
    return lang if lang in LANGUAGES else "sv"


def day_text(day: date, lang: str, weekday: bool = False) -> str:
    """14 dec 2026 / 14 Dec 2026; with the weekday for reminders (tisdag 14 dec)."""
    text = f"{day.day} {_MONTHS[lang][day.month - 1]}"
    if weekday:
        return f"{_WEEKDAYS[lang][day.weekday()]} {text}"
    return f"{text} {day.year}"


def period_text(start: date, end: date | None, lang: str) -> str:
    """A booking's dates as the person entered them: the first day and the return day."""
    if end is None:
        return text("period.from", lang, start=day_text(start, lang))
    return text("period.range", lang, start=day_text(start, lang), end=day_text(end, lang))


def window_text(start: datetime, end: datetime, lang: str) -> str:
    start, end = start.astimezone(STOCKHOLM), end.astimezone(STOCKHOLM)
    return f"{day_text(start.date(), lang)} {start:%H:%M}–{end:%H:%M}"


def _value(value: object, lang: str) -> str:
    if not isinstance(value, dict):
        return str(value)
    if "day" in value:
        return day_text(date.fromisoformat(value["day"]), lang, weekday=bool(value.get("weekday")))
    if "period" in value:
        start, end = value["period"]
        return period_text(date.fromisoformat(start), date.fromisoformat(end) if end else None, lang)
    if "window" in value:
        start, end = value["window"]
        return window_text(datetime.fromisoformat(start), datetime.fromisoformat(end), lang)
    if "status" in value:
        return _STATUS[lang].get(value["status"], value["status"])
    return ""


def text(key: str, lang: str, **params: object) -> str:
    """The text under `key` in `lang` (Swedish when a key has no English), its parameters filled."""
    lang = language(lang)
    template = CATALOGUE[lang].get(key) or CATALOGUE["sv"][key]
    return template.format_map({name: _value(value, lang) for name, value in params.items()})


def booking_when(row: dict) -> dict:
    """The typed parameter for a booking's time: its window, or its dates [first day, return day]."""
    if row.get("window_starts_at"):
        return {"window": [row["window_starts_at"].isoformat(), row["window_ends_at"].isoformat()]}
    end = row["period_end"]
    return {"period": [row["period_start"].isoformat(), end.isoformat() if end else None]}
