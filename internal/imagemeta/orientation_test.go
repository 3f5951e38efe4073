package imagemeta

import "testing"

// Orientation reads what Clean will apply, from the start of the file alone.
func TestOrientation(t *testing.T) {
	for _, tt := range []struct {
		name string
		data []byte
		want int
	}{
		{"jpeg 6", jpegWith(t, nil, exifSegment(exifOpts{orientation: 6})), 6},
		{"jpeg 1", jpegWith(t, nil, exifSegment(exifOpts{orientation: 1})), 1},
		{"jpeg none", jpegWith(t, nil), 0},
		{"png 8", pngWith(t, nil, chunk("eXIf", exifBlock(exifOpts{orientation: 8}))), 8},
		{"png none", pngWith(t, nil), 0},
		{"gif", []byte("GIF89a"), 0},
	} {
		if got := Orientation(tt.data); got != tt.want {
			t.Errorf("%s: Orientation = %d; want %d", tt.name, got, tt.want)
		}
		if len(tt.data) > 20 {
			Orientation(tt.data[:len(tt.data)/2]) // cut short: no panic
		}
	}
}
