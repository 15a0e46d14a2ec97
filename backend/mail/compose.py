"""Building one e-mail: subject, plain text and HTML in the reader's language, and the headers.

Pure: a row and the sending settings in, an EmailMessage out. Event messages carry
List-Unsubscribe with a signed one-click link (RFC 8058); password links do not (nobody opts
out of a message they asked for).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from html import escape

from backend.mail.channels import ACCOUNT_MESSAGES
from backend.messages import language, text

DIGEST_ITEMS = 50


@dataclass(frozen=True)
class Letter:
    """What any e-mail says, before it becomes plain text and HTML."""

    subject: str
    intro: str
    items: list[tuple[str, str, str]]  # (title, body, absolute link)
    link: str
    link_label: str
    footer: list[str]
    unsubscribe: str | None
    unsubscribe_label: str


def _absolute(base_url: str, url: str) -> str:
    return url if url.startswith(("http://", "https://")) else f"{base_url.rstrip('/')}/{url.lstrip('/')}"


def letter(row: dict, lang: str, base_url: str, unsubscribe: str | None) -> Letter:
    lang = language(lang)
    params = json.loads(row["params"] or "{}")
    kind_name = text(f"kind.{row['kind']}", lang) if row["kind"] not in ACCOUNT_MESSAGES else ""
    footer = [] if row["message"] in ACCOUNT_MESSAGES else [text("mail.why", lang, kind=kind_name),
                                                             text("mail.settings", lang)]
    unsub_label = text("mail.unsubscribe", lang, kind=kind_name) if unsubscribe else ""
    if row["message"] == "digest":
        items = params["items"]
        day = {"day": params["day"]}
        entries = [(text(f"{i['message']}.title", lang, **i["params"]),
                    text(f"{i['message']}.body", lang, **i["params"]), _absolute(base_url, i["url"]))
                   for i in items[:DIGEST_ITEMS]]
        if len(items) > DIGEST_ITEMS:
            footer.insert(0, text("digest.more", lang, count=len(items) - DIGEST_ITEMS))
        return Letter(text("digest.title", lang, day=day), text("digest.body", lang, count=len(items), day=day),
                      entries, _absolute(base_url, "/notiser"), text("mail.open", lang), footer, unsubscribe,
                      unsub_label)
    link_label = text("password.link", lang) if row["message"] in ACCOUNT_MESSAGES else text("mail.open", lang)
    return Letter(text(f"{row['message']}.title", lang, **params), text(f"{row['message']}.body", lang, **params), [],
                  _absolute(base_url, row["url"]), link_label, footer, unsubscribe, unsub_label)


def plain(mail: Letter) -> str:
    lines = [mail.subject, "", mail.intro, ""]
    for title, body, link in mail.items:
        lines += [f"* {title}", f"  {body}", f"  {link}", ""]
    lines += [f"{mail.link_label}: {mail.link}", "", "-- ", *mail.footer]
    if mail.unsubscribe:
        lines.append(f"{mail.unsubscribe_label}: {mail.unsubscribe}")
    return "\n".join(lines) + "\n"


def html(mail: Letter, lang: str) -> str:
    items = "".join(
        f'<li><a href="{escape(link)}">{escape(title)}</a><br>{escape(body)}</li>' for title, body, link in mail.items)
    footer = "".join(f"<p>{escape(line)}</p>" for line in mail.footer)
    if mail.unsubscribe:
        footer += f'<p><a href="{escape(mail.unsubscribe)}">{escape(mail.unsubscribe_label)}</a></p>'
    return (
        f'<!doctype html><html lang="{language(lang)}"><head><meta charset="utf-8">'
        f"<title>{escape(mail.subject)}</title></head>"
        '<body style="font-family:sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:36em">'
        f'<h1 style="font-size:22px">{escape(mail.subject)}</h1><p>{escape(mail.intro)}</p>'
        + (f"<ul>{items}</ul>" if items else "")
        + f'<p><a href="{escape(mail.link)}" style="display:inline-block;padding:.6em 1.2em;background:#0b5d3b;'
        f'color:#fff;border-radius:6px;text-decoration:none">{escape(mail.link_label)}</a></p>'
        f'<hr><div style="font-size:14px;color:#444">{footer}</div></body></html>'
    )


def compose(row: dict, *, sender: str, base_url: str, unsubscribe: str | None, domain: str) -> EmailMessage:
    """The whole message for one outbox row, addressed to the person's current address."""
    lang = language(row["language"])
    mail = letter(row, lang, base_url, unsubscribe)
    message = EmailMessage()
    message["Subject"] = mail.subject
    message["From"] = sender
    message["To"] = row["email"]
    message["Date"] = format_datetime(row["created_at"])
    message["Message-ID"] = make_msgid(idstring=str(row["id"]), domain=domain)
    message["Auto-Submitted"] = "auto-generated"
    if mail.unsubscribe:
        message["List-Unsubscribe"] = f"<{mail.unsubscribe}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(plain(mail))
    message.add_alternative(html(mail, lang), subtype="html")
    message["Content-Language"] = lang  # after the content: setting it clears Content-* headers
    return message


def digest_day(day: date) -> dict:
    return {"day": day.isoformat()}
