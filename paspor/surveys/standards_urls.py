from django.urls import URLPattern, URLResolver, path

from paspor.surveys import standards_views

app_name = "standards"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", standards_views.index, name="index"),
    path("<slug:service>/", standards_views.detail, name="detail"),
]
