package schedule

import (
	"hash/maphash"
	"math/bits"
)

// idIndex maps activity IDs to int32 indices. It is what a
// map[string]int32 would be, specialised for the one job that dominates
// the cost of compiling a large network: a million inserts and several
// million lookups of short strings.
//
// It is an open-addressing table with linear probing, kept at most half
// full. Each slot is one uint64: the upper 32 bits of the ID's hash (a
// tag), and the index plus one in the lower 32 bits (0 marks an empty
// slot). A lookup hashes the ID once, walks a few adjacent slots of a
// pointer-free array and compares strings only when a tag matches, so it
// touches about two cache lines (the slot and the candidate's string
// header) where a Go map touches more. The table holds no pointers, so the
// garbage collector does not scan it.
//
// The hash is hash/maphash with a random seed: the layout of the table
// changes from run to run, never the answers, and crafted IDs cannot
// force collisions.
//
// An idIndex is read-only once built, so any number of goroutines may look
// IDs up at the same time.
type idIndex struct {
	seed  maphash.Seed
	keys  []string // index -> ID, for comparing candidates
	slots []uint64
	mask  uint64
}

// newIDIndex returns an empty index for the IDs keys (index -> ID); call
// insertAll to fill it.
func newIDIndex(keys []string) *idIndex {
	size := uint64(16)
	if n := len(keys); n > 4 {
		size = uint64(1) << bits.Len(uint(2*n-1)) // power of two >= 2n
	}
	return &idIndex{seed: maphash.MakeSeed(), keys: keys, slots: make([]uint64, size), mask: size - 1}
}

const tagMask uint64 = 0xffff_ffff_0000_0000

// insertAll adds every non-empty keys[i] as index i and returns, in
// increasing order, the indices whose ID was already present (the first
// index of an ID is the one kept).
//
// Like lookupEnds it works by batches: hash the IDs, touch their first
// slots (so the cache misses overlap), then insert one by one.
func (t *idIndex) insertAll() (dups []int32) {
	var hash, slot [lookupBatch]uint64
	for lo := 0; lo < len(t.keys); lo += lookupBatch {
		part := t.keys[lo:min(lo+lookupBatch, len(t.keys))]
		for j, s := range part {
			hash[j] = maphash.String(t.seed, s)
		}
		for j := range part {
			slot[j] = t.slots[hash[j]&t.mask]
		}
		for j, s := range part {
			if s != "" && t.insert(int32(lo+j), hash[j], slot[j]) {
				dups = append(dups, int32(lo+j))
			}
		}
	}
	return dups
}

// insert adds keys[i], whose hash is h, as index i unless the ID is
// already present, and reports whether it was. first is the content of
// the ID's first slot read earlier: a slot once filled never changes, so
// only an empty one needs reading again.
func (t *idIndex) insert(i int32, h, first uint64) bool {
	s := t.keys[i]
	tag := h & tagMask
	for p := h & t.mask; ; p = (p + 1) & t.mask {
		e := first
		if e == 0 {
			e = t.slots[p]
		}
		first = 0
		if e == 0 {
			t.slots[p] = tag | uint64(uint32(i+1))
			return false
		}
		if e&tagMask == tag {
			if k := int32(uint32(e)) - 1; t.keys[k] == s {
				return true
			}
		}
	}
}

// lookup returns the index of ID s, or -1 when it is absent.
func (t *idIndex) lookup(s string) int32 {
	return t.lookupHash(s, maphash.String(t.seed, s))
}

// lookupHash is lookup with the hash of s already computed.
func (t *idIndex) lookupHash(s string, h uint64) int32 {
	tag := h & tagMask
	for p := h & t.mask; ; p = (p + 1) & t.mask {
		e := t.slots[p]
		if e == 0 {
			return -1
		}
		if e&tagMask == tag {
			if k := int32(uint32(e)) - 1; t.keys[k] == s {
				return k
			}
		}
	}
}

// renumber changes every stored index i into to[i] and makes keys the
// index -> ID table (keys[to[i]] must be the old keys[i]).
func (t *idIndex) renumber(to []int32, keys []string) {
	for p, e := range t.slots {
		if e != 0 {
			t.slots[p] = e&tagMask | uint64(uint32(to[uint32(e)-1]+1))
		}
	}
	t.keys = keys
}

// lookupBatch is the size of the batches of lookupEnds.
const lookupBatch = 128

// lookupEnds sets from[i] and to[i] to the indices of deps[i].From and
// deps[i].To (-1 when absent), for every i.
//
// It looks up a batch of IDs in three sweeps: hash them all, then load
// the first slot of each, then compare each candidate. A lookup is a chain
// of three dependent memory accesses (the ID's bytes, its slot, the
// candidate's string header), each likely a cache miss on a large network;
// within a sweep the accesses do not depend on one another, so the
// processor overlaps their misses instead of waiting for them one by
// one. This makes resolving millions of links several times faster than
// one lookup after another. Collisions (a slot taken by another ID) fall
// back to lookupHash.
func (t *idIndex) lookupEnds(deps []Dependency, from, to []int32) {
	var hash, slot [2 * lookupBatch]uint64
	for lo := 0; lo < len(deps); lo += lookupBatch {
		part := deps[lo:min(lo+lookupBatch, len(deps))]
		for j := range part {
			hash[2*j] = maphash.String(t.seed, part[j].From)
			hash[2*j+1] = maphash.String(t.seed, part[j].To)
		}
		for j := range 2 * len(part) {
			slot[j] = t.slots[hash[j]&t.mask]
		}
		for j := range part {
			from[lo+j] = t.candidate(part[j].From, hash[2*j], slot[2*j])
			to[lo+j] = t.candidate(part[j].To, hash[2*j+1], slot[2*j+1])
		}
	}
}

// candidate returns the index of s, with hash h, whose first slot holds e.
func (t *idIndex) candidate(s string, h, e uint64) int32 {
	if e == 0 {
		return -1
	}
	if e&tagMask == h&tagMask {
		if k := int32(uint32(e)) - 1; t.keys[k] == s {
			return k
		}
	}
	return t.lookupHash(s, h)
}
