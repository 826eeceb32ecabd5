"""The complaint pages as the public and the office's managers use them: tracking codes however
they are typed, two officers answering at once, what the officer must know before answering,
and the list of answered complaints."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import make_office, make_user
from paspor.accounts.models import Role
from paspor.complaints.models import Complaint, ComplaintCategory
from paspor.complaints.services import complaint_respond, complaint_submit
from paspor.complaints.tests.conftest import image

pytestmark = pytest.mark.django_db


def submit(office, **overrides):
    values = dict(
        office=office,
        category=ComplaintCategory.WAITING,
        body="Antre 5 jam.",
        email="warga@example.com",
        ip="10.0.0.1",
    )
    values.update(overrides)
    cache.clear()  # many complaints from one test address: the hourly limit is not under test
    return complaint_submit(**values)


def detail_url(complaint):
    return f"/pengaduan/kantor/{complaint.office.code}/{complaint.tracking_code}/"


# --- Tracking -----------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["ADU/C8THJSFX", "<script>x</script>", "ADU-C8THJSF", "C8THJSFX"])
def test_a_code_of_another_shape_is_not_found_without_an_error_page(client, typed):
    response = client.get("/pengaduan/lacak/", {"code": typed})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_code_error"' in page and "Kode pelacakan tidak ditemukan." in page
    assert "<script>x</script>" not in page


def test_a_pasted_code_with_spaces_or_small_letters_is_found(client, office):
    complaint = submit(office)
    form = client.get("/pengaduan/lacak/").content.decode()
    found = re.search(r'name="code"[^>]*maxlength="(\d+)"', form)
    assert found is not None
    maxlength = int(found.group(1))
    assert maxlength > len(f"  {complaint.tracking_code}  ")  # the browser cuts nothing
    assert "ADU-XXXXXXXX" in form  # the hint shows the shape
    typed = f"  {complaint.tracking_code.lower()} \t"
    response = client.get("/pengaduan/lacak/", {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/pengaduan/lacak/{complaint.tracking_code}/"
    lower = client.get(f"/pengaduan/lacak/{complaint.tracking_code.lower()}/")
    assert lower.status_code == 302 and lower["Location"].endswith(f"{complaint.tracking_code}/")


def test_english_pages_write_times_with_a_colon(client, supervisor):
    makassar = make_office("makassar", tz="Asia/Makassar")
    with time_machine.travel("2026-11-29 16:27 +00:00"):  # 30 November, 00.27 in Makassar
        complaint = submit(makassar)
    client.cookies["django_language"] = "en"
    page = client.get(f"/pengaduan/lacak/{complaint.tracking_code}/").content.decode()
    assert "30 November 2026 00:27 WITA" in page and "00.27" not in page


# --- The public form ----------------------------------------------------------------------------


def test_the_form_chooses_no_category_for_the_complainant(client, office):
    page = client.get("/pengaduan/").content.decode()
    category = page[
        page.index('name="category"') : page.index("</select>", page.index('name="category"'))
    ]
    assert re.search(r'<option value="" selected>— pilih kategori —</option>', category)
    response = client.post("/pengaduan/", {"office": office.code, "body": "Lama."})
    assert response.status_code == 400 and 'id="id_category_error"' in response.content.decode()
    assert not Complaint.objects.exists()


def test_the_text_shows_its_limit_and_gets_a_live_counter(client):
    page = client.get("/pengaduan/").content.decode()
    assert "Paling banyak 5.000 karakter." in page
    assert 'maxlength="5000"' in page and 'data-counter-for="id_body"' in page
    # A file of the app, allowed by the Content-Security-Policy (script-src 'self').
    assert re.search(r'<script src="/static/complaints/counter\.js"[^>]*defer', page)


def test_a_refused_attachment_asks_to_choose_the_files_again(client, office):
    response = client.post(
        "/pengaduan/",
        {
            "office": office.code,
            "category": "service",
            "body": "Isi tetap ada.",
            "files": [
                SimpleUploadedFile("foto.png", image(".png")),
                SimpleUploadedFile("program.pdf", b"MZ\x90\x00 an exe renamed"),
            ],
        },
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Lampiran program.pdf bukan PDF, PNG atau JPEG." in page
    assert "Pilih lagi lampiran Anda" in page and "Isi tetap ada." in page


def test_a_form_sent_back_for_another_field_also_says_the_files_are_gone(client, office):
    response = client.post(
        "/pengaduan/",
        {
            "office": "",
            "category": "service",
            "body": "Isi.",
            "files": [SimpleUploadedFile("a.pdf", b"%PDF-1.4")],
        },
    )
    assert response.status_code == 400 and "Pilih lagi lampiran Anda" in response.content.decode()


def test_a_wrong_file_is_said_together_with_the_other_fields_mistakes(client, office):
    # Not first the missing office and then, once that is mended, the file: both at once.
    response = client.post(
        "/pengaduan/",
        {
            "office": "",
            "category": "service",
            "body": "Isi tetap ada.",
            "files": [SimpleUploadedFile("program.pdf", b"MZ\x90\x00 an exe renamed")],
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Lampiran program.pdf bukan PDF, PNG atau JPEG." in page
    assert "Bidang ini tidak boleh kosong." in page  # the office
    assert "Isi tetap ada." in page


def test_more_files_than_allowed_are_said_at_the_field(client, office):
    response = client.post(
        "/pengaduan/",
        {
            "office": office.code,
            "category": "service",
            "body": "Isi.",
            "files": [SimpleUploadedFile(f"{n}.pdf", b"%PDF-1.4") for n in range(4)],
        },
    )
    assert response.status_code == 400
    assert "Paling banyak 3 lampiran." in response.content.decode()


# --- The officer's detail page ------------------------------------------------------------------


def test_a_second_officer_answering_the_same_complaint_keeps_the_text_and_gets_409(
    client_for, office, supervisor, head_of_office
):
    complaint = submit(office)
    first, second = client_for(supervisor), client_for(head_of_office)
    # Both opened the complaint while it was open (two tabs, two desks).
    assert "Kirim tanggapan" in second.get(detail_url(complaint)).content.decode()
    assert first.post(detail_url(complaint), {"response": "Loket ditambah."}).status_code == 302
    late = second.post(detail_url(complaint), {"response": "Kami minta maaf, loket ditambah."})
    page = late.content.decode()
    assert late.status_code == 409
    assert "Pengaduan ini sudah ditanggapi oleh kasubsi" in page
    assert "Kami minta maaf, loket ditambah." in page  # the late officer's text, not lost
    complaint.refresh_from_db()
    assert complaint.response == "Loket ditambah." and complaint.responded_by == supervisor


def test_the_officer_reads_the_complainants_language_and_each_contact_labelled(
    client_for, office, supervisor
):
    complaint = submit(office, name="Budi", phone="0812-3456-7890", language="en")
    page = client_for(supervisor).get(detail_url(complaint)).content.decode()
    assert re.search(r"<dt>Bahasa pelapor</dt><dd><span lang=\"en\">English</span>", page)
    answer_part = page[page.index('id="answer-title"') :]
    assert 'lang="en">English</span>' in answer_part and "Bahasa pelapor" in answer_part
    assert "<dt>Nama pelapor</dt><dd>Budi</dd>" in page
    assert "<dt>E-mail pelapor</dt><dd>warga@example.com</dd>" in page
    assert "<dt>Telepon pelapor</dt><dd>+6281234567890</dd>" in page


def test_the_answer_form_says_the_answer_is_final(client_for, office, supervisor):
    page = client_for(supervisor).get(detail_url(submit(office))).content.decode()
    assert "Tanggapan bersifat final: disimpan dan dikirim sekali" in page


def test_without_contact_the_officer_is_told_before_and_after_that_nothing_is_sent(
    client_for, office, supervisor
):
    complaint = submit(office, email="", phone="")
    client = client_for(supervisor)
    before = client.get(detail_url(complaint)).content.decode()
    assert "Pelapor tidak memberikan e-mail atau telepon: tanggapan tidak dikirim" in before
    after = client.post(detail_url(complaint), {"response": "Sudah."}, follow=True)
    page = after.content.decode()
    assert "dikirim ke pelapor" not in page
    assert "Tanggapan disimpan. Pelapor tidak memberikan e-mail atau telepon" in page


def test_with_contact_the_answer_is_said_sent(client_for, office, supervisor):
    complaint = submit(office)
    page = client_for(supervisor).post(detail_url(complaint), {"response": "Sudah."}, follow=True)
    assert "Tanggapan disimpan dan dikirim ke pelapor." in page.content.decode()


# --- The office's list --------------------------------------------------------------------------


def rows_of(page, section_id):
    part = page[page.index(f'id="{section_id}"') :]
    body = part[part.index("<tbody>") : part.index("</tbody>")]
    return re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)


def code_in(row):
    found = re.search(r"ADU-\w+", row)
    assert found is not None
    return found.group(0)


def test_answered_complaints_are_paged_and_found_by_code(client_for, office, head_of_office):
    answered = []
    for number in range(25):
        complaint = submit(office, ip=f"10.0.1.{number}")
        with time_machine.travel(
            dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC) + dt.timedelta(hours=number)
        ):
            complaint_respond(complaint=complaint, response="Sudah.", by=head_of_office)
        answered.append(complaint)
    client = client_for(head_of_office)
    first = client.get("/pengaduan/kantor/ketapang/").content.decode()
    assert len(rows_of(first, "answered-title")) == 20
    assert answered[-1].tracking_code in first  # latest answer first
    assert "Halaman 1 dari 2 (25 pengaduan)" in first and "halaman=2" in first
    second = client.get("/pengaduan/kantor/ketapang/", {"halaman": 2}).content.decode()
    assert len(rows_of(second, "answered-title")) == 5 and answered[0].tracking_code in second
    wanted = answered[3].tracking_code
    found = client.get("/pengaduan/kantor/ketapang/", {"kode": f" {wanted[4:].lower()} "})
    rows = rows_of(found.content.decode(), "answered-title")
    assert len(rows) == 1 and wanted in rows[0]


def test_the_lists_show_language_contact_and_whether_answered_in_time(
    client_for, office, head_of_office
):
    with time_machine.travel("2026-03-02 09:00 +07:00"):  # Monday; deadline Monday 9 March
        quick = submit(office, email="", phone="", language="en")
        late = submit(office, ip="10.0.0.2")
        still_open = submit(office, email="", phone="", ip="10.0.0.3")
    with time_machine.travel("2026-03-03 09:00 +07:00"):
        complaint_respond(complaint=quick, response="Sudah.", by=head_of_office)
    with time_machine.travel("2026-03-20 09:00 +07:00"):
        complaint_respond(complaint=late, response="Maaf.", by=head_of_office)
        page = client_for(head_of_office).get("/pengaduan/kantor/ketapang/").content.decode()
    answered = {code_in(row): row for row in rows_of(page, "answered-title")}
    cells = {
        code: re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S) for code, row in answered.items()
    }
    assert cells[quick.tracking_code][4:] == ["ya", '<span lang="en">English</span>\n', "tidak"]
    assert "tidak" in cells[late.tracking_code][4] and cells[late.tracking_code][6] == "ya"
    (open_row,) = rows_of(page, "open-title")
    assert still_open.tracking_code in open_row and "Indonesia" in open_row
    assert re.findall(r"<td[^>]*>(.*?)</td>", open_row, flags=re.S)[-1] == "tidak"


@pytest.mark.parametrize(
    ("answered_after_days", "shown"),
    [((1,), "1,0"), ((1, 2), "1,5"), ((3, 3, 3), "3,0")],
)
def test_the_median_response_time_always_has_one_decimal(
    client_for, office, head_of_office, answered_after_days, shown
):
    with time_machine.travel("2026-03-02 09:00 +07:00"):  # Monday
        complaints = [submit(office, ip=f"10.0.2.{n}") for n in range(len(answered_after_days))]
    for complaint, days in zip(complaints, answered_after_days, strict=True):
        with time_machine.travel(
            dt.datetime(2026, 3, 2, 2, tzinfo=dt.UTC) + dt.timedelta(days=days)
        ):
            complaint_respond(complaint=complaint, response="Sudah.", by=head_of_office)
    with time_machine.travel("2026-03-20 09:00 +07:00"):
        page = client_for(head_of_office).get("/pengaduan/kantor/ketapang/").content.decode()
    median = re.search(r"Median waktu tanggapan \(hari kerja\)</th><td>([^<]*)</td>", page)
    assert median is not None and median.group(1) == shown


def test_the_search_finds_only_the_offices_own_answered_complaints(
    client_for, office, other_office, head_of_office
):
    other = submit(other_office)
    complaint_respond(
        complaint=other,
        response="Sudah.",
        by=make_user("kakanim_pontianak", role=Role.HEAD, office=other_office),
    )
    response = client_for(head_of_office).get(
        "/pengaduan/kantor/ketapang/", {"kode": other.tracking_code}
    )
    page = response.content.decode()
    assert response.status_code == 200 and f"/{other.tracking_code}/" not in page
    assert "Tidak ada pengaduan yang sudah ditanggapi dengan kode berisi" in page


# --- A link that chooses the office ---------------------------------------------------------


def test_a_link_with_the_office_opens_the_form_with_the_office_chosen(client, office):
    page = client.get("/pengaduan/?kantor=ketapang").content.decode()
    assert '<option value="ketapang" selected>' in page
    unknown = client.get("/pengaduan/?kantor=tidak-ada").content.decode()
    assert '<option value="ketapang" selected>' not in unknown
    assert '<option value="" selected>' in unknown  # "— pilih kantor —", as without a link
