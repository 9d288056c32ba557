package questionnaire

import (
	"unicode/utf16"
	"unicode/utf8"
)

// scanner reads RFC 8259 JSON tokens from a byte slice without allocating.
// It is strict: no comments, no trailing commas, no invalid UTF-8, no lone
// surrogates.
type scanner struct {
	data []byte
	pos  int
}

func (s *scanner) ws() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// peek returns the next byte, or 0 at the end.
func (s *scanner) peek() byte {
	if s.pos < len(s.data) {
		return s.data[s.pos]
	}
	return 0
}

// syntaxErr describes malformed JSON at a byte offset.
type syntaxErr struct {
	pos int
	msg string
}

// plainByte marks the bytes a string can hold as they are: printable ASCII
// but the quote and the backslash. The loop skips runs of them at once.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// str reads a string token starting at '"'. raw is its content between the
// quotes, still escaped when escaped is true.
func (s *scanner) str() (raw []byte, escaped bool, err *syntaxErr) {
	data := s.data
	start := s.pos + 1
	i := start
	ascii := true
	for {
		for i < len(data) && plainByte[data[i]] {
			i++
		}
		if i >= len(data) {
			return nil, false, &syntaxErr{s.pos, "unterminated string"}
		}
		switch c := data[i]; {
		case c == '"':
			raw = data[start:i]
			if !ascii && !utf8.Valid(raw) {
				return nil, false, &syntaxErr{s.pos, "invalid UTF-8 in string"}
			}
			s.pos = i + 1
			return raw, escaped, nil
		case c == '\\':
			escaped = true
			if i+1 >= len(data) {
				return nil, false, &syntaxErr{i, "unterminated string"}
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(data) || !isHex4(data[i+2:i+6]) {
					return nil, false, &syntaxErr{i, `invalid \u escape in string`}
				}
				i += 6
			default:
				return nil, false, &syntaxErr{i, "invalid escape in string"}
			}
		case c < 0x20:
			return nil, false, &syntaxErr{i, "control character in string (escape it)"}
		default: // a byte of a multi-byte UTF-8 sequence, checked at the end
			ascii = false
			i++
		}
	}
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// unescape appends the unescaped content of a string token checked by str.
// It reports false for a lone UTF-16 surrogate.
func unescape(dst, raw []byte) ([]byte, bool) {
	for i := 0; i < len(raw); {
		c := raw[i]
		if c != '\\' {
			dst = append(dst, c)
			i++
			continue
		}
		switch raw[i+1] {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r := rune(hex4(raw[i+2 : i+6]))
			i += 6
			if utf16.IsSurrogate(r) {
				if r >= 0xDC00 || i+6 > len(raw) || raw[i] != '\\' || raw[i+1] != 'u' {
					return dst, false
				}
				r2 := rune(hex4(raw[i+2 : i+6]))
				if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
					return dst, false
				}
				i += 6
			}
			dst = utf8.AppendRune(dst, r)
			continue
		default: // '"', '\\', '/'
			dst = append(dst, raw[i+1])
		}
		i += 2
	}
	return dst, true
}

func hex4(b []byte) int {
	n := 0
	for _, c := range b {
		n <<= 4
		switch {
		case c <= '9':
			n |= int(c - '0')
		case c >= 'a':
			n |= int(c-'a') + 10
		default:
			n |= int(c-'A') + 10
		}
	}
	return n
}

// numberKind is what a number token turned out to be.
type numberKind uint8

const (
	numWhole    numberKind = iota // a whole number ≥ 0 within range
	numNegative                   // below zero
	numFraction                   // not a whole number
	numTooLarge                   // above MaxCount
)

// MaxCount is the largest count an answers document may hold: the largest
// integer every JSON implementation represents exactly (I-JSON, RFC 7493).
const MaxCount = 1<<53 - 1

// number reads a number token. A whole number may be written with a
// fraction or exponent (6e6, 1.0), as JSON Schema's integer allows; its
// value is computed exactly from the digits, never through a float.
func (s *scanner) number() (n int64, kind numberKind, raw []byte, err *syntaxErr) {
	start, i := s.pos, s.pos
	neg := i < len(s.data) && s.data[i] == '-'
	if neg {
		i++
	}
	intStart := i
	switch {
	case i < len(s.data) && s.data[i] == '0':
		i++
	case i < len(s.data) && '1' <= s.data[i] && s.data[i] <= '9':
		i = s.digits(i)
	default:
		return 0, 0, nil, &syntaxErr{i, "invalid number"}
	}
	intEnd, fracStart, fracEnd := i, i, i
	if i < len(s.data) && s.data[i] == '.' {
		fracStart = i + 1
		if fracEnd = s.digits(fracStart); fracEnd == fracStart {
			return 0, 0, nil, &syntaxErr{fracStart, "invalid number: expected a digit after '.'"}
		}
		i = fracEnd
	}
	exp := 0
	if i < len(s.data) && (s.data[i] == 'e' || s.data[i] == 'E') {
		i++
		eneg := i < len(s.data) && s.data[i] == '-'
		if i < len(s.data) && (s.data[i] == '+' || s.data[i] == '-') {
			i++
		}
		end := s.digits(i)
		if end == i {
			return 0, 0, nil, &syntaxErr{i, "invalid number: expected a digit in the exponent"}
		}
		for _, c := range s.data[i:end] {
			if exp < 1e6 { // saturate: anything this large is out of range anyway
				exp = exp*10 + int(c-'0')
			}
		}
		if eneg {
			exp = -exp
		}
		i = end
	}
	s.pos = i
	raw = s.data[start:i]

	// The digits, integer part then fraction, as one virtual sequence.
	nInt, nFrac := intEnd-intStart, fracEnd-fracStart
	at := func(k int) byte {
		if k < nInt {
			return s.data[intStart+k]
		}
		return s.data[fracStart+k-nInt]
	}
	first, last := 0, nInt+nFrac
	for first < last && at(first) == '0' {
		first++
	}
	for last > first && at(last-1) == '0' {
		last--
	}
	// value = digits[first:last] × 10^e10, with no trailing zero left.
	e10 := exp - nFrac + (nInt + nFrac - last)
	switch {
	case first == last:
		return 0, numWhole, raw, nil
	case neg:
		return 0, numNegative, raw, nil
	case e10 < 0:
		return 0, numFraction, raw, nil
	case last-first+e10 > maxCountDigits:
		return 0, numTooLarge, raw, nil
	}
	for k := first; k < last; k++ {
		n = n*10 + int64(at(k)-'0')
	}
	for ; e10 > 0; e10-- {
		n *= 10
	}
	if n > MaxCount {
		return 0, numTooLarge, raw, nil
	}
	return n, numWhole, raw, nil
}

// maxCountDigits is how many digits MaxCount has.
const maxCountDigits = 16

func (s *scanner) digits(i int) int {
	for i < len(s.data) && '0' <= s.data[i] && s.data[i] <= '9' {
		i++
	}
	return i
}

// literal reads true, false or null.
func (s *scanner) literal() (string, *syntaxErr) {
	for _, lit := range [...]string{"true", "false", "null"} {
		if len(s.data)-s.pos >= len(lit) && string(s.data[s.pos:s.pos+len(lit)]) == lit {
			s.pos += len(lit)
			return lit, nil
		}
	}
	return "", &syntaxErr{s.pos, "invalid literal: expected true, false or null"}
}

// describe says what kind of value starts at the current position, for
// "expected X, got Y" messages.
func (s *scanner) describe() string {
	switch c := s.peek(); {
	case c == '"':
		return "a string"
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == 't' || c == 'f' || c == 'n':
		save := s.pos
		lit, err := s.literal()
		s.pos = save
		switch {
		case err != nil:
			return "invalid JSON"
		case lit == "null":
			return "null"
		}
		return "a boolean"
	case c == '-' || '0' <= c && c <= '9':
		return "a number"
	case c == 0:
		return "the end of the input"
	}
	return "invalid JSON"
}
