//! `cloudflare-organizations`: Cloudflare's Organizations API from JavaScript, with a Rust
//! core compiled to WebAssembly. This crate is only the binding: the rules live in
//! `cloudflare-organizations-core`, the I/O in [`transport`], the JS error classes in
//! `js/errors.js`. The public TypeScript declarations are `js/index.d.ts`.

#[cfg(any(target_arch = "wasm32", test))]
mod alloc;
mod client;
mod errors;
mod interop;
mod promises;
mod transport;

#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use cloudflare_organizations_core::endpoint::{self, Operation};
use cloudflare_organizations_core::{Config, Endpoint, Error, Json, Pager};
use js_sys::{Array, Function, Promise};
use wasm_bindgen::prelude::*;

use client::{page_object, CallContext, Client};
use interop::JsJson;
use transport::Failure;

/// talc instead of the default dlmalloc (measured about 2 KB smaller gzipped), behind a free
/// list per small size class (src/alloc.rs).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
// SAFETY: wasm32-unknown-unknown without threads: nothing else touches the heap.
static ALLOCATOR: alloc::SmallBlocks<talc::TalckWasm> =
    alloc::SmallBlocks::new(unsafe { talc::TalckWasm::new_global() });

#[wasm_bindgen(module = "/js/iterable.js")]
extern "C" {
    #[wasm_bindgen(js_name = asyncIterable)]
    fn async_iterable(cursor: PageCursor) -> JsValue;
}

/// The client: `new Cloudflare(options)`.
#[wasm_bindgen(skip_typescript)]
pub struct Cloudflare {
    client: Rc<Client>,
}

#[wasm_bindgen]
impl Cloudflare {
    /// Validates the options at once; throws `ValidationError`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Cloudflare, JsValue> {
        let options = JsJson::given(options);
        let config = Config::parse(options.as_ref()).map_err(errors::error_to_js)?;
        let function = |key: &str| {
            options
                .as_ref()
                .and_then(|o| o.get(key))
                .and_then(|f| f.0.dyn_into::<Function>().ok())
        };
        Ok(Cloudflare {
            client: Rc::new(Client {
                config,
                fetch: function("fetch"),
                on_request: function("onRequest"),
                on_response: function("onResponse"),
            }),
        })
    }

    /// The Organizations API.
    #[wasm_bindgen(getter)]
    pub fn organizations(&self) -> Organizations {
        Organizations {
            client: self.client.clone(),
        }
    }

    /// Shows the base URL and which credentials are set, never their values.
    #[wasm_bindgen(js_name = toString)]
    pub fn describe(&self) -> String {
        let config = &self.client.config;
        let mut text = String::from("Cloudflare { baseUrl: ");
        text.push_str(&config.base_url);
        let credentials = &config.credentials;
        for (name, set) in [
            ("apiToken", credentials.api_token.is_some()),
            ("apiEmail", credentials.api_email.is_some()),
            ("apiKey", credentials.api_key.is_some()),
            ("userServiceKey", credentials.user_service_key.is_some()),
        ] {
            if set {
                text.push_str(", ");
                text.push_str(name);
                text.push_str(": ***");
            }
        }
        text.push_str(" }");
        text
    }
}

/// `cf.organizations`: one method per endpoint, each returning a Promise, and the
/// sub-resources (`logs.audit`, `billing.usage`, `members`, `shares`) as the official SDKs
/// name them. Each method only names its row of the core's operation table.
#[wasm_bindgen(skip_typescript)]
pub struct Organizations {
    client: Rc<Client>,
}

#[wasm_bindgen]
impl Organizations {
    pub fn create(&self, body: JsValue, options: JsValue) -> Promise {
        single(&self.client, endpoint::CREATE, &[], body, options)
    }

    pub fn list(&self, params: JsValue, options: JsValue) -> Promise {
        single(&self.client, endpoint::LIST, &[], params, options)
    }

    #[wasm_bindgen(js_name = listAll)]
    pub fn list_all(&self, params: JsValue, options: JsValue) -> Promise {
        collect(Walk::start(
            &self.client,
            endpoint::LIST,
            &[],
            params,
            options,
        ))
    }

    pub fn iterate(&self, params: JsValue, options: JsValue) -> JsValue {
        PageCursor::wrap(Walk::start(
            &self.client,
            endpoint::LIST,
            &[],
            params,
            options,
        ))
    }

    pub fn get(&self, id: JsValue, options: JsValue) -> Promise {
        single(
            &self.client,
            endpoint::GET,
            &[id],
            JsValue::UNDEFINED,
            options,
        )
    }

    pub fn update(&self, id: JsValue, body: JsValue, options: JsValue) -> Promise {
        single(&self.client, endpoint::UPDATE, &[id], body, options)
    }

    pub fn delete(&self, id: JsValue, options: JsValue) -> Promise {
        single(
            &self.client,
            endpoint::DELETE,
            &[id],
            JsValue::UNDEFINED,
            options,
        )
    }

    #[wasm_bindgen(js_name = listAccounts)]
    pub fn list_accounts(&self, id: JsValue, params: JsValue, options: JsValue) -> Promise {
        single(
            &self.client,
            endpoint::LIST_ACCOUNTS,
            &[id],
            params,
            options,
        )
    }

    #[wasm_bindgen(js_name = listAllAccounts)]
    pub fn list_all_accounts(&self, id: JsValue, params: JsValue, options: JsValue) -> Promise {
        let walk = Walk::start(
            &self.client,
            endpoint::LIST_ACCOUNTS,
            &[id],
            params,
            options,
        );
        collect(walk)
    }

    #[wasm_bindgen(js_name = iterateAccounts)]
    pub fn iterate_accounts(&self, id: JsValue, params: JsValue, options: JsValue) -> JsValue {
        let walk = Walk::start(
            &self.client,
            endpoint::LIST_ACCOUNTS,
            &[id],
            params,
            options,
        );
        PageCursor::wrap(walk)
    }

    #[wasm_bindgen(js_name = getProfile)]
    pub fn get_profile(&self, id: JsValue, options: JsValue) -> Promise {
        let none = JsValue::UNDEFINED;
        single(&self.client, endpoint::GET_PROFILE, &[id], none, options)
    }

    #[wasm_bindgen(js_name = updateProfile)]
    pub fn update_profile(&self, id: JsValue, profile: JsValue, options: JsValue) -> Promise {
        single(
            &self.client,
            endpoint::UPDATE_PROFILE,
            &[id],
            profile,
            options,
        )
    }

    /// `cf.organizations.logs`: `logs.audit`.
    #[wasm_bindgen(getter)]
    pub fn logs(&self) -> Logs {
        Logs {
            client: self.client.clone(),
        }
    }

    /// `cf.organizations.billing`: `billing.usage`.
    #[wasm_bindgen(getter)]
    pub fn billing(&self) -> Billing {
        Billing {
            client: self.client.clone(),
        }
    }

    /// `cf.organizations.members`.
    #[wasm_bindgen(getter)]
    pub fn members(&self) -> Members {
        Members {
            client: self.client.clone(),
        }
    }

    /// `cf.organizations.shares`.
    #[wasm_bindgen(getter)]
    pub fn shares(&self) -> Shares {
        Shares {
            client: self.client.clone(),
        }
    }

    /// `organizations`, `organizations/{id}` or `organizations/{id}/{action}`, encoded.
    #[wasm_bindgen(js_name = pathFor)]
    pub fn path_for(&self, id: JsValue, action: JsValue) -> Result<String, JsValue> {
        let segment = |field: &str, value: JsValue| {
            JsJson::given(value)
                .map(|v| match v.as_str() {
                    Some(s) => cloudflare_organizations_core::endpoint::path_segment(field, &s),
                    None => Err(Error::validation(field, "must be a string")),
                })
                .transpose()
        };
        let id = segment("id", id).map_err(errors::error_to_js)?;
        let action = segment("action", action).map_err(errors::error_to_js)?;
        if id.is_none() && action.is_some() {
            return Err(errors::error_to_js(Error::validation(
                "id",
                "is required with an action",
            )));
        }
        let path = endpoint::path_for(id.as_deref(), action.as_deref());
        Ok(path.trim_start_matches('/').to_string())
    }
}

/// `list` (one page), `listAll` (every item) and `iterate` (lazily) of an organization's
/// sub-resource: the same three methods on each paged resource, over one operation.
macro_rules! paged {
    ($resource:ident, $operation:ident) => {
        #[wasm_bindgen]
        impl $resource {
            pub fn list(&self, id: JsValue, params: JsValue, options: JsValue) -> Promise {
                single(&self.client, endpoint::$operation, &[id], params, options)
            }

            #[wasm_bindgen(js_name = listAll)]
            pub fn list_all(&self, id: JsValue, params: JsValue, options: JsValue) -> Promise {
                collect(Walk::start(
                    &self.client,
                    endpoint::$operation,
                    &[id],
                    params,
                    options,
                ))
            }

            pub fn iterate(&self, id: JsValue, params: JsValue, options: JsValue) -> JsValue {
                let walk = Walk::start(&self.client, endpoint::$operation, &[id], params, options);
                PageCursor::wrap(walk)
            }
        }
    };
}

/// `cf.organizations.logs`.
#[wasm_bindgen(skip_typescript)]
pub struct Logs {
    client: Rc<Client>,
}

#[wasm_bindgen]
impl Logs {
    /// `cf.organizations.logs.audit`.
    #[wasm_bindgen(getter)]
    pub fn audit(&self) -> AuditLogs {
        AuditLogs {
            client: self.client.clone(),
        }
    }
}

/// `cf.organizations.logs.audit`: audit entries, paged by cursor.
#[wasm_bindgen(skip_typescript)]
pub struct AuditLogs {
    client: Rc<Client>,
}

paged!(AuditLogs, AUDIT_LIST);

#[wasm_bindgen]
impl AuditLogs {
    pub fn history(
        &self,
        id: JsValue,
        log_id: JsValue,
        params: JsValue,
        options: JsValue,
    ) -> Promise {
        single(
            &self.client,
            endpoint::AUDIT_HISTORY,
            &[id, log_id],
            params,
            options,
        )
    }

    #[wasm_bindgen(js_name = historyAll)]
    pub fn history_all(
        &self,
        id: JsValue,
        log_id: JsValue,
        params: JsValue,
        options: JsValue,
    ) -> Promise {
        let ids = [id, log_id];
        collect(Walk::start(
            &self.client,
            endpoint::AUDIT_HISTORY,
            &ids,
            params,
            options,
        ))
    }
}

/// `cf.organizations.billing`.
#[wasm_bindgen(skip_typescript)]
pub struct Billing {
    client: Rc<Client>,
}

#[wasm_bindgen]
impl Billing {
    /// `cf.organizations.billing.usage`.
    #[wasm_bindgen(getter)]
    pub fn usage(&self) -> Usage {
        Usage {
            client: self.client.clone(),
        }
    }
}

/// `cf.organizations.billing.usage`: FinOps FOCUS cost and usage records.
#[wasm_bindgen(skip_typescript)]
pub struct Usage {
    client: Rc<Client>,
}

#[wasm_bindgen]
impl Usage {
    pub fn get(&self, id: JsValue, params: JsValue, options: JsValue) -> Promise {
        single(&self.client, endpoint::USAGE_GET, &[id], params, options)
    }
}

/// `cf.organizations.members`: an organization's members and invitations.
#[wasm_bindgen(skip_typescript)]
pub struct Members {
    client: Rc<Client>,
}

paged!(Members, MEMBERS_LIST);

#[wasm_bindgen]
impl Members {
    pub fn get(&self, id: JsValue, member_id: JsValue, options: JsValue) -> Promise {
        let none = JsValue::UNDEFINED;
        single(
            &self.client,
            endpoint::MEMBERS_GET,
            &[id, member_id],
            none,
            options,
        )
    }

    pub fn create(&self, id: JsValue, member: JsValue, options: JsValue) -> Promise {
        single(
            &self.client,
            endpoint::MEMBERS_CREATE,
            &[id],
            member,
            options,
        )
    }

    #[wasm_bindgen(js_name = batchCreate)]
    pub fn batch_create(&self, id: JsValue, members: JsValue, options: JsValue) -> Promise {
        single(
            &self.client,
            endpoint::MEMBERS_BATCH_CREATE,
            &[id],
            members,
            options,
        )
    }

    pub fn delete(&self, id: JsValue, member_id: JsValue, options: JsValue) -> Promise {
        let none = JsValue::UNDEFINED;
        single(
            &self.client,
            endpoint::MEMBERS_DELETE,
            &[id, member_id],
            none,
            options,
        )
    }
}

/// `cf.organizations.shares`: resource shares, paged by number.
#[wasm_bindgen(skip_typescript)]
pub struct Shares {
    client: Rc<Client>,
}

paged!(Shares, SHARES_LIST);

/// The operation's input as the core reads it: a body is read whatever it is (`null` is a
/// wrong type), parameters only when given.
fn input(operation: Operation, value: JsValue) -> Option<JsJson> {
    if operation.payload.is_body() {
        Some(JsJson(value))
    } else {
        JsJson::given(value)
    }
}

/// Validates the ids, the input and the options, then sends one request. Every error,
/// validation included, rejects the promise.
fn prepare(
    operation: Operation,
    ids: &[JsValue],
    value: JsValue,
) -> Result<cloudflare_organizations_core::Prepared, Error> {
    let ids: Vec<JsJson> = ids.iter().cloned().map(JsJson).collect();
    let ids: Vec<&JsJson> = ids.iter().collect();
    cloudflare_organizations_core::prepare(operation, &ids, input(operation, value).as_ref())
}

/// One request.
fn single(
    client: &Rc<Client>,
    operation: Operation,
    ids: &[JsValue],
    value: JsValue,
    options: JsValue,
) -> Promise {
    let prepared = CallContext::parse(options, false)
        .and_then(|context| Ok((prepare(operation, ids, value)?.endpoint, context)));
    spawn(send_one(client.clone(), prepared))
}

/// Every item of every page, as one array.
fn collect(walk: Result<Walk, Failure>) -> Promise {
    spawn(async move {
        let walk = walk?;
        let mut all = Array::new();
        while let Some(items) = walk.next().await? {
            all = all.concat(&items);
        }
        Ok(all.into())
    })
}

/// Not generic over the operation, so the async state machine exists once in the module.
async fn send_one(
    client: Rc<Client>,
    prepared: Result<(Endpoint, CallContext), Failure>,
) -> Result<JsValue, Failure> {
    let (endpoint, context) = prepared?;
    Ok(page_object(client.send(&endpoint, &context).await?))
}

/// Boxed, so that one instance of `promise_of` serves every method (each generic
/// instance costs kilobytes of wasm).
fn spawn(future: impl Future<Output = Result<JsValue, Failure>> + 'static) -> Promise {
    promises::promise_of(Box::pin(future))
}

/// A listing in progress: the pager and the call's options.
struct Walk {
    client: Rc<Client>,
    pager: RefCell<Pager>,
    context: CallContext,
}

impl Walk {
    fn start(
        client: &Rc<Client>,
        operation: Operation,
        ids: &[JsValue],
        params: JsValue,
        options: JsValue,
    ) -> Result<Walk, Failure> {
        let context = CallContext::parse(options, true)?;
        let prepared = prepare(operation, ids, params)?;
        let filters = prepared.list.unwrap_or_default();
        Ok(Walk {
            client: client.clone(),
            pager: RefCell::new(Pager::new(
                prepared.endpoint,
                filters,
                context.options.max_pages,
            )),
            context,
        })
    }

    /// The next page's items, or `None` when the listing is over.
    async fn next(&self) -> Result<Option<Array>, Failure> {
        let items = self.client.next_page(&self.pager, &self.context).await?;
        Ok(items.map(|items| items.unchecked_into()))
    }
}

/// The Rust side of `iterate()`: `js/iterable.js` asks it for one page at a time.
#[wasm_bindgen(skip_typescript)]
pub struct PageCursor {
    /// A walk, or the validation error its first `next()` must reject with.
    state: RefCell<Result<Rc<Walk>, Option<Failure>>>,
}

impl PageCursor {
    /// An `AsyncIterable`; a bad argument rejects its first `next()` (nothing throws).
    fn wrap(walk: Result<Walk, Failure>) -> JsValue {
        async_iterable(PageCursor {
            state: RefCell::new(walk.map(Rc::new).map_err(Some)),
        })
    }
}

#[wasm_bindgen]
impl PageCursor {
    /// Resolves to the next page's items, or `undefined` at the end.
    #[wasm_bindgen(js_name = nextPage)]
    pub fn next_page(&self) -> Promise {
        let state = match &mut *self.state.borrow_mut() {
            Ok(walk) => Ok(walk.clone()),
            Err(failure) => Err(failure.take()),
        };
        spawn(async move {
            match state {
                Ok(walk) => Ok(walk.next().await?.map_or(JsValue::UNDEFINED, JsValue::from)),
                Err(Some(failure)) => Err(failure),
                Err(None) => Ok(JsValue::UNDEFINED),
            }
        })
    }
}
