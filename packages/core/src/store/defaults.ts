// Store defaults, identical to the Rust ones (crates/headroom-store/src/config.rs) so both backends
// behave alike.

/** Originals stay at least a day after their last use. */
export const DEFAULT_TTL_SECS = 24 * 60 * 60;

/** 512 MiB of original content. */
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;
