"""The application's URLs plus `POST /bench/write`, served only by `bench/write_floor.py`.

`/bench/write` is the least a booking could be: in one transaction, a conditional UPDATE that
takes a seat of a session and an INSERT that a unique NIK guards, in raw SQL on two tables the
benchmark creates (`bench_seat`, `bench_booking`), through every middleware of the application.
With `?token=1` it first reads the account of the bearer token as the booking API does.
Nothing here is part of the application: it measures what any implementation of a booking on
this stack would pay at least.
"""

from __future__ import annotations

import json

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from paspor.booking.services import api_token_account


@csrf_exempt
def write(request: HttpRequest) -> HttpResponse:
    if request.GET.get("token"):
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        if api_token_account(token) is None:
            return JsonResponse({"detail": "token"}, status=401)
    body = json.loads(request.body)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE bench_seat SET taken = taken + 1 WHERE session = %s AND taken < capacity "
            "RETURNING taken",
            [body["session"]],
        )
        if cursor.fetchone() is None:
            return JsonResponse({"detail": "full"}, status=409)
        cursor.execute(
            "INSERT INTO bench_booking (nik, session) VALUES (%s, %s) "
            "ON CONFLICT (nik) DO NOTHING RETURNING id",
            [body["nik"], body["session"]],
        )
        row = cursor.fetchone()
        if row is None:
            transaction.set_rollback(True)
            return JsonResponse({"detail": "nik"}, status=409)
    return JsonResponse({"id": row[0]}, status=201)


urlpatterns = [path("bench/write", write), path("", include("paspor.urls"))]
