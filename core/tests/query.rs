//! List filters (API.md, "Query parameters"): exact query strings, percent-encoding, dotted
//! names, `parent.id=null`, absent values not sent, a stable order, and the refusals.

mod common;

use cloudflare_organizations_core::models::{AccountListParams, OrganizationListParams};
use cloudflare_organizations_core::params::{list, MAX_PAGE_SIZE};
use cloudflare_organizations_core::ListQuery;
use common::{assert_validation, Js};
use serde_json::{json, Value};

fn orgs(params: Value) -> String {
    let q = list::<OrganizationListParams, _>(Some(&params)).expect("valid filters");
    q.with_token(q.page_token.as_deref())
}

fn accounts(params: Value) -> String {
    let q = list::<AccountListParams, _>(Some(&params)).expect("valid filters");
    q.with_token(q.page_token.as_deref())
}

#[test]
fn no_params_send_no_query() {
    assert_eq!(
        list::<OrganizationListParams, Value>(None).unwrap(),
        ListQuery::default()
    );
    assert_eq!(
        list::<OrganizationListParams, _>(Some(&Value::Null)).unwrap(),
        ListQuery::default()
    );
    assert_eq!(orgs(json!({})), "");
    assert_eq!(
        list::<AccountListParams, Value>(None).unwrap(),
        ListQuery::default()
    );
    assert_eq!(accounts(json!({})), "");
}

#[test]
fn id_is_a_repeated_key() {
    assert_eq!(orgs(json!({ "id": "a" })), "id=a");
    assert_eq!(orgs(json!({ "id": ["a", "b", "c"] })), "id=a&id=b&id=c");
    assert_eq!(orgs(json!({ "id": [] })), "");
}

#[test]
fn name_string_is_the_exact_match_and_the_object_uses_dotted_names() {
    assert_eq!(orgs(json!({ "name": "Acme" })), "name=Acme");
    assert_eq!(
        orgs(json!({ "name": { "contains": "c", "startsWith": "a", "endsWith": "z" } })),
        "name.startsWith=a&name.endsWith=z&name.contains=c"
    );
    assert_eq!(
        orgs(json!({ "name": { "endsWith": "z" } })),
        "name.endsWith=z"
    );
    assert_eq!(orgs(json!({ "name": {} })), "");
}

#[test]
fn containing_uses_dotted_names() {
    assert_eq!(
        orgs(json!({ "containing": { "user": "u1", "account": "a1", "organization": "o1" } })),
        "containing.account=a1&containing.user=u1&containing.organization=o1"
    );
    assert_eq!(
        orgs(json!({ "containing": { "user": "u1" } })),
        "containing.user=u1"
    );
}

#[test]
fn parent_id_and_parent_id_null() {
    assert_eq!(orgs(json!({ "parent": { "id": "p1" } })), "parent.id=p1");
    assert_eq!(orgs(json!({ "parent": { "id": null } })), "parent.id=null");
    assert_validation(
        list::<OrganizationListParams, _>(Some(&json!({ "parent": {} }))),
        "parent.id",
        "is required (an id, or null for root organizations)",
    );
    assert_validation(
        list::<OrganizationListParams, _>(Some(&json!({ "parent": { "id": 5 } }))),
        "parent.id",
        "must be a string, not a number",
    );
    assert_validation(
        list::<OrganizationListParams, _>(Some(&json!({ "parent": "p1" }))),
        "parent",
        "must be an object, not a string",
    );
    assert_validation(
        list::<OrganizationListParams, _>(Some(&json!({ "parent": { "id": "p", "name": "x" } }))),
        "parent.name",
        "is not a filter this list takes",
    );
}

#[test]
fn page_size_and_page_token() {
    assert_eq!(orgs(json!({ "page_size": 50 })), "page_size=50");
    assert_eq!(orgs(json!({ "page_size": 0 })), "page_size=0");
    assert_eq!(orgs(json!({ "page_size": 1000 })), "page_size=1000");
    assert_eq!(orgs(json!({ "page_size": 20.0 })), "page_size=20");
    assert_eq!(MAX_PAGE_SIZE, 1000);
    let q =
        list::<OrganizationListParams, _>(Some(&json!({ "page_token": "tok/1=", "page_size": 2 })))
            .unwrap();
    // The token is kept apart from the filters, so that each page can resend them.
    assert_eq!(q.filters, "page_size=2");
    assert_eq!(q.page_token.as_deref(), Some("tok/1="));
    assert_eq!(
        q.with_token(Some("tok/1=")),
        "page_size=2&page_token=tok%2F1%3D"
    );
    assert_eq!(q.with_token(Some("next")), "page_size=2&page_token=next");
    assert_eq!(q.with_token(None), "page_size=2");
}

#[test]
fn bad_page_sizes_are_refused() {
    for bad in [json!(1001), json!(-1), json!(1.5), json!(1e9)] {
        assert_validation(
            list::<OrganizationListParams, _>(Some(&json!({ "page_size": bad.clone() }))),
            "page_size",
            "must be an integer from 0 to 1000",
        );
        assert_validation(
            list::<AccountListParams, _>(Some(&json!({ "page_size": bad }))),
            "page_size",
            "must be an integer from 0 to 1000",
        );
    }
    assert_validation(
        list::<OrganizationListParams, _>(Some(&json!({ "page_size": "10" }))),
        "page_size",
        "must be a number, not a string",
    );
    for bad in [f64::NAN, f64::INFINITY] {
        assert_validation(
            list::<OrganizationListParams, _>(Some(&Js::obj(&[("page_size", Js::Num(bad))]))),
            "page_size",
            "must be an integer from 0 to 1000",
        );
    }
}

#[test]
fn values_are_percent_encoded() {
    assert_eq!(orgs(json!({ "name": "a&b=c d" })), "name=a%26b%3Dc%20d");
    assert_eq!(
        orgs(json!({ "name": "Zürich 東京" })),
        "name=Z%C3%BCrich%20%E6%9D%B1%E4%BA%AC"
    );
    assert_eq!(orgs(json!({ "name": "1+1?#%/" })), "name=1%2B1%3F%23%25%2F");
    assert_eq!(orgs(json!({ "id": ["a&id=b"] })), "id=a%26id%3Db");
    assert_eq!(
        orgs(json!({ "name": "safe-._~AZaz09" })),
        "name=safe-._~AZaz09"
    );
    assert_eq!(orgs(json!({ "name": "" })), "name=");
}

#[test]
fn absent_values_are_not_sent() {
    assert_eq!(
        orgs(
            json!({ "id": null, "name": null, "containing": null, "parent": null,
                     "page_size": null, "page_token": null })
        ),
        ""
    );
    assert_eq!(
        orgs(json!({ "name": { "startsWith": null, "contains": "x" },
                     "containing": { "account": null } })),
        "name.contains=x"
    );
    let q = list::<OrganizationListParams, _>(Some(&Js::obj(&[
        ("id", Js::Undefined),
        ("name", Js::obj(&[("startsWith", Js::Undefined)])),
        ("page_size", Js::Undefined),
    ])))
    .unwrap();
    assert_eq!(q, ListQuery::default());
}

#[test]
fn the_order_is_stable_whatever_order_the_caller_wrote() {
    let expected = "id=o1&id=o2&name.startsWith=Ac&containing.account=a&parent.id=null&page_size=10&page_token=t";
    assert_eq!(
        orgs(
            json!({ "page_token": "t", "page_size": 10, "parent": { "id": null },
                     "containing": { "account": "a" }, "name": { "startsWith": "Ac" },
                     "id": ["o1", "o2"] })
        ),
        expected
    );
    let reversed = Js::obj(&[
        ("id", Js::Arr(vec![Js::str("o1"), Js::str("o2")])),
        ("name", Js::obj(&[("startsWith", Js::str("Ac"))])),
        ("containing", Js::obj(&[("account", Js::str("a"))])),
        ("parent", Js::obj(&[("id", Js::Null)])),
        ("page_size", Js::Num(10.0)),
        ("page_token", Js::str("t")),
    ]);
    let q = list::<OrganizationListParams, _>(Some(&reversed)).unwrap();
    assert_eq!(q.with_token(q.page_token.as_deref()), expected);
}

#[test]
fn organization_filters_refuse_bad_shapes() {
    let f = |v: Value| list::<OrganizationListParams, _>(Some(&v));
    assert_validation(f(json!("x")), "params", "must be an object, not a string");
    assert_validation(
        f(json!({ "nme": "x" })),
        "nme",
        "is not a filter this list takes",
    );
    assert_validation(
        f(json!({ "order_by": "account_name" })),
        "order_by",
        "is not a filter",
    );
    assert_validation(
        f(json!({ "id": 5 })),
        "id",
        "must be a string or an array of strings, not a number",
    );
    assert_validation(
        f(json!({ "id": ["a", 5] })),
        "id.1",
        "must be a string, not a number",
    );
    assert_validation(
        f(json!({ "name": 5 })),
        "name",
        "must be a string or an object",
    );
    // A kind the filter's shape does not take is named in the reason.
    assert_validation(
        f(json!({ "name": true })),
        "name",
        "must be a string or an object { startsWith?, endsWith?, contains? }, not a boolean",
    );
    assert_validation(
        f(json!({ "name": ["Acme"] })),
        "name",
        "must be a string or an object { startsWith?, endsWith?, contains? }, not an array",
    );
    assert_validation(
        f(json!({ "id": { "in": ["a"] } })),
        "id",
        "must be a string or an array of strings, not an object",
    );
    assert_validation(
        f(json!({ "name": { "starts_with": "a" } })),
        "name.starts_with",
        "is not a filter",
    );
    assert_validation(
        f(json!({ "name": { "startsWith": 1 } })),
        "name.startsWith",
        "must be a string, not a number",
    );
    assert_validation(
        f(json!({ "containing": "a" })),
        "containing",
        "must be an object, not a string",
    );
    assert_validation(
        f(json!({ "containing": { "zone": "z" } })),
        "containing.zone",
        "is not a filter",
    );
    assert_validation(
        f(json!({ "containing": { "user": true } })),
        "containing.user",
        "must be a string, not a boolean",
    );
    assert_validation(
        f(json!({ "page_token": 7 })),
        "page_token",
        "must be a string, not a number",
    );
}

#[test]
fn account_filters_encode_every_param() {
    assert_eq!(
        accounts(json!({ "direction": "desc", "order_by": "account_name", "page_size": 5,
                         "account_pubname": { "contains": "pub" }, "name": "Main",
                         "page_token": "n1" })),
        "name=Main&account_pubname.contains=pub&order_by=account_name&direction=desc&page_size=5&page_token=n1"
    );
    assert_eq!(
        accounts(json!({ "name": { "startsWith": "a b" }, "account_pubname": "x&y" })),
        "name.startsWith=a%20b&account_pubname=x%26y"
    );
    assert_eq!(accounts(json!({ "direction": "asc" })), "direction=asc");
}

#[test]
fn account_filters_refuse_bad_values() {
    let f = |v: Value| list::<AccountListParams, _>(Some(&v));
    assert_validation(
        f(json!({ "order_by": "created_on" })),
        "order_by",
        "must be one of: account_name",
    );
    assert_validation(
        f(json!({ "direction": "up" })),
        "direction",
        "must be one of: asc, desc",
    );
    assert_validation(
        f(json!({ "direction": 1 })),
        "direction",
        "must be a string, not a number",
    );
    assert_validation(
        f(json!({ "id": "x" })),
        "id",
        "is not a filter this list takes",
    );
    assert_validation(
        f(json!({ "parent": { "id": null } })),
        "parent",
        "is not a filter",
    );
    assert_validation(
        f(json!({ "account_pubname": { "equals": "x" } })),
        "account_pubname.equals",
        "is not a filter",
    );
    assert_validation(f(json!([])), "params", "must be an object, not an array");
}

mod serializer {
    //! `query::to_query` on every kind of value serde can hand it, beyond what today's models
    //! use, so that a model with a new field type is written as the API expects or refused.
    use cloudflare_organizations_core::query::to_query;
    use cloudflare_organizations_core::Error;
    use serde::{Serialize, Serializer};
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    struct Inner {
        x: u8,
    }

    #[derive(Serialize)]
    struct Newtype(u16);

    #[derive(Serialize)]
    struct Marker;

    #[derive(Serialize)]
    #[serde(rename_all = "lowercase")]
    enum Switch {
        On,
        Wrapped(u8),
    }

    #[derive(Serialize)]
    struct Every<'a> {
        yes: bool,
        no: bool,
        i8v: i8,
        i16v: i16,
        i32v: i32,
        i64v: i64,
        zero: i64,
        u8v: u8,
        u16v: u16,
        u32v: u32,
        u64v: u64,
        c: char,
        s: &'a str,
        none: Option<u8>,
        some: Option<u8>,
        unit: (),
        marker: Marker,
        nested: Inner,
        list: Vec<u8>,
        newtype: Newtype,
        variant: Switch,
        wrapped: Switch,
    }

    #[test]
    fn every_value_kind_is_written_in_the_apis_form() {
        let every = Every {
            yes: true,
            no: false,
            i8v: -8,
            i16v: -16,
            i32v: -32,
            i64v: i64::MIN,
            zero: 0,
            u8v: 8,
            u16v: 16,
            u32v: 32,
            u64v: u64::MAX,
            c: 'é',
            s: "a b",
            none: None,
            some: Some(7),
            unit: (),
            marker: Marker,
            nested: Inner { x: 1 },
            list: vec![1, 2],
            newtype: Newtype(5),
            variant: Switch::On,
            wrapped: Switch::Wrapped(3),
        };
        assert_eq!(
            to_query(&every).unwrap(),
            "yes=true&no=false&i8v=-8&i16v=-16&i32v=-32&i64v=-9223372036854775808&zero=0&u8v=8&u16v=16\
             &u32v=32&u64v=18446744073709551615&c=%C3%A9&s=a%20b&some=7&unit=null&marker=null&nested.x=1\
             &list=1&list=2&newtype=5&variant=on&wrapped=3"
        );
    }

    fn refused<T: Serialize>(value: &T) {
        match to_query(value) {
            Err(Error::Validation { field, reason }) => {
                assert_eq!(field, "params");
                assert_eq!(reason, "cannot be written as a query parameter");
            }
            other => panic!("accepted: {other:?}"),
        }
    }

    /// `field: value` inside a struct, as the models hold their values.
    #[derive(Serialize)]
    struct One<T: Serialize> {
        field: T,
    }

    struct Bytes;
    impl Serialize for Bytes {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(b"ab")
        }
    }

    #[derive(Serialize)]
    struct Pair(u8, u8);

    #[derive(Serialize)]
    enum Shapes {
        Tuple(u8, u8),
        Struct { a: u8 },
    }

    #[test]
    fn shapes_a_query_cannot_hold_are_refused() {
        refused(&One { field: 1.5f32 });
        refused(&One { field: 1.5f64 });
        refused(&One { field: Bytes });
        refused(&One { field: (1u8, 2u8) });
        refused(&One { field: Pair(1, 2) });
        refused(&One {
            field: Shapes::Tuple(1, 2),
        });
        refused(&One {
            field: Shapes::Struct { a: 1 },
        });
        refused(&One {
            field: BTreeMap::from([("k", 1u8)]),
        });
        // At the top only a struct names its parameters.
        refused(&5u8);
        refused(&"text");
    }
}
