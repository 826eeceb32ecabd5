"""Django's short comment `{# … #}` ends on its own line; one spread over two lines is printed
on the page as text (it once showed under every officer's queue). Longer notes use
`{% comment %}`."""

from pathlib import Path

import paspor

ROOT = Path(paspor.__file__).parent


def test_no_template_opens_a_short_comment_it_does_not_close_on_the_same_line():
    templates = [p for p in ROOT.rglob("templates/**/*") if p.suffix in {".html", ".txt"}]
    assert len(templates) > 100  # every app's templates are read
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted(templates)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "{#" in line and "#}" not in line.split("{#", 1)[1]
    ]
    assert found == []
