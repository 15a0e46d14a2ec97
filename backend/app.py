"""create_app(settings): the Delbar web application, wired once from its settings."""

from __future__ import annotations

import gc

from litestar import Litestar
from litestar.datastructures import State
from litestar.di import Provide
from litestar.middleware.base import DefineMiddleware
from litestar.openapi.config import OpenAPIConfig

from backend.accounts.controller import UnitController, UserController
from backend.accounts.network_controller import (
    MunicipalityController,
    NetworkController,
)
from backend.accounts.session_controller import (
    DeviceSessionController,
    SessionController,
)
from backend.accounts.sessions import SessionService
from backend.audit.controller import AuditController
from backend.billing.controller import BillingController, MappingController
from backend.bookings.calendar_controller import CalendarFeedController, calendar_feed
from backend.bookings.controller import AvailabilityController, BookingController, PolicyController
from backend.bookings.reminders import queue_due_reminders
from backend.catalog.controller import CategoryController, ItemListingController, ListingController, PhotoController
from backend.catalog.lifespan import CatalogLifespan
from backend.catalog.wants_controller import WantController
from backend.codes import qr_controller
from backend.codes.controller import CodeBatchController, CodeController, LocationCodeController
from backend.codes.print_controller import LabelController
from backend.conversations.controller import ConversationController
from backend.conversations.retention import message_clean_up
from backend.db import Database
from backend.errors import EXCEPTION_HANDLERS, DelbarRequest
from backend.impact.controller import (
    FactorController,
    ItemWorkController,
    ParticipantController,
    PurchaseCheckController,
    ReportController,
    ReportPdfController,
)
from backend.locations.controller import LocationController
from backend.logs import logging_config
from backend.mail.controller import (
    InvitationController,
    MailDefaultsController,
    PasswordLinkController,
    UnsubscribeController,
)
from backend.mail.lifespan import MailLifespan
from backend.media import require_json_body
from backend.openapi import ContractJson
from backend.ops import controller as ops
from backend.ops.controller import app_version
from backend.ops.metrics import RequestMetrics
from backend.params import TYPE_DECODERS, DaySchema
from backend.people.controller import PeopleImportController
from backend.piccolo_conf import use_engine
from backend.projects.controller import ProjectController
from backend.push.controller import NotificationController, PushController
from backend.push.daily import CleanUp
from backend.push.lifespan import PushLifespan
from backend.register.controller import (
    IntakeController,
    ItemCardController,
    RegisterFieldController,
    RegisterTransferController,
)
from backend.security import PUBLIC, SessionAuthMiddleware, provide_actor
from backend.settings import Settings
from backend.sso.controller import ProviderController, SignInController
from backend.sso.oidc import OidcClient
from backend.storage import photo_store
from backend.tracking.controller import HistoryController, ScanController
from backend.tracking.photo_controller import ItemPhotoController
from backend.tracking.repair_controller import RepairController
from backend.tracking.stocktake_controller import StocktakeController
from backend.transport.controller import TransportJobController, TransportTariffController
from backend.web import controller as web
from backend.web.assets import Assets
from backend.web.compression import compression_config
from backend.workqueue.controller import WorkQueueController

API_CONTROLLERS = [
    SessionController,
    DeviceSessionController,
    UnitController,
    UserController,
    AuditController,
    ProviderController,
    SignInController,
    NetworkController,
    MunicipalityController,
    LocationController,
    BookingController,
    AvailabilityController,
    PolicyController,
    CalendarFeedController,
    calendar_feed,
    TransportJobController,
    TransportTariffController,
    ProjectController,
    CategoryController,
    ListingController,
    PhotoController,
    ItemPhotoController,
    ItemListingController,
    WantController,
    CodeController,
    CodeBatchController,
    LocationCodeController,
    LabelController,
    ScanController,
    HistoryController,
    StocktakeController,
    ItemCardController,
    RegisterTransferController,
    IntakeController,
    RegisterFieldController,
    RepairController,
    BillingController,
    MappingController,
    PushController,
    NotificationController,
    UnsubscribeController,
    PasswordLinkController,
    InvitationController,
    PeopleImportController,
    MailDefaultsController,
    FactorController,
    PurchaseCheckController,
    ReportController,
    ReportPdfController,
    ParticipantController,
    ItemWorkController,
    WorkQueueController,
    ConversationController,
]


# What the push context's daily job queues, from 07:00 Swedish time (DELBAR_PUSH_WORKER processes).
REMINDERS = (queue_due_reminders,)


def clean_ups(settings: Settings) -> tuple[CleanUp, ...]:
    """What other contexts delete in the push context's daily retention clean-up."""
    return (message_clean_up(settings.conversation_retention_days, photo_store(settings)),)


def _constant(value: object) -> Provide:
    def provide() -> object:
        return value

    return Provide(provide, sync_to_thread=False, use_cache=True)


def _freeze_heap() -> None:
    """Start-up's objects (modules, routes, tables, the app's files) live as long as the process:
    frozen, the cyclic collector no longer walks them, so a full collection looks only at what
    requests made. Unfrozen, each full collection stopped every request for 50–110 ms, the tail of
    the national bench's scans. gc.unfreeze() at shutdown hands them back (an app made again in the
    same process, as the tests do, is collected as usual)."""
    gc.collect()
    gc.freeze()


def create_app(settings: Settings | None = None) -> Litestar:
    """Build the app; Settings.from_env() when none are given (uvicorn's factory mode)."""
    settings = settings or Settings.from_env()
    database = Database.from_url(settings.database_url)
    use_engine(database.engine)
    sessions = SessionService(database, settings)
    assets = Assets.scan(settings.pwa_dir)
    catalog = CatalogLifespan(database)
    push = PushLifespan(database, settings, REMINDERS, clean_ups(settings))
    mail = MailLifespan(database, settings)

    return Litestar(
        route_handlers=[*API_CONTROLLERS, *ops.route_handlers, *qr_controller.route_handlers, *web.route_handlers],
        dependencies={
            "db": _constant(database),
            "settings": _constant(settings),
            "sessions": _constant(sessions),
            "assets": _constant(assets),
            "oidc": _constant(OidcClient()),
            "actor": Provide(provide_actor, sync_to_thread=False),
        },
        # RequestMetrics first: it times and counts every request, refused sign-ins included.
        middleware=[RequestMetrics,
                    DefineMiddleware(SessionAuthMiddleware, exclude=["^/schema"], exclude_from_auth_key=PUBLIC)],
        exception_handlers=EXCEPTION_HANDLERS,
        request_class=DelbarRequest,
        before_request=require_json_body,
        type_decoders=TYPE_DECODERS,
        plugins=[DaySchema()],
        request_max_body_size=settings.max_body_bytes,
        compression_config=compression_config(),
        logging_config=logging_config(settings),
        openapi_config=OpenAPIConfig(title="Delbar", version=app_version(), path="/schema",
                                     render_plugins=[ContractJson()]),
        state=State({"sessions": sessions, "db": database, "settings": settings, "mail": mail}),
        on_startup=[database.start, catalog.start, push.start, mail.start, _freeze_heap],
        on_shutdown=[gc.unfreeze, catalog.stop, mail.stop, push.stop, database.stop],
        debug=settings.debug,
    )
