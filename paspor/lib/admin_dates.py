"""The admin's date drill-down (`date_hierarchy`) for any year in the address.

Django bounds the list by the chosen year, month or day up to the next one: for the year 9999
that is past the calendar (`ValueError: year 10000 is out of range`, or an overflow for its
December), which Django let through as a server error. A model admin that returns this
changelist answers such an address as any other impossible filter: the list without it and
Django's "?e=1" notice.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin import ListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.db import models
from django.http import HttpRequest


class DateHierarchyChangeList(ChangeList):
    def get_filters(
        self, request: HttpRequest
    ) -> tuple[list[ListFilter], bool, dict[str, bool | str], bool, bool]:
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:  # a year, month or day at the very end
            raise IncorrectLookupParameters(error) from error


class DateHierarchyAdmin[M: models.Model](admin.ModelAdmin[M]):
    """A model admin whose date drill-down takes any year in the address (the base of the
    project's admins: `AuditedAdmin` and the read-only ones)."""

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return DateHierarchyChangeList
