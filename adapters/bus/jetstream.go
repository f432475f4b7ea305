package bus

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ThreeDotsLabs/watermill"
	wmnats "github.com/ThreeDotsLabs/watermill-nats/v2/pkg/nats"
	"github.com/ThreeDotsLabs/watermill/message"
	"github.com/nats-io/nats.go"
)

// StreamName is the JetStream stream that holds the log's messages.
const StreamName = "TRACELEDGER"

// poisonStream holds PoisonTopic.
const poisonStream = "TRACELEDGER_POISON"

// JetStreamOptions tune the NATS bus.
type JetStreamOptions struct {
	// Duplicates is the stream's de-duplication window (default 24h): a
	// message whose Nats-Msg-Id was stored within it is acknowledged and
	// dropped. It must outlast any republish, which the forwarder bounds by
	// what the stream holds at start (Checkpoint).
	Duplicates time.Duration
	// Logger is Watermill's logger (default: none).
	Logger watermill.LoggerAdapter
}

// JetStream is the bus on NATS JetStream: stream TRACELEDGER on subjects
// "traceledger.>", file storage, de-duplicated on the event id.
type JetStream struct {
	conn *nats.Conn
	js   nats.JetStreamContext
	pub  *wmnats.Publisher
	log  watermill.LoggerAdapter
	subs []*wmnats.Subscriber
}

// DialJetStream connects to url (reconnecting forever after a drop) and
// creates the streams if missing.
func DialJetStream(ctx context.Context, url string, o JetStreamOptions) (*JetStream, error) {
	if o.Duplicates <= 0 {
		o.Duplicates = 24 * time.Hour
	}
	if o.Logger == nil {
		o.Logger = watermill.NopLogger{}
	}
	conn, err := nats.Connect(url, nats.Name("traceledger"), nats.MaxReconnects(-1), nats.ReconnectWait(250*time.Millisecond))
	if err != nil {
		return nil, fmt.Errorf("connect nats %s: %w", url, err)
	}
	js, err := conn.JetStream(nats.Context(ctx))
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("jetstream %s: %w", url, err)
	}
	for _, sc := range []nats.StreamConfig{
		{Name: StreamName, Subjects: []string{TopicPrefix + ">"}, Storage: nats.FileStorage, Duplicates: o.Duplicates},
		{Name: poisonStream, Subjects: []string{PoisonTopic}, Storage: nats.FileStorage, Duplicates: o.Duplicates},
	} {
		if err := ensureStream(ctx, js, sc); err != nil {
			conn.Close()
			return nil, err
		}
	}
	pub, err := wmnats.NewPublisherWithNatsConn(conn, wmnats.PublisherPublishConfig{
		Marshaler:         &wmnats.NATSMarshaler{},
		SubjectCalculator: wmnats.DefaultSubjectCalculator,
		JetStream:         wmnats.JetStreamConfig{TrackMsgId: true},
	}, o.Logger)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("jetstream publisher: %w", err)
	}
	return &JetStream{conn: conn, js: js, pub: pub, log: o.Logger}, nil
}

func ensureStream(ctx context.Context, js nats.JetStreamContext, sc nats.StreamConfig) error {
	_, err := js.StreamInfo(sc.Name, nats.Context(ctx))
	if errors.Is(err, nats.ErrStreamNotFound) {
		_, err = js.AddStream(&sc, nats.Context(ctx))
	}
	if err != nil {
		return fmt.Errorf("stream %s: %w", sc.Name, err)
	}
	return nil
}

// Publisher publishes with Nats-Msg-Id = message UUID = event id.
func (j *JetStream) Publisher() message.Publisher { return j.pub }

// Subscriber is a durable push consumer per topic named after name, with
// explicit acknowledgement, in the queue group name: a consumer that
// restarts resumes after the last message it acknowledged, and the same
// consumer in two replicas shares the messages instead of doubling them.
func (j *JetStream) Subscriber(name string) (message.Subscriber, error) {
	sub, err := wmnats.NewSubscriberWithNatsConn(j.conn, wmnats.SubscriberSubscriptionConfig{
		Unmarshaler:       &wmnats.NATSMarshaler{},
		SubjectCalculator: wmnats.DefaultSubjectCalculator,
		AckWaitTimeout:    time.Minute,
		QueueGroupPrefix:  name,
		JetStream: wmnats.JetStreamConfig{
			AckAsync:          false,
			DurablePrefix:     name,
			DurableCalculator: durableName,
			SubscribeOptions:  []nats.SubOpt{nats.DeliverAll(), nats.AckExplicit()},
		},
	}, j.log)
	if err != nil {
		return nil, fmt.Errorf("jetstream subscriber %s: %w", name, err)
	}
	j.subs = append(j.subs, sub)
	return sub, nil
}

// durableName is name plus the topic, in the characters durable names allow.
func durableName(name, topic string) string {
	return strings.NewReplacer(".", "_", ">", "all", "*", "any").Replace(name + "_" + topic)
}

// Checkpoint is derived from the stream itself: the position of its last
// message. The forwarder publishes in log order and waits for each
// acknowledgement, so every position up to that one is in the stream; an
// empty or new stream starts from the beginning of the log, whatever any
// other destination had received. Nothing is saved in the data directory.
func (j *JetStream) Checkpoint(string) Checkpoint { return streamCheckpoint{j} }

// streamCheckpoint reads the forwarder's position from TRACELEDGER.
type streamCheckpoint struct{ j *JetStream }

// Load reads the position header of the last message of TRACELEDGER (0
// when the stream is empty).
func (c streamCheckpoint) Load(ctx context.Context) (uint64, error) { return c.j.LastPosition(ctx) }

// Save records nothing: the stream is the record.
func (streamCheckpoint) Save(uint64) error { return nil }

// LastPosition reads the position header of the last message of
// TRACELEDGER (0 when the stream is empty).
func (j *JetStream) LastPosition(ctx context.Context) (uint64, error) {
	info, err := j.js.StreamInfo(StreamName, nats.Context(ctx))
	if err != nil {
		return 0, fmt.Errorf("stream %s: %w: %w", StreamName, ErrUnavailable, err)
	}
	if info.State.Msgs == 0 {
		return 0, nil
	}
	m, err := j.js.GetMsg(StreamName, info.State.LastSeq, nats.Context(ctx))
	if err != nil {
		return 0, fmt.Errorf("stream %s: last message: %w: %w", StreamName, ErrUnavailable, err)
	}
	p, err := strconv.ParseUint(m.Header.Get(MetaPosition), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("stream %s: message %d has no position: %w", StreamName, info.State.LastSeq, err)
	}
	return p, nil
}

// Conn is the NATS connection (tests count the stream through it).
func (j *JetStream) Conn() *nats.Conn { return j.conn }

// Close closes the subscribers, then the connection.
func (j *JetStream) Close() error {
	var errs []error
	for _, s := range j.subs {
		errs = append(errs, s.Close())
	}
	j.conn.Close()
	return errors.Join(errs...)
}
