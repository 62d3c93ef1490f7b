//! Accounts of multi-user mode: the rules for usernames and passwords, and argon2id hashing.
//!
//! The sign-up page and `debrief users add` both check names and passwords here, so the two can
//! never disagree. Hashes are argon2id PHC strings with the argon2 crate's default parameters
//! (19 MiB, 2 passes), which the store keeps as they are. Hashing is slow on purpose: callers in
//! async code run it on a blocking thread.

use std::sync::LazyLock;

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Argon2, PasswordHash};

/// The fewest characters a password may have.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// The most characters a password may have (hashing cost grows with length).
pub const MAX_PASSWORD_CHARS: usize = 256;

/// The fewest characters a username may have.
pub const MIN_USERNAME_CHARS: usize = 3;

/// The most characters a username may have.
pub const MAX_USERNAME_CHARS: usize = 32;

/// What is wrong with a new account, or why a password could not be hashed. Each message says
/// what was wrong and what to do, for a page or a terminal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AccountError {
    /// The username breaks a rule.
    #[error("{0}")]
    Username(String),
    /// The password breaks a rule.
    #[error("{0}")]
    Password(String),
    /// The operating system gave no random bytes for the salt, or argon2 refused.
    #[error("the password could not be hashed ({0}); try again")]
    Hash(String),
}

/// Checks a username for a new account: 3 to 32 characters, ASCII letters, digits, dots,
/// dashes and underscores, starting with a letter or a digit. ASCII only, so two accounts can
/// never look alike; case is kept but ignored when comparing. The local-mode user's name is
/// reserved.
pub fn check_username(username: &str) -> Result<(), AccountError> {
    let bad = |message: String| Err(AccountError::Username(message));
    let count = username.chars().count();
    if username.trim().is_empty() {
        return bad("Choose a username.".into());
    }
    if count < MIN_USERNAME_CHARS {
        return bad(format!(
            "That username is too short: use at least {MIN_USERNAME_CHARS} characters."
        ));
    }
    if count > MAX_USERNAME_CHARS {
        return bad(format!(
            "That username is too long: use at most {MAX_USERNAME_CHARS} characters."
        ));
    }
    if let Some(c) = username
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')))
    {
        let shown = if c == ' ' {
            "a space".to_owned()
        } else {
            format!("“{c}”")
        };
        return bad(format!(
            "A username may hold letters, digits, dots, dashes and underscores, not {shown}."
        ));
    }
    if !username.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return bad("Start the username with a letter or a digit.".into());
    }
    if username.eq_ignore_ascii_case(debrief_store::LOCAL_USERNAME) {
        return bad(format!(
            "“{}” is reserved for local mode; choose another username.",
            debrief_store::LOCAL_USERNAME
        ));
    }
    Ok(())
}

/// Checks a new password: 10 to 256 characters, and not the username itself.
pub fn check_password(password: &str, username: &str) -> Result<(), AccountError> {
    let count = password.chars().count();
    if count < MIN_PASSWORD_CHARS {
        return Err(AccountError::Password(format!(
            "That password is too short: use at least {MIN_PASSWORD_CHARS} characters. A few \
             unrelated words make a long password that is easy to remember."
        )));
    }
    if count > MAX_PASSWORD_CHARS {
        return Err(AccountError::Password(format!(
            "That password is too long: use at most {MAX_PASSWORD_CHARS} characters."
        )));
    }
    if password.trim().eq_ignore_ascii_case(username.trim()) {
        return Err(AccountError::Password(
            "The password cannot be your username; choose something only you know.".into(),
        ));
    }
    Ok(())
}

/// Hashes a password with argon2id and a fresh random salt, as a PHC string
/// (`$argon2id$v=19$m=19456,t=2,p=1$...`). Slow on purpose (tens of milliseconds).
pub fn hash_password(password: &str) -> Result<String, AccountError> {
    // The salt is drawn here rather than by `hash_password`, which panics when the operating
    // system has no randomness to give.
    let salt = argon2::password_hash::try_generate_salt()
        .map_err(|e| AccountError::Hash(format!("no random bytes for the salt: {e}")))?;
    Argon2::default()
        .hash_password_with_salt(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| AccountError::Hash(e.to_string()))
}

/// Whether `password` matches the PHC string `hash`. An empty or unreadable hash (the local
/// user's, or no user at all) is checked against a dummy hash of the same cost and never
/// matches, so the time taken does not tell whether an account exists.
pub fn verify_password(password: &str, hash: &str) -> bool {
    let argon2 = Argon2::default();
    match PasswordHash::new(hash) {
        Ok(parsed) if !hash.is_empty() => {
            argon2.verify_password(password.as_bytes(), &parsed).is_ok()
        }
        _ => {
            if let Some(dummy) = DUMMY.as_ref() {
                let _ = argon2.verify_password(password.as_bytes(), dummy);
            }
            false
        }
    }
}

/// Computes the dummy hash now, so the first login with an unknown name takes no longer than
/// any other. Cheap after the first call.
pub fn warm_up() {
    LazyLock::force(&DUMMY);
}

/// A hash no password is known for, with the same parameters as every new hash. `None` only if
/// argon2 refused, which a fixed 16-byte salt and the default parameters cannot cause;
/// verification then still fails, just faster.
static DUMMY: LazyLock<Option<PasswordHash>> = LazyLock::new(|| {
    Argon2::default()
        .hash_password_with_salt(b"no password matches this hash", b"debrief no user!")
        .ok()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_follow_the_rules() {
        for good in [
            "ada",
            "Ada.Lovelace",
            "pm-2027",
            "x_y",
            "a1b",
            &"a".repeat(32),
        ] {
            assert_eq!(check_username(good), Ok(()), "{good}");
        }
        for (bad, says) in [
            ("", "Choose a username"),
            ("  ", "Choose a username"),
            ("ab", "too short"),
            (&"a".repeat(33), "too long"),
            ("ada lovelace", "not a space"),
            ("adá", "not “á”"),
            ("ada<script>", "not “<”"),
            ("-ada", "Start the username"),
            ("Local", "reserved"),
        ] {
            let message = check_username(bad).err().map(|e| e.to_string());
            assert!(
                message.as_deref().is_some_and(|m| m.contains(says)),
                "{bad:?}: {message:?}"
            );
        }
    }

    #[test]
    fn passwords_follow_the_rules() {
        assert_eq!(check_password("correct horse", "ada"), Ok(()));
        for (bad, says) in [
            ("short", "too short"),
            (&"x".repeat(257), "too long"),
            ("adalovelace", "cannot be your username"),
        ] {
            let message = check_password(bad, "AdaLovelace")
                .err()
                .map(|e| e.to_string());
            assert!(
                message.as_deref().is_some_and(|m| m.contains(says)),
                "{bad:?}: {message:?}"
            );
        }
    }

    #[test]
    fn hashes_are_argon2id_with_fresh_salts_and_verify() {
        let a = hash_password("correct horse battery").expect("hashes");
        let b = hash_password("correct horse battery").expect("hashes");
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify_password("correct horse battery", &a));
        assert!(!verify_password("correct horse batterY", &a));
        // No account, the local user's empty hash, garbage: never a match.
        assert!(!verify_password("", ""));
        assert!(!verify_password("anything", "not a phc string"));
    }

    #[test]
    fn the_dummy_costs_what_a_real_hash_costs() {
        let real = hash_password("whatever it is").expect("hashes");
        let real = PasswordHash::new(&real).expect("parses");
        let dummy = DUMMY.as_ref().expect("the dummy hash exists");
        assert_eq!(dummy.algorithm, real.algorithm);
        assert_eq!(dummy.params, real.params);
        assert!(dummy.hash.is_some());
    }
}
