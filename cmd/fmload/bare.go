package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"
)

// bareReply is what the baseline answers to every request: the same bytes
// as the fake's reply to a successful InstantMessage, so that both servers
// write (and the load generator reads and checks) the same amount.
const bareReply = `{"hresult":"0x00000000","name":"S_OK","message":"","result":{"vt":"VT_DISPATCH","object":"6f3b7d2a-5e1c-4b8f-9a0d-2c4e6f8a1b3d","interface":"IMessengerConversationWnd"}}` + "\n"

// bareHandler is the baseline: net/http with nothing behind it. It reads
// the request body, as any JSON server must, and answers the fixed body.
func bareHandler() http.Handler {
	body := []byte(bareReply)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, 1<<20))
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	})
}

// serveBareMain is `fmload -serve-bare`: it listens, announces itself the
// way fakemessenger does (a first stdout line ending in the URL, and the
// ready file), and serves until ctx ends.
func serveBareMain(ctx context.Context, listen, readyFile string, stdout io.Writer) error {
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return fmt.Errorf("-listen %q: %w", listen, err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-listen %q: only a loopback IP address is allowed", listen)
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String()
	if readyFile != "" {
		if err := os.WriteFile(readyFile, []byte(url+"\n"), 0o644); err != nil {
			ln.Close()
			return err
		}
		defer os.Remove(readyFile)
	}
	fmt.Fprintf(stdout, "fmload-bare listening on %s\n", url)
	srv := &http.Server{Handler: bareHandler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
