"""Who is asking: the client address, and the client key used for rate limits and login lockouts.

`REMOTE_ADDR` is the only address a client cannot forge. Behind a reverse proxy that appends the
real client address to `X-Forwarded-For`, set `TRUSTED_PROXY_COUNT` to the number of proxies in
front of the site; the address is then read that many hops from the right of the header, where an
attacker cannot write.

One person holds one IPv4 address but a whole IPv6 /64 (every home and mobile connection gets
one, and picks a new address in it at will): `client_key()` groups IPv6 addresses by /64, so that
three flags or forty login attempts from one /64 count as one client's.
"""

import ipaddress

from django.conf import settings


def client_address(request):
    address = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [hop for hop in forwarded if hop]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return "0.0.0.0"  # noqa: S104 - an unparsable address shares one bucket, never raises


# The prefix one subscriber line gets in IPv6 (RFC 6177's minimum allocation, SLAAC's network).
IPV6_CLIENT_PREFIX = 64


def client_key(request):
    """The client every per-client limit counts: its IPv4 address, or its IPv6 /64 written as the
    network's first address (a valid address, so that django-axes can store it)."""
    address = ipaddress.ip_address(client_address(request))
    if address.version == 6 and address.ipv4_mapped:
        return str(address.ipv4_mapped)
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_CLIENT_PREFIX}", strict=False).network_address)
    return str(address)
