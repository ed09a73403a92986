//! Application services: flows that call out of the process between database writes
//! (the pure rules they follow are in `domain`).

pub mod payments;
