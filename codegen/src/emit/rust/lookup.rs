//! The string → code lookup table, computed here and emitted as constants.
//!
//! Open addressing with linear probing in a power-of-two table at load ≤ 0.5. A key's home slot
//! is the top `bits` bits of its FNV-1a 64-bit hash multiplied by a Fibonacci constant; a slot
//! holds `index + 1` of the code in catalog order, `0` when empty. `max_probe` is the longest
//! distance any key sits from its home slot, so a lookup gives up after `max_probe + 1` slots.
//!
//! The generated crate carries the same hash ([`hash`] and `emit_hash_fn` must agree) and the
//! same probe loop ([`LookupTable::find`] mirrors it).

/// FNV-1a 64-bit offset basis.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a 64-bit prime.
pub const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
/// 2^64 / φ, spreading FNV's low-entropy high bits before the top bits are taken.
pub const MIX: u64 = 0x9e37_79b9_7f4a_7c15;
/// Smallest table: 2^3 slots, one row of the emitted two-dimensional array.
pub const MIN_BITS: u32 = 3;

/// The home slot of `key` in a table of `2^bits` slots (`1 <= bits <= 63`).
pub fn hash(key: &[u8], bits: u32) -> usize {
    let mut hash = FNV_OFFSET;
    for &byte in key {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    // At most 63 bits survive the shift, and tables are far smaller than memory.
    (hash.wrapping_mul(MIX) >> (64 - bits)) as usize
}

/// A built table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookupTable {
    /// The table has `2^bits` slots.
    pub bits: u32,
    /// `index + 1` of the key in each slot, `0` when empty.
    pub slots: Vec<u32>,
    /// The longest distance of any key from its home slot.
    pub max_probe: usize,
}

impl LookupTable {
    /// Builds the table for `keys` (distinct), inserting in order.
    pub fn build<S: AsRef<str>>(keys: &[S]) -> Self {
        let mut bits = MIN_BITS;
        while (1usize << bits) < keys.len() * 2 {
            bits += 1;
        }
        let mask = (1usize << bits) - 1;
        let mut slots = vec![0u32; 1 << bits];
        let mut max_probe = 0;
        for (index, key) in keys.iter().enumerate() {
            let mut slot = hash(key.as_ref().as_bytes(), bits);
            let mut probe = 0;
            while slots[slot] != 0 {
                slot = (slot + 1) & mask;
                probe += 1;
            }
            // Catalogs are far below u32::MAX codes; `index_type` turns larger ones away first.
            slots[slot] = index as u32 + 1;
            max_probe = max_probe.max(probe);
        }
        Self {
            bits,
            slots,
            max_probe,
        }
    }

    /// Looks `key` up exactly as the generated `ErrorCode::lookup` does.
    #[cfg(test)]
    pub fn find<S: AsRef<str>>(&self, keys: &[S], key: &str) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut slot = hash(key.as_bytes(), self.bits);
        for _ in 0..=self.max_probe {
            let entry = self.slots[slot];
            if entry == 0 {
                return None;
            }
            let index = entry as usize - 1;
            if keys[index].as_ref() == key {
                return Some(index);
            }
            slot = (slot + 1) & mask;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_reference_vectors() {
        // Published FNV-1a 64 vectors, checked through the full 64 bits (bits = 63 keeps the
        // top 63 bits of the mixed hash; undo the mix to compare with the raw hash).
        fn raw(key: &[u8]) -> u64 {
            let mut h = FNV_OFFSET;
            for &b in key {
                h ^= u64::from(b);
                h = h.wrapping_mul(FNV_PRIME);
            }
            h
        }
        assert_eq!(raw(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(raw(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(raw(b"foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(hash(b"a", 63) as u64, raw(b"a").wrapping_mul(MIX) >> 1);
    }

    #[test]
    fn finds_every_key_and_rejects_others() {
        let keys: Vec<String> = (0..5000).map(|i| format!("CODE_{i}")).collect();
        let table = LookupTable::build(&keys);
        assert_eq!(table.slots.len(), 16384);
        assert!(table.slots.iter().filter(|&&s| s != 0).count() == keys.len());
        for (index, key) in keys.iter().enumerate() {
            assert_eq!(table.find(&keys, key), Some(index), "{key}");
        }
        for miss in ["", "CODE_", "CODE_5000", "code_1", "CODE_1 ", "CODE_-1"] {
            assert_eq!(table.find(&keys, miss), None, "{miss:?}");
        }
    }

    #[test]
    fn sizes_for_load_at_most_half() {
        assert_eq!(LookupTable::build::<&str>(&[]).slots.len(), 8);
        assert_eq!(LookupTable::build(&["A"; 0]).slots.len(), 8);
        let four: Vec<String> = (0..4).map(|i| i.to_string()).collect();
        assert_eq!(LookupTable::build(&four).slots.len(), 8);
        let five: Vec<String> = (0..5).map(|i| i.to_string()).collect();
        assert_eq!(LookupTable::build(&five).slots.len(), 16);
    }

    #[test]
    fn full_probe_distance_is_bounded() {
        // Every key is found within max_probe + 1 slots of its home.
        let keys: Vec<String> = (0..300).map(|i| format!("K{i}")).collect();
        let table = LookupTable::build(&keys);
        let mask = table.slots.len() - 1;
        for (index, key) in keys.iter().enumerate() {
            let home = hash(key.as_bytes(), table.bits);
            let at = table
                .slots
                .iter()
                .position(|&s| s as usize == index + 1)
                .unwrap();
            assert!((at.wrapping_sub(home) & mask) <= table.max_probe);
        }
    }
}
