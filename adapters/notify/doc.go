// Package notify tells the holders of recalled goods that a recall started:
// a Watermill Router consumer of recall.started.v1 POSTs a signed JSON
// notice to each affected holder's registered webhook, retrying with
// backoff, and records each delivery as recall.holder_notified.v1 through
// the command handlers, so the recall list shows who was reached.
//
// Webhook secrets never enter the event log in clear (it is read by every
// regulator and kept forever): the registration event carries the secret
// sealed by Sealer (AES-256-GCM, a key file every replica shares), so the
// registration and its secret commit in one append; Secrets opens it.
//
// Delivery is at least once: a crash between a webhook's 2xx and the
// recorded event, or a router retry of a recall whose other holder failed,
// POSTs the same notice again. Receivers de-duplicate on the
// X-Traceledger-Delivery header (recall id and holder USCC). The log
// records each holder once (command.RecordNotification keeps the first).
package notify
