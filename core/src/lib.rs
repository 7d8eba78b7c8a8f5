//! The sans-IO core of the Cloudflare Organizations client.
//!
//! It turns a call into a request described as data (method, URL, headers, body) and a
//! response (status, a few headers, a body) into a result or one typed [`Error`]. It knows
//! nothing of the runtime: the WebAssembly binding sends the requests with `fetch`, and the
//! same rules are tested natively over `serde_json`.

pub mod body;
pub mod call;
pub mod config;
pub mod de;
pub mod encode;
pub mod endpoint;
pub mod error;
pub mod fields;
pub mod headers;
pub mod json;
pub mod method;
pub mod models;
pub mod params;
pub mod payload;
pub mod query;
pub mod request;
pub mod response;
pub mod retry;
pub mod rules;
#[cfg(feature = "schema")]
pub mod schema;
#[cfg(feature = "serde_json")]
pub mod serde_json_value;
pub mod time;
pub(crate) mod validate;

pub use call::{Call, Pager, Step};
pub use config::{CallOptions, Config, Credentials};
pub use endpoint::{Endpoint, Method, Operation, Paging, Payload, ResultShape, OPERATIONS};
pub use error::{ApiError, Error, ResponseMessage};
pub use json::{Body, Json, Kind};
pub use params::ListQuery;
pub use payload::{prepare, Prepared};
pub use request::Request;
pub use response::{Outcome, ResponseHead};
