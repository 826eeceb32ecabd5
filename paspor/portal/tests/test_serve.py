"""`manage.py serve`: the links its e-mails carry point at the server it started."""

from __future__ import annotations

from paspor.portal.management.commands.serve import child_environment


def test_links_point_at_the_port_served_when_no_public_address_is_set() -> None:
    env = child_environment("127.0.0.1", "8140", {"PATH": "/bin"})
    assert env["PASPOR_PUBLIC_URL"] == "http://127.0.0.1:8140"
    assert env["PATH"] == "/bin"


def test_a_server_on_every_interface_is_linked_through_loopback() -> None:
    assert child_environment("0.0.0.0", "8000", {})["PASPOR_PUBLIC_URL"] == (  # noqa: S104
        "http://127.0.0.1:8000"
    )


def test_the_deployments_public_address_wins() -> None:
    env = child_environment("127.0.0.1", "8140", {"PASPOR_PUBLIC_URL": "https://paspor.go.id"})
    assert env["PASPOR_PUBLIC_URL"] == "https://paspor.go.id"
