//! One call from request to result, as a sans-IO state machine: the binding sends what
//! [`Call::request`] describes, hands back what came of it, and is told to wait and retry or
//! given the result. Every endpoint goes through here, and so does every page of a list.

use crate::config::{CallOptions, Config};
use crate::endpoint::{Endpoint, Paging, ResultShape};
use crate::error::Error;
use crate::json::{Body, Json};
use crate::params::ListQuery;
use crate::request::Request;
use crate::response::{read, Outcome, ResponseHead};
use crate::retry::{decide, Decision};

/// What the binding does next.
#[derive(Debug, PartialEq)]
pub enum Step<V> {
    /// Wait this long (abortable), then send the request again.
    Retry {
        wait_ms: u64,
    },
    Done(Result<Outcome<V>, Error>),
}

#[derive(Debug)]
pub struct Call {
    request: Request,
    shape: ResultShape,
    timeout_ms: u64,
    max_retries: u32,
    attempts: u32,
    /// Page tokens already sent or handed back in this listing; a repeat is refused.
    seen_tokens: Vec<String>,
    /// The position this call asks for (a page number decides the next one).
    position: Option<String>,
}

impl Call {
    pub fn new(config: &Config, options: &CallOptions, endpoint: &Endpoint) -> Call {
        Call {
            request: Request::new(config, options, endpoint),
            shape: endpoint.operation.result,
            timeout_ms: options.timeout_ms.unwrap_or(config.timeout_ms),
            max_retries: options.max_retries.unwrap_or(config.max_retries),
            attempts: 0,
            seen_tokens: Vec::new(),
            position: endpoint.position.clone(),
        }
    }

    pub fn request(&self) -> &Request {
        &self.request
    }

    pub fn timeout_ms(&self) -> u64 {
        self.timeout_ms
    }

    /// Counts a new attempt and returns its number, from 1.
    pub fn begin_attempt(&mut self) -> u32 {
        self.attempts += 1;
        self.attempts
    }

    /// The error for a `fetch` that failed with `cause`.
    pub fn connection_error(&self, cause: &str) -> Error {
        Error::Connection {
            method: self.request.method,
            path: self.request.path.clone(),
            cause: crate::error::one_line(cause),
        }
    }

    /// The error for an attempt that outlived its timeout.
    pub fn timeout_error(&self) -> Error {
        Error::Timeout {
            method: self.request.method,
            path: self.request.path.clone(),
            timeout_ms: self.timeout_ms,
        }
    }

    /// Judges what came of the current attempt: a response, or the error the transport met.
    /// `jitter` is a random number in [0, 1) for the backoff.
    pub fn finish<B: Body + ?Sized>(
        &mut self,
        attempt: Result<(ResponseHead, &B), Error>,
        jitter: f64,
    ) -> Step<B::Value> {
        let result = attempt.and_then(|(head, body)| {
            let outcome = read(
                self.shape,
                self.request.method,
                &self.request.path,
                &head,
                body,
            )?;
            let outcome = self.number_next_page(outcome, &head, body)?;
            self.check_token(&outcome, &head, body)?;
            Ok(outcome)
        });
        match result {
            Err(error) => match decide(
                self.request.method,
                &error,
                self.attempts.saturating_sub(1),
                self.max_retries,
                jitter,
            ) {
                Decision::RetryAfter(wait_ms) => Step::Retry { wait_ms },
                Decision::GiveUp => Step::Done(Err(error)),
            },
            ok => Step::Done(ok),
        }
    }

    /// Numbered pages go on to the next number until `result_info.total_pages` (absent: this
    /// page is the last) or an empty page; a server that answers another page than the one
    /// asked for is refused.
    fn number_next_page<B: Body + ?Sized>(
        &self,
        outcome: Outcome<B::Value>,
        head: &ResponseHead,
        body: &B,
    ) -> Result<Outcome<B::Value>, Error> {
        if self.shape.paging() != Some(Paging::PageNumber) {
            return Ok(outcome);
        }
        let Outcome::Page {
            items, result_info, ..
        } = outcome
        else {
            return Ok(outcome);
        };
        let current = self
            .position
            .as_deref()
            .and_then(|p| p.parse::<u64>().ok())
            .unwrap_or(1);
        let number = |key: &str| {
            result_info
                .as_ref()
                .and_then(|i| i.get(key))
                .and_then(|n| n.as_f64())
        };
        if number("page").is_some_and(|page| page != current as f64) {
            return Err(self.invalid(
                head,
                body,
                "the server answered another page than the one asked for",
            ));
        }
        // Without `total_pages` nothing says there is more: stopping is what keeps a server that
        // never sends it (nor an empty page) from being followed forever.
        let last = items.has_no_items()
            || number("total_pages").is_none_or(|total| current as f64 >= total);
        Ok(Outcome::Page {
            items,
            result_info,
            next_page_token: (!last).then(|| crate::encode::decimal(current + 1)),
        })
    }

    fn invalid<B: Body + ?Sized>(&self, head: &ResponseHead, body: &B, reason: &str) -> Error {
        Error::InvalidResponse {
            status: head.status,
            ray_id: head.ray_id.clone(),
            body_snippet: body.snippet(crate::response::SNIPPET_CHARS),
            reason: reason.to_string(),
            method: self.request.method,
            path: self.request.path.clone(),
        }
    }

    /// A server that hands back a token it already handed back would page forever.
    fn check_token<B: Body + ?Sized>(
        &self,
        outcome: &Outcome<B::Value>,
        head: &ResponseHead,
        body: &B,
    ) -> Result<(), Error> {
        if let Outcome::Page {
            next_page_token: Some(token),
            ..
        } = outcome
        {
            if self.seen_tokens.contains(token) {
                return Err(self.invalid(
                    head,
                    body,
                    "the server handed back a page token it had already handed back",
                ));
            }
        }
        Ok(())
    }
}

/// Walks a list page by page: the same filters with each position (`page_token`, `cursor`
/// or `page`), stopping when there is no next one, or after `maxPages` pages.
#[derive(Debug)]
pub struct Pager {
    first: Endpoint,
    filters: ListQuery,
    token: Option<String>,
    seen_tokens: Vec<String>,
    pages: u32,
    max_pages: Option<u32>,
    finished: bool,
}

impl Pager {
    /// `first` is the list endpoint; its query is rebuilt from `filters` for every page.
    pub fn new(first: Endpoint, filters: ListQuery, max_pages: Option<u32>) -> Pager {
        let token = filters.page_token.clone();
        Pager {
            first,
            filters,
            seen_tokens: token.iter().cloned().collect(),
            token,
            pages: 0,
            max_pages,
            finished: false,
        }
    }

    /// The call for the next page, or `None` when the listing is over.
    pub fn next_call(&mut self, config: &Config, options: &CallOptions) -> Option<Call> {
        if self.finished || self.max_pages.is_some_and(|max| self.pages >= max) {
            return None;
        }
        let mut endpoint = self.first.clone();
        endpoint.query = self.filters.with_token(self.token.as_deref());
        endpoint.position = self.token.clone();
        let mut call = Call::new(config, options, &endpoint);
        // The last page `maxPages` allows may hand back any token: it is never followed.
        let last = self.max_pages.is_some_and(|max| self.pages + 1 >= max);
        if !last {
            call.seen_tokens = core::mem::take(&mut self.seen_tokens);
        }
        Some(call)
    }

    /// Records a page received by `call` and the token it handed back.
    pub fn page_received(&mut self, call: Call, next_page_token: Option<String>) {
        self.seen_tokens.extend(call.seen_tokens);
        self.pages += 1;
        match next_page_token {
            Some(token) => {
                self.seen_tokens.push(token.clone());
                self.token = Some(token);
            }
            None => self.finished = true,
        }
    }

    /// Ends the listing (after an error: a failed page is not retried by the iterator).
    pub fn stop(&mut self) {
        self.finished = true;
    }
}
