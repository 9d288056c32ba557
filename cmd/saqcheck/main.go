// Command saqcheck tells a Stripe merchant which PCI DSS validation they
// owe, and why. See the README for what it does; this file only runs it.
package main

import (
	"os"

	"github.com/saqcheck/saqcheck/cmd"
	"github.com/saqcheck/saqcheck/internal/iostreams"
)

func main() {
	os.Exit(cmd.Main(iostreams.System(), os.Args[1:]))
}
