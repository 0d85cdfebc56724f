vcl 4.1;

# Varnish in front of Qalam (docs/caching.md). Anonymous readers get the cached page for as
# long as Qalam's `s-maxage` says; editors (a session cookie) and readers with a message
# waiting after posting a comment always reach Qalam; Qalam sends PURGE for every address a
# change shows on, and each PURGE drops the path with all its query strings (?page=2, ?utm_…).

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
            " && obj.http.x-qalam-url ~ ^" + regsub(req.url, "\?.*$", "") + "(\?|$)");
        return (synth(200, "Purged"));
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

sub vcl_deliver {
    unset resp.http.x-qalam-host;
    unset resp.http.x-qalam-url;
    if (obj.hits > 0) {
        set resp.http.x-cache = "hit";
    } else {
        set resp.http.x-cache = "miss";
    }
}
