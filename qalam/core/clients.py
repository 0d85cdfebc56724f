"""The client a request comes from, as comment rate limits and admin sign-in limits see it.

Behind a reverse proxy REMOTE_ADDR is the proxy; `QALAM_CLIENT_IP_HEADER` names the header
the proxy sets to the client's address (e.g. X-Real-IP). Only trust a header your own proxy
overwrites, or clients can choose their address."""

import ipaddress

from django.conf import settings


def client_ip(request):
    header = settings.QALAM_CLIENT_IP_HEADER
    if header:
        # In a list the last address is the one our own proxy appended.
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "").split(",")[-1]
    else:
        value = request.META.get("REMOTE_ADDR", "")
    return client_of(value)


def client_of(value):
    """The client an address stands for; "" when it is not an address."""
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return ""
    if address.version == 6:
        # One IPv6 subscriber holds a whole /64: treat it as one client.
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)
