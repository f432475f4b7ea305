package bus

import (
	"context"

	"github.com/ThreeDotsLabs/watermill"
	"github.com/ThreeDotsLabs/watermill/message"
	"github.com/ThreeDotsLabs/watermill/pubsub/gochannel"
)

// PoisonTopic takes the messages a consumer still failed after its retries.
// It is outside TopicPrefix so the poison queue never mixes with the log's
// own messages (in JetStream: a stream of its own, TRACELEDGER_POISON).
const PoisonTopic = "traceledger-poison"

// PubSub is one bus: the forwarder publishes on Publisher; each consumer
// subscribes under its own name (a durable consumer in JetStream, so it
// resumes where it acknowledged; ignored in-process).
type PubSub interface {
	Publisher() message.Publisher
	Subscriber(name string) (message.Subscriber, error)
	// LastPosition is the position of the last event the bus holds (0 when
	// it keeps nothing across restarts): ForwarderOptions.Resume.
	LastPosition(ctx context.Context) (uint64, error)
	Close() error
}

// GoChannel is the in-process bus: nothing leaves the process and nothing
// survives it, which suits one server on one machine. Publish waits until
// every subscriber acknowledged, so the forwarder's checkpoint never runs
// ahead of what the consumers handled.
type GoChannel struct{ gc *gochannel.GoChannel }

// NewGoChannel builds the in-process bus.
func NewGoChannel(logger watermill.LoggerAdapter) *GoChannel {
	return &GoChannel{gc: gochannel.NewGoChannel(gochannel.Config{
		OutputChannelBuffer:            256,
		BlockPublishUntilSubscriberAck: true,
	}, logger)}
}

// Publisher answers the channel.
func (g *GoChannel) Publisher() message.Publisher { return g.gc }

// Subscriber answers the channel; every subscriber gets every message.
func (g *GoChannel) Subscriber(string) (message.Subscriber, error) { return g.gc, nil }

// LastPosition is 0: an in-process channel keeps nothing.
func (g *GoChannel) LastPosition(context.Context) (uint64, error) { return 0, nil }

// Close closes the channel.
func (g *GoChannel) Close() error { return g.gc.Close() }
