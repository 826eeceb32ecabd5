"""In the browser on a phone (390 px, touch): every control of the public and applicant pages is
at least 44 px high, as the phone makers' guidelines ask (WCAG 2.5.8 asks 24). Links inside
running text are exempt: they keep the text's line. A box or round choice counts by its label,
which ticks it.
"""

import os

import pytest
from django.test import Client

from conftest import sign_in
from paspor.cases.tests.conftest import make_booking

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MIN = 44

SMALL_TARGETS = """(min) => {
  const small = [];
  const controls = document.querySelectorAll(
    'a[href], button, [role=button], summary, select, input:not([type=hidden]), textarea'
  );
  for (const el of controls) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || el.closest('.visually-hidden, .skip-link')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    if (el.tagName === 'A' && style.display === 'inline') {
      const around = (el.parentElement.innerText || '').trim();
      if (around.length > (el.innerText || '').trim().length + 3) continue;  // in running text
    }
    const label = el.closest('label');
    const target = el.tagName === 'INPUT' && label ? label.getBoundingClientRect() : box;
    if (target.height < min) {
      small.push(`${el.tagName.toLowerCase()} "${(el.innerText || el.value || '').trim().slice(0, 40)}" ${Math.round(target.height)} px`);
    }
  }
  return small;
}"""

PUBLIC = [
    "/",
    "/booking/",
    "/booking/kuota/ketapang/",
    "/akun/masuk/",
    "/akun/lupa-sandi/",
    "/booking/daftar/",
    "/pengaduan/",
    "/pengaduan/lacak/",
    "/notifikasi/status/",
    "/standar-pelayanan/",
]
APPLICANT = ["/", "/booking/saya/", "/booking/profil/", "/booking/pesan/", "/booking/bukti/{code}/"]


def _phone(browser_context, live_server, language="id-ID"):
    context = browser_context.browser.new_context(
        locale=language, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def _small_targets(page, url):
    response = page.goto(url)
    assert response.status < 400, url
    return [f"{url}: {row}" for row in page.evaluate(SMALL_TARGETS, MIN)]


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_control_on_a_phone_is_big_enough_for_a_thumb(
    browser_context, live_server, office, applicant, language
):
    applicant.email_verified = True
    applicant.save(update_fields=["email_verified"])
    booking = make_booking(office, applicant, status="booked")
    booking.account = applicant  # the booking of the signed-in applicant
    booking.save(update_fields=["account"])
    context, page = _phone(browser_context, live_server)
    small = []
    if language == "en":
        page.goto(live_server.url + "/")
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state()
    for path in PUBLIC:
        small += _small_targets(page, live_server.url + path)
    session = sign_in(Client(), applicant).cookies["sessionid"].value
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    for path in APPLICANT:
        small += _small_targets(page, live_server.url + path.format(code=booking.code))
    context.close()
    assert not small, "\n".join(small)
