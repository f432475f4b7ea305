// Package bus carries the committed event log onto a Watermill pub/sub, so
// consumers that do I/O (webhooks, mail, other systems) react to events
// without sitting on the command path and without reading the store.
//
// A Forwarder follows the log from its own checkpoint and publishes each
// record once per event in effect: the message UUID is the event id, the
// metadata names type, stream, version and position, and the topic is the
// event's category ("traceledger." plus the first segment of its type). The
// in-process GoChannel is the default; with NATS JetStream the messages land
// in the stream TRACELEDGER, which de-duplicates on the event id (the
// Nats-Msg-Id header) and tells a restarted forwarder where it stopped, so a
// NATS outage or a crash between a publish and a checkpoint never stores an
// event twice. Consumers run in a Watermill Router with retry, a poison
// queue and Prometheus metrics (NewRouter).
package bus
