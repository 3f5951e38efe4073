// Package digest makes 64-bit keys that are the same in every process, for what is kept
// between builds on disk (the build cache of rendered pages). hash/maphash is seeded per
// process, so its keys cannot be stored. SHA-256 is used: with the SHA extensions of
// current x86 and ARM processors it hashes at over a gigabyte per second, a few
// hundredths of a second for the sources of a 10,000-publication site.
package digest

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
)

// A Hash accumulates bytes into a key. The zero value is not usable; call New.
type Hash struct {
	h   hash.Hash
	buf [512]byte // strings are copied through it: SHA-256's writer takes only bytes
}

// New returns an empty Hash.
func New() *Hash { return &Hash{h: sha256.New()} }

// Write adds p. It never fails.
func (d *Hash) Write(p []byte) (int, error) { return d.h.Write(p) }

// WriteString adds s. It never fails.
func (d *Hash) WriteString(s string) (int, error) {
	n := len(s)
	for s != "" {
		k := copy(d.buf[:], s)
		d.h.Write(d.buf[:k])
		s = s[k:]
	}
	return n, nil
}

// WriteByte adds c. It never fails.
func (d *Hash) WriteByte(c byte) error {
	d.buf[0] = c
	d.h.Write(d.buf[:1])
	return nil
}

// WriteUint64 adds x, little-endian.
func (d *Hash) WriteUint64(x uint64) {
	binary.LittleEndian.PutUint64(d.buf[:8], x)
	d.h.Write(d.buf[:8])
}

// Sum64 returns the key of what was written so far; writing may go on after it.
func (d *Hash) Sum64() uint64 {
	var sum [sha256.Size]byte
	return binary.LittleEndian.Uint64(d.h.Sum(sum[:0]))
}

// String returns the key of s.
func String(s string) uint64 {
	sum := sha256.Sum256([]byte(s))
	return binary.LittleEndian.Uint64(sum[:8])
}

// Bytes returns the key of p.
func Bytes(p []byte) uint64 {
	sum := sha256.Sum256(p)
	return binary.LittleEndian.Uint64(sum[:8])
}
