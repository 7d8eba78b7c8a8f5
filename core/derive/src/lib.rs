//! `#[derive(ReadFields)]`: a struct's `Deserialize`, written from the same definition and
//! `#[serde]` attributes serde's own derive reads, but as data for one loop the core shares
//! (`core/src/fields.rs`) instead of a visitor per struct. serde's derived visitor repeats,
//! for every field, a duplicate check, a missing-field check and early returns that drop every
//! other field read so far; for the request models that was most of the wasm they cost.
//!
//! Understood: `#[serde(deny_unknown_fields)]` on the struct; `rename = "..."`, `default`,
//! `default = "path"` and (ignored here) `skip_serializing_if` on a field. An `Option` field is
//! optional as with serde. Any other `#[serde]` attribute is a compile error, so that the two
//! derives never disagree silently.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::quote;
use syn::{Data, DeriveInput, ExprPath, Fields, LitStr, Type};

#[proc_macro_derive(ReadFields, attributes(serde))]
pub fn derive_read_fields(input: TokenStream) -> TokenStream {
    derive(input, expand)
}

/// Runs `expand` on a derive's input; what it refuses becomes a compile error at the item.
fn derive(input: TokenStream, expand: fn(&DeriveInput) -> syn::Result<Tokens>) -> TokenStream {
    let input: DeriveInput = match syn::parse(input) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error().into(),
    };
    expand(&input)
        .unwrap_or_else(|error| error.to_compile_error())
        .into()
}

/// What a field is when its key is absent.
enum Absent {
    Required,
    /// `Default::default()` (`#[serde(default)]`, or an `Option`).
    Default,
    /// `#[serde(default = "path")]`.
    With(ExprPath),
}

/// The most fields a struct may have: which were seen is kept in a `u64`.
const MAX_FIELDS: usize = 64;

fn expand(input: &DeriveInput) -> syn::Result<Tokens> {
    let name = &input.ident;
    let fail = |message: &str| Err(syn::Error::new_spanned(name, message));
    if !input.generics.params.is_empty() {
        return fail("ReadFields does not take generic structs");
    }
    let Data::Struct(data) = &input.data else {
        return fail("ReadFields takes a struct");
    };
    let Fields::Named(named) = &data.fields else {
        return fail("ReadFields takes a struct with named fields");
    };
    if named.named.len() > MAX_FIELDS {
        return fail("ReadFields takes at most 64 fields");
    }
    let mut deny_unknown = false;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("deny_unknown_fields") {
                deny_unknown = true;
                Ok(())
            } else {
                Err(meta.error("this serde attribute is not understood by ReadFields"))
            }
        })?;
    }

    let mut keys = Vec::new();
    let mut required: u64 = 0;
    let mut initial = Vec::new();
    let mut arms = Vec::new();
    let mut writes = Vec::new();
    let mut skipped = Vec::new();
    for (index, field) in named.named.iter().enumerate() {
        let Some(ident) = &field.ident else {
            return fail("ReadFields takes a struct with named fields");
        };
        let mut key = ident.to_string();
        let mut skip: Option<ExprPath> = None;
        let mut absent = if is_option(&field.ty) {
            Absent::Default
        } else {
            Absent::Required
        };
        for attr in field.attrs.iter().filter(|a| a.path().is_ident("serde")) {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    key = meta.value()?.parse::<LitStr>()?.value();
                } else if meta.path.is_ident("default") {
                    absent = match meta.value() {
                        Ok(value) => Absent::With(value.parse::<LitStr>()?.parse()?),
                        Err(_) => Absent::Default,
                    };
                } else if meta.path.is_ident("skip_serializing_if") {
                    skip = Some(meta.value()?.parse::<LitStr>()?.parse()?);
                } else {
                    return Err(meta.error("this serde attribute is not understood by ReadFields"));
                }
                Ok(())
            })?;
        }
        let write = quote!(crate::fields::write_field(state, refused, #key, &self.#ident););
        writes.push(match &skip {
            Some(skip) => {
                skipped.push(quote!(#skip(&self.#ident) as usize));
                quote!(if !#skip(&self.#ident) { #write })
            }
            None => write,
        });
        keys.push(key);
        arms.push(quote!(#index => crate::fields::read_into(&mut self.#ident, map),));
        initial.push(match absent {
            Absent::Required => {
                required |= 1 << index;
                quote!(#ident: ::core::default::Default::default())
            }
            Absent::Default => quote!(#ident: ::core::default::Default::default()),
            Absent::With(path) => quote!(#ident: #path()),
        });
    }
    let type_name = name.to_string();
    let count = named.named.len();
    Ok(quote! {
        impl crate::fields::ReadFields for #name {
            const NAME: &'static str = #type_name;
            const FIELDS: &'static [&'static str] = &[#(#keys),*];
            const REQUIRED: u64 = #required;
            const DENY_UNKNOWN: bool = #deny_unknown;

            fn empty() -> Self {
                #name { #(#initial,)* }
            }

            fn read_field<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                index: usize,
                map: &mut A,
            ) -> ::core::result::Result<(), A::Error> {
                match index {
                    #(#arms)*
                    _ => crate::fields::ignore(map),
                }
            }
        }

        impl crate::fields::WriteFields for #name {
            fn written(&self) -> usize {
                #count #(- #skipped)*
            }

            fn write_fields<S: ::serde::ser::SerializeStruct>(
                &self,
                state: &mut S,
                refused: &mut ::core::option::Option<S::Error>,
            ) {
                #(#writes)*
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                crate::fields::write(self, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                crate::fields::read(deserializer)
            }
        }
    })
}

/// `#[derive(Variants)]`: a fieldless enum read from and written as its variants' names
/// (`#[serde(rename_all = "lowercase" | "snake_case" | "kebab-case")]` applied), through one
/// reader every such enum shares (`core/src/fields.rs`) instead of a visitor per enum.
#[proc_macro_derive(Variants, attributes(serde))]
pub fn derive_variants(input: TokenStream) -> TokenStream {
    derive(input, expand_variants)
}

fn expand_variants(input: &DeriveInput) -> syn::Result<Tokens> {
    let name = &input.ident;
    let fail = |message: &str| Err(syn::Error::new_spanned(name, message));
    let Data::Enum(data) = &input.data else {
        return fail("Variants takes an enum");
    };
    let mut case = None;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                case = Some(meta.value()?.parse::<LitStr>()?.value());
                Ok(())
            } else {
                Err(meta.error("this serde attribute is not understood by Variants"))
            }
        })?;
    }
    let mut names = Vec::new();
    let mut idents = Vec::new();
    for variant in &data.variants {
        if !matches!(variant.fields, Fields::Unit) || !variant.attrs.is_empty() {
            return fail("Variants takes unit variants without attributes");
        }
        let ident = variant.ident.to_string();
        names.push(match case.as_deref() {
            None => ident,
            Some("lowercase") => ident.to_lowercase(),
            Some("snake_case") => separated(&ident, '_'),
            Some("kebab-case") => separated(&ident, '-'),
            Some(_) => {
                return fail("Variants takes rename_all lowercase, snake_case or kebab-case")
            }
        });
        idents.push(&variant.ident);
    }
    let indexes = 0..idents.len() as u32;
    let type_name = name.to_string();
    Ok(quote! {
        impl crate::fields::Variants for #name {
            const NAME: &'static str = #type_name;
            const NAMES: &'static [&'static str] = &[#(#names),*];
            const ALL: &'static [Self] = &[#(#name::#idents),*];
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                let (index, variant) = match self {
                    #(#name::#idents => (#indexes, #names),)*
                };
                serializer.serialize_unit_variant(#type_name, index, variant)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                crate::fields::read_variant(deserializer)
            }
        }
    })
}

/// `GatewayPolicy` as `gateway_policy` (`separator` `_`) or `gateway-policy` (`-`).
fn separated(ident: &str, separator: char) -> String {
    let mut name = String::new();
    for (i, c) in ident.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            name.push(separator);
        }
        name.extend(c.to_lowercase());
    }
    name
}

/// Whether a field's type is an `Option` (absent reads as `None`, as serde's derive does).
fn is_option(ty: &Type) -> bool {
    match ty {
        Type::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|segment| segment.ident == "Option"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    //! What the derives refuse at compile time, and the names they write: the core's tests
    //! (`core/tests/fields.rs`) cover how the derived code reads and writes.
    use super::*;
    use syn::parse_quote;

    fn refusal(result: syn::Result<Tokens>) -> String {
        match result {
            Ok(_) => panic!("expected a compile error"),
            Err(error) => error.to_string(),
        }
    }

    /// A struct of `n` `String` fields, `f0` to `f{n-1}`.
    fn struct_of(n: usize) -> DeriveInput {
        let fields =
            (0..n).map(|i| syn::Ident::new(&format!("f{i}"), proc_macro2::Span::call_site()));
        parse_quote!(struct Wide { #(#fields: String),* })
    }

    #[test]
    fn a_struct_may_have_up_to_64_fields() {
        assert!(expand(&struct_of(64)).is_ok());
        assert_eq!(
            refusal(expand(&struct_of(65))),
            "ReadFields takes at most 64 fields"
        );
    }

    #[test]
    fn only_plain_structs_with_named_fields() {
        let generic: DeriveInput = parse_quote!(
            struct A<T> {
                a: T,
            }
        );
        assert_eq!(
            refusal(expand(&generic)),
            "ReadFields does not take generic structs"
        );
        let an_enum: DeriveInput = parse_quote!(
            enum A {
                B,
            }
        );
        assert_eq!(refusal(expand(&an_enum)), "ReadFields takes a struct");
        let tuple: DeriveInput = parse_quote!(
            struct A(String);
        );
        assert_eq!(
            refusal(expand(&tuple)),
            "ReadFields takes a struct with named fields"
        );
    }

    #[test]
    fn a_serde_attribute_it_does_not_understand_is_an_error() {
        let on_struct: DeriveInput = parse_quote!(
            #[serde(rename_all = "camelCase")]
            struct A {
                a: String,
            }
        );
        assert_eq!(
            refusal(expand(&on_struct)),
            "this serde attribute is not understood by ReadFields"
        );
        let on_field: DeriveInput = parse_quote!(
            struct A {
                #[serde(flatten)]
                a: String,
            }
        );
        assert_eq!(
            refusal(expand(&on_field)),
            "this serde attribute is not understood by ReadFields"
        );
        let understood: DeriveInput = parse_quote!(
            #[serde(deny_unknown_fields)]
            struct A {
                #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
                kind: Option<String>,
                #[serde(default = "defaults::size")]
                size: u64,
            }
        );
        let tokens = expand(&understood).unwrap().to_string();
        assert!(tokens.contains("\"type\""), "{tokens}");
        assert!(tokens.contains("defaults :: size"), "{tokens}");
    }

    #[test]
    fn variants_named_as_rename_all_says() {
        let names = |case: &str| {
            let input: DeriveInput = syn::parse_str(&format!(
                "#[serde(rename_all = \"{case}\")] enum E {{ GatewayPolicy, Dns }}"
            ))
            .unwrap();
            expand_variants(&input).unwrap().to_string()
        };
        assert!(names("lowercase").contains("\"gatewaypolicy\" , \"dns\""));
        assert!(names("snake_case").contains("\"gateway_policy\" , \"dns\""));
        assert!(names("kebab-case").contains("\"gateway-policy\" , \"dns\""));
        let as_written: DeriveInput = parse_quote!(
            enum E {
                GatewayPolicy,
            }
        );
        assert!(expand_variants(&as_written)
            .unwrap()
            .to_string()
            .contains("\"GatewayPolicy\""));
    }

    #[test]
    fn variants_refuses_what_it_cannot_name() {
        let a_struct: DeriveInput = parse_quote!(
            struct S {
                a: String,
            }
        );
        assert_eq!(
            refusal(expand_variants(&a_struct)),
            "Variants takes an enum"
        );
        let with_data: DeriveInput = parse_quote!(
            enum E {
                A(String),
            }
        );
        assert_eq!(
            refusal(expand_variants(&with_data)),
            "Variants takes unit variants without attributes"
        );
        let renamed: DeriveInput = parse_quote!(
            enum E {
                #[serde(rename = "b")]
                A,
            }
        );
        assert_eq!(
            refusal(expand_variants(&renamed)),
            "Variants takes unit variants without attributes"
        );
        let camel: DeriveInput = parse_quote!(
            #[serde(rename_all = "camelCase")]
            enum E {
                A,
            }
        );
        assert_eq!(
            refusal(expand_variants(&camel)),
            "Variants takes rename_all lowercase, snake_case or kebab-case"
        );
        let other: DeriveInput = parse_quote!(
            #[serde(untagged)]
            enum E {
                A,
            }
        );
        assert_eq!(
            refusal(expand_variants(&other)),
            "this serde attribute is not understood by Variants"
        );
    }

    #[test]
    fn an_option_is_recognised_by_its_last_segment() {
        assert!(is_option(&parse_quote!(Option<String>)));
        assert!(is_option(&parse_quote!(core::option::Option<u8>)));
        assert!(!is_option(&parse_quote!(Vec<String>)));
        assert!(!is_option(&parse_quote!(&'static str)));
    }
}
