from django.urls import path

from paspor.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("masuk-berhasil/", views.after_login, name="after_login"),
    path("petugas/", views.staff_home, name="staff_home"),
    # Pages without a <link rel="icon"> (the admin, the API docs) make browsers ask here.
    path("favicon.ico", views.favicon, name="favicon"),
]
