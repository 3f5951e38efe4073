package card

import (
	"os"
	"testing"
)

func testDrawer(tb testing.TB) *Drawer {
	tb.Helper()
	reg, err := os.ReadFile("../../themes/default/fonts/DejaVuSans.ttf")
	if err != nil {
		tb.Fatal(err)
	}
	bold, err := os.ReadFile("../../themes/default/fonts/DejaVuSans-Bold.ttf")
	if err != nil {
		tb.Fatal(err)
	}
	d, err := NewDrawer(reg, bold)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}
