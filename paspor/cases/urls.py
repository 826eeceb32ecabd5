from django.urls import URLPattern, URLResolver, path

from paspor.cases import views

app_name = "cases"
urlpatterns: list[URLPattern | URLResolver] = [
    path("cegah-tangkal/", views.travel_ban_list, name="travel_bans"),
    path("<slug:office>/", views.work_queue_page, name="work_queue"),
    path("<slug:office>/buka/", views.open_from_ticket, name="open"),
    path("<slug:office>/buka/data/", views.open_walk_in, name="open_walk_in"),
    path("<slug:office>/<str:code>/", views.case_detail, name="detail"),
    path("<slug:office>/<str:code>/riwayat/", views.case_timeline_page, name="timeline"),
    path("<slug:office>/<str:code>/ambil/", views.claim, name="claim"),
    path("<slug:office>/<str:code>/berkas/<slug:kind>/<int:pk>/", views.case_file, name="file"),
    path("<slug:office>/<str:code>/<slug:action>/", views.case_step, name="step"),
]
