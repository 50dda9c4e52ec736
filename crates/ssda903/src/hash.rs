//! Hash maps and sets for the rules: keys are the return's own text (child
//! identifiers, codes), hashed millions of times in a validation, so a fast
//! non-cryptographic hash (Fx) replaces the default SipHash. The return is
//! the council's own data, validated on its own machine: there is no
//! untrusted party to choose keys that collide.

pub type HashMap<K, V> = std::collections::HashMap<K, V, rustc_hash::FxBuildHasher>;
pub type HashSet<K> = std::collections::HashSet<K, rustc_hash::FxBuildHasher>;
