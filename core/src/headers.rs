//! Which headers carry a credential, and how they are shown: `***`, in hooks, logs and
//! `Debug` output; and which names and values a header may have.

use crate::error::Error;

/// What a hook or a log may show in place of a credential.
pub const REDACTED: &str = "***";

/// `headers` with every credential value shown as `***` (for `Debug`).
pub fn redact(headers: &[(String, String)]) -> Vec<(&str, &str)> {
    headers
        .iter()
        .map(|(name, value)| {
            let shown = if is_credential_header(name) {
                REDACTED
            } else {
                value.as_str()
            };
            (name.as_str(), shown)
        })
        .collect()
}

/// The headers that carry a credential in one of the API's schemes.
pub fn is_credential_header(name: &str) -> bool {
    [
        "authorization",
        "x-auth-email",
        "x-auth-key",
        "x-auth-user-service-key",
    ]
    .iter()
    .any(|c| c.eq_ignore_ascii_case(name))
}

pub fn check_header_value(field: &str, value: &str) -> Result<(), Error> {
    if value.chars().all(is_header_value_char) {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            "contains a character not allowed in an HTTP header value (CR, LF, NUL or another control character)",
        ))
    }
}

pub fn check_header_name(field: &str, name: &str) -> Result<(), Error> {
    if !name.is_empty() && name.chars().all(is_token_char) {
        Ok(())
    } else {
        Err(Error::validation(field, "is not a valid HTTP header name"))
    }
}

/// A character that may stand in an HTTP header value (RFC 9110 field-value: visible ASCII,
/// space, tab and obs-text; no CR, LF, NUL or other controls, nothing `fetch` would refuse).
fn is_header_value_char(c: char) -> bool {
    c == '\t' || (' '..='~').contains(&c) || ('\u{80}'..='\u{ff}').contains(&c)
}

/// A header name is an RFC 9110 token.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".iter().any(|&t| t as char == c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values_refuse_control_characters() {
        for bad in ["a\nb", "a\rb", "a\0b", "a\u{7f}", "a\u{1b}", "\u{100}"] {
            assert!(check_header_value("apiToken", bad).is_err(), "{bad:?}");
        }
        assert!(check_header_value("apiToken", "abc DEF\t-_.~!").is_ok());
        assert!(check_header_name("headers", "X-Trace-Id").is_ok());
        assert!(check_header_name("headers", "X Trace").is_err());
        assert!(check_header_name("headers", "").is_err());
    }
}
