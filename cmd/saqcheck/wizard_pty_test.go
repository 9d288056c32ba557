//go:build linux

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// console is the far end of a pseudo-terminal: what a person sees and
// types.
type console struct {
	t    *testing.T
	f    *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	seen int // how much of the plain output has been matched
}

// ansiCodes are the terminal control sequences survey writes: CSI
// sequences, and ESC 7 / ESC 8 (save and restore the cursor).
var ansiCodes = regexp.MustCompile(`\x1b(\[[0-9;?]*[A-Za-z]|[78])`)

func (c *console) read() {
	buf := make([]byte, 4096)
	for {
		n, err := c.f.Read(buf)
		c.mu.Lock()
		c.out.Write(buf[:n])
		c.mu.Unlock()
		// survey asks where the cursor is (ESC [6n): answer as a terminal does.
		for range bytes.Count(buf[:n], []byte("\x1b[6n")) {
			c.f.WriteString("\x1b[1;1R")
		}
		if err != nil {
			return
		}
	}
}

func (c *console) plain() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return ansiCodes.ReplaceAllString(c.out.String(), "")
}

// expect waits until text shows after what was matched before.
func (c *console) expect(text string) {
	c.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		s := c.plain()
		if i := strings.Index(s[min(c.seen, len(s)):], text); i >= 0 {
			c.seen += i + len(text)
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	s := c.plain()
	c.t.Fatalf("waited for %q; the terminal shows:\n%s\nraw: %q", text, s[min(c.seen, len(s)):], c.out.String())
}

// send types keys once the program reads keys one by one: typed earlier,
// the terminal would still be in line mode, and turn Enter into a newline.
func (c *console) send(keys string) {
	c.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		tio, err := unix.IoctlGetTermios(int(c.f.Fd()), unix.TCGETS)
		if err != nil {
			c.t.Fatal(err)
		}
		if tio.Lflag&unix.ICANON == 0 {
			break
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("the terminal never left line mode; it shows:\n%s", c.plain())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if _, err := c.f.WriteString(keys); err != nil {
		c.t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
}

// startInTerminal builds saqcheck and runs it with args in an 80-column
// pseudo-terminal, with env added to the environment.
func startInTerminal(t *testing.T, env []string, args ...string) (*exec.Cmd, *console) {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "saqcheck")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 40})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	c := &console{t: t, f: f}
	go c.read()
	return cmd, c
}

const (
	keyDown  = "\x1b[B"
	keySpace = " "
	keyEnter = "\r"
)

// The wizard in a real pseudo-terminal: two channels picked with the arrow
// keys and space, follow-ups and volumes answered, one answer changed on the
// review screen, the answers saved and the SAQ printed.
func TestWizardInAPseudoTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	saved := filepath.Join(t.TempDir(), "answers.json")
	cmd, c := startInTerminal(t, []string{"NO_COLOR=1", "TERM=xterm"}, "wizard", "--save", saved, "--as-of", "2026-12-03")

	c.expect("How do you collect card data?")
	c.send(keyDown + keySpace)                                         // Stripe.js and Elements
	c.send(keyDown + keyDown + keyDown + keyDown + keyDown + keySpace) // Stripe Terminal
	c.send(keyEnter)
	c.expect("Is your payment page protected from scripts")
	c.send("y" + keyEnter)
	c.expect("Are you enrolled in Stripe Terminal's PCI-listed point-to-point encryption")
	c.send(keyEnter) // the default: no
	c.expect("Visa")
	c.send("1,200,000" + keyEnter)
	c.expect("Mastercard")
	c.send("lots" + keyEnter) // rejected at the prompt, asked again
	c.expect("not a number")
	c.send(strings.Repeat("\x7f", 4) + "800k" + keyEnter)
	c.expect("American Express")
	c.send("40000" + keyEnter)
	c.expect("Discover")
	c.send(keyEnter) // 0
	c.expect("How many of them are e-commerce")
	c.expect("Visa")
	c.send("900000" + keyEnter)
	c.expect("Mastercard")
	c.send(keyEnter)
	c.expect("Discover")
	c.send(keyEnter)
	c.expect("told you to validate as a Level 1 merchant")
	c.send(keyEnter)
	c.expect("When did you last validate")
	c.send("2026-03-31" + keyEnter)
	c.expect("Review your answers")
	c.expect("terminal.p2pe: no")
	c.send(keyDown + keyDown + keyDown + keyEnter) // channels, script_protection_confirmed, terminal.p2pe
	c.expect("Are you enrolled in Stripe Terminal's PCI-listed point-to-point encryption")
	c.send("y" + keyEnter)
	c.expect("Review your answers")
	c.expect("terminal.p2pe: yes")
	c.send(keyEnter) // confirm
	c.expect("Validation: SAQ D (covers all channels; or one per channel: SAQ A and SAQ P2PE)")
	if err := cmd.Wait(); err != nil {
		t.Fatalf("wizard: %v\n%s", err, c.plain())
	}

	if os.Getenv("SAQCHECK_SHOW_TRANSCRIPT") != "" {
		t.Log(c.plain())
	}
	raw, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "channels": ["elements", "terminal"],
  "script_protection_confirmed": true,
  "terminal": {
    "p2pe": true
  },
  "transactions": {"visa": 1200000, "mastercard": 800000, "amex": 40000, "discover": 0},
  "ecommerce_transactions": {"visa": 900000},
  "deemed_level1": false,
  "last_validated": "2026-03-31"
}
`
	if string(raw) != want {
		t.Errorf("saved:\n%s\nwant:\n%s", raw, want)
	}
	if strings.Contains(c.out.String(), "\x1b[3") {
		t.Errorf("colour despite NO_COLOR")
	}
	// The lists saqcheck writes (channels with their descriptions, review
	// items) fit 80 columns; long question texts wrap, as survey expects.
	for _, line := range strings.Split(c.plain(), "\n") {
		line = strings.TrimRight(line, "\r ")
		list := strings.HasPrefix(line, "> ") || strings.HasPrefix(line, "  [")
		if list && len([]rune(line)) > 80 {
			t.Errorf("a list line wider than 80 columns: %q", line)
		}
	}
}

// Ctrl-C exits 130 and writes nothing.
func TestWizardCtrlCInAPseudoTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	saved := filepath.Join(dir, "answers.json")
	cmd, c := startInTerminal(t, nil, "wizard", "--save", saved)
	c.expect("How do you collect card data?")
	c.send(keySpace + keyEnter)
	c.expect("Is Checkout embedded")
	c.send("\x03")
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 130 {
		t.Fatalf("exit: %v\n%s", err, c.plain())
	}
	if _, err := os.Stat(saved); !os.IsNotExist(err) {
		t.Errorf("a file was written: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 { // no temporary file left behind
		t.Errorf("left in the directory: %v", entries)
	}
	c.expect("saqcheck: interrupted: nothing was written")
}
