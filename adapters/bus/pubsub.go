package bus

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/ThreeDotsLabs/watermill"
	"github.com/ThreeDotsLabs/watermill/message"
	"github.com/ThreeDotsLabs/watermill/pubsub/gochannel"
)

// PoisonTopic takes the messages a consumer still failed after its retries.
// It is outside TopicPrefix so the poison queue never mixes with the log's
// own messages (in JetStream: a stream of its own, TRACELEDGER_POISON).
const PoisonTopic = "traceledger-poison"

// Selective is a bus that delivers only some categories of event: the
// forwarder into it reads and publishes those alone. A bus that keeps what
// it is sent for consumers yet to come (JetStream) is not selective.
type Selective interface {
	// Categories are the event categories (event.Category) whose
	// messages reach a consumer now; the others would be dropped.
	Categories() []string
}

// PubSub is one bus: the forwarder publishes on Publisher; each consumer
// subscribes under its own name (a durable consumer in JetStream, so it
// resumes where it acknowledged; ignored in-process).
type PubSub interface {
	Publisher() message.Publisher
	Subscriber(name string) (message.Subscriber, error)
	// Checkpoint is where a forwarder into this bus records how far it
	// got. It belongs to the destination: a bus that keeps messages answers
	// from what it holds, so a new or emptied destination gets the whole
	// log; a bus that keeps nothing keeps a file of its own in dataDir.
	Checkpoint(dataDir string) Checkpoint
	Close() error
}

// GoChannel is the in-process bus: nothing leaves the process and nothing
// survives it, which suits one server on one machine. Publish waits until
// every subscriber acknowledged, so the forwarder's checkpoint never runs
// ahead of what the consumers handled.
type GoChannel struct {
	gc *gochannel.GoChannel
	// topics are those some consumer subscribed to.
	mu     sync.Mutex
	topics map[string]bool
}

// NewGoChannel builds the in-process bus.
func NewGoChannel(logger watermill.LoggerAdapter) *GoChannel {
	if logger != nil {
		logger = infoAsDebug{logger}
	}
	return &GoChannel{gc: gochannel.NewGoChannel(gochannel.Config{
		OutputChannelBuffer:            256,
		BlockPublishUntilSubscriberAck: true,
	}, logger), topics: map[string]bool{}}
}

// Publisher answers the channel.
func (g *GoChannel) Publisher() message.Publisher { return g.gc }

// Subscriber answers the channel; every subscriber gets every message of
// its topics.
func (g *GoChannel) Subscriber(string) (message.Subscriber, error) { return noted{g}, nil }

// noted subscribes to the channel and notes the topic.
type noted struct{ g *GoChannel }

func (n noted) Subscribe(ctx context.Context, topic string) (<-chan *message.Message, error) {
	n.g.mu.Lock()
	n.g.topics[topic] = true
	n.g.mu.Unlock()
	return n.g.gc.Subscribe(ctx, topic)
}

func (n noted) Close() error { return n.g.gc.Close() }

// Categories answers Selective: the channel keeps nothing, so a message
// of a topic nobody subscribed to is dropped as it is published.
func (g *GoChannel) Categories() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	cats := []string{}
	for t := range g.topics {
		cat, ok := strings.CutPrefix(t, TopicPrefix)
		if !ok {
			continue
		}
		cats = append(cats, cat)
		if cat == unknownCategory {
			// Topic sends a type with no category there too.
			cats = append(cats, "")
		}
	}
	slices.Sort(cats)
	return cats
}

// InProcessCheckpointFile is the in-process bus's checkpoint in the data
// directory. No other destination shares it.
const InProcessCheckpointFile = "bus-inprocess.checkpoint"

// Checkpoint is a file of the in-process bus's own: its consumers live in
// this process, so after a restart they resume where the last run's
// consumers had acknowledged.
func (g *GoChannel) Checkpoint(dataDir string) Checkpoint {
	return NewFileCheckpoint(filepath.Join(dataDir, InProcessCheckpointFile))
}

// Close closes the channel.
func (g *GoChannel) Close() error { return g.gc.Close() }

// infoAsDebug demotes the channel's Info lines to Debug: it writes one for
// every message published on a topic nobody subscribes to, which is most
// events of the log, at every start and for every new event.
type infoAsDebug struct{ watermill.LoggerAdapter }

func (l infoAsDebug) Info(msg string, fields watermill.LogFields) { l.Debug(msg, fields) }

func (l infoAsDebug) With(fields watermill.LogFields) watermill.LoggerAdapter {
	return infoAsDebug{l.LoggerAdapter.With(fields)}
}
