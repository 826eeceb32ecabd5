from django.urls import path

from paspor.queueing import views

app_name = "queueing"
urlpatterns = [
    path("t/<str:token>/", views.ticket_public, name="ticket_public"),
    path("t/<str:token>/status/", views.ticket_public_status, name="ticket_public_status"),
    path("<slug:office>/kios/", views.kiosk, name="kiosk"),
    path("<slug:office>/kios/check-in/", views.kiosk_check_in, name="kiosk_check_in"),
    path("<slug:office>/kios/tanpa-booking/", views.kiosk_walk_in, name="kiosk_walk_in"),
    path("<slug:office>/kios/tiket/<str:token>/", views.kiosk_ticket, name="kiosk_ticket"),
    path("<slug:office>/tiket/<str:token>/pdf/", views.ticket_print_pdf, name="ticket_pdf"),
    path("<slug:office>/loket/", views.console, name="console"),
    path("<slug:office>/loket/antrean/", views.console_queue, name="console_queue"),
    path("<slug:office>/loket/buka/", views.console_open, name="console_open"),
    path("<slug:office>/loket/aksi/<slug:action>/", views.console_action, name="console_action"),
    path("<slug:office>/papan/", views.board, name="board"),
    path("<slug:office>/papan/events/", views.board_events, name="board_events"),
    path("<slug:office>/ringkasan/", views.overview, name="overview"),
]
