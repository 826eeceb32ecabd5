from django.urls import URLPattern, URLResolver, path

from paspor.reports import views

app_name = "reports"
urlpatterns: list[URLPattern | URLResolver] = [
    path("dasbor/", views.period, name="period"),
    path("dasbor/unduh/<slug:key>.<str:fmt>", views.export, name="export"),
    path("kesiapan-kantor/", views.readiness, name="readiness"),
    path("kesiapan-kantor/unduh.csv", views.readiness_export, name="readiness_export"),
    path("kantor/<slug:office>/hari-ini/", views.today, name="today"),
    path("kantor/<slug:office>/hari-ini/panel/", views.today_panel, name="today_panel"),
    path("kantor/<slug:office>/kapasitas/", views.capacity, name="capacity"),
]
