"""Sign-in with a username (staff) or an e-mail address (applicants)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from paspor.accounts.models import User


class UsernameOrEmailBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username and "@" in username:
            found = _named_with_at(username.strip())
            if found is None:
                User().set_password(password or "")  # same work as a real check: no timing leak
                return None
            username = found.get_username()
        user = super().authenticate(request, username=username, password=password, **kwargs)
        return user if isinstance(user, User) else None


def _named_with_at(name: str) -> User | None:
    """The account a name with "@" signs in: the one with that e-mail (an applicant), else the
    one with that username — a staff account named by the officer's official address
    ("budi@imigrasi.go.id"), made in the admin with no e-mail or another. The sign-in form
    sends such a name in small letters (`sign_in_name`), so the username is matched in any
    capitals; two accounts that differ only in capitals are neither signed in."""
    found = User.objects.filter(email__iexact=name).first()
    if found is not None:
        return found
    named = list(User.objects.filter(username__iexact=name)[:2])
    return named[0] if len(named) == 1 else None
