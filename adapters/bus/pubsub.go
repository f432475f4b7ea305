package bus

import (
	"path/filepath"

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
type GoChannel struct{ gc *gochannel.GoChannel }

// NewGoChannel builds the in-process bus.
func NewGoChannel(logger watermill.LoggerAdapter) *GoChannel {
	if logger != nil {
		logger = infoAsDebug{logger}
	}
	return &GoChannel{gc: gochannel.NewGoChannel(gochannel.Config{
		OutputChannelBuffer:            256,
		BlockPublishUntilSubscriberAck: true,
	}, logger)}
}

// Publisher answers the channel.
func (g *GoChannel) Publisher() message.Publisher { return g.gc }

// Subscriber answers the channel; every subscriber gets every message.
func (g *GoChannel) Subscriber(string) (message.Subscriber, error) { return g.gc, nil }

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
