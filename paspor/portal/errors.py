"""The site's own error pages: in the reader's language, in the site's layout, with a way on.

Django's fallbacks are bare English lines ("403 Forbidden", "Not Found"). The pages here use
`400.html`, `403.html` and `404.html` (rendered with the request, in `base.html`) and
`500.html` (rendered without the request, so it stands alone). A staff page opened without
signing in answers with the sign-in page, the way the pages behind `login_required` do: the
officer at counter 3 who followed a bookmark signs in and lands where the bookmark pointed.
The JSON API answers its own errors (`paspor/api.py`).
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.views.defaults import permission_denied


def forbidden(request: HttpRequest, exception: Exception) -> HttpResponse:
    """`handler403`: sign in first when nobody is signed in, else the styled 403 page."""
    user = getattr(request, "user", None)
    if (user is None or not user.is_authenticated) and not request.path.startswith("/api/"):
        return redirect_to_login(request.get_full_path())
    return permission_denied(request, exception)
