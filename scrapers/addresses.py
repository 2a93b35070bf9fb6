"""Which addresses a harvest may reach: public ones, and private ones only when asked.

A public portal that redirects to 127.0.0.1, 10.0.0.5 or 169.254.169.254 (a cloud's
metadata service) is not sending us a report. Such addresses are fetched only when a
start URL is itself one of them (the bundled sample and the tests run on 127.0.0.1).
"""

from __future__ import annotations

import ipaddress
import socket
from functools import lru_cache


@lru_cache(maxsize=1024)
def addresses(host: str) -> tuple[str, ...]:
    """The IP addresses a host name resolves to (empty when it does not resolve)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError):
        return ()
    return tuple(dict.fromkeys(info[4][0] for info in infos))


def is_public_address(ip: str) -> bool:
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return False
    return addr.is_global and not addr.is_multicast


def is_public_host(host: str) -> bool:
    """True when every address the host resolves to is public (or it does not resolve:
    the fetch then fails on its own, with its own reason)."""
    return all(is_public_address(ip) for ip in addresses(host))
