//! Adversarial plugin `wrong-world`: a well-formed component that does not
//! export `info` or `run`. The host must load it as a failed plugin, not
//! crash, and keep every other plugin's findings.

/// A function that is not part of any world.
pub fn unrelated(x: u32) -> u32 {
    x.wrapping_mul(3)
}
