//! A request described as data: what the transport sends, and what hooks may see of it.

use crate::config::{CallOptions, Config};
use crate::endpoint::{Endpoint, Method};
use crate::headers::redact;
pub use crate::headers::{is_credential_header, REDACTED};

#[derive(Clone, PartialEq)]
pub struct Request {
    pub method: Method,
    /// The full URL: the base URL, the path and the query.
    pub url: String,
    /// The path after the base URL, without the query (what errors report).
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

impl Request {
    pub fn new(config: &Config, call: &CallOptions, endpoint: &Endpoint) -> Request {
        let mut url = String::with_capacity(
            config.base_url.len() + endpoint.path.len() + endpoint.query.len() + 1,
        );
        url.push_str(&config.base_url);
        url.push_str(&endpoint.path);
        if !endpoint.query.is_empty() {
            url.push('?');
            url.push_str(&endpoint.query);
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        let mut set = |name: &str, value: &str| {
            headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            headers.push((name.to_string(), value.to_string()));
        };
        set("accept", "application/json");
        if endpoint.body.is_some() {
            set("content-type", "application/json");
        }
        let credentials = &config.credentials;
        if let Some(token) = &credentials.api_token {
            let mut bearer = String::from("Bearer ");
            bearer.push_str(token);
            set("authorization", &bearer);
        }
        if let (Some(email), Some(key)) = (&credentials.api_email, &credentials.api_key) {
            set("x-auth-email", email);
            set("x-auth-key", key);
        }
        if let Some(key) = &credentials.user_service_key {
            set("x-auth-user-service-key", key);
        }
        // Call headers override client headers of the same name.
        for (name, value) in config.headers.iter().chain(&call.headers) {
            set(name, value);
        }
        Request {
            method: endpoint.operation.method,
            url,
            path: endpoint.path.clone(),
            headers,
            body: endpoint.body.clone(),
        }
    }

    /// The headers with every credential replaced by `***`, for hooks and logs.
    pub fn redacted_headers(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .map(|(name, value)| {
                let value = if is_credential_header(name) {
                    REDACTED.to_string()
                } else {
                    value.clone()
                };
                (name.clone(), value)
            })
            .collect()
    }
}

/// Shows the headers redacted: a logged request never leaks a credential.
impl core::fmt::Debug for Request {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("path", &self.path)
            .field("headers", &redact(&self.headers))
            .field("body", &self.body)
            .finish()
    }
}
