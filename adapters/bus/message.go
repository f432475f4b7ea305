package bus

import (
	"fmt"
	"strconv"
	"time"

	"github.com/ThreeDotsLabs/watermill/message"

	"github.com/traceledger/traceledger/domain/event"
)

// Metadata keys of every message the forwarder publishes. They are plain
// names, not prefixed, because NATS carries them as headers and consumers in
// other languages read them there.
const (
	MetaType       = "type"
	MetaStream     = "stream"
	MetaVersion    = "version"
	MetaPosition   = "position"
	MetaOccurredAt = "occurred_at"
	MetaActorRole  = "actor_role"
	MetaActorUSCC  = "actor_uscc"
)

// TopicPrefix starts every topic; the JetStream stream TRACELEDGER takes
// every subject under it.
const TopicPrefix = "traceledger."

// Topic is the topic of an event type: its category, the type's first
// segment, e.g. "recall.started.v1" goes to "traceledger.recall". One topic
// per category keeps a consumer's subscription to what it understands
// while the versions of one kind of event stay in order on one topic.
func Topic(eventType string) string {
	cat := event.Category(eventType)
	if cat == "" {
		cat = unknownCategory
	}
	return TopicPrefix + cat
}

// unknownCategory names the topic of a type with no category.
const unknownCategory = "unknown"

// Message is the message of a committed record: the event's JSON data as
// payload, the event id as UUID (JetStream de-duplicates on it).
func Message(rec event.Record) *message.Message {
	msg := message.NewMessage(rec.ID.String(), message.Payload(rec.Data))
	msg.Metadata.Set(MetaType, rec.Type)
	msg.Metadata.Set(MetaStream, rec.Stream)
	msg.Metadata.Set(MetaVersion, strconv.FormatUint(rec.Version, 10))
	msg.Metadata.Set(MetaPosition, strconv.FormatUint(rec.Position, 10))
	msg.Metadata.Set(MetaOccurredAt, rec.Metadata.OccurredAt.UTC().Format(time.RFC3339Nano))
	if rec.Metadata.ActorRole != "" {
		msg.Metadata.Set(MetaActorRole, rec.Metadata.ActorRole)
	}
	if rec.Metadata.ActorUSCC != "" {
		msg.Metadata.Set(MetaActorUSCC, rec.Metadata.ActorUSCC)
	}
	return msg
}

// Position reads the log position a message carries.
func Position(msg *message.Message) (uint64, error) {
	p, err := strconv.ParseUint(msg.Metadata.Get(MetaPosition), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("message %s: position %q: %w", msg.UUID, msg.Metadata.Get(MetaPosition), err)
	}
	return p, nil
}
