use napi_derive::napi;

use crate::errors::Result;
use crate::guard::guard;

/// Panics inside the native engine on purpose. It exists so the JS side can prove (in tests and in
/// `headroom doctor`) that a Rust panic surfaces as a catchable `HEADROOM_PANIC` error.
#[napi]
pub fn trigger_panic(message: String) -> Result<()> {
    guard(|| panic!("{message}"))
}
