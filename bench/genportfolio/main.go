// Command genportfolio writes a reproducible portfolio of realistic answers
// documents, one per line, for benchmarks: mixed channels and follow-ups,
// volumes on and around every level threshold, some dates and ids.
//
//	go run ./bench/genportfolio -n 1000000 -seed 1 > portfolio.jsonl
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/saqcheck/saqcheck/data"
	"github.com/saqcheck/saqcheck/internal/portfolio"
	"github.com/saqcheck/saqcheck/internal/questionnaire"
	"github.com/saqcheck/saqcheck/internal/saq"
)

func main() {
	n := flag.Int("n", 1000000, "how many documents")
	seed := flag.Uint64("seed", 1, "random seed: the same seed gives the same portfolio")
	flag.Parse()
	t, err := saq.LoadParsed(data.RulesName, data.Rules, data.RulesNode)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	g := portfolio.New(questionnaire.NewModel(t), *seed, saq.DateOf(2026, 12, 3))
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	buf := make([]byte, 0, 4096)
	for range *n {
		buf = g.AppendLine(buf[:0])
		if _, err := w.Write(buf); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
