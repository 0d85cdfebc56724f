vcl 4.1;

# Varnish in front of Qalam (docs/caching.md). Anonymous readers get the cached page for as
# long as Qalam's `s-maxage` says; editors (a session cookie) and readers with a message
# waiting after posting a comment always reach Qalam; Qalam sends PURGE for every address a
# change shows on. A PURGE outdates the address itself softly: readers keep getting the
# outdated copy for the moment one background fetch takes to bring the new one (its grace),
# so a publish costs the home page one request to Qalam, not one per reader waiting. The
# same path with a query string (?page=2, ?utm_…) is dropped at once.

import purge;

# One app server. `qalam varnish_vcl --backend HOST:PORT …` writes this file with several in
# place of this block, balanced round-robin and probed (docs/scaling.md).
backend qalam {
    .host = "127.0.0.1";
    .port = "8000";
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.http.x-qalam-host == " + req.http.host +
            " && obj.http.x-qalam-url ~ ^" + regsub(req.url, "\?.*$", "") + "\?");
        set req.url = regsub(req.url, "\?.*$", "");
        return (hash);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin|api|documents)/") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Other cookies (analytics and the like) do not change a page.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hit {
    if (req.method == "PURGE") {
        purge.soft(0s);  # no time to live left, its grace kept
        return (synth(200, "Purged"));
    }
    if (obj.ttl <= 0s) {
        set req.http.x-qalam-outdated = "1";  # served in its grace, a fetch under way
    }
}

sub vcl_miss {
    if (req.method == "PURGE") {
        purge.soft(0s);
        return (synth(200, "Purged"));
    }
}

sub vcl_backend_response {
    # Kept on the object so bans can be checked by the background ban lurker.
    set beresp.http.x-qalam-host = bereq.http.host;
    set beresp.http.x-qalam-url = bereq.url;
    if (beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        return (deliver);
    }
    set beresp.grace = 30s;
}

sub vcl_backend_error {
    # An app server that refused or dropped the connection (stopped, killed, restarting):
    # a read is asked again, of the next app server when there are several (`qalam
    # varnish_vcl` sends it past the one that failed). A POST is not:
    # it may have been taken before the connection dropped, and the reader sends it again.
    if ((bereq.method == "GET" || bereq.method == "HEAD") && bereq.retries < 2) {
        return (retry);
    }
}

sub vcl_deliver {
    unset resp.http.x-qalam-host;
    unset resp.http.x-qalam-url;
    if (req.http.x-qalam-outdated) {
        set resp.http.x-cache = "stale";
    } elsif (obj.hits > 0) {
        set resp.http.x-cache = "hit";
    } else {
        set resp.http.x-cache = "miss";
    }
}
