//! No code: this crate holds the tests that keep the workspace's shape (see
//! `tests/shape.rs` and ARCHITECTURE.md).
