"""Who sent a comment, as far as Qalam keeps it: a keyed hash of the client's address.

Behind a reverse proxy REMOTE_ADDR is the proxy; `QALAM_CLIENT_IP_HEADER` names the header
the proxy sets to the reader's address (e.g. X-Real-IP). Only trust a header your own proxy
overwrites, or readers can choose their address."""

import ipaddress

from django.conf import settings
from django.utils.crypto import salted_hmac

HASH_SALT = "qalam.comments.ip"


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


def ip_hash(request):
    return hash_of(client_ip(request))


def hash_of(ip):
    """The keyed hash kept of a client's address (imports hash the addresses they bring)."""
    return salted_hmac(HASH_SALT, ip, algorithm="sha256").hexdigest() if ip else ""


def rate_limit_key(group, request):
    """django-ratelimit's key: the IP hash, so the cache holds no address either."""
    return ip_hash(request) or "unknown"
