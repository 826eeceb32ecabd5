"""A forgotten password: a link by e-mail, then a new password.

For applicant accounts only. A staff account's password is the administrator's to reset: a
link by e-mail would let whoever reads a staff mailbox past the office's control, so a staff
address gets no message (and the page says nothing different, so it tells no one which
addresses are staff or registered).

The link carries Django's password-reset token: it stops working once the password changes or
after PASSWORD_RESET_TIMEOUT seconds, and nothing about it is stored.
"""

from __future__ import annotations

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from paspor.accounts.models import User
from paspor.accounts.security import active_roles, is_staff_account
from paspor.audit.services import audit_record
from paspor.lib.errors import DomainError
from paspor.notifications.services import notify, public_url


def reset_minutes() -> int:
    return max(1, int(settings.PASSWORD_RESET_TIMEOUT) // 60)


def _applicant(account: User | None) -> User | None:
    if account is None or not account.is_active or not account.has_usable_password():
        return None
    if is_staff_account(account, active_roles(account)):
        return None
    return account


@transaction.atomic
def password_reset_send(*, email: str) -> bool:
    """E-mail a link to the applicant account of `email`; False (and nothing sent) when there
    is none. The caller answers the same either way."""
    address = email.strip()
    account = _applicant(User.objects.filter(email__iexact=address).order_by("pk").first())
    if account is None:
        return False
    uid = urlsafe_base64_encode(force_bytes(account.pk))
    token = default_token_generator.make_token(account)
    notify(
        to_address=account.email,
        template="password_reset",
        context={
            "link": public_url(reverse("accounts:password_reset", args=[uid, token])),
            "minutes": reset_minutes(),
        },
        recipient=account,  # in the account's message language
    )
    audit_record(actor=account, office=None, subject=account, event="account.password_reset_sent")
    return True


def password_reset_account(*, uid: str, token: str) -> User | None:
    """The account a link is for, while its token is good; None for a link used, expired or
    forged (the page offers a new one)."""
    try:
        pk = int(urlsafe_base64_decode(uid).decode())
    except (ValueError, UnicodeDecodeError):
        return None
    account = _applicant(User.objects.filter(pk=pk).first())
    if account is None or not default_token_generator.check_token(account, token):
        return None
    return account


@transaction.atomic
def password_reset_set(*, account: User, password: str) -> None:
    """The new password: the link stops working, and — the link having proved the mailbox — the
    e-mail counts as verified."""
    try:
        validate_password(password, user=account)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), code="password") from None
    account.set_password(password)
    account.email_verified = True
    account.save(update_fields=["password", "email_verified"])
    # A lockout from failed sign-ins ends: the owner has just proved the mailbox. The lock is
    # on the name typed, the user name or the e-mail.
    for name in {account.get_username(), account.email}:
        axes_reset(username=name)
    audit_record(actor=account, office=None, subject=account, event="account.password_reset")
