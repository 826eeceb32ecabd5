"""The public home page and the staff home page."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django_otp import user_has_device

from paspor.accounts.access import require_authenticated, staff_offices, user_roles
from paspor.accounts.models import DEVICE_ROLES, NATIONAL_ROLES, STAFF_ROLES, Role, User
from paspor.issuance.conf import issuance_config
from paspor.offices.models import Office
from paspor.offices.selectors import PUBLIC_ORDER, public_offices
from paspor.portal.navigation import Attention, all_staff_links, link_url, office_attention


def favicon(request: HttpRequest) -> HttpResponse:
    """The site's icon at the address browsers try by themselves."""
    # Not permanent: the file's name changes with its content (hashed static names).
    return HttpResponseRedirect(static("img/favicon.svg"))


def home(request: HttpRequest) -> HttpResponse:
    offices = public_offices().prefetch_related("opening_hours")
    # The promises on the front page are the ones the system keeps (SLA and pickup settings).
    context = {
        "offices": offices,
        "sla_days": settings.SLA_WORKING_DAYS,
        "sla_count_payment_day": settings.SLA_COUNT_PAYMENT_DAY,
        "pickup_days": issuance_config().cancel_after_days,
    }
    return render(request, "portal/home.html", context)


@dataclass(frozen=True)
class OfficeLinks:
    office: Office | None
    roles: list[Role]
    links: list[tuple[str, str, str]]
    # "Perlu perhatian": None when no page behind it opens for the roles held at the office.
    attention: list[Attention] | None = None


def _links_for(
    roles: set[Role], office_code: str | None, *, per_office: bool
) -> list[tuple[str, str, str]]:
    result = []
    for link in all_staff_links():
        if link.per_office != per_office or not (link.roles & roles):
            continue
        url = link_url(link, office_code)
        if url:
            result.append((str(link.label), url, str(link.description)))
    return result


@login_required
def after_login(request: HttpRequest) -> HttpResponse:
    """Staff land on their home; applicants on the public pages (their own area when present)."""
    user = require_authenticated(request)
    roles = user_roles(user)
    device = _device_page(user, roles)
    if device:
        return redirect(device)
    if roles & STAFF_ROLES:
        return redirect("portal:staff_home")
    try:
        return redirect(reverse("booking:my_bookings"))
    except NoReverseMatch:
        return redirect("portal:home")


# More offices than this on the staff home are chosen one at a time from a list.
OFFICES_LISTED_AT_ONCE = 5

# A device account opens the one screen it exists for.
DEVICE_PAGES = {Role.KIOSK: "queueing:kiosk", Role.DISPLAY: "queueing:board"}


def _device_page(user: User, roles: set[Role]) -> str:
    """The kiosk's or the board's page for an account that is only that device, at one office;
    empty otherwise (a person with other roles lands on the staff home)."""
    if len(roles) != 1 or next(iter(roles)) not in DEVICE_PAGES:
        return ""
    (role,) = roles
    offices = list(staff_offices(user, [role])[:2])
    if len(offices) != 1:
        return ""
    return reverse(DEVICE_PAGES[role], args=[offices[0].code])


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    user = require_authenticated(request)
    roles = user_roles(user)
    if not roles & STAFF_ROLES:
        raise PermissionDenied
    # The pages that belong to no office. Its roles line names only the national roles: a
    # supervisor's office role is shown under the office, not as if it were national.
    sections = [
        OfficeLinks(None, sorted(roles & NATIONAL_ROLES), _links_for(roles, None, per_office=False))
    ]
    offices = list(staff_offices(user).order_by(*PUBLIC_ORDER))
    # Headquarters reach every office (about 125): past a handful, one office at a time, chosen
    # from a list, instead of a page of every office's links — and of every office's counts.
    picker = len(offices) > OFFICES_LISTED_AT_ONCE
    chosen = request.GET.get("kantor", "")
    for office in offices:
        if picker and office.code != chosen:
            continue
        office_roles = user_roles(user, office)
        sections.append(
            OfficeLinks(
                office,
                sorted(office_roles),
                _links_for(office_roles, office.code, per_office=True),
                office_attention(office_roles, office),
            )
        )
    context = {
        "sections": sections,
        "office_picker": offices if picker else [],
        "chosen_office": chosen,
        # Optional two-step sign-in is turned on from here: no other page leads to it. The
        # kiosk and the board stand in the lobby and never use it.
        "offer_two_factor": not roles <= DEVICE_ROLES,
        "two_factor_on": user_has_device(user, confirmed=True),
    }
    return render(request, "portal/staff_home.html", context)
