"""Who sent a comment, as far as Qalam keeps it: a keyed hash of the client's address.

The client's address is core's (`qalam.core.clients`): the one admin sign-in limits use too."""

from django.utils.crypto import salted_hmac

from qalam.core.clients import client_ip, client_of

__all__ = ["client_ip", "client_of", "hash_of", "ip_hash", "rate_limit_key"]
HASH_SALT = "qalam.comments.ip"


def ip_hash(request):
    return hash_of(client_ip(request))


def hash_of(ip):
    """The keyed hash kept of a client's address (imports hash the addresses they bring)."""
    return salted_hmac(HASH_SALT, ip, algorithm="sha256").hexdigest() if ip else ""


def rate_limit_key(group, request):
    """django-ratelimit's key: the IP hash, so the cache holds no address either."""
    return ip_hash(request) or "unknown"
