"""Who is asking: the client address used for rate limits and login lockouts.

`REMOTE_ADDR` is the only address a client cannot forge. Behind a reverse proxy that appends the
real client address to `X-Forwarded-For`, set `TRUSTED_PROXY_COUNT` to the number of proxies in
front of the site; the address is then read that many hops from the right of the header, where an
attacker cannot write.
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
