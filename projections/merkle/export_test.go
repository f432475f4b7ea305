package merkle

// SetSpillBytes lowers the spill bound so a test reaches it with few leaves.
func SetSpillBytes(n int) (restore func()) {
	old := spillBytes
	spillBytes = n
	return func() { spillBytes = old }
}
