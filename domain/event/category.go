package event

import (
	"context"
	"strings"
)

// Category is the kind of event a type belongs to: its first segment,
// "recall" of "recall.started.v1". The versions of one kind share it.
func Category(eventType string) string {
	c, _, _ := strings.Cut(eventType, ".")
	return c
}

// CategoryReader is a Store that reads the records of some categories
// alone, without handing over the others: a reader that wants a few kinds of
// event out of a long log (the in-process bus, whose only consumer takes
// recalls) goes through it at the speed of a scan instead of decoding every
// record. An adapter that can answers it; callers fall back to ReadAll.
//
// ReadCategories returns at most limit (> 0) records with position > after
// whose type's Category is one of categories, in position order, and through:
// how far the log was looked at (every record in (after, through] that is not
// returned is of another category). An adapter may look at part of what is
// there; through equal to after means the head was reached and nothing lies
// past it, so a caller reads from through until then and misses nothing. No
// categories is no records.
type CategoryReader interface {
	ReadCategories(ctx context.Context, after uint64, categories []string, limit int) (recs []Record, through uint64, err error)
}
