from django.urls import URLPattern, URLResolver, path

from paspor.surveys import views

app_name = "surveys"
urlpatterns: list[URLPattern | URLResolver] = [
    path("kantor/<slug:office>/ikm/", views.report, name="report"),
    path("kantor/<slug:office>/ikm.xlsx", views.report_xlsx, name="report_xlsx"),
    path("<str:token>/", views.answer, name="answer"),
    path("<str:token>/terima-kasih/", views.thanks, name="thanks"),
    path("<str:token>/qr.svg", views.qr, name="qr"),
]
