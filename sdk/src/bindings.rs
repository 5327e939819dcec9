//! Guest bindings for the `pincer:audit` WIT package, generated once here so
//! that plugin authors never touch wit-bindgen themselves.
#![allow(missing_docs, unsafe_code, clippy::all)]

wit_bindgen::generate!({
    path: "../wit",
    world: "check-plugin",
    pub_export_macro: true,
    export_macro_name: "__export_check_plugin",
    default_bindings_module: "pincer_sdk::bindings",
});
