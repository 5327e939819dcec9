//! Host bindings for the `pincer:audit` WIT package.
#![allow(missing_docs, clippy::all)]

wasmtime::component::bindgen!({
    path: "../wit",
    world: "check-plugin",
});
