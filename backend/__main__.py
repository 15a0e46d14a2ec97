"""Command line: python -m backend serve | migrate | demo | push-worker | mail-worker | push-due | reindex | backup |
restore | copy-database."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

from backend.db import Database
from backend.settings import Settings


async def _with_database(settings: Settings, work):
    from backend.piccolo_conf import use_engine

    database = Database.from_url(settings.database_url)
    use_engine(database.engine)  # every table and transaction on this one engine
    await database.start()
    try:
        return await work(database)
    finally:
        await database.stop()


def cmd_migrate(settings: Settings, _: argparse.Namespace) -> int:
    from backend.migrations import migrate

    asyncio.run(_with_database(settings, migrate))
    return 0


def cmd_demo(settings: Settings, _: argparse.Namespace) -> int:
    from backend.demo.data import DEMO_PASSWORD
    from backend.demo.seed import seed
    from backend.migrations import migrate

    async def work(database: Database):
        await migrate(database, quiet=True)
        return await seed(database)

    logins = asyncio.run(_with_database(settings, work))
    print(f"Demo data ready. Every demo user's password: {DEMO_PASSWORD}")
    for municipality, role, email in logins:
        print(f"  {municipality:<11} {role:<12} {email}")
    return 0


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    from backend.migrations import pending

    missing = asyncio.run(_with_database(settings, pending))
    if missing:
        print(f"The database is behind the code ({len(missing)} migrations). Run: python -m backend migrate",
              file=sys.stderr)
        return 2
    # SQLite queries run in aiosqlite's threads: a query's answer waits for the event loop's thread
    # to let go of the GIL. At 1 ms instead of 5 the scan bench serves ~15% more requests/s.
    sys.setswitchinterval(0.001)
    uvicorn.run("backend.app:create_app", factory=True, host=args.host, port=args.port, workers=args.workers,
                # date_header: the field app measures its phone's clock against the server's Date.
                date_header=True, proxy_headers=True,
                forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
                log_level=settings.log_level.lower(), access_log=args.access_log)
    return 0


def cmd_push_worker(settings: Settings, args: argparse.Namespace) -> int:
    from backend.app import REMINDERS, clean_ups
    from backend.push.cli import run_worker

    return asyncio.run(run_worker(settings, once=args.once, reminders=REMINDERS, clean_ups=clean_ups(settings)))


def cmd_mail_worker(settings: Settings, args: argparse.Namespace) -> int:
    from backend.mail.cli import run_worker

    return asyncio.run(run_worker(settings, once=args.once))


def cmd_push_due(settings: Settings, _: argparse.Namespace) -> int:
    from backend.app import REMINDERS, clean_ups
    from backend.push.cli import run_daily

    return asyncio.run(run_daily(settings, REMINDERS, clean_ups(settings)))


def cmd_reindex(settings: Settings, _: argparse.Namespace) -> int:
    from backend.catalog.reindex import reindex, reindex_wants

    seen, changed = asyncio.run(_with_database(settings, reindex))
    print(f"Search text rebuilt: {changed} of {seen} listings changed.")
    seen, changed = asyncio.run(_with_database(settings, reindex_wants))
    print(f"Search words rebuilt: {changed} of {seen} wants changed.")
    return 0


def _refusable(what: str, work) -> int:
    """Run a backup, restore or copy; a refusal is printed as a sentence (exit 2), never as a traceback."""
    from backend.backup import Refused

    try:
        message = work()
    except Refused as refusal:
        print(f"{what} refused: {refusal}", file=sys.stderr)
        return 2
    print(message)
    return 0


def cmd_backup(settings: Settings, args: argparse.Namespace) -> int:
    from backend.backup import backup

    def work() -> str:
        summary = backup(settings, Path(args.directory))
        return (f"Backed up the {summary.database} database ({summary.migrations} migrations) and {summary.photos} "
                f"photos ({summary.photo_bytes} bytes) to {args.directory}")

    return _refusable("Backup", work)


def cmd_restore(settings: Settings, args: argparse.Namespace) -> int:
    from backend.backup import restore

    def work() -> str:
        summary = restore(settings, Path(args.directory), force=args.force)
        return (f"Restored the {summary.database} database ({summary.migrations} migrations) and {summary.photos} "
                f"photos from {args.directory}")

    return _refusable("Restore", work)


def cmd_copy_database(settings: Settings, args: argparse.Namespace) -> int:
    from backend.copy_database import copy_database

    def work() -> str:
        summary = copy_database(settings, args.to, force=args.force)
        return (f"Copied {summary.rows} rows in {summary.tables} tables into PostgreSQL. Point DATABASE_URL at it "
                "and start Delbar there (photos stay where DELBAR_PHOTO_DIR or DELBAR_STORAGE_URL keeps them).")

    return _refusable("Copy", work)


def _force(parser: argparse.ArgumentParser, target: str) -> None:
    parser.add_argument("--force", action="store_true", help=f"replace everything in {target} that is not empty")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backend", description="Delbar server and tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the app with uvicorn")
    serve.add_argument("--host", default=os.environ.get("DELBAR_HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("DELBAR_PORT", "8000")))
    serve.add_argument("--workers", type=int, default=1, help="more than one only with PostgreSQL")
    serve.add_argument("--access-log", action="store_true")
    sub.add_parser("migrate", help="apply database migrations")
    sub.add_parser("demo", help="migrate, then load the Ystad–Skurup–Trelleborg demo data (idempotent)")
    push_worker = sub.add_parser("push-worker", help="send queued push notifications (PostgreSQL; several may run)")
    push_worker.add_argument("--once", action="store_true", help="send what is due now, then exit")
    mail_worker = sub.add_parser("mail-worker", help="send queued e-mail (PostgreSQL; several may run)")
    mail_worker.add_argument("--once", action="store_true", help="send what is due now, then exit")
    sub.add_parser("push-due", help="queue tomorrow's pickup and return reminders, delete old notifications (cron)")
    sub.add_parser("reindex", help="rebuild every listing's search text with the current search rules")
    backup = sub.add_parser("backup", help="copy the database and the photos into a new directory, while serving")
    backup.add_argument("directory", help="a new or empty directory")
    restore = sub.add_parser("restore", help="restore a backup into DATABASE_URL and the photo store")
    restore.add_argument("directory", help="a directory written by backup")
    _force(restore, "a database or photo store")
    copy = sub.add_parser("copy-database", help="copy this SQLite database, with all its data, into PostgreSQL")
    copy.add_argument("--to", required=True, metavar="POSTGRESQL_URL", help="postgresql://user:password@host/database")
    _force(copy, "a PostgreSQL database")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    if args.command == "push-worker" and settings.is_sqlite:
        parser.error("on SQLite the app process sends pushes itself; push-worker processes need PostgreSQL")
    if args.command == "mail-worker" and settings.is_sqlite:
        parser.error("on SQLite the app process sends e-mail itself; mail-worker processes need PostgreSQL")
    if args.command == "mail-worker" and not settings.mail_enabled:
        parser.error("no SMTP server is set: DELBAR_SMTP_HOST and the other DELBAR_SMTP_ settings")
    if args.command == "serve" and args.workers > 1 and settings.is_sqlite:
        parser.error("several workers need PostgreSQL: SQLite allows one writing process")
    commands = {"serve": cmd_serve, "migrate": cmd_migrate, "demo": cmd_demo, "push-worker": cmd_push_worker,
                "mail-worker": cmd_mail_worker, "push-due": cmd_push_due, "reindex": cmd_reindex, "backup": cmd_backup,
                "restore": cmd_restore, "copy-database": cmd_copy_database}
    return commands[args.command](settings, args)


if __name__ == "__main__":
    sys.exit(main())
