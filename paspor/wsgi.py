"""WSGI entry point: pages and the JSON API (gunicorn paspor.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paspor.settings")
application = get_wsgi_application()
