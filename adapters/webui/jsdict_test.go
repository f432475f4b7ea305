package webui_test

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// objectLiterals reads the top-level `const NAME = { key: 'text', … };`
// objects of a dictionary script: keys quoted or bare, values string
// literals (joined with +). Anything else in an object is an error, so that
// a dictionary the reader cannot follow fails the tests instead of being
// skipped.
func objectLiterals(src string) (map[string]map[string]string, error) {
	if err := validUTF8(src); err != nil {
		return nil, err
	}
	out := map[string]map[string]string{}
	starts := regexp.MustCompile(`(?m)^(?:export\s+)?const\s+(\w+)\s*=\s*\{`)
	for _, m := range starts.FindAllStringSubmatchIndex(src, -1) {
		name := src[m[2]:m[3]]
		p := &jsParser{src: src, pos: m[1]}
		obj, err := p.object()
		if errors.Is(err, errNotDictionary) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("object %s: %w", name, err)
		}
		out[name] = obj
	}
	return out, nil
}

// errNotDictionary: an object whose entries are not texts.
var errNotDictionary = errors.New("not a dictionary")

type jsParser struct {
	src string
	pos int
}

func (p *jsParser) fail(format string, args ...any) error {
	line := strings.Count(p.src[:p.pos], "\n") + 1
	return fmt.Errorf("line %d: %s", line, fmt.Sprintf(format, args...))
}

// space skips white space and comments.
func (p *jsParser) space() {
	for p.pos < len(p.src) {
		switch {
		case unicode.IsSpace(rune(p.src[p.pos])):
			p.pos++
		case strings.HasPrefix(p.src[p.pos:], "//"):
			if i := strings.IndexByte(p.src[p.pos:], '\n'); i >= 0 {
				p.pos += i + 1
			} else {
				p.pos = len(p.src)
			}
		case strings.HasPrefix(p.src[p.pos:], "/*"):
			if i := strings.Index(p.src[p.pos+2:], "*/"); i >= 0 {
				p.pos += i + 4
			} else {
				p.pos = len(p.src)
			}
		default:
			return
		}
	}
}

// object reads entries after the opening brace up to the closing one.
func (p *jsParser) object() (map[string]string, error) {
	obj := map[string]string{}
	for {
		p.space()
		if p.pos >= len(p.src) {
			return nil, p.fail("unterminated object")
		}
		if p.src[p.pos] == '}' {
			p.pos++
			return obj, nil
		}
		key, err := p.key()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.pos < len(p.src) && (p.src[p.pos] == ',' || p.src[p.pos] == '}') {
			return nil, errNotDictionary // { en, zh }: an object of objects
		}
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			return nil, p.fail("want ':' after key %q", key)
		}
		p.pos++
		val, err := p.value()
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", key, err)
		}
		if _, dup := obj[key]; dup {
			return nil, p.fail("key %q given twice", key)
		}
		obj[key] = val
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
		}
	}
}

func (p *jsParser) key() (string, error) {
	if c := p.src[p.pos]; c == '\'' || c == '"' {
		return p.str()
	}
	start := p.pos
	for p.pos < len(p.src) && (p.src[p.pos] == '_' || p.src[p.pos] == '$' || isAlnum(p.src[p.pos])) {
		p.pos++
	}
	if p.pos == start {
		return "", p.fail("want a key, found %q", p.src[p.pos:min(p.pos+20, len(p.src))])
	}
	return p.src[start:p.pos], nil
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// value reads string literals joined by +.
func (p *jsParser) value() (string, error) {
	var b strings.Builder
	for {
		p.space()
		if p.pos >= len(p.src) {
			return "", p.fail("unterminated value")
		}
		if c := p.src[p.pos]; c != '\'' && c != '"' && c != '`' {
			return "", p.fail("a value must be a string literal")
		}
		s, err := p.str()
		if err != nil {
			return "", err
		}
		b.WriteString(s)
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == '+' {
			p.pos++
			continue
		}
		return b.String(), nil
	}
}

// str reads a quoted literal; a template literal may not interpolate.
func (p *jsParser) str() (string, error) {
	q := p.src[p.pos]
	p.pos++
	var b strings.Builder
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == q:
			p.pos++
			return b.String(), nil
		case c == '\\' && p.pos+1 < len(p.src):
			e := p.src[p.pos+1]
			p.pos += 2
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'u':
				if p.pos+4 <= len(p.src) {
					if r, err := strconv.ParseUint(p.src[p.pos:p.pos+4], 16, 32); err == nil {
						b.WriteRune(rune(r))
						p.pos += 4
						continue
					}
				}
				return "", p.fail("unsupported \\u escape")
			default:
				b.WriteByte(e)
			}
		case q == '`' && c == '$' && strings.HasPrefix(p.src[p.pos:], "${"):
			return "", p.fail("a template literal in the dictionary may not interpolate")
		case c == '\n' && q != '`':
			return "", p.fail("unterminated string")
		default:
			b.WriteByte(c)
			p.pos++
		}
	}
	return "", p.fail("unterminated string")
}
