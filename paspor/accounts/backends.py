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
            candidates = _named_with_at(username.strip())
            if not candidates:
                User().set_password(password or "")  # same work as a real check: no timing leak
                return None
            # The account whose password it is: an applicant who registered the address a
            # staff account is named by takes nothing from that officer.
            for candidate in candidates:
                user = super().authenticate(
                    request, username=candidate.get_username(), password=password, **kwargs
                )
                if isinstance(user, User):
                    return user
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        return user if isinstance(user, User) else None


def _named_with_at(name: str) -> list[User]:
    """The accounts a name with "@" may sign in: the one with that e-mail (an applicant), and
    the one with that username — a staff account named by the officer's official address
    ("budi@imigrasi.go.id"), made in the admin with no e-mail or another. The sign-in form
    sends such a name in small letters (`sign_in_name`), so the username is matched in any
    capitals; two accounts that differ only in capitals are neither signed in."""
    found = list(User.objects.filter(email__iexact=name)[:1])
    named = list(User.objects.filter(username__iexact=name)[:2])
    if len(named) == 1 and named[0] not in found:
        found.append(named[0])
    return found
