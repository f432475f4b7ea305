// Package subscription delivers EPCIS query subscriptions to their
// webhooks (the binding's dest): one follower per active subscription
// reads, in log order, every event that matches the subscription's named
// query and that its subscriber may see (app/query.EPCISQueries.Follow),
// and POSTs each as an EPCISQueryDocument, signed with the subscriber's
// signature token, retried with backoff until the receiver answers 2xx.
//
// Each subscription has its own checkpoint (the log position it has
// delivered through), a file in the deliverer's directory written by
// rename after every 2xx, so a restart resumes after the last delivered
// event. Delivery is at least once: a crash between a receiver's 2xx and
// the checkpoint's rename delivers that one event again, with the same
// DeliveryHeader (the subscription's id and the ledger event's id), which
// the receiver de-duplicates to an exactly-once effect.
package subscription
