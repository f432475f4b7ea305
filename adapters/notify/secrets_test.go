package notify_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/traceledger/traceledger/adapters/notify"
)

// A sealed secret opens only with the same key and for the same enterprise;
// a second process loading the key file gets the same key.
func TestSealedSecretOpensOnlyForItsEnterprise(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "secrets.key")
	one, err := notify.LoadOrCreateSealer(path)
	if err != nil {
		t.Fatal(err)
	}
	two, err := notify.LoadOrCreateSealer(path)
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := one.Seal("91330100MA2H00000", "s3cr3t")
	if err != nil {
		t.Fatal(err)
	}
	if got, err := two.Open("91330100MA2H00000", sealed); err != nil || got != "s3cr3t" {
		t.Errorf("Open = %q, %v; want the secret", got, err)
	}
	if _, err := two.Open("91330100MA2H00001", sealed); err == nil {
		t.Error("a secret opened for another enterprise")
	}
	other, err := notify.LoadOrCreateSealer(filepath.Join(dir, "other.key"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Open("91330100MA2H00000", sealed); err == nil {
		t.Error("a secret opened with another key")
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("key file %v, %v; want mode 0600", fi, err)
	}
}
