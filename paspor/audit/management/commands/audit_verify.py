from typing import Any

from django.core.management.base import BaseCommand, CommandError

from paspor.audit.models import AuditEntry
from paspor.audit.services import audit_verify_all


class Command(BaseCommand):
    help = "Walks every audit hash chain and reports the first broken row of each."

    def handle(self, *args: Any, **options: Any) -> None:
        breaks = audit_verify_all()
        for brk in breaks:
            self.stderr.write(
                f"Rantai {brk.chain} rusak pada baris #{brk.seq}"
                f"{f' (id {brk.entry_id})' if brk.entry_id else ''}: {brk.problem}"
            )
        if breaks:
            raise CommandError(f"{len(breaks)} audit chain(s) broken")
        self.stdout.write(f"Jejak audit utuh: {AuditEntry.objects.count()} baris diperiksa.")
