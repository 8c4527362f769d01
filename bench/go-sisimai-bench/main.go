// go-sisimai-bench parses every .eml file of a directory with go-sisimai (the
// Go port of Sisimai, v5.2, built from ../shared/anchors/go-sisimai) R times
// in one process, in memory, on one thread (GOMAXPROCS=1), and prints
// messages/s. Each message goes through the same calls sisimai.Rise makes for
// one file read from a Maildir (ToLF, then fact.Rise), without the file
// reading. One untimed warm-up round comes first, as in sisimai_bench.pl and
// parse_bench.
//
//	go-sisimai-bench CORPUS_DIR [ROUNDS]
//
// Output (one line, parsed by parse_compare.sh):
//
//	go-sisimai <version>: <n> messages (<MB> MB) x <R> rounds in <s> s: <rate> messages/s (<b> bounce records per round)
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"libsisimai.org/sisimai"
	sisifact "libsisimai.org/sisimai/fact"
	sisimoji "libsisimai.org/sisimai/string"
)

func main() {
	runtime.GOMAXPROCS(1)
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: go-sisimai-bench CORPUS_DIR [ROUNDS]")
		os.Exit(2)
	}
	dir := os.Args[1]
	rounds := 3
	if len(os.Args) > 2 {
		r, err := strconv.Atoi(os.Args[2])
		if err != nil || r <= 0 {
			fmt.Fprintln(os.Stderr, "ROUNDS must be a positive integer")
			os.Exit(2)
		}
		rounds = r
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		fmt.Fprintf(os.Stderr, "cannot open %s: %v\n", dir, err)
		os.Exit(1)
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ".eml") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		fmt.Fprintf(os.Stderr, "no .eml files in %s\n", dir)
		os.Exit(1)
	}
	messages := make([]string, 0, len(names))
	paths := make([]string, 0, len(names))
	bytes := 0
	for _, n := range names {
		p := filepath.Join(dir, n)
		b, err := os.ReadFile(p)
		if err != nil {
			fmt.Fprintf(os.Stderr, "cannot read %s: %v\n", p, err)
			os.Exit(1)
		}
		bytes += len(b)
		messages = append(messages, string(b))
		paths = append(paths, p)
	}
	args := sisimai.Args()
	oneRound := func() int {
		records := 0
		for i := range messages {
			m := messages[i] // ToLF returns a new string when it rewrites line ends
			facts, _ := sisifact.Rise(sisimoji.ToLF(&m), paths[i], args)
			records += len(facts)
		}
		return records
	}
	records := oneRound() // warm-up, not timed
	t0 := time.Now()
	for r := 0; r < rounds; r++ {
		oneRound()
	}
	secs := time.Since(t0).Seconds()
	n := len(messages) * rounds
	fmt.Printf("go-sisimai %s: %d messages (%.1f MB) x %d rounds in %.3f s: %.0f messages/s (%d bounce records per round)\n",
		sisimai.Version(), len(messages), float64(bytes)/1e6, rounds, secs, float64(n)/secs, records)
}
