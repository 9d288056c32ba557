// Command measure times commands for `make bench`, reading wall time, CPU
// time and peak RSS from the kernel (no GNU time or hyperfine needed).
//
//	measure batch -docs N -in FILE [-out FILE] -- saqcheck check --jsonl
//	measure startup -runs N -base ./hello -- saqcheck check answers.json
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: measure batch|startup [flags] -- command [args]")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "batch":
		batch(os.Args[2:])
	case "startup":
		startup(os.Args[2:])
	default:
		fmt.Fprintln(os.Stderr, "measure: unknown mode", os.Args[1])
		os.Exit(2)
	}
}

type result struct {
	wall, user, sys time.Duration
	maxRSS          int64 // KiB
}

func runOnce(argv []string, stdin io.Reader, stdout io.Writer) (result, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	r := result{wall: time.Since(start)}
	if cmd.ProcessState != nil {
		r.user, r.sys = cmd.ProcessState.UserTime(), cmd.ProcessState.SystemTime()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			r.maxRSS = ru.Maxrss
		}
	}
	return r, err
}

// batch runs a --jsonl command over a portfolio file once and reports
// documents per second and peak RSS.
func batch(args []string) {
	fs := flag.NewFlagSet("batch", flag.ExitOnError)
	docs := fs.Int64("docs", 0, "documents in the input")
	in := fs.String("in", "", "input file (default: standard input)")
	out := fs.String("out", "", "output file (default: /dev/null)")
	label := fs.String("label", "", "what this run is")
	fs.Parse(args)
	argv := fs.Args()
	var stdin io.Reader = os.Stdin
	if *in != "" {
		f, err := os.Open(*in)
		check(err)
		defer f.Close()
		stdin = f
	}
	dest := "/dev/null"
	if *out != "" {
		dest = *out
	}
	w, err := os.Create(dest)
	check(err)
	defer w.Close()
	r, err := runOnce(argv, stdin, w)
	if err != nil {
		fmt.Fprintln(os.Stderr, "measure:", err)
	}
	rate := float64(*docs) / r.wall.Seconds()
	fmt.Printf("%-34s %10d docs  %6.2f s  %9.0f docs/s  user %5.2f s  sys %5.2f s  peak RSS %5.1f MiB\n",
		*label, *docs, r.wall.Seconds(), rate, r.user.Seconds(), r.sys.Seconds(), float64(r.maxRSS)/1024)
}

// startup runs a baseline binary and a command alternately, so both see
// the same machine, and compares their wall times.
func startup(args []string) {
	fs := flag.NewFlagSet("startup", flag.ExitOnError)
	runs := fs.Int("runs", 300, "runs of each")
	base := fs.String("base", "", "baseline binary (a Go hello-world)")
	fs.Parse(args)
	argv := fs.Args()
	var a, b []time.Duration
	for i := 0; i < *runs+10; i++ {
		ra, err := runOnce([]string{*base}, nil, io.Discard)
		check(err)
		rb, err := runOnce(argv, nil, io.Discard)
		check(err)
		if i >= 10 { // warm-up runs are not counted
			a, b = append(a, ra.wall), append(b, rb.wall)
		}
	}
	ma, mb := median(a), median(b)
	fmt.Printf("hello-world  median %6.2f ms\n", ms(ma))
	fmt.Printf("%-12s median %6.2f ms   difference %+.2f ms   ratio %.2f\n", "saqcheck", ms(mb), ms(mb-ma), float64(mb)/float64(ma))
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "measure:", err)
		os.Exit(1)
	}
}
