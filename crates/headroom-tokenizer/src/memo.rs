//! Counts of pieces seen before. Tool output repeats its words, keys and punctuation endlessly, and a
//! hash lookup of a short piece costs a fraction of encoding it again. One table per thread and encoding,
//! so threads never wait on each other; bounded, because a table that only grows is a leak in a server.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Longer pieces are rare repeats (long numbers, base64 runs): not worth the table space.
const MAX_PIECE: usize = 32;
/// A full table is ~5 MB (131,072 buckets of 25 bytes plus the boxed pieces); it is emptied when full.
/// Tables exist only on threads that counted with that encoding.
const MAX_ENTRIES: usize = 1 << 16;

/// FxHash (rustc's hasher): a multiply and a rotate per word, plenty for short byte strings.
#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let word = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(last) ^ rest.len() as u64).wrapping_mul(K);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Table = HashMap<Box<[u8]>, u32, BuildHasherDefault<FxHasher>>;

thread_local! {
    static TABLES: RefCell<[Table; 2]> = RefCell::new([Table::default(), Table::default()]);
}

/// The count of `piece` in table `table` (one per encoding), computed with `count` when not known.
pub(crate) fn with_memo<R>(table: usize, f: impl FnOnce(&mut dyn FnMut(&[u8], &dyn Fn(&[u8]) -> usize) -> usize) -> R) -> R {
    TABLES.with(|tables| {
        let mut tables = tables.borrow_mut();
        let t = &mut tables[table];
        let mut lookup = |piece: &[u8], count: &dyn Fn(&[u8]) -> usize| -> usize {
            if piece.len() > MAX_PIECE {
                return count(piece);
            }
            if let Some(&n) = t.get(piece) {
                return n as usize;
            }
            let n = count(piece);
            if t.len() >= MAX_ENTRIES {
                t.clear();
            }
            t.insert(piece.into(), n as u32);
            n
        };
        f(&mut lookup)
    })
}
