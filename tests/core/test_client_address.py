"""The client address behind sign-up limits and sign-in lock-outs: REMOTE_ADDR, or the trusted proxies' view."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from core.ratelimit import client_address


def _request(remote: str, forwarded_for: str | None = None):  # type: ignore[no-untyped-def]
    extra = {"REMOTE_ADDR": remote}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().post("/api/v1/auth/register/", **extra)


def test_it_ignores_x_forwarded_for_without_trusted_proxies(settings):
    settings.AXES_IPWARE_PROXY_COUNT = 0
    assert client_address(_request("198.51.100.7", "203.0.113.1")) == "198.51.100.7"


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        # One load balancer: it appended the address it saw; what the client sent before it is ignored.
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "203.0.113.1, 203.0.113.2, 198.51.100.7", "198.51.100.7"),
        # Two proxies: the outer one's entry is second from the right.
        (2, "203.0.113.1, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        # Fewer entries than proxies: not from behind them; the peer's own address.
        (2, "198.51.100.7", "10.0.0.1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_it_takes_the_address_the_trusted_proxies_saw(settings, proxies, forwarded_for, expected):
    settings.AXES_IPWARE_PROXY_COUNT = proxies
    assert client_address(_request("10.0.0.1", forwarded_for)) == expected


def test_sign_in_lockouts_use_the_same_address(settings):
    from axes.helpers import get_client_ip_address

    settings.AXES_IPWARE_PROXY_COUNT = 1
    assert get_client_ip_address(_request("10.0.0.1", "203.0.113.9, 198.51.100.7")) == "198.51.100.7"
