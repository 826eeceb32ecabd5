"""The questionnaire: one question per IKM element with its four answers, worst (1) to best (4).

Wording follows the sample questionnaire of PermenPANRB 14/2017.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from paspor.lib.ikm import IkmElement


@dataclass(frozen=True)
class Question:
    element: IkmElement
    text: Promise
    answers: tuple[Promise, Promise, Promise, Promise]

    @property
    def field(self) -> str:
        return f"u{int(self.element)}"


E = IkmElement
QUESTIONS: tuple[Question, ...] = (
    Question(
        E.REQUIREMENTS,
        _("Bagaimana kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    Question(
        E.PROCEDURES,
        _("Bagaimana kemudahan prosedur pelayanan di unit ini?"),
        (_("Tidak mudah"), _("Kurang mudah"), _("Mudah"), _("Sangat mudah")),
    ),
    Question(
        E.COMPLETION_TIME,
        _("Bagaimana kecepatan waktu dalam memberikan pelayanan?"),
        (_("Tidak cepat"), _("Kurang cepat"), _("Cepat"), _("Sangat cepat")),
    ),
    Question(
        E.COST,
        _("Bagaimana kewajaran biaya/tarif dalam pelayanan?"),
        (_("Sangat mahal"), _("Cukup mahal"), _("Murah"), _("Gratis")),
    ),
    Question(
        E.PRODUCT,
        _("Bagaimana kesesuaian hasil pelayanan dengan yang tercantum dalam standar pelayanan?"),
        (_("Tidak sesuai"), _("Kurang sesuai"), _("Sesuai"), _("Sangat sesuai")),
    ),
    Question(
        E.STAFF_COMPETENCE,
        _("Bagaimana kompetensi/kemampuan petugas dalam pelayanan?"),
        (_("Tidak kompeten"), _("Kurang kompeten"), _("Kompeten"), _("Sangat kompeten")),
    ),
    Question(
        E.STAFF_BEHAVIOUR,
        _("Bagaimana perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?"),
        (
            _("Tidak sopan dan ramah"),
            _("Kurang sopan dan ramah"),
            _("Sopan dan ramah"),
            _("Sangat sopan dan ramah"),
        ),
    ),
    Question(
        E.COMPLAINT_HANDLING,
        _("Bagaimana penanganan pengaduan, saran, dan masukan pengguna layanan?"),
        (
            pgettext_lazy("survey answer", "Tidak ada"),
            _("Ada tetapi tidak berfungsi"),
            _("Berfungsi kurang maksimal"),
            _("Dikelola dengan baik"),
        ),
    ),
    Question(
        E.FACILITIES,
        _("Bagaimana kualitas sarana dan prasarana?"),
        (_("Buruk"), _("Cukup"), _("Baik"), _("Sangat baik")),
    ),
)
