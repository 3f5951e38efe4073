// Command gencorpus writes a generated publications site for benchmarks:
//
//	go run ./bench/gencorpus -n 10000 -seed 1 -o /tmp/corpus-10k
//
// The same -n and -seed always give the same files. See internal/corpus for the mix.
package main

import (
	"flag"
	"fmt"
	"os"

	"folio/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of publications")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("o", "", "output `folder` (must not exist)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gencorpus: -o is required")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "gencorpus: %s exists; choose a new folder\n", *out)
		os.Exit(2)
	}
	if err := corpus.Generate(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
