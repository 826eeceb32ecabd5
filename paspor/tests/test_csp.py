"""Content-Security-Policy: every page is sent with it, and no template relies on what it forbids.

The policy (settings.SECURE_CSP) lets only this origin's files run: an inline <script> or
<style> needs the per-request nonce, and inline event handlers (onclick=, hx-on) never run.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

PASPOR = Path(__file__).resolve().parents[1]
TEMPLATES = sorted(PASPOR.glob("**/templates/**/*.html"))

INLINE_BLOCK = re.compile(r"<(script|style)\b(?P<attrs>[^>]*)>", re.IGNORECASE)
HANDLER = re.compile(r"""\s(on[a-z]+|hx-on[:\w-]*)\s*=""", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=""", re.IGNORECASE)
JS_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


def _problems(text: str) -> list[str]:
    found: list[str] = []
    for match in INLINE_BLOCK.finditer(text):
        attrs = match.group("attrs")
        if match.group(1).lower() == "script" and re.search(r"\ssrc\s*=", attrs):
            continue
        if "csp_nonce" not in attrs:
            found.append(f"inline <{match.group(1)}> without nonce")
    found += [f"inline handler {m.group(1)}=" for m in HANDLER.finditer(text)]
    found += ["style= attribute" for _ in STYLE_ATTRIBUTE.finditer(text)]
    found += ["javascript: URL" for _ in JS_URL.finditer(text)]
    return found


def test_templates_were_found() -> None:
    assert len(TEMPLATES) > 50


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(PASPOR)))
def test_template_has_no_inline_script_style_or_handler(template: Path) -> None:
    assert _problems(template.read_text()) == []


def test_the_scan_catches_what_the_policy_blocks() -> None:
    assert _problems('<select onchange="this.form.submit()">') == ["inline handler onchange="]
    assert _problems('<button hx-on:click="go()">') == ["inline handler hx-on:click="]
    assert _problems("<script>alert(1)</script>") == ["inline <script> without nonce"]
    assert _problems("<style>p{}</style>") == ["inline <style> without nonce"]
    assert _problems('<p style="color:red">') == ["style= attribute"]
    assert _problems('<a href="javascript:go()">') == ["javascript: URL"]
    assert _problems('<script nonce="{{ csp_nonce }}" type="application/json">') == []
    assert _problems('<script src="/static/x.js" defer></script>') == []
    assert _problems('<button data-onclick="x">') == []


@pytest.mark.django_db
def test_pages_are_sent_with_the_policy(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    # Django adds the nonce only to responses whose page used it.
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
