"""The original documents an applicant shows at intake, per application type.

One list for the whole journey: the booking questionnaire, the booking proof, the intake
checklist, the deferral notice and the published service standards all read the rules in
`paspor.booking.rules` (codes are stable identifiers stored in the database; labels are shown).
This module adapts them to the intake checklist: a `new_child` application is always a child's.
"""

from __future__ import annotations

from paspor.booking.rules import DOCUMENTS
from paspor.booking.rules import Document as DocumentRequirement
from paspor.booking.rules import required_documents as booking_required_documents
from paspor.cases.types import ApplicationType

__all__ = ["DocumentRequirement", "document_label", "required_documents"]


def required_documents(
    application_type: str, *, is_child: bool = False
) -> list[DocumentRequirement]:
    """The originals to see for `application_type`; a child has no KTP but brings the parents'.

    Raises ValueError for an unknown type.
    """
    if application_type not in ApplicationType.values:
        raise ValueError(f"Unknown application type {application_type!r}")
    child = is_child or application_type == ApplicationType.NEW_CHILD
    return booking_required_documents(application_type, is_child=child)


def document_label(code: str) -> str:
    """Label for a stored code (codes of documents no longer required keep their code)."""
    document = DOCUMENTS.get(code)
    return str(document.label) if document is not None else code
