from django.urls import URLPattern, URLResolver, path

from paspor.complaints import views

app_name = "complaints"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.submit, name="submit"),
    path("lacak/", views.track, name="track"),
    path("lacak/<str:code>/", views.track_code, name="track_code"),
    path("nasional/", views.national, name="national"),
    path("kantor/<slug:office>/", views.office_list, name="office_list"),
    path("kantor/<slug:office>/<str:code>/", views.office_detail, name="office_detail"),
    path(
        "kantor/<slug:office>/<str:code>/lampiran/<int:number>/",
        views.attachment,
        name="attachment",
    ),
]
