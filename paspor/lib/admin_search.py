"""Finding a row by a sealed identity number in the admin's search box.

The admin searches its `search_fields` with `icontains`, which a sealed field refuses (its column
holds a token, not the number). A sealed field is therefore left out of `search_fields` and
named in `sealed_search_fields`: a search for a whole NIK (16 digits, spaces allowed) also finds
the rows whose number equals it.
"""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from paspor.lib.nik import sixteen_digits


class SealedIdSearchAdmin[M: models.Model](admin.ModelAdmin[M]):
    """Adds exact matches on `sealed_search_fields` to the usual search results."""

    sealed_search_fields: tuple[str, ...] = ()

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[M], search_term: str
    ) -> tuple[QuerySet[M], bool]:
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        number = "".join(search_term.split())
        if not self.sealed_search_fields or not sixteen_digits(number):
            return found, may_have_duplicates
        exact = Q()
        for name in self.sealed_search_fields:
            exact |= Q(**{name: number})
        if not self.get_search_fields(request):
            return queryset.filter(exact), may_have_duplicates  # nothing else was searched
        return found | queryset.filter(exact), may_have_duplicates
