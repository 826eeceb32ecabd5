from django.urls import path

from paspor.accounts import views
from paspor.booking.ratelimit import limit_login

app_name = "accounts"
urlpatterns = [
    path("masuk/", limit_login(views.LoginView.as_view()), name="login"),
    path("keluar/", views.LogoutView.as_view(), name="logout"),
    path("lupa-sandi/", views.password_forgot, name="password_forgot"),
    path("ganti-sandi/", views.password_change, name="password_change"),
    path("keluar-semua/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("perangkat/", views.devices, name="devices"),
    path("perangkat/<uuid:public_id>/keluar/", views.device_sign_out, name="device_sign_out"),
    path("sandi-baru/<str:uid>/<str:token>/", views.password_reset, name="password_reset"),
    path("dua-langkah/", views.two_factor_setup, name="two_factor_setup"),
    path("dua-langkah/verifikasi/", views.two_factor_verify, name="two_factor_verify"),
]
