"""Indonesian first: a page speaks Indonesian until its reader chooses English.

Django's LocaleMiddleware also follows the browser's Accept-Language, so a phone set to
English (common in Indonesia), an office kiosk or a display board whose browser was installed
in English would show the public an English interface nobody chose. Pages here take the
language from the switcher's cookie, and Indonesian without it; a link in a message written in
English carries `?bahasa=en`, which opens that page in English and sets the cookie. The JSON
API still follows Accept-Language: that is how a mobile app passes on the language its user
picked.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from paspor.lib.http import is_api_request
from paspor.lib.nik import NikError, nik_notes


def in_active_language(message: str, message_en: str) -> str:
    """A message from a library without Django (NIK, MRZ) that carries its own English twin:
    the twin when the active language is English and there is one, else the Indonesian text."""
    english = (translation.get_language() or "").startswith("en")
    return message_en if english and message_en else message


def nik_notes_shown(
    stored: list[str], *, nik: str, birth_date: dt.date | None, sex: str
) -> list[str]:
    """The NIK notes a record keeps in Indonesian (profile, booking, case, a case's history), as
    a page shows them: the record on an Indonesian page; on an English page each stored note
    that the same checks of the same NIK, birth date and sex still write is given in their
    English twin. A note they no longer write (the data changed since, or older wording) stays
    as stored. The record stays as it was written."""
    english = (translation.get_language() or "").startswith("en")
    if not stored or not english or birth_date is None:
        return list(stored)
    try:
        twins = dict(
            zip(
                nik_notes(nik, birth_date=birth_date, sex=sex, english=False),
                nik_notes(nik, birth_date=birth_date, sex=sex, english=True),
                strict=True,
            )
        )
    except (NikError, ValueError):
        return list(stored)
    return [twins.get(note, note) for note in stored]


def record_text(text: object) -> str:
    """`text` (a lazy translation) as the record keeps it: in the office's language, Indonesian,
    whichever language the officer reads the site in. Pages translate from the code instead."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


LINK_PARAMETER = "bahasa"  # ?bahasa=en on a link in an English message: the page opens in English


def link_language(request: HttpRequest) -> str | None:
    """The language a link asks for (`?bahasa=en`), when the site speaks it."""
    asked = request.GET.get(LINK_PARAMETER, "")
    if asked:
        try:
            return translation.get_supported_language_variant(asked)
        except LookupError:
            return None
    return None


def link_in_language(url: str, language: str) -> str:
    """`url` asking for `language` (a link in a message written in it); the site's default
    language needs no parameter."""
    if language == settings.LANGUAGE_CODE:
        return url
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    query = [(key, value) for key, value in query if key != LINK_PARAMETER]
    query.append((LINK_PARAMETER, language))
    return urlunsplit(parts._replace(query=urlencode(query)))


def page_language(request: HttpRequest) -> str:
    """The language a link asks for, else the one chosen with the switcher (its cookie), else
    the site's default."""
    asked = link_language(request)
    if asked:
        return asked
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen:
        try:
            return translation.get_supported_language_variant(chosen)
        except LookupError:
            pass
    return str(settings.LANGUAGE_CODE)


class IndonesianFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        if is_api_request(request):
            super().process_request(request)
            return
        translation.activate(page_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        request._link_language = link_language(request)  # type: ignore[attr-defined]
        if LINK_PARAMETER in request.GET:
            # The parameter is this middleware's: a view never sees it (the admin's lists
            # would take it for an unknown filter and answer "?e=1").
            query = request.GET.copy()
            del query[LINK_PARAMETER]
            request.GET = query  # type: ignore[assignment]

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if is_api_request(request):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Cookie",))  # the language cookie, not Accept-Language
        response.headers.setdefault("Content-Language", translation.get_language())
        asked = getattr(request, "_link_language", None)
        if asked and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != asked:
            # The next pages (the form the link leads to, its answer) stay in that language.
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                asked,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
