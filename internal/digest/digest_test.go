package digest

import "testing"

// Keys are stored on disk and compared by later processes: they must not depend on the
// process. These values were computed with Python's hashlib; a change of algorithm or byte order fails.
func TestStable(t *testing.T) {
	h := New()
	h.WriteString("folio")
	h.WriteByte(0)
	h.WriteUint64(42)
	h.Write([]byte("page"))
	for _, c := range []struct {
		name      string
		got, want uint64
	}{
		{"Hash", h.Sum64(), 0x219b80d8f4a8e187},
		{"String", String("folio"), 0x279544ad44f23146},
		{"Bytes", Bytes([]byte("folio")), String("folio")},
	} {
		if c.got != c.want {
			t.Errorf("%s = %#x, want %#x", c.name, c.got, c.want)
		}
	}
	if a, b := h.Sum64(), h.Sum64(); a != b {
		t.Errorf("Sum64 changed the hash: %#x then %#x", a, b)
	}
	h.WriteString("more")
	if h.Sum64() == String("folio") {
		t.Error("writing after Sum64 had no effect")
	}
}

// WriteString copies through a buffer: long strings must hash as their bytes do.
func TestLongString(t *testing.T) {
	long := make([]byte, 5000)
	for i := range long {
		long[i] = byte(i)
	}
	a, b := New(), New()
	a.WriteString(string(long))
	b.Write(long)
	if a.Sum64() != b.Sum64() || a.Sum64() != Bytes(long) {
		t.Errorf("WriteString and Write differ on 5,000 bytes")
	}
}
