//! Tests of briefs over fictional stories.
