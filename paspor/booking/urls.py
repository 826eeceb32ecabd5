from django.urls import path

from paspor.booking.views import applicant, proof, public, staff

app_name = "booking"
urlpatterns = [
    # Public: no sign-in needed.
    path("", public.offices, name="offices"),
    path("kuota/<slug:office>/", public.office_availability, name="availability"),
    path("undian/<slug:office>/<str:date>/<str:pool>/", public.ballot_page, name="ballot"),
    path("daftar/", public.register, name="register"),
    path("verifikasi/", public.verify, name="verify"),
    path("verifikasi/<str:token>/", public.verify_link, name="verify_link"),
    # The applicant's own area.
    path("saya/", applicant.my_bookings, name="my_bookings"),
    path("profil/", applicant.profiles, name="profiles"),
    path("profil/<uuid:profile>/ubah/", applicant.profile_edit, name="profile_edit"),
    path("profil/<uuid:profile>/hapus/", applicant.profile_delete, name="profile_delete"),
    path("pesan/", applicant.start, name="start"),
    path("pesan/jadwal/", applicant.choose, name="choose"),
    path("bukti/<str:code>/", proof.proof, name="proof"),
    path("bukti/<str:code>/pdf/", proof.proof_pdf_view, name="proof_pdf"),
    path("bukti/<str:code>/batal/", applicant.cancel, name="cancel"),
    path("bukti/<str:code>/jadwal-ulang/", applicant.reschedule, name="reschedule"),
    path("tunggu/<uuid:entry>/terima/", applicant.waitlist_accept, name="waitlist_accept"),
    path("tunggu/<uuid:entry>/keluar/", applicant.waitlist_leave, name="waitlist_leave"),
    # Staff of an office (the office code comes first, as in every staff URL).
    path("<slug:office>/hari/", staff.staff_day, name="staff_day"),
    path("<slug:office>/hari/<str:date>/cetak/", staff.staff_day_print, name="staff_day_print"),
    path(
        "<slug:office>/booking/<str:code>/tidak-sah/",
        staff.staff_invalidate,
        name="staff_invalidate",
    ),
    path("<slug:office>/kuota/", staff.staff_quota, name="staff_quota"),
    path("<slug:office>/pengawasan/", staff.staff_review, name="staff_review"),
    path("<slug:office>/pengawasan/tinjau/", staff.staff_review_flag, name="staff_review_flag"),
]
