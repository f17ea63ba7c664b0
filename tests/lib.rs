//! Shared helpers of the snapshot and end-to-end tests.
