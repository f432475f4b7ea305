package ident

import (
	"net/netip"
	"strconv"
	"strings"
)

// uriChars are the characters allowed anywhere in a Digital Link URI (RFC
// 3986 unreserved, reserved and "%"). Anything else, including non-ASCII, is
// refused before parsing so that no lenient decoder sees it.
var uriChars = charTable("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%")

// unescapeDL reverses percent-encoding of a path segment or query value.
// Like the GS1 reference engine it leaves a "%" that does not start a valid
// escape as a literal "%", and in a query value reads "+" as a space (which
// no AI accepts). A decoded NUL is refused.
func unescapeDL(s string, query bool) (string, bool) {
	if !strings.ContainsAny(s, "%+") {
		return s, true
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			v, _ := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if v == 0 {
				return "", false
			}
			b.WriteByte(byte(v))
			i += 2
		case c == '+' && query:
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

// escapeDL percent-encodes everything but RFC 3986 unreserved characters, as
// GS1 Digital Link generators do ("ABC+123" -> "ABC%2B123").
func escapeDL(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// splitScheme accepts http:// or https:// in all lower or all upper case
// (the reference engine refuses "HtTp") and returns the lower-case scheme
// and the rest.
func splitScheme(uri string) (scheme, rest string, ok bool) {
	for _, s := range []string{"https://", "http://"} {
		if strings.HasPrefix(uri, s) || strings.HasPrefix(uri, strings.ToUpper(s)) {
			return s[:len(s)-3], uri[len(s):], true
		}
	}
	return "", "", false
}

// checkAuthority validates host[:port]: a registered name (LDH labels, an
// optional final dot), an IPv4 address in any of the forms resolvers accept
// (dotted decimal, octal, hex, or a single 32-bit number), or a bracketed
// IPv6 literal without a zone. User info is refused.
func checkAuthority(a string) string {
	if a == "" {
		return "has no host"
	}
	if strings.ContainsAny(a, "_~?#@!$&'()*+,;=%") {
		return "host contains a character not allowed in a domain name"
	}
	host, port := a, ""
	if strings.HasPrefix(a, "[") {
		end := strings.IndexByte(a, ']')
		if end < 0 {
			return "has an unclosed IPv6 literal"
		}
		ip, err := netip.ParseAddr(a[1:end])
		if err != nil || !ip.Is6() || ip.Zone() != "" {
			return "has an invalid IPv6 literal"
		}
		host, port = "", a[end+1:]
		if port != "" && port[0] != ':' {
			return "has junk after the IPv6 literal"
		}
	} else if i := strings.IndexByte(a, ':'); i >= 0 {
		host, port = a[:i], a[i:]
	}
	if port != "" {
		n, err := strconv.Atoi(port[1:])
		if !isDigits(port[1:]) || err != nil || n > 65535 {
			return "has an invalid port"
		}
	}
	if host == "" {
		if strings.HasPrefix(a, "[") {
			return ""
		}
		return "has no host"
	}
	return checkHostName(host)
}

func checkHostName(host string) string {
	if strings.ContainsAny(host, "[]:") {
		return "host is malformed"
	}
	name := strings.TrimSuffix(host, ".")
	if len(name) == 0 || len(name) > 253 {
		return "host name has a bad length"
	}
	labels := strings.Split(name, ".")
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return "host name has an empty or malformed label"
		}
	}
	if last := labels[len(labels)-1]; isDigits(last) || strings.HasPrefix(strings.ToLower(last), "0x") {
		if !validIPv4Number(labels) {
			return "host is not a valid IPv4 address"
		}
	}
	return ""
}

// validIPv4Number accepts 1-4 parts, each decimal, octal (leading 0) or hex
// (0x), all but the last below 256 and the last filling the remaining bytes,
// as WHATWG URL parsing and inet_aton do: "3232235777" and "0300.0250.01.01"
// are both 192.168.1.1.
func validIPv4Number(parts []string) bool {
	if len(parts) > 4 {
		return false
	}
	for i, p := range parts {
		base := 10
		switch {
		case len(p) > 2 && (p[:2] == "0x" || p[:2] == "0X"):
			base, p = 16, p[2:]
		case len(p) > 1 && p[0] == '0':
			base, p = 8, p[1:]
		}
		n, err := strconv.ParseUint(p, base, 64)
		if err != nil {
			return false
		}
		limit := uint64(255)
		if i == len(parts)-1 {
			limit = 1<<(8*(5-len(parts))) - 1
		}
		if n > limit {
			return false
		}
	}
	return true
}
