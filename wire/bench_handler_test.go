package wire_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/fakemessenger/fakemessenger/wire"
)

// discardWriter is a reusable http.ResponseWriter that keeps the status
// and the last body, so the handler's own cost is what a benchmark sees.
type discardWriter struct {
	h      http.Header
	status int
	body   bytes.Buffer
}

func (d *discardWriter) Header() http.Header { return d.h }
func (d *discardWriter) WriteHeader(code int) {
	if d.status == 0 {
		d.status = code
	}
}
func (d *discardWriter) Write(p []byte) (int, error) {
	if d.status == 0 {
		d.status = http.StatusOK
	}
	return d.body.Write(p)
}

// BenchmarkHandlerInvoke is the server's own work per /v1/invoke request,
// without sockets or net/http's connection handling: what the wrk figures
// add to the bare handler's cost, measurable on a busy machine with
// -benchmem and a CPU profile.
func BenchmarkHandlerInvoke(b *testing.B) {
	for _, tc := range []struct{ name, body string }{
		{"InstantMessage", `{"object":"messenger","member":"InstantMessage","args":[{"vt":"VT_BSTR","value":"bench@contoso.com"}]}`},
		{"MyStatus-get", `{"object":"messenger","member":"MyStatus","kind":"propget"}`},
	} {
		b.Run(tc.name, func(b *testing.B) {
			// as cmd/fakemessenger runs by default: warnings logged, so
			// the per-request logging wrapper is on
			core := zapcore.NewCore(zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()), zapcore.AddSync(io.Discard), zapcore.WarnLevel)
			srv, err := wire.NewServer(wire.Config{Logger: zap.New(core)})
			if err != nil {
				b.Fatal(err)
			}
			defer srv.Close()
			body := strings.NewReader(tc.body)
			req, err := http.NewRequest("POST", "http://127.0.0.1/v1/invoke", io.NopCloser(body))
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/json")
			req.ContentLength = int64(len(tc.body))
			w := &discardWriter{h: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				body.Reset(tc.body)
				// the server swaps in the body it read (and pools it), so
				// each request gets its own reader again
				req.Body = io.NopCloser(body)
				w.status = 0
				w.body.Reset()
				srv.ServeHTTP(w, req)
				if w.status != http.StatusOK || !bytes.Contains(w.body.Bytes(), []byte(`"name":"S_OK"`)) {
					b.Fatalf("%d %s", w.status, w.body.Bytes())
				}
			}
		})
	}
}
