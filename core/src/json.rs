//! A read-only view of a JSON-like value.
//!
//! The core never owns a JSON parser: in WebAssembly the values are the runtime's own
//! (`JSON.parse` output, or the objects a caller passed in), which keeps decoding at the
//! speed of the engine and keeps fields the API adds later on the objects users get.
//! Natively (tests, fuzzing) the same rules run over `serde_json::Value`.

/// The type of a value, as far as the rules here care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
    Function,
    /// Anything else a runtime may hold (a symbol, a bigint).
    Other,
}

impl Kind {
    /// The name used in validation messages ("must be a string, not a number").
    pub fn name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
            Kind::Function => "a function",
            Kind::Other => "an unsupported value",
        }
    }
}

/// What the core needs to read from a JSON-like value. `undefined` counts as absent.
pub trait Json: Sized + Clone {
    fn kind(&self) -> Kind;
    /// The member `key` of an object; `None` when absent, `undefined`, or not an object.
    fn get(&self, key: &str) -> Option<Self>;
    /// The own members of an object with their keys, in order, leaving out those [`Json::get`]
    /// calls absent (empty for anything else). A runtime reads each member by the key it
    /// listed, rather than look the key up again from its text.
    fn members(&self) -> Vec<(String, Self)>;
    fn as_str(&self) -> Option<String>;
    fn as_f64(&self) -> Option<f64>;
    fn as_bool(&self) -> Option<bool>;
    /// The elements of an array (empty for anything else).
    fn items(&self) -> Vec<Self>;
    /// The value serialised as JSON text (for request bodies, after validation).
    fn to_json(&self) -> String;

    /// Whether this is not an array with items; a runtime can answer without copying them.
    fn has_no_items(&self) -> bool {
        self.items().is_empty()
    }

    fn is(&self, kind: Kind) -> bool {
        self.kind() == kind
    }

    /// The kind of the member `key`, `None` when absent. A runtime can answer this without
    /// handing the member itself across (one call per field of a 1000-item list).
    fn member_kind(&self, key: &str) -> Option<Kind> {
        self.get(key).map(|v| v.kind())
    }

    /// Whether this is an array of objects whose members `keys` are all strings, answered in
    /// one step where the view can (a runtime's own loop); `None` leaves the check to the
    /// caller's item-by-item walk, which also names what is wrong.
    fn records_with_strings(&self, _keys: &[&str]) -> Option<bool> {
        None
    }
}

/// A response body as the transport read it, parsed on demand by the runtime's parser.
pub trait Body {
    type Value: Json;
    /// The body parsed as JSON; `None` when it is not valid JSON (empty, HTML, truncated).
    fn parse(&self) -> Option<Self::Value>;
    /// At most `max_chars` characters of the raw text, for error reports.
    fn snippet(&self, max_chars: usize) -> String;
}

/// "must be a string, not a number".
pub fn must_be(expected: &str, got: Kind) -> String {
    let mut reason = String::from("must be ");
    reason.push_str(expected);
    reason.push_str(", not ");
    reason.push_str(got.name());
    reason
}
