"""The public status page and the applicant's notification preferences."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from paspor.accounts.access import require_authenticated
from paspor.lib.errors import Conflict, RateLimited
from paspor.lib.ratelimit import client_ip
from paspor.notifications.forms import PreferenceForm, StatusForm
from paspor.notifications.models import Channel, ChannelPreference, Language
from paspor.notifications.selectors import phone_known_for
from paspor.notifications.services import channel_preference_set
from paspor.notifications.status import status_lookup
from paspor.payments.access import session_remember_case_code


@require_http_methods(["GET", "POST"])
def status_page(request: HttpRequest) -> HttpResponse:
    """POST, so the date of birth never lands in URLs, logs or the browser history."""
    form = StatusForm(request.POST or None)
    context: dict[str, object] = {"form": form, "searched": False, "result": None}
    if request.method == "POST" and not form.is_valid():
        # Said at the fields, with what was typed; no guess is counted.
        return render(request, "notifications/status.html", context, status=400)
    if request.method == "POST":
        try:
            result = status_lookup(
                code=form.cleaned_data["code"],
                birth_date=form.cleaned_data["birth_date"],
                ip=client_ip(request),
            )
        except RateLimited as exc:
            context["limited"] = exc.message
            response = render(request, "notifications/status.html", context, status=429)
            response["Retry-After"] = str(exc.retry_after)
            return response
        context["searched"] = True
        context["result"] = result
        if result is not None:
            context["form"] = StatusForm()  # not echoed back: the page may be on a shared screen
            if result.payment_case:
                # Proved here (code and birth date): the payment page opens without asking again.
                session_remember_case_code(request, result.payment_case)
    return render(request, "notifications/status.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = require_authenticated(request)
    current = ChannelPreference.objects.filter(user=user).first()
    initial = {
        "channel": current.channel if current else Channel.EMAIL,
        # The number saved here, else the one the office knows: one tap to choose WhatsApp.
        "phone": (current.phone if current else "") or phone_known_for(user),
        "language": current.language if current else Language.INDONESIAN,
    }
    form = PreferenceForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            channel_preference_set(
                user=user,
                channel=Channel(form.cleaned_data["channel"]),
                phone=form.cleaned_data["phone"].strip(),
                language=form.cleaned_data["language"],
            )
        except Conflict as exc:
            form.add_error("phone", exc.message)
            status = 409
        else:
            messages.success(request, _("Preferensi pemberitahuan disimpan."))
            return redirect("notifications:preferences")
    elif request.method == "POST":
        status = 400  # said at the fields, with what was typed
    return render(request, "notifications/preferences.html", {"form": form}, status=status)
