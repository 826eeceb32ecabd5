"""ASGI entry point: everything, including the server-sent event streams (uvicorn paspor.asgi)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paspor.settings")
application = get_asgi_application()
