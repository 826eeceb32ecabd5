"""Fills English translations into an app's .po file from a small Python mapping file.

Usage: python scripts/po_translate.py paspor/<app>/locale/en/LC_MESSAGES/django.po mapping.py
where mapping.py defines EN = {"Indonesian msgid": "English text", ...}. Entries already
translated are kept unless the mapping names them; untranslated ones are listed at the end.
"""

import runpy
import sys

import polib


def main(po_path: str, mapping_path: str) -> None:
    mapping: dict[str, str] = runpy.run_path(mapping_path)["EN"]
    po = polib.pofile(po_path)
    for entry in po:
        if entry.msgid in mapping:
            entry.msgstr = mapping[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save()
    missing = [e.msgid for e in po if not e.msgstr and not e.obsolete]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
