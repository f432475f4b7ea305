package httpapi

import "strconv"

// Every list and history in the API pages the same way: ?after=<cursor>
// and ?limit=N ask for a page, and the answer's next is the cursor of the
// following page, an opaque string passed back verbatim as ?after=, or null
// on the last page. A cursor the list did not give is a 400 on field after.
// Some lists keep a log position or an offset as their cursor; cursorOf
// and cursorAt give those as the decimal string the list parses back.

// badCursor is the message of the 400 for an ?after= a list did not give.
const badCursor = "is not a cursor this list gave: pass the previous page's next"

// cursorOf is the cursor of a position or offset, nil for nil (the last
// page).
func cursorOf(n *uint64) *string {
	if n == nil {
		return nil
	}
	return cursorAt(*n)
}

// cursorAt is the cursor of a position where 0 means there is no next
// page.
func cursorAt(n uint64) *string {
	if n == 0 {
		return nil
	}
	s := strconv.FormatUint(n, 10)
	return &s
}
