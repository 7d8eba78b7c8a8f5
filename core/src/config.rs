//! Client and per-call options (API.md, "The client"), validated once, up front.

use crate::encode::join;
use crate::error::Error;
use crate::headers::{check_header_name, check_header_value};
use crate::headers::{is_credential_header, redact};
use crate::json::must_be;
use crate::json::{Json, Kind};
use crate::validate::{integer, known_keys, member, object, string};

pub const DEFAULT_BASE_URL: &str = "https://api.cloudflare.com/client/v4";
pub const DEFAULT_TIMEOUT_MS: u64 = 60_000;
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// Timers clamp longer delays to 1 ms, so a longer timeout would fire at once.
const MAX_TIMER_MS: u64 = 2_147_483_647;

/// The credentials of API.md; every kind configured is sent.
#[derive(Clone, Default, PartialEq)]
pub struct Credentials {
    pub api_token: Option<String>,
    pub api_email: Option<String>,
    pub api_key: Option<String>,
    pub user_service_key: Option<String>,
}

impl Credentials {
    pub fn any(&self) -> bool {
        self.api_token.is_some() || self.api_key.is_some() || self.user_service_key.is_some()
    }
}

/// Never prints a credential, only which kinds are set.
impl core::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let mask = |c: &Option<String>| c.as_ref().map(|_| "***");
        f.debug_struct("Credentials")
            .field("api_token", &mask(&self.api_token))
            .field("api_email", &mask(&self.api_email))
            .field("api_key", &mask(&self.api_key))
            .field("user_service_key", &mask(&self.user_service_key))
            .finish()
    }
}

/// A validated client configuration.
#[derive(Clone, PartialEq)]
pub struct Config {
    /// Without a trailing `/`.
    pub base_url: String,
    pub credentials: Credentials,
    pub timeout_ms: u64,
    pub max_retries: u32,
    pub headers: Vec<(String, String)>,
    pub allow_insecure_http: bool,
}

/// Like [`Credentials`], never prints a credential, even one set through `headers`.
impl core::fmt::Debug for Config {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("timeout_ms", &self.timeout_ms)
            .field("max_retries", &self.max_retries)
            .field("headers", &redact(&self.headers))
            .field("allow_insecure_http", &self.allow_insecure_http)
            .finish()
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            base_url: DEFAULT_BASE_URL.to_string(),
            credentials: Credentials::default(),
            timeout_ms: DEFAULT_TIMEOUT_MS,
            max_retries: DEFAULT_MAX_RETRIES,
            headers: Vec::new(),
            allow_insecure_http: false,
        }
    }
}

const CLIENT_OPTIONS: [&str; 12] = [
    "apiToken",
    "apiEmail",
    "apiKey",
    "userServiceKey",
    "baseUrl",
    "timeoutMs",
    "maxRetries",
    "fetch",
    "headers",
    "allowInsecureHttp",
    "onRequest",
    "onResponse",
];
const NOT_AN_OPTION: &str = "is not an option of this call";

impl Config {
    /// Validates `new Cloudflare(options)`. The functions (`fetch`, hooks) are only
    /// type-checked here; the binding keeps them.
    pub fn parse<V: Json>(options: Option<&V>) -> Result<Config, Error> {
        let mut config = Config::default();
        let Some(options) = options.filter(|o| !o.is(Kind::Null)) else {
            return Ok(config);
        };
        object("options", options)?;
        known_keys("", options, &CLIENT_OPTIONS, NOT_AN_OPTION)?;
        let credential = |key: &str| -> Result<Option<String>, Error> {
            let Some(value) = member(options, key, true) else {
                return Ok(None);
            };
            let value = string(key, &value)?;
            if value.is_empty() {
                return Err(Error::validation(key, "must not be empty"));
            }
            check_header_value(key, &value)?;
            Ok(Some(value))
        };
        config.credentials = Credentials {
            api_token: credential("apiToken")?,
            api_email: credential("apiEmail")?,
            api_key: credential("apiKey")?,
            user_service_key: credential("userServiceKey")?,
        };
        match (&config.credentials.api_email, &config.credentials.api_key) {
            (Some(_), None) => {
                return Err(Error::validation(
                    "apiKey",
                    "is required with apiEmail (they go together)",
                ))
            }
            (None, Some(_)) => {
                return Err(Error::validation(
                    "apiEmail",
                    "is required with apiKey (they go together)",
                ))
            }
            _ => {}
        }
        for key in ["fetch", "onRequest", "onResponse"] {
            if let Some(f) = member(options, key, true) {
                if !f.is(Kind::Function) {
                    return Err(Error::validation(key, must_be("a function", f.kind())));
                }
            }
        }
        if let Some(value) = member(options, "allowInsecureHttp", true) {
            config.allow_insecure_http = value.as_bool().ok_or_else(|| {
                Error::validation("allowInsecureHttp", must_be("a boolean", value.kind()))
            })?;
        }
        let tuning = Tuning::parse(options)?;
        config.timeout_ms = tuning.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS);
        config.max_retries = tuning.max_retries.unwrap_or(DEFAULT_MAX_RETRIES);
        config.headers = tuning.headers;
        // The default (https://, a public host) passes every check: most clients are made with
        // it, and skipping the check spares their first `new Cloudflare()` compiling the URL
        // code (bench/RESULTS.md, issue 15).
        if let Some(value) = member(options, "baseUrl", true) {
            let sends_credentials = config.credentials.any()
                || config
                    .headers
                    .iter()
                    .any(|(name, _)| is_credential_header(name));
            config.base_url = check_base_url(
                &string("baseUrl", &value)?,
                sends_credentials,
                config.allow_insecure_http,
            )?;
        }
        Ok(config)
    }
}

impl Config {
    /// A call's own `headers` may carry a credential too: the rule that keeps credentials off
    /// plain `http:` to a host that is not loopback applies to them as well.
    pub fn check_call(&self, options: &CallOptions) -> Result<(), Error> {
        let insecure = || check_base_url(&self.base_url, true, self.allow_insecure_http).is_err();
        match options
            .headers
            .iter()
            .find(|(name, _)| is_credential_header(name))
        {
            Some((name, _)) if insecure() => Err(Error::validation(
                join("headers", name),
                "would send a credential in clear text over plain http: to a host that is not \
                 loopback; use https, or set allowInsecureHttp: true on the client",
            )),
            _ => Ok(()),
        }
    }
}

/// The options a client and a call share: `timeoutMs`, `maxRetries`, `headers`.
#[derive(Clone, Debug, Default, PartialEq)]
struct Tuning {
    timeout_ms: Option<u64>,
    max_retries: Option<u32>,
    headers: Vec<(String, String)>,
}

impl Tuning {
    fn parse<V: Json>(options: &V) -> Result<Tuning, Error> {
        let timeout_ms = match member(options, "timeoutMs", true) {
            None => None,
            Some(value) => match value.as_f64() {
                Some(ms) if ms.is_finite() && ms > 0.0 => {
                    Some((ms.ceil() as u64).min(MAX_TIMER_MS))
                }
                _ => {
                    return Err(Error::validation(
                        "timeoutMs",
                        "must be a positive, finite number of milliseconds",
                    ))
                }
            },
        };
        let max_retries = member(options, "maxRetries", true)
            .map(|value| integer("maxRetries", &value, 0, u32::MAX as u64).map(|n| n as u32))
            .transpose()?;
        let mut headers = Vec::new();
        if let Some(map) = member(options, "headers", true) {
            object("headers", &map)?;
            for (name, value) in map.members() {
                let field = join("headers", &name);
                check_header_name(&field, &name)?;
                let value = string(&field, &value)?;
                check_header_value(&field, &value)?;
                headers.push((name, value));
            }
        }
        Ok(Tuning {
            timeout_ms,
            max_retries,
            headers,
        })
    }
}

/// Per-call options: `{ signal?, timeoutMs?, maxRetries?, headers?, maxPages? }`.
#[derive(Clone, Default, PartialEq)]
pub struct CallOptions {
    pub timeout_ms: Option<u64>,
    pub max_retries: Option<u32>,
    pub headers: Vec<(String, String)>,
    pub max_pages: Option<u32>,
}

/// Never prints a credential header's value.
impl core::fmt::Debug for CallOptions {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("CallOptions")
            .field("timeout_ms", &self.timeout_ms)
            .field("max_retries", &self.max_retries)
            .field("headers", &redact(&self.headers))
            .field("max_pages", &self.max_pages)
            .finish()
    }
}

impl CallOptions {
    /// `paginating` says whether the method takes `maxPages`. The `signal` is only
    /// type-checked here; the binding keeps it.
    pub fn parse<V: Json>(options: Option<&V>, paginating: bool) -> Result<CallOptions, Error> {
        let Some(options) = options.filter(|o| !o.is(Kind::Null)) else {
            return Ok(CallOptions::default());
        };
        object("options", options)?;
        let allowed: &[&str] = if paginating {
            &["signal", "timeoutMs", "maxRetries", "headers", "maxPages"]
        } else {
            &["signal", "timeoutMs", "maxRetries", "headers"]
        };
        known_keys("", options, allowed, NOT_AN_OPTION)?;
        if let Some(signal) = member(options, "signal", true) {
            if !signal.is(Kind::Object) {
                return Err(Error::validation(
                    "signal",
                    must_be("an AbortSignal", signal.kind()),
                ));
            }
        }
        let tuning = Tuning::parse(options)?;
        let max_pages = member(options, "maxPages", true)
            .map(|value| integer("maxPages", &value, 1, u32::MAX as u64).map(|n| n as u32))
            .transpose()?;
        Ok(CallOptions {
            timeout_ms: tuning.timeout_ms,
            max_retries: tuning.max_retries,
            headers: tuning.headers,
            max_pages,
        })
    }
}

/// Accepts `http(s)://host[:port][/path]` or a same-origin path `/...`; drops trailing `/`.
/// Plain `http:` with credentials is refused unless the host is loopback or the caller
/// opted in, so a token never crosses a network in clear text by accident.
pub fn check_base_url(
    url: &str,
    sends_credentials: bool,
    allow_insecure: bool,
) -> Result<String, Error> {
    let refuse = |reason: &str| Err(Error::validation("baseUrl", reason));
    if url
        .chars()
        .any(|c| c.is_control() || matches!(c, ' ' | '?' | '#'))
    {
        return refuse("must not contain a query, a fragment, spaces or control characters");
    }
    // Checked before trimming: `/` alone is the origin's root, `//` another host.
    if url.starts_with('/') {
        if url.starts_with("//") {
            return refuse("a path must start with a single / (// names another host)");
        }
        return Ok(url.trim_end_matches('/').to_string());
    }
    let url = url.trim_end_matches('/');
    let lower = url.to_ascii_lowercase();
    let (rest, secure) = if let Some(rest) = lower.strip_prefix("https://") {
        (rest, true)
    } else if let Some(rest) = lower.strip_prefix("http://") {
        (rest, false)
    } else {
        return refuse("must be an http(s):// URL or a path starting with /");
    };
    let authority = rest.split('/').next().unwrap_or("");
    if authority.bytes().any(|b| b == b'@') {
        return refuse("must not carry credentials (user:password@)");
    }
    let host = host_of(authority);
    if host.is_empty() {
        return refuse("has no host");
    }
    if !secure && sends_credentials && !allow_insecure && !is_loopback(host) {
        return refuse(
            "plain http: would send credentials in clear text to a host that is not loopback; \
             use https, or set allowInsecureHttp: true",
        );
    }
    Ok(url.to_string())
}

fn host_of(authority: &str) -> &str {
    if authority.starts_with('[') {
        match authority.bytes().position(|b| b == b']') {
            Some(end) => authority.get(..=end).unwrap_or(""),
            None => "",
        }
    } else {
        authority.split(':').next().unwrap_or("")
    }
}

/// `localhost`, `[::1]` and 127.0.0.0/8 written as a dotted quad.
pub fn is_loopback(host: &str) -> bool {
    if host == "localhost" || host == "[::1]" {
        return true;
    }
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets[0] == "127"
        && octets.iter().all(|o| {
            !o.is_empty()
                && o.len() <= 3
                && o.bytes().all(|b| b.is_ascii_digit())
                && o.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}
