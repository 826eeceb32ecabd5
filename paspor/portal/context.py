from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    return {"SITE_NAME": settings.PASPOR_SITE_NAME, "PRODUCTION": settings.PRODUCTION}
