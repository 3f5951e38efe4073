package card

import (
	"image/color"
	"testing"
)

// benchCards are a typical English card and its Arabic edition, whose title mixes
// Arabic with a Latin acronym and digits.
var benchCards = []struct {
	name string
	card Card
}{
	{"Latin", brief},
	{"Arabic", Card{
		Title:    "حماية المدنيين في ميناكا: دروس من بعثة MINUSMA لعام 2024",
		Kind:     "موجز سياسات",
		Date:     "١٥ مارس ٢٠٢٢",
		SiteName: "حماية المدنيين في عمليات حفظ السلام",
		Lang:     "ar",
	}},
}

// BenchmarkCard draws each of benchCards, and each with a 1600×1067 JPEG cover and a
// PNG logo.
func BenchmarkCard(b *testing.B) {
	d := testDrawer(b)
	cover, logo := photo(b, 1600, 1067), solid(b, 240, 80, color.RGBA{0x17, 0x52, 0x7a, 0xff})
	type bench struct {
		name string
		card Card
	}
	var cases []bench
	for _, bc := range benchCards {
		cases = append(cases, bench{bc.name, bc.card})
	}
	for _, bc := range benchCards {
		c := bc.card
		c.Cover, c.Logo = cover, logo
		cases = append(cases, bench{bc.name + "Cover", c})
	}
	for _, bc := range cases {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for b.Loop() {
				png, err := d.Draw(bc.card)
				if err != nil {
					b.Fatal(err)
				}
				size = len(png)
			}
			b.ReportMetric(float64(size), "bytes/card")
		})
	}
}
