from django.urls import path

from paspor.audit import views

app_name = "audit"
urlpatterns = [
    path("<slug:office>/akses-data-pribadi/", views.pii_log, name="pii_log"),
]
