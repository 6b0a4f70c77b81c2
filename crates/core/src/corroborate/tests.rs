//! Tests of corroboration over fictional stories.
