//! The string → code lookup table, computed here and emitted as constants.
//!
//! Open addressing with linear probing in a power-of-two table at load ≤ 0.5. A key's home slot
//! is the top `bits` bits of a word-at-a-time multiplicative hash of its bytes (eight bytes per
//! round, so a 20-byte code costs three multiplications rather than twenty); a slot
//! holds `index + 1` of the code in catalog order, `0` when empty. `max_probe` is the longest
//! distance any key sits from its home slot, so a lookup gives up after `max_probe + 1` slots.
//!
//! The generated crate carries the same hash ([`hash`] and the generated `home_slot`, written by `code_file`, must agree) and the
//! same probe loop ([`LookupTable::find`] mirrors it).

/// Starting value of the hash (FNV's offset basis: any well-spread odd constant would do).
pub const SEED: u64 = 0xcbf2_9ce4_8422_2325;
/// Multiplier of every round, 2^64 / φ: an odd constant whose products spread every input bit
/// into the high bits, which pick the slot.
pub const MIX: u64 = 0x9e37_79b9_7f4a_7c15;
/// Smallest table: 2^3 slots, one row of the emitted two-dimensional array.
pub const MIN_BITS: u32 = 3;

/// The home slot of `key` in a table of `2^bits` slots (`1 <= bits <= 63`).
pub fn hash(key: &[u8], bits: u32) -> usize {
    let mut hash = SEED ^ key.len() as u64;
    let mut chunks = key.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        hash = (hash ^ u64::from_le_bytes(word)).wrapping_mul(MIX);
        hash ^= hash >> 29;
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = 0u64;
        for (i, &byte) in rest.iter().enumerate() {
            word |= u64::from(byte) << (8 * i);
        }
        hash = (hash ^ word).wrapping_mul(MIX);
        hash ^= hash >> 29;
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
            // Catalogs are far below u32::MAX codes; `Ctx::new` turns larger ones away first.
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
    fn codes_sharing_long_prefixes_spread_over_the_table() {
        // Codes of real catalogs share prefixes and differ in their last characters.
        let keys: Vec<String> = (0..10_000)
            .map(|i| format!("INVALID_REQUEST_FIELD_{i}"))
            .collect();
        let table = LookupTable::build(&keys);
        assert_eq!(table.slots.len(), 32_768);
        assert!(table.max_probe <= 16, "max probe {}", table.max_probe);
        let homes: std::collections::BTreeSet<usize> = keys
            .iter()
            .map(|k| hash(k.as_bytes(), table.bits))
            .collect();
        assert!(
            homes.len() > 7_500,
            "only {} distinct home slots",
            homes.len()
        );
    }

    #[test]
    fn the_length_and_every_byte_change_the_hash() {
        assert_ne!(hash(b"AB", 63), hash(b"AB\0", 63));
        assert_ne!(hash(b"ABCDEFGH_1", 63), hash(b"ABCDEFGH_2", 63));
        assert_ne!(hash(b"1BCDEFGH_1", 63), hash(b"2BCDEFGH_1", 63));
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
