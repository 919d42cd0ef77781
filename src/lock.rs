//! Locking a `Mutex` that survives poisoning: a panic caught elsewhere (the server turns a
//! handler's panic into an error reply) must not wedge every later request.

use std::sync::{Mutex, MutexGuard};

/// Locks `m`, recovering the data if a panic poisoned it.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
