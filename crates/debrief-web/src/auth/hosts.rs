//! Which names this server answers to. A website can point a name it owns at 127.0.0.1 (DNS
//! rebinding); the candidate's browser then treats the local debrief as part of that website
//! and lets its scripts read the answers. Such a request always carries the attacker's name in
//! `Host`, never an IP address or `localhost`, so refusing every other name (unless the server
//! was told it with `--public-host`) closes the hole in both modes.

use axum::http::{HeaderMap, Uri, header};

/// The host of an authority (`host[:port]`), lowercased, without the port, the IPv6
/// brackets or a trailing dot.
fn host_of(authority: &str) -> String {
    let authority = authority.trim();
    let host = if let Some(rest) = authority.strip_prefix('[') {
        rest.split(']').next().unwrap_or(rest)
    } else {
        match authority.rsplit_once(':') {
            // One colon: a port. More than one without brackets: a bare IPv6 address.
            Some((host, port))
                if !host.contains(':') && port.bytes().all(|b| b.is_ascii_digit()) =>
            {
                host
            }
            _ => authority,
        }
    };
    host.trim_end_matches('.').to_ascii_lowercase()
}

/// Whether `host` (as [`host_of`] gives it) is one this server answers to: an IP address,
/// `localhost` or a name under it, or one of `public`.
fn allowed(host: &str, public: &[String]) -> bool {
    host.parse::<std::net::IpAddr>().is_ok()
        || host == "localhost"
        || host.ends_with(".localhost")
        || public.iter().any(|p| host_of(p) == host)
}

/// The first name of the request (`Host`, the URI's authority, or a proxy's
/// `X-Forwarded-Host`) this server does not answer to, if any. A request naming no host at
/// all (no browser sends one) passes.
pub(crate) fn foreign_host(headers: &HeaderMap, uri: &Uri, public: &[String]) -> Option<String> {
    let text = |name: header::HeaderName| headers.get(name).map(|v| v.to_str().unwrap_or("?"));
    let forwarded = text(header::HeaderName::from_static("x-forwarded-host"));
    let named = [
        text(header::HOST),
        uri.authority().map(|a| a.as_str()),
        forwarded.and_then(|v| v.split(',').next()),
    ];
    named
        .into_iter()
        .flatten()
        .map(host_of)
        .find(|host| !allowed(host, public))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(host: &str, public: &[&str]) -> bool {
        let public: Vec<String> = public.iter().map(|p| (*p).to_owned()).collect();
        allowed(&host_of(host), &public)
    }

    #[test]
    fn addresses_and_localhost_pass_other_names_need_public_host() {
        for ok in [
            "127.0.0.1:7878",
            "127.0.0.1",
            "[::1]:7878",
            "localhost:7878",
            "LOCALHOST.",
            "app.localhost:80",
            "10.0.0.5:7878",
            "::1",
        ] {
            assert!(check(ok, &[]), "{ok}");
        }
        for bad in [
            "attacker.example:7878",
            "attacker.example",
            "localhost.attacker.example",
            "127.0.0.1.attacker.example",
            "",
        ] {
            assert!(!check(bad, &[]), "{bad:?}");
        }
        assert!(check("prep.example.com", &["prep.example.com"]));
        assert!(check("Prep.Example.com:443", &["prep.example.com"]));
        assert!(!check("evil.example.com", &["prep.example.com"]));
    }

    #[test]
    fn every_name_a_request_carries_is_checked() {
        let headers = |pairs: &[(&'static str, &str)]| {
            let mut h = HeaderMap::new();
            for (k, v) in pairs {
                h.insert(*k, v.parse().expect("header value"));
            }
            h
        };
        let uri: Uri = "/stories".parse().expect("uri");
        let public = vec!["prep.example.com".to_owned()];
        assert_eq!(
            foreign_host(&headers(&[("host", "127.0.0.1:7878")]), &uri, &public),
            None
        );
        assert_eq!(
            foreign_host(
                &headers(&[("host", "attacker.example:7878")]),
                &uri,
                &public
            ),
            Some("attacker.example".to_owned())
        );
        assert_eq!(
            foreign_host(
                &headers(&[
                    ("host", "127.0.0.1:7878"),
                    ("x-forwarded-host", "evil.example")
                ]),
                &uri,
                &public
            ),
            Some("evil.example".to_owned())
        );
        assert_eq!(
            foreign_host(
                &headers(&[
                    ("host", "127.0.0.1:7878"),
                    ("x-forwarded-host", "prep.example.com")
                ]),
                &uri,
                &public
            ),
            None
        );
        assert_eq!(foreign_host(&headers(&[]), &uri, &public), None);
    }
}
