package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"folio/internal/urlrecord"
)

// writeRecord writes the site's record of published URLs (folio build --record) once the
// output it describes is complete, just before it is put in place: a build with errors
// records nothing. An unchanged record is not written, so that its file keeps its time.
func writeRecord(src string, r *urlrecord.Record) error {
	file := filepath.Join(src, filepath.FromSlash(urlrecord.File))
	data := r.Bytes()
	if old, err := os.ReadFile(file); err == nil && bytes.Equal(old, data) {
		return nil
	}
	// Written beside and renamed over, so that a build cut short never leaves half a
	// record: the next build would refuse it, or forget URLs.
	tmp, err := os.CreateTemp(filepath.Dir(file), ".urls.yaml.tmp-*")
	if err == nil {
		_, err = tmp.Write(data)
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(tmp.Name(), 0o644)
		}
		if err == nil {
			err = os.Rename(tmp.Name(), file)
		}
		if err != nil {
			os.Remove(tmp.Name())
		}
	}
	if err != nil {
		return fmt.Errorf("%s: recording the published URLs: %w", urlrecord.File, err)
	}
	return nil
}
