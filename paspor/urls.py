"""URL map: each app owns its pages; the JSON API lives under /api/."""

from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog

from paspor.api import api, unknown_endpoint

handler400 = "paspor.portal.errors.bad_request"
handler403 = "paspor.portal.errors.forbidden"
handler500 = "paspor.lib.outage.server_error"

urlpatterns = [
    path("", include("paspor.portal.urls")),
    path("akun/", include("paspor.accounts.urls")),
    path("kantor/", include("paspor.offices.urls")),
    path("booking/", include("paspor.booking.urls")),
    path("antrian/", include("paspor.queueing.urls")),
    path("permohonan/", include("paspor.cases.urls")),
    path("pembayaran/", include("paspor.payments.urls")),
    path("penerbitan/", include("paspor.issuance.urls")),
    path("notifikasi/", include("paspor.notifications.urls")),
    path("survei/", include("paspor.surveys.urls")),
    path("laporan/", include("paspor.reports.urls")),
    path("pengaduan/", include("paspor.complaints.urls")),
    path("audit/", include("paspor.audit.urls")),
    path("standar-pelayanan/", include("paspor.surveys.standards_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("api/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", unknown_endpoint),
    path("admin/", admin.site.urls),
]
