from django.urls import URLPattern, URLResolver, path

from paspor.payments import views

app_name = "payments"
urlpatterns: list[URLPattern | URLResolver] = [
    path("status/", views.status_lookup, name="lookup"),
    path("status/<str:case_code>/", views.status, name="status"),
    path("status/<str:case_code>/kode-baru/", views.reissue, name="reissue"),
    path("status/<str:case_code>/slip.pdf", views.slip_pdf, name="slip_pdf"),
    path("status/<str:case_code>/bukti/", views.receipt, name="receipt"),
    path("status/<str:case_code>/bukti.pdf", views.receipt_pdf_view, name="receipt_pdf"),
    path("simulator/", views.simulator, name="simulator"),
    path("<slug:office>/", views.overview, name="overview"),
    path("<slug:office>/tagih/<str:case_code>/", views.bill_issue, name="bill_issue"),
    path("<slug:office>/tinjau/<uuid:payment>/", views.payment_resolve, name="payment_resolve"),
    path("<slug:office>/rekonsiliasi/", views.reconciliation, name="reconciliation"),
    path("<slug:office>/rekonsiliasi/<uuid:statement>/", views.statement, name="statement"),
    path(
        "<slug:office>/rekonsiliasi/<uuid:statement>/xlsx/",
        views.statement_download,
        name="statement_xlsx",
    ),
    path("<slug:office>/sla/", views.sla_board, name="sla_board"),
    path("<slug:office>/sla/<str:case_code>/alasan/", views.sla_reason, name="sla_reason"),
]
