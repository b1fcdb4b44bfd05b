//! What the aligner remembers through a batch: the verdict of each span
//! text and the lexicon's class of each word, in memos of bounded size
//! shared by all threads.

/// The memo is split into this many independently locked shards, so that
/// threads seldom wait for each other.
const MEMO_SHARDS: usize = 64;

use std::hash::BuildHasher;

/// Values by text, within a budget of bytes, shared by the aligners of all
/// threads (what is remembered, a span's verdict or a word's class, is a
/// pure function of the text, so which thread computed it does not matter,
/// and forgetting one costs only time). The memo is sharded by hash; each shard keeps its texts in one
/// buffer per generation (no allocation per span). When a shard's current
/// generation has used half of the shard's budget it becomes the previous
/// one and the older one is dropped; a span found in the previous
/// generation moves to the current one. So the spans that recur through a
/// batch (names, common phrases) stay, and memory stays under the budget.
pub(crate) struct TextMemo<V> {
    shards: Box<[std::sync::Mutex<MemoShard<V>>]>,
    hasher: hashbrown::DefaultHashBuilder,
}

struct MemoShard<V> {
    current: MemoGeneration<V>,
    previous: MemoGeneration<V>,
    generation_bytes: usize,
}

struct MemoGeneration<V> {
    slots: hashbrown::HashTable<MemoSlot<V>>,
    texts: String,
}

#[derive(Clone, Copy)]
struct MemoSlot<V> {
    start: u32,
    len: u32,
    value: V,
}

impl<V> Default for MemoGeneration<V> {
    fn default() -> Self {
        MemoGeneration { slots: hashbrown::HashTable::new(), texts: String::new() }
    }
}

impl<V: Copy> MemoGeneration<V> {
    fn find(&self, hash: u64, span: &str) -> Option<V> {
        let texts = &self.texts;
        self.slots.find(hash, |s| &texts[s.start as usize..(s.start + s.len) as usize] == span).map(|s| s.value)
    }

    fn insert(&mut self, hash: u64, span: &str, value: V, hasher: &hashbrown::DefaultHashBuilder) {
        let slot = MemoSlot { start: self.texts.len() as u32, len: span.len() as u32, value };
        self.texts.push_str(span);
        let texts = &self.texts;
        self.slots.insert_unique(hash, slot, |s| hasher.hash_one(&texts[s.start as usize..(s.start + s.len) as usize]));
    }

    fn bytes(&self) -> usize {
        self.texts.capacity() + self.slots.capacity() * (std::mem::size_of::<MemoSlot<V>>() + 1)
    }
}

impl<V: Copy> MemoShard<V> {
    fn insert(&mut self, hash: u64, span: &str, value: V, hasher: &hashbrown::DefaultHashBuilder) {
        // Growing the table or the text buffer doubles it: turn over before
        // that would pass the generation's share of the budget.
        let current = &self.current;
        let mut growth = 0;
        if current.slots.len() == current.slots.capacity() {
            growth += current.slots.capacity().max(16) * (std::mem::size_of::<MemoSlot<V>>() + 1);
        }
        if current.texts.len() + span.len() > current.texts.capacity() {
            growth += current.texts.capacity().max(span.len());
        }
        if current.bytes() + growth > self.generation_bytes || current.texts.len() + span.len() > u32::MAX as usize {
            self.previous = std::mem::take(&mut self.current);
        }
        self.current.insert(hash, span, value, hasher);
    }
}

impl<V: Copy> TextMemo<V> {
    /// An empty memo that keeps within `budget` bytes.
    pub fn new(budget: usize) -> Self {
        let shard = || {
            std::sync::Mutex::new(MemoShard {
                current: MemoGeneration::default(),
                previous: MemoGeneration::default(),
                generation_bytes: budget / MEMO_SHARDS / 2,
            })
        };
        TextMemo {
            shards: (0..MEMO_SHARDS).map(|_| shard()).collect(),
            hasher: hashbrown::DefaultHashBuilder::default(),
        }
    }

    /// The hash [`get`](Self::get) and [`insert`](Self::insert) take.
    pub fn hash(&self, span: &str) -> u64 {
        self.hasher.hash_one(span)
    }

    fn shard(&self, hash: u64) -> std::sync::MutexGuard<'_, MemoShard<V>> {
        // The table uses the low bits of the hash; the shard the high ones.
        let shard = &self.shards[(hash >> 58) as usize % MEMO_SHARDS];
        // A value is never left half-written, so a poisoned lock's data
        // is still good.
        shard.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The value remembered for `span`, if any.
    pub fn get(&self, hash: u64, span: &str) -> Option<V> {
        let mut shard = self.shard(hash);
        if let Some(v) = shard.current.find(hash, span) {
            return Some(v);
        }
        let v = shard.previous.find(hash, span)?;
        shard.insert(hash, span, v, &self.hasher);
        Some(v)
    }

    /// Remembers `value` for `span` (not already remembered).
    pub fn insert(&self, hash: u64, span: &str, value: V) {
        self.shard(hash).insert(hash, span, value, &self.hasher);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memo_forgets_within_its_budget_but_never_misremembers() {
        let budget = 64 * 1024;
        let memo = TextMemo::new(budget);
        let verdict = |i: usize| (!i.is_multiple_of(3)).then_some(i);
        let span = |i: usize| format!("كلمة {i} {}", "ب".repeat(i % 17));
        for i in 0..20_000 {
            let text = span(i);
            let hash = memo.hash(&text);
            assert!(memo.get(hash, &text).is_none(), "{i} seen before");
            memo.insert(hash, &text, verdict(i));
            // A span that keeps coming back is kept.
            let hot = span(7);
            if i < 7 {
                continue;
            }
            assert_eq!(memo.get(memo.hash(&hot), &hot), Some(verdict(7)));
        }
        let (mut found, mut bytes) = (0, 0);
        for i in 0..20_000 {
            let text = span(i);
            if let Some(v) = memo.get(memo.hash(&text), &text) {
                assert_eq!(v, verdict(i), "{i}");
                found += 1;
            }
        }
        for shard in memo.shards.iter() {
            let shard = shard.lock().unwrap();
            bytes += shard.current.bytes() + shard.previous.bytes();
        }
        assert!(bytes <= budget, "{bytes} bytes");
        assert!(found > 100 && found < 20_000, "{found} remembered");
        // The latest spans are still there.
        let last = span(19_999);
        assert!(memo.get(memo.hash(&last), &last).is_some());
    }
}
