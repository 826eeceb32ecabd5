"""Every URL and API route, requested by every persona: the access table of the whole site.

The crawl walks Django's URL resolver (pages) and the API's OpenAPI document (each route with
its declared method), fills parameters from one office's world (crawl_world.py), and compares
the outcome for each persona with the table below. A URL name the table does not know fails
the test: a new view cannot ship without someone deciding who may open it.

Outcomes: ok (2xx, or a redirect elsewhere than the sign-in page), login (sent to sign in, or
401), lookup (sent to the payment lookup form, which asks for the birth date), 403, 404 (hidden: not yours, or not your office), bad (400/409/422: allowed in, but the
empty request was refused on its content), 405. Pages answering 405 to GET are posted to
(empty form) so their access check still runs.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from conftest import sign_in
from paspor.api import api
from paspor.portal.tests.crawl_world import World, build_world
from paspor.portal.tests.openapi_answers import Declared

pytestmark = pytest.mark.django_db

# Owners last: their requests may change the world (an empty POST that cancels, …).
PERSONAS = (
    "anonymous",
    "stranger",
    "other_office",
    "kiosk",
    "display",
    "intake",
    "biometrics",
    "print_qc",
    "handover",
    "head",
    "hq",
    "admin",
    "supervisor",
    "owner",
)
STAFF = ("intake", "biometrics", "supervisor", "print_qc", "handover", "head")
NATIONAL = ("hq", "admin")
DEVICES = ("kiosk", "display")


# Requested elsewhere, with the reason. Still listed in TABLE so they cannot be forgotten.
NOT_CRAWLED = {
    # A server-sent event stream closes its database connection: needs a transactional test.
    "queueing:board_events": "queueing/tests/test_access.py::test_event_stream_access",
}


def outcome(response) -> str:
    status = response.status_code
    location = response.get("Location", "")
    if status == 401 or (
        status == 302 and ("/akun/masuk/" in location or "/admin/login/" in location)
    ):
        return "login"
    if status == 302 and location.startswith("/pembayaran/status/?"):
        return "lookup"
    if 200 <= status < 400:
        return "ok"
    if status in (400, 409, 422):
        return "bad"
    return str(status)


# --- Walking the URLs -----------------------------------------------------------------------


def page_routes() -> Iterator[tuple[str, str]]:
    """(name, route) of every page; API routes come from the OpenAPI document instead."""

    def walk(patterns, prefix: str, namespace: str) -> Iterator[tuple[str, str]]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
                yield name, prefix + str(entry.pattern)

    seen = set()
    for name, route in walk(get_resolver().url_patterns, "", ""):
        if name.startswith("api:") and name not in (
            "api:api-root",
            "api:openapi-json",
            "api:openapi-view",
        ):
            continue  # operations are crawled from the OpenAPI document
        if (name.startswith("admin:") and "<" in route) or "(?P<" in route:
            continue  # the Django admin's object pages: its own is_staff check, see ADMIN rule
        if (name, route) not in seen:
            seen.add((name, route))
            yield name, route


def api_routes() -> Iterator[tuple[str, str, str]]:
    """(key, method, path template) of every API operation, e.g. "GET /api/cases/{office}"."""
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method in operations:
            yield f"{method.upper()} {path}", method.upper(), path


def value_for(name: str, param: str, world: World) -> str:
    p = world.params
    if param == "code" and (name.startswith(("cases:", "issuance:")) or "/cases/" in name):
        return p["case:code"]
    if param == "code" and ("complaints" in name):
        return p["complaint:code"]
    if param == "token" and ("surveys" in name):
        return p["survey:token"]
    if param == "action":
        if name.startswith("cases:"):
            return p["cases:action"]
        return "recall" if name.startswith("POST /api/") else p["queue:action"]
    if param == "number" and name.startswith("complaints:"):
        return p["attachment:number"]
    return p[param]


def fill(name: str, route: str, world: World) -> str:
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: value_for(name, m.group(1), world), route)
    route = re.sub(r"\{(\w+)\}", lambda m: value_for(name, m.group(1), world), route)
    return route if route.startswith("/") else "/" + route


# --- Requesting -------------------------------------------------------------------------------


def request_page(client: Client, url: str) -> str:
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    return outcome(response)


def api_body(key: str, world: World) -> dict[str, object]:
    """A well-formed body, so the access check (not the schema) decides the answer."""
    p = world.params
    answers: dict[str, object] = {}
    bodies: dict[str, dict[str, object]] = {
        "POST /api/queue/{office}/check-in": {"code": p["code"]},
        "POST /api/queue/{office}/walk-in": {"service": "regular"},
        "POST /api/queue/{office}/counter/open": {"counter": 1, "station": "intake"},
        "POST /api/queue/{office}/counter-resume": {"ticket": p["token"]},
        "POST /api/queue/{office}/reinstate": {"ticket": p["token"]},
        "POST /api/cases/{office}/{code}/transition": {"to": "approved", "reason": "uji"},
        "POST /api/booking/bookings/{code}/reschedule": {"date": p["date"], "session": "x"},
        "POST /api/booking/account/verify": {"code": "000000"},
        "POST /api/booking/profiles": {
            "nik": "6104015708900009",
            "full_name": "Uji",
            "sex": "F",
            "birth_date": "1990-08-17",
            "birth_place": "Ketapang",
        },
        "PUT /api/booking/profiles/{profile}": {
            "full_name": "Uji",
            "sex": "F",
            "birth_date": "1990-08-17",
            "birth_place": "Ketapang",
        },
        "POST /api/booking/bookings": {
            "profile": p["profile"],
            "office": p["office"],
            "date": p["date"],
            "session": "x",
            "answers": answers,
        },
        "POST /api/booking/waitlist": {
            "profile": p["profile"],
            "office": p["office"],
            "date": p["date"],
            "answers": answers,
        },
        "POST /api/booking/ballots/{office}/{date}/{pool}/entries": {
            "profile": p["profile"],
            "session": "x",
            "answers": answers,
        },
    }
    return bodies.get(key, {})


API_QUERY = {"GET /api/surveys/offices/{office}/ikm": "?start=2026-01-01&end=2026-12-31"}


def request_api(client: Client, key: str, method: str, url: str, world: World):
    url += API_QUERY.get(key, "")
    if method == "GET":
        return client.get(url)
    call = getattr(client, method.lower())
    return call(url, data=json.dumps(api_body(key, world)), content_type="application/json")


def crawl(world: World) -> tuple[dict[str, dict[str, str]], list[str]]:
    """The outcome per route and persona, and each API answer's differences from what the
    OpenAPI document declares (a status or content type it does not list, a body off its
    schema, a refusal without its `code`: a 422 lists its fields instead, the bank endpoint
    answers in its own protocol, whose code is `result`)."""
    clients = {
        name: (sign_in(Client(), user) if user is not None else Client())
        for name, user in world.personas.items()
    }
    declared = Declared(api.get_openapi_schema())
    seen: dict[str, dict[str, str]] = {}
    undeclared: list[str] = []
    pages = sorted(page_routes())
    for persona in PERSONAS:
        cache.clear()  # rate limits must not turn a later request into 429
        for name, route in pages:
            if name in NOT_CRAWLED:
                continue
            client = clients[persona]
            if name in ("accounts:logout", "admin:logout"):  # signs out: a separate session
                user = world.personas[persona]
                client = sign_in(Client(), user) if user is not None else Client()
            seen.setdefault(name, {})[persona] = request_page(client, fill(name, route, world))
        for key, method, path in sorted(api_routes()):
            url = fill(key, path, world)
            response = request_api(clients[persona], key, method, url, world)
            seen.setdefault(key, {})[persona] = outcome(response)
            url += API_QUERY.get(key, "")
            undeclared += [
                f"{found} (as {persona})" for found in declared.problems(method, url, response)
            ]
    return seen, undeclared


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world()


def test_every_url_answers_each_persona_as_the_table_says(world):
    seen, undeclared = crawl(world)
    if os.environ.get("PASPOR_CRAWL_PRINT"):
        for name in sorted(seen):
            print(name, " ".join(f"{p}={seen[name][p]}" for p in PERSONAS))
    problems = [f"add a rule for {name}" for name in NOT_CRAWLED if name not in TABLE]
    for name, got in sorted(seen.items()):
        want = rule_for(name)
        if want is None:
            problems.append(f"add a rule for {name} (seen: {got})")
            continue
        wrong = {
            p: f"{got[p]} (want {want[p]})" for p in PERSONAS if got[p] not in want[p].split("|")
        }
        if wrong:
            problems.append(f"{name}: {wrong}")
    problems += [f"not as the OpenAPI document declares: {found}" for found in undeclared]
    assert not problems, "\n".join(problems)


def row(default: str, **who: str) -> dict[str, str]:
    """The expected outcome for each persona: `default`, except for the personas named."""
    unknown = set(who) - set(PERSONAS)
    assert not unknown, f"unknown personas {unknown}"
    return {persona: who.get(persona, default) for persona in PERSONAS}


# Someone who may not see a case's payment pages (yet): sent to the lookup form.
OUTSIDERS_LOOKUP = dict.fromkeys(
    ("anonymous", "stranger", "kiosk", "display", "other_office"), "lookup"
)

# The Django admin's list and add pages: Django staff only (administrators), except the rows
# headquarters keeps (fee schedule, holiday calendar, travel-ban watch-list: HeadquartersAdmin).
# Add pages of append-only models refuse everyone.
ADMIN_MODEL_PAGE = row("login", hq="403", admin="ok|403")
ADMIN_HQ_PAGE = row("login", hq="ok", admin="ok")
HQ_MODELS = ("payments_fee", "offices_calendarday", "cases_travelbanentry")


def rule_for(name: str) -> dict[str, str] | None:
    if name in TABLE:
        return TABLE[name]
    if re.fullmatch(rf"admin:({'|'.join(HQ_MODELS)})_(changelist|add)", name):
        return ADMIN_HQ_PAGE
    if re.fullmatch(r"admin:\w+_(changelist|add)", name):
        return ADMIN_MODEL_PAGE
    return None


# Where a row reads 404 for every allowed persona, the world has no such object (a waitlist
# entry, a bank statement, a complaint attachment, a paid receipt): the row still proves that
# everyone else is refused before the lookup.
TABLE: dict[str, dict[str, str]] = {
    # Public pages and public-by-token links (tickets, surveys, complaint tracking, standards).
    "GET /api/booking/availability/{office}": row("ok"),
    "GET /api/booking/availability/{office}/{date}": row("ok"),
    "GET /api/booking/ballots/{office}/{date}/{pool}": row("404"),
    "GET /api/booking/ping": row("ok"),
    "POST /api/booking/register": row("bad"),
    "GET /api/offices/": row("ok"),
    "POST /api/booking/questionnaire": row("bad"),
    "POST /api/booking/token": row("bad"),
    "POST /api/complaints/": row("bad"),
    "GET /api/complaints/{code}": row("ok"),
    "POST /api/notifications/status": row("bad"),
    "POST /api/payments/notifications": row("login"),
    "GET /api/queue/t/{token}": row("ok"),
    "POST /api/surveys/responses/{token}": row("bad"),
    "GET /api/surveys/questions": row("ok"),
    "accounts:login": row("ok"),
    "accounts:logout": row("ok"),
    "accounts:password_forgot": row("ok"),
    # Everyone signed in changes their own password (the current one proves it).
    "accounts:password_change": row("ok", anonymous="login"),
    # Everyone signed in signs their account out of every other device (a form; this one stays).
    "accounts:sign_out_everywhere": row("ok", anonymous="login"),
    # Everyone signed in sees their own signed-in devices and signs one out; another's is
    # not found.
    "accounts:devices": row("ok", anonymous="login"),
    "accounts:device_sign_out": row("404", anonymous="login", owner="ok"),
    "accounts:password_reset": row("410"),  # a link that is not (or no longer) good
    "api:api-root": row("404"),
    "api:openapi-json": row("ok"),
    "api:openapi-view": row("ok"),
    "booking:availability": row("ok"),
    "booking:ballot": row("404"),
    "booking:offices": row("ok"),
    "booking:register": row("ok"),
    "booking:verify_link": row("bad"),
    "complaints:submit": row("ok"),
    "complaints:track": row("ok"),
    "complaints:track_code": row("ok"),
    "javascript-catalog": row("ok"),
    "notifications:status": row("ok"),
    "payments:lookup": row("ok"),
    "portal:home": row("ok"),
    "portal:favicon": row("ok"),
    "queueing:ticket_public": row("ok"),
    "queueing:ticket_public_status": row("ok"),
    "set_language": row("ok"),
    "standards:detail": row("ok"),
    "standards:index": row("ok"),
    "surveys:answer": row("ok"),
    "surveys:qr": row("ok"),
    "surveys:thanks": row("ok"),
    # Sign-in, two-step verification, staff home.
    "accounts:two_factor_setup": row("ok", anonymous="login", stranger="403", owner="403"),
    "accounts:two_factor_verify": row("ok", anonymous="login", stranger="403", owner="403"),
    "portal:after_login": row("ok", anonymous="login"),
    "portal:staff_home": row("ok", anonymous="login", stranger="403", owner="403"),
    # The applicant's own area: another applicant gets 404, staff 403.
    "POST /api/booking/ballots/{office}/{date}/{pool}/entries": row(
        "403", anonymous="login", stranger="404", owner="bad"
    ),
    "GET /api/booking/account": row("403", anonymous="login", stranger="ok", owner="ok"),
    "POST /api/booking/account/verify": row("403", anonymous="login", stranger="bad", owner="bad"),
    "POST /api/booking/account/verify/resend": row(
        "403", anonymous="login", stranger="bad", owner="bad"
    ),
    "POST /api/booking/account/sign-out-everywhere": row(
        "403", anonymous="login", stranger="ok", owner="ok"
    ),
    "GET /api/booking/account/devices": row("403", anonymous="login", stranger="ok", owner="ok"),
    "DELETE /api/booking/account/devices/{device}": row(
        "403", anonymous="login", stranger="404", owner="ok"
    ),
    "GET /api/booking/bookings": row("403", anonymous="login", stranger="ok", owner="ok"),
    "POST /api/booking/bookings": row("403", anonymous="login", stranger="404", owner="bad"),
    "GET /api/booking/bookings/{code}": row("403", anonymous="login", stranger="404", owner="ok"),
    "POST /api/booking/bookings/{code}/cancel": row(
        "403", anonymous="login", stranger="404", owner="bad"
    ),
    "GET /api/booking/bookings/{code}/proof.pdf": row(
        "403", anonymous="login", stranger="404", owner="ok"
    ),
    "POST /api/booking/bookings/{code}/reschedule": row(
        "403", anonymous="login", stranger="404", owner="bad"
    ),
    "GET /api/booking/profiles": row("403", anonymous="login", stranger="ok", owner="ok"),
    "POST /api/booking/profiles": row("403", anonymous="login", stranger="ok", owner="ok"),
    "DELETE /api/booking/profiles/{profile}": row(
        "403", anonymous="login", stranger="404", owner="bad"
    ),
    "PUT /api/booking/profiles/{profile}": row(
        "403", anonymous="login", stranger="404", owner="ok"
    ),
    "GET /api/booking/waitlist": row("403", anonymous="login", stranger="ok", owner="ok"),
    "POST /api/booking/waitlist": row("403", anonymous="login", stranger="404", owner="bad"),
    "POST /api/booking/waitlist/{entry}/accept": row(
        "403", anonymous="login", stranger="404", owner="404"
    ),
    "POST /api/booking/waitlist/{entry}/leave": row(
        "403", anonymous="login", stranger="404", owner="404"
    ),
    "booking:cancel": row("403", anonymous="login", stranger="404", owner="ok"),
    "booking:choose": row("403", anonymous="login", stranger="ok", owner="ok"),
    "booking:my_bookings": row("403", anonymous="login", stranger="ok", owner="ok"),
    "booking:profile_delete": row("403", anonymous="login", stranger="404", owner="ok"),
    "booking:profile_edit": row("403", anonymous="login", stranger="404", owner="ok"),
    "booking:profiles": row("403", anonymous="login", stranger="ok", owner="ok"),
    "booking:proof": row("403", anonymous="login", stranger="404", owner="ok"),
    "booking:proof_pdf": row("403", anonymous="login", stranger="404", owner="ok"),
    "booking:reschedule": row("403", anonymous="login", stranger="404", owner="bad"),
    "booking:start": row("403", anonymous="login", stranger="ok", owner="ok"),
    "booking:verify": row("403", anonymous="login", stranger="ok", owner="ok"),
    "booking:waitlist_accept": row("403", anonymous="login", stranger="404", owner="404"),
    "booking:waitlist_leave": row("403", anonymous="login", stranger="404", owner="404"),
    "notifications:preferences": row("ok", anonymous="login"),
    # A case's bill, slip and receipt: the applicant and staff of the case's office.
    "GET /api/payments/bills/{case_code}": row(
        "ok", anonymous="404", stranger="404", kiosk="404", display="404", other_office="404"
    ),
    "GET /api/payments/receipts/{case_code}": row("404"),
    # Pages: whoever may not see the case yet is asked for the birth date (or to sign in).
    "payments:receipt": row("404", **OUTSIDERS_LOOKUP),
    "payments:receipt_pdf": row("404", **OUTSIDERS_LOOKUP),
    "payments:reissue": row("ok", **OUTSIDERS_LOOKUP),
    "payments:slip_pdf": row("ok", **OUTSIDERS_LOOKUP),
    "payments:status": row("ok", **OUTSIDERS_LOOKUP),
    # Staff pages of one office: another office's officer gets 404.
    "GET /api/cases/{office}/queue": row(
        "403", anonymous="login", intake="ok", biometrics="ok", supervisor="ok", other_office="404"
    ),
    "GET /api/cases/{office}/{code}": row(
        "403",
        anonymous="login",
        intake="ok",
        biometrics="ok",
        supervisor="ok",
        head="ok",
        hq="ok",
        other_office="404",
    ),
    "POST /api/cases/{office}/{code}/claim": row(
        "403",
        anonymous="login",
        intake="bad",
        biometrics="bad",
        supervisor="bad",
        head="bad",
        hq="bad",
        other_office="404",
    ),
    # The crawl's case is paid: no step works it, so whoever may see it is refused with 409.
    "POST /api/cases/{office}/{code}/transition": row(
        "403",
        anonymous="login",
        intake="bad",
        biometrics="bad",
        supervisor="bad",
        head="bad",
        hq="bad",
        other_office="404",
    ),
    "GET /api/issuance/{office}/print-queue": row(
        "403",
        anonymous="login",
        supervisor="ok",
        print_qc="ok",
        handover="ok",
        head="ok",
        hq="ok",
        admin="ok",
    ),
    "GET /api/issuance/{office}/stock": row(
        "403",
        anonymous="login",
        supervisor="ok",
        print_qc="ok",
        handover="ok",
        head="ok",
        hq="ok",
        admin="ok",
    ),
    "POST /api/queue/{office}/check-in": row("403", anonymous="login", kiosk="bad"),
    "POST /api/queue/{office}/counter-resume": row(
        "403",
        anonymous="login",
        intake="404",
        biometrics="404",
        supervisor="404",
        handover="404",
        other_office="404",
    ),
    "POST /api/queue/{office}/counter-transfer": row(
        "403",
        anonymous="login",
        intake="bad",
        biometrics="bad",
        supervisor="bad",
        handover="bad",
        other_office="404",
    ),
    "POST /api/queue/{office}/counter/open": row(
        "403",
        anonymous="login",
        intake="bad",
        biometrics="bad",
        supervisor="bad",
        handover="bad",
        other_office="404",
    ),
    "POST /api/queue/{office}/counter/{action}": row(
        "403",
        anonymous="login",
        intake="bad",
        biometrics="bad",
        supervisor="bad",
        handover="bad",
        other_office="404",
    ),
    "POST /api/queue/{office}/reinstate": row(
        "403",
        anonymous="login",
        intake="404",
        biometrics="404",
        supervisor="404",
        handover="404",
        other_office="404",
    ),
    "POST /api/queue/{office}/walk-in": row("403", anonymous="login", kiosk="bad"),
    "GET /api/surveys/offices/{office}/ikm": row(
        "403", anonymous="login", head="ok", hq="ok", admin="ok"
    ),
    "GET /api/reports/readiness": row("403", anonymous="login", hq="ok", admin="ok"),
    "admin:autocomplete": row("login", hq="403", admin="403"),
    "admin:index": row("login", hq="ok", admin="ok"),
    "admin:jsi18n": row("login", hq="ok", admin="ok"),
    "admin:login": row("ok"),
    "admin:logout": row("ok"),
    "admin:password_change": row("login", hq="ok", admin="ok"),
    "admin:password_change_done": row("login", hq="ok", admin="ok"),
    "audit:pii_log": row("403", anonymous="login", head="ok", hq="ok", admin="ok"),
    "booking:staff_day": row(
        "403",
        anonymous="login",
        intake="ok",
        supervisor="ok",
        head="ok",
        hq="ok",
        admin="ok",
        other_office="404",
    ),
    "booking:staff_day_print": row(
        "403",
        anonymous="login",
        intake="ok",
        supervisor="ok",
        head="ok",
        hq="ok",
        admin="ok",
        other_office="404",
    ),
    "booking:staff_invalidate": row(
        "403", anonymous="login", supervisor="bad", head="bad", hq="bad", admin="bad"
    ),
    "booking:staff_quota": row(
        "403", anonymous="login", supervisor="ok", head="ok", hq="ok", admin="ok"
    ),
    "booking:staff_review": row(
        "403", anonymous="login", supervisor="ok", head="ok", hq="ok", admin="ok"
    ),
    "booking:staff_review_flag": row(
        "403", anonymous="login", supervisor="bad", head="bad", hq="bad", admin="bad"
    ),
    "cases:claim": row(
        "403",
        anonymous="login",
        intake="bad",
        biometrics="bad",
        supervisor="bad",
        head="bad",
        hq="bad",
        other_office="404",
    ),
    "cases:detail": row(
        "403",
        anonymous="login",
        intake="ok",
        biometrics="ok",
        supervisor="ok",
        head="ok",
        hq="ok",
        other_office="404",
    ),
    "cases:file": row(
        "403",
        anonymous="login",
        intake="ok",
        biometrics="ok",
        supervisor="ok",
        head="ok",
        hq="ok",
        other_office="404",
    ),
    "cases:open": row("403", anonymous="login", intake="bad", supervisor="bad", other_office="404"),
    "cases:open_walk_in": row(
        "403", anonymous="login", intake="ok", supervisor="ok", other_office="404"
    ),
    # The crawl's case is paid, past every step: an officer who works cases is told so (409);
    # who works no step (head, headquarters) is refused.
    "cases:step": row(
        "403",
        anonymous="login",
        intake="bad",
        biometrics="bad",
        supervisor="bad",
        other_office="404",
    ),
    "cases:timeline": row(
        "403",
        anonymous="login",
        intake="ok",
        biometrics="ok",
        supervisor="ok",
        head="ok",
        hq="ok",
        other_office="404",
    ),
    "cases:travel_bans": row("403", anonymous="login", hq="ok", admin="ok"),
    "cases:work_queue": row(
        "403", anonymous="login", intake="ok", biometrics="ok", supervisor="ok", other_office="404"
    ),
    "complaints:attachment": row(
        "403", anonymous="login", supervisor="404", head="404", hq="404", admin="404"
    ),
    # Headquarters' national view of open and overdue complaints; an office's staff keep to
    # their office's page.
    "complaints:national": row("403", anonymous="login", hq="ok", admin="ok"),
    "complaints:office_detail": row(
        "403", anonymous="login", supervisor="ok", head="ok", hq="ok", admin="ok"
    ),
    "complaints:office_list": row(
        "403", anonymous="login", supervisor="ok", head="ok", hq="ok", admin="ok"
    ),
    "issuance:case_photo": row(
        "403",
        anonymous="login",
        supervisor="ok",
        print_qc="ok",
        handover="ok",
        head="ok",
        hq="ok",
        admin="ok",
    ),
    "issuance:data_page": row(
        "403",
        anonymous="login",
        supervisor="ok",
        print_qc="ok",
        handover="ok",
        head="ok",
        hq="ok",
        admin="ok",
    ),
    "issuance:handover": row(
        "403", anonymous="login", supervisor="ok", handover="ok", head="ok", hq="ok", admin="ok"
    ),
    "issuance:handover_submit": row("403", anonymous="login", handover="bad"),
    "issuance:home": row(
        "403",
        anonymous="login",
        supervisor="ok",
        print_qc="ok",
        handover="ok",
        head="ok",
        hq="ok",
        admin="ok",
    ),
    "issuance:mark_ready": row("403", anonymous="login", print_qc="bad"),
    "issuance:pickup_queue": row(
        "403", anonymous="login", supervisor="ok", handover="ok", head="ok", hq="ok", admin="ok"
    ),
    "issuance:print_case": row(
        "403", anonymous="login", supervisor="ok", print_qc="ok", head="ok", hq="ok", admin="ok"
    ),
    "issuance:print_confirm": row("403", anonymous="login", print_qc="bad"),
    "issuance:print_queue": row(
        "403", anonymous="login", supervisor="ok", print_qc="ok", head="ok", hq="ok", admin="ok"
    ),
    "issuance:print_spoil": row("403", anonymous="login", print_qc="bad"),
    "issuance:print_start": row("403", anonymous="login", print_qc="bad"),
    # The world's passport is past quality control: its readers are told so (409), not 404.
    "issuance:qc_check": row(
        "403",
        anonymous="login",
        supervisor="bad",
        print_qc="bad",
        head="bad",
        hq="bad",
        admin="bad",
    ),
    "issuance:qc_queue": row(
        "403", anonymous="login", supervisor="ok", print_qc="ok", head="ok", hq="ok", admin="ok"
    ),
    "issuance:qc_submit": row("403", anonymous="login", print_qc="bad"),
    "issuance:stock": row(
        "403", anonymous="login", supervisor="ok", print_qc="ok", head="ok", hq="ok", admin="ok"
    ),
    "issuance:stock_receive": row("403", anonymous="login", print_qc="bad"),
    "issuance:stock_report": row(
        "403", anonymous="login", supervisor="ok", print_qc="ok", head="ok", hq="ok", admin="ok"
    ),
    "issuance:stock_report_booklets": row(
        "403",
        anonymous="login",
        supervisor="404",
        print_qc="404",
        head="404",
        hq="404",
        admin="404",
    ),
    "issuance:stock_report_xlsx": row(
        "403", anonymous="login", supervisor="ok", print_qc="ok", head="ok", hq="ok", admin="ok"
    ),
    "issuance:stock_return": row("403", anonymous="login", print_qc="bad"),
    "issuance:stock_spoil": row("403", anonymous="login", print_qc="bad"),
    "payments:bill_issue": row("403", anonymous="login", supervisor="ok"),
    "payments:overview": row(
        "403", anonymous="login", supervisor="ok", head="ok", hq="ok", admin="ok"
    ),
    "payments:payment_resolve": row(
        "403", anonymous="login", supervisor="404", head="404", hq="404", admin="404"
    ),
    "payments:reconciliation": row(
        "403", anonymous="login", supervisor="ok", head="ok", hq="ok", admin="ok"
    ),
    "payments:simulator": row(
        "403",
        anonymous="login",
        intake="ok",
        supervisor="ok",
        head="ok",
        hq="ok",
        admin="ok",
        other_office="ok",
    ),
    "payments:sla_board": row(
        "403", anonymous="login", supervisor="ok", head="ok", hq="ok", admin="ok"
    ),
    "payments:sla_reason": row("403", anonymous="login", supervisor="bad", head="bad"),
    "payments:statement": row(
        "403", anonymous="login", supervisor="404", head="404", hq="404", admin="404"
    ),
    "payments:statement_xlsx": row(
        "403", anonymous="login", supervisor="404", head="404", hq="404", admin="404"
    ),
    "queueing:board": row("403", anonymous="login", display="ok", supervisor="ok", head="ok"),
    "queueing:console": row(
        "403",
        anonymous="login",
        intake="ok",
        biometrics="ok",
        supervisor="ok",
        handover="ok",
        other_office="404",
    ),
    "queueing:console_action": row(
        "403",
        anonymous="login",
        intake="bad",
        biometrics="bad",
        supervisor="bad",
        handover="bad",
        other_office="404",
    ),
    "queueing:console_open": row(
        "403",
        anonymous="login",
        intake="bad",
        biometrics="bad",
        supervisor="bad",
        handover="bad",
        other_office="404",
    ),
    "queueing:console_queue": row(
        "403",
        anonymous="login",
        intake="ok",
        biometrics="ok",
        supervisor="ok",
        handover="ok",
        other_office="404",
    ),
    "queueing:kiosk": row("403", anonymous="login", kiosk="ok"),
    "queueing:kiosk_check_in": row("403", anonymous="login", kiosk="bad"),
    "queueing:kiosk_ticket": row("403", anonymous="login", kiosk="ok"),
    "queueing:kiosk_walk_in": row("403", anonymous="login", kiosk="bad"),
    "queueing:overview": row(
        "403", anonymous="login", supervisor="ok", head="ok", hq="ok", admin="ok"
    ),
    "queueing:ticket_pdf": row(
        "403",
        anonymous="login",
        kiosk="ok",
        intake="ok",
        biometrics="ok",
        supervisor="ok",
        handover="ok",
        other_office="404",
    ),
    "surveys:report": row("403", anonymous="login", head="ok", hq="ok", admin="ok"),
    "surveys:report_xlsx": row("403", anonymous="login", head="ok", hq="ok", admin="ok"),
    # Dashboards: the head of office for their office, headquarters for every office.
    "reports:period": row("403", anonymous="login", head="ok", hq="ok", admin="ok"),
    "reports:export": row("403", anonymous="login", head="ok", hq="ok", admin="ok"),
    "reports:today": row("403", anonymous="login", head="ok", hq="ok", admin="ok"),
    "reports:capacity": row(
        "403", anonymous="login", head="ok", supervisor="ok", hq="ok", admin="ok"
    ),
    "reports:today_panel": row("403", anonymous="login", head="ok", hq="ok", admin="ok"),
    # Every office's readiness: headquarters and administrators only, not a head of office.
    "reports:readiness": row("403", anonymous="login", hq="ok", admin="ok"),
    "reports:readiness_export": row("403", anonymous="login", hq="ok", admin="ok"),
    # Not crawled (see NOT_CRAWLED); listed so that its rule is decided here too.
    "queueing:board_events": row("403", display="ok"),
}
