from django.urls import URLPattern, URLResolver, path

from paspor.issuance import views

app_name = "issuance"
urlpatterns: list[URLPattern | URLResolver] = [
    path("<slug:office>/", views.home, name="home"),
    path("<slug:office>/cetak/", views.print_queue, name="print_queue"),
    path("<slug:office>/cetak/<str:code>/", views.print_case, name="print_case"),
    path("<slug:office>/cetak/<str:code>/mulai/", views.print_start, name="print_start"),
    path("<slug:office>/cetak/<str:code>/selesai/", views.print_confirm, name="print_confirm"),
    path("<slug:office>/cetak/<str:code>/rusak/", views.print_spoil, name="print_spoil"),
    path("<slug:office>/foto/<str:code>/", views.case_photo, name="case_photo"),
    path("<slug:office>/paspor/<str:number>/halaman-data.pdf", views.data_page, name="data_page"),
    path("<slug:office>/kendali-mutu/", views.qc_queue, name="qc_queue"),
    path("<slug:office>/kendali-mutu/<str:number>/", views.qc_check, name="qc_check"),
    path("<slug:office>/kendali-mutu/<str:number>/simpan/", views.qc_submit, name="qc_submit"),
    path("<slug:office>/kendali-mutu/<str:number>/siap/", views.mark_ready, name="mark_ready"),
    path("<slug:office>/penyerahan/", views.pickup_queue, name="pickup_queue"),
    path("<slug:office>/penyerahan/<str:number>/", views.handover, name="handover"),
    path(
        "<slug:office>/penyerahan/<str:number>/simpan/",
        views.handover_submit,
        name="handover_submit",
    ),
    path("<slug:office>/stok/", views.stock, name="stock"),
    path("<slug:office>/stok/terima/", views.stock_receive, name="stock_receive"),
    path("<slug:office>/stok/rusak/", views.stock_spoil, name="stock_spoil"),
    path("<slug:office>/stok/kembali/", views.stock_return, name="stock_return"),
    path("<slug:office>/stok/laporan/", views.stock_report, name="stock_report"),
    path(
        "<slug:office>/stok/laporan.xlsx",
        views.stock_report_xlsx_download,
        name="stock_report_xlsx",
    ),
    path(
        "<slug:office>/stok/laporan/buku/",
        views.stock_report_booklets,
        name="stock_report_booklets",
    ),
]
