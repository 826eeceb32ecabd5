from django.urls import URLPattern, URLResolver, path

from paspor.notifications import views

app_name = "notifications"
urlpatterns: list[URLPattern | URLResolver] = [
    path("status/", views.status_page, name="status"),
    path("preferensi/", views.preferences, name="preferences"),
]
