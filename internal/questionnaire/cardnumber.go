package questionnaire

// LooksLikeCardNumber reports whether b holds a run of 13 to 19 digits,
// optionally grouped by single spaces or dashes, that passes the Luhn check:
// what a primary account number looks like. saqcheck never needs one, and
// refuses a document that carries one rather than echo it anywhere.
func LooksLikeCardNumber(b []byte) bool {
	var run [19]byte
	n := 0        // digits in the current run
	long := false // the run has more than 19 digits
	for i := 0; i <= len(b); i++ {
		if i < len(b) {
			c := b[i]
			if '0' <= c && c <= '9' {
				if n < len(run) {
					run[n] = c - '0'
				} else {
					long = true
				}
				n++
				continue
			}
			// A single separator between digits keeps the run going.
			if (c == ' ' || c == '-') && n > 0 && i+1 < len(b) && '0' <= b[i+1] && b[i+1] <= '9' {
				continue
			}
		}
		if !long && n >= 13 && luhn(run[:n]) {
			return true
		}
		n, long = 0, false
	}
	return false
}

func luhn(digits []byte) bool {
	sum := 0
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i])
		if (len(digits)-1-i)%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}
