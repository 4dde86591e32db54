# Varnish in front of gunicorn (docs/caching.md, docs/production.md). Debian's varnish 7.1:
#   varnishd -a :80 -f /etc/varnish/default.vcl -s malloc,512m
# Django decides what may be kept (Cache-Control, frontcache/middleware.py); this file only makes
# sure that nothing personal is ever stored, accepts the purges sent by Wagtail
# (wagtail.contrib.frontend_cache, FRONTEND_CACHE_URL), and keeps serving what it holds while the
# site is down. The backend address below is the only line a deployment (or bench/load and the
# tests, which start their own Varnish) changes; the probe's Host must be in ALLOWED_HOSTS.
vcl 4.1;

import std;

backend site {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
    # A cheap page that needs no database: the site is « sick » when gunicorn does not answer.
    # As the TLS proxy forwards requests: HTTPS, so that production answers rather than redirects.
    .probe = {
        .request =
            "GET /robots.txt HTTP/1.1"
            "Host: localhost"
            "X-Forwarded-Proto: https"
            "Connection: close";
        .interval = 2s;
        .timeout = 1s;
        .window = 5;
        .threshold = 3;
        .initial = 3;
    }
}

# Who may purge: the application servers (set FRONTEND_CACHE_URL to this Varnish).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Purge not allowed"));
        }
        # Every stored variant of the address (any query string) on this host.
        ban("obj.http.x-host == " + req.http.host + " && obj.http.x-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        # Posts (comments, likes, the visit beacon, the admin) always reach the site.
        return (pass);
    }
    # The admin and its previews: personal, with their cookies.
    if (req.url ~ "^/(admin|django-admin)(/|$)") {
        return (pass);
    }
    # A visitor with a session, a CSRF token or messages gets pages made for them.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken|messages)=") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # Any other cookie is one the site never reads (it sets no other): dropped, so that the
    # response Django marks public for a visitor without cookies can be shared.
    unset req.http.Cookie;
    set req.url = std.querysort(req.url);
    # While the site is healthy, a stale page is served for 10 s at most while it is fetched
    # again; while it is down, whatever is stored (grace below) is served.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_backend_response {
    # Remembered for purges (bans on these are checked by the ban lurker, off the request path).
    set beresp.http.x-host = bereq.http.host;
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        # The site fails while refreshing a stored page: keep serving the stored one.
        return (abandon);
    }
    # Never store what is personal or what Django did not call public.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)"
        || beresp.http.Cache-Control !~ "(?i)public"
        || beresp.http.Vary == "*") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # The TTL is Django's s-maxage; kept six hours longer to serve while the site is down.
    set beresp.grace = 6h;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-host;
    unset resp.http.x-path;
    unset resp.http.Via;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

sub vcl_backend_error {
    # The site does not answer and nothing is stored for this address: a French page.
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "30";
    set beresp.http.Cache-Control = "no-store";
    synthetic({"<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Service momentanément indisponible – Mission culture-acte 2</title></head>
<body style="font-family: Marianne, Arial, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem;">
<h1>Service momentanément indisponible</h1>
<p>Le site est momentanément indisponible. Veuillez réessayer dans quelques minutes.</p>
<p>Les contributions déjà envoyées sont conservées.</p>
</body>
</html>
"});
    return (deliver);
}

sub vcl_synth {
    set resp.http.Cache-Control = "no-store";
}
