"""The JSON API (django-ninja). Each app contributes its own router; OpenAPI at /api/docs."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from paspor.lib.errors import Conflict, RateLimited

api = NinjaAPI(
    title="Paspor API",
    version="1",
    description="Booking, queue, case, payment and issuance operations of Paspor.",
    urls_namespace="api",
)


@api.exception_handler(Conflict)
def _conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message, "code": exc.code}, status=409)


@api.exception_handler(RateLimited)
def _rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    response = api.create_response(
        request, {"detail": exc.message, "retry_after": exc.retry_after}, status=429
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Silakan masuk terlebih dahulu."}, status=401)


api.add_router("/offices/", "paspor.offices.api.router")
api.add_router("/booking/", "paspor.booking.api.router")
api.add_router("/queue/", "paspor.queueing.api.router")
api.add_router("/cases/", "paspor.cases.api.router")
api.add_router("/payments/", "paspor.payments.api.router")
api.add_router("/issuance/", "paspor.issuance.api.router")
api.add_router("/notifications/", "paspor.notifications.api.router")
api.add_router("/surveys/", "paspor.surveys.api.router")
api.add_router("/reports/", "paspor.reports.api.router")
api.add_router("/complaints/", "paspor.complaints.api.router")
