//! A local emulator of Cloudflare's Organizations API (`/client/v4/organizations...`).
//!
//! See `emulator/README.md` for the contract: routes, credentials, faults, admin routes,
//! persistence.

// Handlers return the ready error response as their Err: it is the natural shape here.
#![allow(clippy::result_large_err)]

pub mod admin;
pub mod api;
pub mod app;
pub mod audit;
pub mod body;
pub mod faults;
pub mod http;
pub mod lists;
pub mod members;
pub mod persist;
pub mod routes;
pub mod seed;
pub mod server;
pub mod shares;
pub mod store;
pub mod usage;
pub mod util;
