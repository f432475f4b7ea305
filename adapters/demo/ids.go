package demo

import (
	"encoding/binary"
	"hash/fnv"
	"math/rand/v2"
	"sync/atomic"

	"github.com/google/uuid"
	"github.com/traceledger/traceledger/app/command"
)

// IDs returns a goroutine-safe generator of deterministic UUIDs for the
// command handlers (command.Options.NewID). The ledger draws event, shipment,
// complaint and recall ids and label serials from NewID; with this generator
// the n-th id drawn is always the same, so commands issued in the same order
// get the same ids and a seed names a data set rather than a random draw.
//
// The n-th id is a bijective 64-bit mix of (seed, n) in its first half and a
// second mix in its second, with the version 4 and RFC 4122 variant bits set:
// ids look random, never repeat within a run (the first half alone is unique
// up to the four version bits), and the label serials the handlers cut from an
// id's first eight bytes stay collision-free in practice.
func IDs(seed uint64) func() uuid.UUID {
	var n atomic.Uint64
	base := mix64(seed ^ 0x5eed_1d5_0f_de40)
	return func() uuid.UUID {
		i := n.Add(1)
		hi := mix64(base + i*0x9e3779b97f4a7c15)
		lo := mix64(hi ^ (i + seed*0xbf58476d1ce4e5b9))
		var u uuid.UUID
		binary.BigEndian.PutUint64(u[:8], hi)
		binary.BigEndian.PutUint64(u[8:], lo)
		u[6] = u[6]&0x0f | 0x40 // version 4
		u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
		return u
	}
}

// mix64 is the splitmix64 finaliser: a bijection on 64 bits that spreads
// every input bit over the output.
func mix64(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// rng returns the random source for one named part of the data set. Each part
// (an enterprise, a product, a batch group) draws from its own stream keyed
// by the seed and its name, so changing how much one part draws never shifts
// what the others get.
func rng(seed uint64, name string, n ...int) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(name))
	var b [8]byte
	for _, x := range n {
		binary.LittleEndian.PutUint64(b[:], uint64(x))
		h.Write(b[:])
	}
	return rand.New(rand.NewPCG(mix64(seed), h.Sum64()))
}

// pick returns a uniformly chosen element of xs.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// between returns a uniform integer in [lo, hi].
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// CommandOptions are the options of the command handlers the demo runs on:
// ids from the seed, so the same seed gives the same data set, and the
// simulated past, so each command is judged at the time the plan says it
// happened.
func CommandOptions(seed uint64, baseURL string) command.Options {
	return command.Options{NewID: IDs(seed), BaseURL: baseURL, SimulatedPast: true, NewFollowUpCode: FollowUpCodes(seed)}
}

// FollowUpCodes returns a goroutine-safe generator of deterministic
// complaint follow-up codes (command.Options.NewFollowUpCode), so the demo's
// log is the same on every run. Demo codes are predictable from the seed:
// never use them outside the demo.
func FollowUpCodes(seed uint64) func() string {
	var n atomic.Uint64
	base := mix64(seed ^ 0xc0de_f011_0a9)
	return func() string {
		i := n.Add(1)
		var b [16]byte
		binary.BigEndian.PutUint64(b[:8], mix64(base+i*0x9e3779b97f4a7c15))
		binary.BigEndian.PutUint64(b[8:], mix64(base^i))
		return command.FollowUpCodeOf([10]byte(b[:10]))
	}
}
