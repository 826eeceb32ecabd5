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
            found = User.objects.filter(email__iexact=username.strip()).first()
            if found is None:
                User().set_password(password or "")  # same work as a real check: no timing leak
                return None
            username = found.get_username()
        user = super().authenticate(request, username=username, password=password, **kwargs)
        return user if isinstance(user, User) else None
