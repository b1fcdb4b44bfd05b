//! A trie over the consonant skeletons of the indexed keys, walked with one
//! dynamic-programming row per level.
//!
//! The skeleton distance (`super::distance::skeleton_bound_with`) is the index's
//! strongest cheap bound, but computing it entry by entry repeats the same
//! rows for every entry that shares a skeleton prefix, and most of those
//! entries fail on their first symbols. In the trie a row is computed once
//! per node and shared by the whole subtree; a subtree is skipped as soon as
//! the row's minimum exceeds what its heaviest entry may cost (costs only
//! grow along a path). Nodes are stored in preorder with the index of the
//! node after their subtree, so the walk is a forward scan that jumps over
//! pruned subtrees. This is the classic trie walk of approximate dictionary
//! search, with the weighted costs of `super::distance::Costs`.

use super::distance::costs;

#[derive(Debug, Clone, Copy)]
struct Node {
    symbol: u8,
    depth: u16,
    /// Preorder index just past this node's subtree.
    end: u32,
    /// Largest entry weight in the subtree (what a limit depends on).
    max_weight: u32,
    /// Shortest and longest skeleton in the subtree.
    min_len: u16,
    max_len: u16,
    /// The cheapest deletion ([`super::distance::Costs::single`]) of any symbol
    /// below this node: what each surplus entry symbol costs at least.
    rest_single: u16,
    /// Entries whose skeleton ends here: `entries[first..last]`.
    first: u32,
    last: u32,
    /// The union of the classes ([`SkeletonTrie::new`]) of the entries in
    /// the subtree: a walk for other classes skips it.
    classes: u8,
}

/// Skeletons of the entries of an index, as a preorder trie.
#[derive(Debug, Clone, Default)]
pub(crate) struct SkeletonTrie {
    nodes: Vec<Node>,
    entries: Vec<u32>,
    max_depth: usize,
}

/// One entry to index: its id (what a walk hands back), consonant
/// skeleton, weight (see [`TrieVisitor::limit`]) and class, a bit of the
/// mask a walk is asked to keep to ([`SkeletonTrie::walk`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct TrieItem<'s> {
    pub id: u32,
    pub skeleton: &'s [u8],
    pub weight: u32,
    pub class: u8,
}

/// What a walk asks of its caller.
pub(crate) trait TrieVisitor {
    /// The largest skeleton distance still of interest for entries of at
    /// most `max_weight` (it may shrink as the walk finds better entries).
    fn limit(&self, max_weight: u32) -> u32;
    /// Entries whose skeleton distance to the query is `bound`.
    fn visit(&mut self, entries: &[u32], bound: u32);
}

/// Reusable rows for [`SkeletonTrie::walk`], and what the walk needs of
/// the query, computed once for the walks of all tries with one query.
#[derive(Debug, Clone, Default)]
pub(crate) struct TrieScratch {
    /// The query `singles` and `cheapest` were computed for.
    prepared: Vec<u8>,
    rows: Vec<u32>,
    /// First and last finite cell of each level's row.
    bands: Vec<(usize, usize)>,
    /// Deletion cost of each query symbol.
    singles: Vec<u32>,
    /// See `cheapest_deletions` in [`SkeletonTrie::walk`].
    cheapest: Vec<u32>,
    sorted: Vec<u32>,
}

/// A cell known to exceed the limit.
const INF: u32 = u32::MAX / 4;

/// What the entries below a node have left to align once the walk is at
/// its depth: between `min` and `max` skeleton symbols, each deleted at
/// `single` or more.
#[derive(Clone, Copy)]
struct Rest {
    min: usize,
    max: usize,
    single: u32,
}

impl Rest {
    fn below(node: &Node, depth: usize) -> Rest {
        Rest {
            min: usize::from(node.min_len) - depth,
            max: usize::from(node.max_len) - depth,
            single: u32::from(node.rest_single),
        }
    }

    /// The least cost of the symbols left over on either side when the
    /// query (of `m` symbols) is aligned up to `j`: the surplus must be
    /// deleted, at least at the cheapest deletions of that side's
    /// remaining symbols (`cheapest_deletions`, see [`SkeletonTrie::walk`]).
    #[inline]
    fn completion(self, j: usize, m: usize, cheapest_deletions: &[u32]) -> u32 {
        let left = m - j;
        if left < self.min {
            (self.min - left) as u32 * self.single
        } else if left > self.max {
            cheapest_deletions[j * (m + 1) + left - self.max]
        } else {
            0
        }
    }
}

impl SkeletonTrie {
    /// Builds the trie of `items`.
    pub fn new<'s>(items: impl IntoIterator<Item = TrieItem<'s>>) -> Self {
        let mut items: Vec<TrieItem<'s>> = items.into_iter().collect();
        let c = costs();
        items.sort_by(|a, b| a.skeleton.cmp(b.skeleton).then(a.id.cmp(&b.id)));
        let root = Node {
            symbol: 0,
            depth: 0,
            end: 0,
            max_weight: 0,
            min_len: u16::MAX,
            max_len: 0,
            rest_single: u16::MAX,
            first: 0,
            last: 0,
            classes: 0,
        };
        let mut trie = SkeletonTrie { nodes: vec![root], entries: Vec::with_capacity(items.len()), max_depth: 0 };
        // The open path from the root: node indices, one per depth.
        let mut path: Vec<usize> = vec![0];
        let mut current: &[u8] = &[];
        for &TrieItem { id, skeleton, weight, class } in &items {
            let common = current.iter().zip(skeleton).take_while(|(a, b)| a == b).count();
            for node in path.drain(common + 1..) {
                trie.nodes[node].end = trie.nodes.len() as u32;
            }
            for (d, &symbol) in skeleton.iter().enumerate().skip(common) {
                let at = trie.entries.len() as u32;
                path.push(trie.nodes.len());
                let depth = (d + 1) as u16;
                trie.nodes.push(Node {
                    symbol,
                    depth,
                    end: 0,
                    max_weight: 0,
                    min_len: u16::MAX,
                    max_len: 0,
                    rest_single: u16::MAX,
                    first: at,
                    last: at,
                    classes: 0,
                });
            }
            trie.max_depth = trie.max_depth.max(skeleton.len());
            let len = skeleton.len() as u16;
            // The cheapest deletion among the symbols after each depth.
            let mut rest = u16::MAX;
            for (d, &node) in path.iter().enumerate().rev() {
                let n = &mut trie.nodes[node];
                n.max_weight = n.max_weight.max(weight);
                n.min_len = n.min_len.min(len);
                n.max_len = n.max_len.max(len);
                n.rest_single = n.rest_single.min(rest);
                n.classes |= class;
                if d > 0 {
                    rest = rest.min(c.single(skeleton[d - 1]));
                }
            }
            let leaf = &mut trie.nodes[*path.last().expect("the root stays on the path")];
            if leaf.first == leaf.last {
                // Entries with one skeleton are consecutive in the order.
                leaf.first = trie.entries.len() as u32;
            }
            trie.entries.push(id);
            leaf.last = trie.entries.len() as u32;
            current = skeleton;
        }
        for node in path {
            trie.nodes[node].end = trie.nodes.len() as u32;
        }
        trie
    }

    /// Visits every group of entries whose skeleton distance to `query`
    /// (a skeleton) may be within the visitor's limit, among the subtrees
    /// that hold an entry of one of the `classes` (a bit mask; the visitor
    /// sees the other entries of a group too, and tells them apart).
    ///
    /// Rows are banded: a cell above the limit can only lead to costs
    /// above it (costs never decrease along a path, and limits only shrink
    /// down the tree and as the visitor finds better entries), so it is
    /// stored as `INF` and a row is computed only from its parent's first
    /// to one past its last finite cell.
    pub fn walk(&self, query: &[u8], classes: u8, scratch: &mut TrieScratch, visitor: &mut impl TrieVisitor) {
        if self.entries.is_empty() || self.nodes[0].classes & classes == 0 {
            return;
        }
        let c = costs();
        let m = query.len();
        let width = m + 1;
        scratch.rows.clear();
        scratch.rows.resize(width * (self.max_depth + 1), INF);
        scratch.bands.clear();
        scratch.bands.resize(self.max_depth + 1, (0, 0));
        if scratch.prepared != query {
            scratch.prepared.clear();
            scratch.prepared.extend_from_slice(query);
            scratch.singles.clear();
            scratch.singles.extend(query.iter().map(|&q| u32::from(c.single(q))));
            // cheapest_deletions[j * width + s]: the cost of deleting the `s`
            // cheapest symbols of query[j..].
            scratch.cheapest.clear();
            scratch.cheapest.resize(width * width, 0);
            for j in 0..m {
                scratch.sorted.clear();
                scratch.sorted.extend_from_slice(&scratch.singles[j..]);
                scratch.sorted.sort_unstable();
                let mut sum = 0;
                for (s, &cost) in scratch.sorted.iter().enumerate() {
                    sum += cost;
                    scratch.cheapest[j * width + s + 1] = sum;
                }
            }
        }
        let (rows, bands, singles) = (&mut scratch.rows, &mut scratch.bands, &scratch.singles);
        let cheapest_deletions = &scratch.cheapest;
        let root = &self.nodes[0];
        let limit = visitor.limit(root.max_weight);
        // A trie whose skeletons are all much longer or shorter than the
        // query is skipped whole: the surplus symbols alone cost more than
        // the limit.
        if Rest::below(root, 0).completion(0, m, cheapest_deletions) > limit {
            return;
        }
        rows[0] = 0;
        let mut hi = 0;
        while hi < m && rows[hi] + singles[hi] <= limit {
            rows[hi + 1] = rows[hi] + singles[hi];
            hi += 1;
        }
        bands[0] = (0, hi);
        if root.first < root.last && hi == m {
            visitor.visit(&self.entries[root.first as usize..root.last as usize], rows[m]);
        }
        let mut i = 1;
        while i < self.nodes.len() {
            let node = &self.nodes[i];
            if node.classes & classes == 0 {
                i = node.end as usize;
                continue;
            }
            let d = node.depth as usize;
            let limit = visitor.limit(node.max_weight);
            let (above, below) = rows.split_at_mut(d * width);
            let prev = &above[(d - 1) * width..];
            let row = &mut below[..width];
            let (lo, hi) = bands[d - 1];
            let del = u32::from(c.single(node.symbol));
            let sub = c.sub_row(node.symbol);
            let rest = Rest::below(node, d);
            let completion = |j: usize| rest.completion(j, m, cheapest_deletions);
            let (mut first, mut last) = (usize::MAX, 0);
            let mut row_min = INF;
            let mut left = INF;
            let band_end = (hi + 1).min(m);
            for j in lo..=band_end {
                let mut v = (prev[j] + del).min(left.saturating_add(if j > 0 { singles[j - 1] } else { 0 }));
                if j > 0 {
                    v = v.min(prev[j - 1] + u32::from(sub[(query[j - 1] & 0x7f) as usize]));
                }
                if v > limit {
                    v = INF;
                } else {
                    first = first.min(j);
                    last = j;
                    row_min = row_min.min(v + completion(j));
                }
                row[j] = v;
                left = v;
            }
            // Past the parent's band only insertions of query symbols reach.
            let mut j = band_end + 1;
            while j <= m && left < INF && left + singles[j - 1] <= limit {
                left += singles[j - 1];
                row[j] = left;
                last = j;
                row_min = row_min.min(left + completion(j));
                j += 1;
            }
            if row_min > limit {
                i = node.end as usize;
                continue;
            }
            if first > 0 {
                row[first - 1] = INF;
            }
            if last < m {
                row[last + 1] = INF;
            }
            bands[d] = (first, last);
            if node.first < node.last && last == m {
                visitor.visit(&self.entries[node.first as usize..node.last as usize], row[m]);
            }
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::distance::{Scratch, skeleton_bound_with};

    struct Collect {
        limit: u32,
        seen: Vec<(u32, u32)>,
    }

    impl TrieVisitor for Collect {
        fn limit(&self, _: u32) -> u32 {
            self.limit
        }
        fn visit(&mut self, entries: &[u32], bound: u32) {
            self.seen.extend(entries.iter().map(|&e| (e, bound)));
        }
    }

    #[test]
    fn walk_finds_exactly_the_entries_within_the_limit() {
        let skeletons: Vec<&[u8]> =
            vec![b"gjl", b"gl", b"", b"mkrsft", b"mkrn", b"gjl", b"rkl", b"jjl", b"ntrpk", b"s", b"lS"];
        let trie = SkeletonTrie::new(skeletons.iter().enumerate().map(|(i, s)| TrieItem {
            id: i as u32,
            skeleton: s,
            weight: 300,
            class: 1 << (i % 3),
        }));
        assert_eq!(trie.entries.len(), skeletons.len());
        let mut dp = Scratch::default();
        let mut scratch = TrieScratch::default();
        for query in [&b"jjl"[..], b"gl", b"", b"mkrsft", b"xyz", b"rkl"] {
            for limit in [0, 40, 100, 250, 10_000] {
                for classes in [0b111, 0b001, 0b110, 0] {
                    let mut v = Collect { limit, seen: Vec::new() };
                    trie.walk(query, classes, &mut scratch, &mut v);
                    v.seen.sort();
                    let expected: Vec<(u32, u32)> = skeletons
                        .iter()
                        .enumerate()
                        .filter(|&(i, _)| classes & (1 << (i % 3)) != 0)
                        .filter_map(|(i, s)| skeleton_bound_with(query, s, limit, &mut dp).map(|b| (i as u32, b)))
                        .collect();
                    let within: Vec<(u32, u32)> =
                        v.seen.iter().copied().filter(|&(i, b)| b <= limit && classes & (1 << (i % 3)) != 0).collect();
                    assert_eq!(
                        within,
                        expected,
                        "query {:?} limit {limit} classes {classes:b}",
                        String::from_utf8_lossy(query)
                    );
                }
            }
        }
    }
}
