from django.urls import path

from paspor.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("masuk-berhasil/", views.after_login, name="after_login"),
    path("petugas/", views.staff_home, name="staff_home"),
]
