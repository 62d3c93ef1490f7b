//! Session tokens: drawn from the operating system's random source, stored only as a hash.

use sha2::{Digest, Sha256};

use crate::StoreError;

/// Draws a new session token: 32 random bytes from the operating system, as 64 lowercase hex
/// characters. Put it in the cookie and pass it to [`crate::Store::create_session`].
pub fn new_session_token() -> Result<String, StoreError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Random(e.to_string()))?;
    Ok(hex(&bytes))
}

/// The SHA-256 of a token, as 64 lowercase hex characters: what the sessions table holds.
///
/// The store hashes tokens itself; callers pass the raw token to the session methods. This is
/// public so tools and tests can look at the table.
pub fn hash_token(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_known_answer() {
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn tokens_are_random_hex() {
        let a = new_session_token().ok();
        let b = new_session_token().ok();
        assert!(
            a.as_ref()
                .is_some_and(|t| t.len() == 64 && t.bytes().all(|c| c.is_ascii_hexdigit()))
        );
        assert_ne!(a, b);
    }
}
