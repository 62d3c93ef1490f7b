//! Who the client is when a reverse proxy stands in front: forwarded headers are believed only
//! from the proxies named with `--trusted-proxy`.
//!
//! Any client can send `X-Forwarded-For` and `X-Forwarded-Host`. Believing them from every
//! peer (or, as before, from every loopback peer) let one client pose as a new address on each
//! attempt and never meet the sign-in limit. So the peer's own address counts unless it is a
//! named proxy; then the client is the right-most address in `X-Forwarded-For` that is not a
//! named proxy itself (each proxy appends the address it saw, so everything left of the last
//! trusted hop may be forged).

use std::net::IpAddr;

use axum::http::HeaderMap;

/// The proxies whose forwarded headers are believed: addresses or CIDR ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(IpAddr, u8)>);

/// A `--trusted-proxy` value that is not an address or a range.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "“{0}” is not an IP address or a range: give the proxy's address as it connects to this \
     server, such as 127.0.0.1, ::1 or 10.0.0.0/8"
)]
pub struct BadProxy(pub String);

impl TrustedProxies {
    /// No proxy: every request's client is its peer.
    pub fn none() -> TrustedProxies {
        TrustedProxies::default()
    }

    /// Parses addresses (`127.0.0.1`, `::1`) and ranges (`10.0.0.0/8`, `fd00::/8`).
    pub fn parse<S: AsRef<str>>(values: &[S]) -> Result<TrustedProxies, BadProxy> {
        let mut out = Vec::new();
        for value in values {
            let value = value.as_ref().trim();
            if value.is_empty() {
                continue;
            }
            let bad = || BadProxy(value.to_owned());
            let (ip, bits) = match value.split_once('/') {
                Some((ip, bits)) => {
                    let ip: IpAddr = ip.trim().parse().map_err(|_| bad())?;
                    let bits: u8 = bits.trim().parse().map_err(|_| bad())?;
                    (ip, bits)
                }
                None => {
                    let ip: IpAddr = value.parse().map_err(|_| bad())?;
                    (ip, full(ip))
                }
            };
            if bits > full(ip) {
                return Err(bad());
            }
            out.push((ip, bits));
        }
        Ok(TrustedProxies(out))
    }

    /// Whether any proxy is named.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `ip` is one of the named proxies.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0
            .iter()
            .any(|&(net, bits)| same_prefix(canonical(net), ip, bits))
    }

    /// The client behind `peer`: `peer` itself unless it is a named proxy, else the right-most
    /// address of `X-Forwarded-For` that is not a named proxy (the peer when the header is
    /// missing or unreadable).
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.contains(peer) {
            return peer;
        }
        let hops: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect();
        let mut client = peer;
        for hop in hops.iter().rev() {
            let Ok(ip) = hop.parse::<IpAddr>() else {
                // A hop we cannot read ends what we can believe: the last good one counts.
                break;
            };
            client = canonical(ip);
            if !self.contains(client) {
                break;
            }
        }
        client
    }

    /// Whether a request from `peer` may name its host with `X-Forwarded-Host`.
    pub fn forwards_host(&self, peer: Option<IpAddr>) -> bool {
        peer.is_some_and(|peer| self.contains(peer))
    }
}

/// The key the sign-in limit counts an address under. An IPv6 client usually holds a whole
/// /64, so counting single addresses would give it billions of fresh buckets.
pub fn rate_key(ip: IpAddr) -> String {
    match canonical(ip) {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

/// IPv4 addresses mapped into IPv6 (`::ffff:1.2.3.4`) as the IPv4 address they are.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

fn full(ip: IpAddr) -> u8 {
    match ip {
        IpAddr::V4(_) => 32,
        IpAddr::V6(_) => 128,
    }
}

fn same_prefix(net: IpAddr, ip: IpAddr, bits: u8) -> bool {
    match (net, ip) {
        (IpAddr::V4(n), IpAddr::V4(i)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(bits)).unwrap_or(0);
            u32::from(n) & mask == u32::from(i) & mask
        }
        (IpAddr::V6(n), IpAddr::V6(i)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(bits)).unwrap_or(0);
            u128::from(n) & mask == u128::from(i) & mask
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("an address")
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for v in values {
            map.append("x-forwarded-for", HeaderValue::from_str(v).expect("header"));
        }
        map
    }

    #[test]
    fn without_named_proxies_the_peer_is_the_client_whatever_it_sends() {
        let none = TrustedProxies::none();
        let headers = forwarded(&["203.0.113.9"]);
        assert_eq!(none.client(ip("127.0.0.1"), &headers), ip("127.0.0.1"));
        assert_eq!(none.client(ip("::1"), &headers), ip("::1"));
        assert!(!none.forwards_host(Some(ip("127.0.0.1"))));
    }

    #[test]
    fn behind_a_named_proxy_the_right_most_untrusted_hop_is_the_client() {
        let proxies = TrustedProxies::parse(&["127.0.0.1", "10.0.0.0/8"]).expect("valid");
        // The client forged the first hop; the proxy appended what it saw.
        let headers = forwarded(&["198.51.100.1, 203.0.113.9"]);
        assert_eq!(proxies.client(ip("127.0.0.1"), &headers), ip("203.0.113.9"));
        // Two trusted hops: skip both.
        let headers = forwarded(&["203.0.113.9", "10.1.2.3"]);
        assert_eq!(proxies.client(ip("127.0.0.1"), &headers), ip("203.0.113.9"));
        // No header: the proxy itself (misconfigured, but not forgeable).
        assert_eq!(
            proxies.client(ip("127.0.0.1"), &HeaderMap::new()),
            ip("127.0.0.1")
        );
        // Garbage stops the walk at the last readable hop.
        let headers = forwarded(&["evil, 203.0.113.9"]);
        assert_eq!(proxies.client(ip("127.0.0.1"), &headers), ip("203.0.113.9"));
        // Not from a proxy: the header is ignored.
        assert_eq!(
            proxies.client(ip("192.0.2.5"), &forwarded(&["203.0.113.9"])),
            ip("192.0.2.5")
        );
        assert!(proxies.forwards_host(Some(ip("10.9.9.9"))));
        assert!(!proxies.forwards_host(Some(ip("11.0.0.1"))));
        assert!(proxies.contains(ip("::ffff:127.0.0.1")));
    }

    #[test]
    fn bad_values_are_refused_with_the_value() {
        for bad in ["localhost", "10.0.0.0/33", "::1/129", "1.2.3", "10.0.0.0/x"] {
            let error = TrustedProxies::parse(&[bad]).expect_err(bad);
            assert!(error.to_string().contains(bad), "{error}");
        }
        assert!(TrustedProxies::parse(&["", " ::1 "]).is_ok());
    }

    #[test]
    fn ipv6_clients_count_by_their_64_bit_prefix() {
        assert_eq!(
            rate_key(ip("2001:db8:1:2:aaaa::1")),
            rate_key(ip("2001:db8:1:2:bbbb::9"))
        );
        assert_ne!(
            rate_key(ip("2001:db8:1:2::1")),
            rate_key(ip("2001:db8:1:3::1"))
        );
        assert_eq!(rate_key(ip("::ffff:192.0.2.1")), "192.0.2.1");
    }
}
